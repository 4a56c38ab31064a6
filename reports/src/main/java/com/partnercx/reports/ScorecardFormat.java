package com.partnercx.reports;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How numbers print on the PDFs: one fixed locale and rounding, so a figure reads the same on every
 * machine and a test can find the warehouse value in the extracted text.
 */
public final class ScorecardFormat {
  /** Printed where a metric has too little data to count. */
  public static final String INSUFFICIENT = "insufficient data";

  /** Printed where a value does not exist. */
  public static final String NONE = "\u2013";

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private ScorecardFormat() {}

  public static String value(MetricUnit unit, Double value) {
    if (value == null) {
      return NONE;
    }
    return switch (unit) {
      case PERCENT -> decimal("0.0").format(value * 100) + "%";
      case MINUTES -> decimal("0.0").format(value) + " min";
      case POINTS -> decimal("0.0").format(value);
      case PER_THOUSAND -> decimal("0.00").format(value);
      case MEAN -> decimal("0.00").format(value);
    };
  }

  public static String interval(MetricUnit unit, Double low, Double high) {
    if (low == null || high == null) {
      return NONE;
    }
    return value(unit, low) + " \u2013 " + value(unit, high);
  }

  public static String score(Double score) {
    return score == null ? NONE : decimal("0.0").format(score);
  }

  public static String count(long n) {
    return decimal("#,##0").format(n);
  }

  public static String money(BigDecimal amount, String currency) {
    return amount == null ? NONE : decimal("#,##0.00").format(amount) + " " + currency;
  }

  public static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  public static String tierLabel(String tier) {
    return tier.replace('_', ' ').toUpperCase(Locale.ROOT);
  }

  private static DecimalFormat decimal(String pattern) {
    DecimalFormat format =
        new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
    format.setRoundingMode(java.math.RoundingMode.HALF_UP);
    return format;
  }
}
