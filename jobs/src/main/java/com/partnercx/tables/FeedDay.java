package com.partnercx.tables;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

/**
 * A feed and one of its delivery dates: the grain of the ops tables' per-delivery figures.
 *
 * @param feedId the feed
 * @param day the landing date folder
 */
public record FeedDay(String feedId, LocalDate day) {

  /** The dates as SQL dates, for {@code isin} filters. */
  static Object[] dates(List<LocalDate> days) {
    return days.stream().map(Date::valueOf).toArray();
  }
}
