package com.partnercx.schema;

import com.partnercx.errors.PcxErrors;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scoring period: a calendar month (2026-09) or quarter (2026-Q3), in UTC days.
 *
 * @param label how the period is written everywhere (2026-Q3, 2026-09)
 * @param start first day
 * @param end first day after the period
 */
public record Period(String label, LocalDate start, LocalDate end) {
  private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
  private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");

  public static Period parse(String text) {
    Matcher q = QUARTER.matcher(text);
    if (q.matches()) {
      return quarter(Integer.parseInt(q.group(1)), Integer.parseInt(q.group(2)));
    }
    Matcher m = MONTH.matcher(text);
    if (m.matches()) {
      return month(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }
    throw PcxErrors.badPeriod(text);
  }

  public static Period quarter(int year, int quarter) {
    LocalDate start = LocalDate.of(year, 3 * (quarter - 1) + 1, 1);
    return new Period(year + "-Q" + quarter, start, start.plusMonths(3));
  }

  public static Period month(YearMonth month) {
    return new Period(month.toString(), month.atDay(1), month.plusMonths(1).atDay(1));
  }

  /** The quarter containing a day. */
  public static Period quarterOf(LocalDate day) {
    return quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
  }

  public boolean isQuarter() {
    return label.contains("Q");
  }

  public long months() {
    return ChronoUnit.MONTHS.between(start, end);
  }

  /** The period of the same kind just before this one. */
  public Period previous() {
    return isQuarter()
        ? quarterOf(start.minusMonths(3))
        : month(YearMonth.from(start.minusMonths(1)));
  }

  public boolean contains(LocalDate day) {
    return !day.isBefore(start) && day.isBefore(end);
  }
}
