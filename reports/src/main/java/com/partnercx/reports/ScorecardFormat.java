package com.partnercx.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
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

  /** Marks a change that is significant at 95%. */
  public static final String SIGNIFICANT = "*";

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

  /**
   * A change between periods, signed, in the metric's unit (percentage points for shares), with
   * {@link #SIGNIFICANT} appended when the change is significant at 95%.
   */
  public static String change(MetricUnit unit, Double change, Boolean significant) {
    if (change == null) {
      return NONE;
    }
    String magnitude = amount(unit, change);
    String sign = magnitude.matches("[0.]+( .*)?") ? "±" : change > 0 ? "+" : "−";
    return sign + magnitude + (Boolean.TRUE.equals(significant) ? " " + SIGNIFICANT : "");
  }

  /** The size of a difference in the metric's unit, unsigned: "2.1 pp", "3.5 min", "4.0". */
  public static String amount(MetricUnit unit, double difference) {
    double size = Math.abs(difference);
    return switch (unit) {
      case PERCENT -> decimal("0.0").format(size * 100) + " pp";
      case MINUTES -> decimal("0.0").format(size) + " min";
      case POINTS -> decimal("0.0").format(size);
      case PER_THOUSAND, MEAN -> decimal("0.00").format(size);
    };
  }

  /**
   * A value a metric must reach, rounded to its printed precision towards the better side (up where
   * higher is better), so the printed figure is enough.
   */
  public static String valueToReach(MetricUnit unit, double value, boolean higherIsBetter) {
    RoundingMode mode = higherIsBetter ? RoundingMode.CEILING : RoundingMode.FLOOR;
    // Nine decimals first, so 0.7 x 100 = 70.00000000000001 is not printed as 70.1%.
    BigDecimal shown =
        BigDecimal.valueOf(unit == MetricUnit.PERCENT ? value * 100 : value)
            .setScale(9, RoundingMode.HALF_UP);
    return switch (unit) {
      case PERCENT -> decimal("0.0", mode).format(shown) + "%";
      case MINUTES -> decimal("0.0", mode).format(shown) + " min";
      case POINTS -> decimal("0.0", mode).format(shown);
      case PER_THOUSAND, MEAN -> decimal("0.00", mode).format(shown);
    };
  }

  /** A composite's change against the previous period, e.g. "+3.2 vs 2026-Q2 (61.0)". */
  public static String compositeChange(Double composite, Double previous, String previousPeriod) {
    if (previous == null) {
      return "no composite for " + previousPeriod;
    }
    if (composite == null) {
      return score(previous) + " in " + previousPeriod;
    }
    return change(MetricUnit.POINTS, composite - previous, null)
        + " vs "
        + previousPeriod
        + " ("
        + score(previous)
        + ")";
  }

  /**
   * The tier against the previous period's: "up from SILVER (2026-Q2)", "down from GOLD (2026-Q2)",
   * "same as 2026-Q2", or "no tier for 2026-Q2".
   */
  public static String tierChange(String previousTier, Integer step, String previousPeriod) {
    if (previousTier == null) {
      return "no tier for " + previousPeriod;
    }
    if (step == null) {
      return tierLabel(previousTier) + " in " + previousPeriod;
    }
    if (step == 0) {
      return "same as " + previousPeriod;
    }
    return (step > 0 ? "up from " : "down from ")
        + tierLabel(previousTier)
        + " ("
        + previousPeriod
        + ")";
  }

  /** The payout against the previous period's: "2026-Q2: 816.00 EUR (−306.00)". */
  public static String payoutChange(
      BigDecimal payout, BigDecimal previous, String currency, String previousPeriod) {
    if (previous == null) {
      return "no payout for " + previousPeriod;
    }
    String was = previousPeriod + ": " + money(previous, currency);
    if (payout == null) {
      return was;
    }
    int sign = payout.compareTo(previous);
    return was
        + (sign == 0
            ? " (unchanged)"
            : " (" + (sign > 0 ? "+" : "\u2212") + money(payout.subtract(previous).abs()) + ")");
  }

  /** An ordinal percentile, e.g. "83rd percentile". */
  public static String percentile(double rank) {
    long p = Math.round(rank);
    String suffix =
        (p % 100 >= 11 && p % 100 <= 13)
            ? "th"
            : switch ((int) (p % 10)) {
              case 1 -> "st";
              case 2 -> "nd";
              case 3 -> "rd";
              default -> "th";
            };
    return p + suffix + " percentile";
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

  /** An amount without its currency, for tables that name the currency in a column. */
  public static String money(BigDecimal amount) {
    return amount == null ? NONE : decimal("#,##0.00").format(amount);
  }

  /** "1 program", "3 programs". */
  public static String plural(long n, String noun) {
    return count(n) + " " + noun + (n == 1 ? "" : "s");
  }

  /** A chart title's span, "LAST 4 PERIODS" or "THIS PERIOD". */
  static String lastPeriods(int n) {
    return n == 1 ? "THIS PERIOD" : "LAST " + n + " PERIODS";
  }

  public static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  public static String tierLabel(String tier) {
    return tier.replace('_', ' ').toUpperCase(Locale.ROOT);
  }

  private static DecimalFormat decimal(String pattern) {
    return decimal(pattern, RoundingMode.HALF_UP);
  }

  private static DecimalFormat decimal(String pattern, RoundingMode mode) {
    DecimalFormat format =
        new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
    format.setRoundingMode(mode);
    return format;
  }
}
