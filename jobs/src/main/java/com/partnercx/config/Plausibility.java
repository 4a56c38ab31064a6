package com.partnercx.config;

import java.time.LocalDate;

/**
 * The values a feed's rows may plausibly hold; a row outside is quarantined (rules
 * implausible_timestamp, implausible_number) rather than reaching silver and gold. From the feed's
 * optional {@code plausible} section.
 *
 * @param earliest the earliest date a timestamp may fall on
 * @param daysAhead how many days after the delivery date a timestamp may fall (a promise or a
 *     booking in the future)
 * @param maxAbsNumber the largest magnitude a number may have; NaN and infinities never pass
 */
public record Plausibility(LocalDate earliest, int daysAhead, double maxAbsNumber) {
  /** 2000-01-01, one year ahead, one trillion. */
  public static final Plausibility DEFAULT = new Plausibility(LocalDate.of(2000, 1, 1), 366, 1e12);
}
