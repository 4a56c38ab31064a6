package com.partnercx.config;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Set;

/**
 * When a feed is expected to deliver: on which weekdays, and by what local time on the day after
 * the data's day.
 *
 * @param days the weekdays a delivery is expected
 * @param deadline local time (in the feed's time zone) by which the file must have arrived
 */
public record DeliverySchedule(Set<DayOfWeek> days, LocalTime deadline) {
  public DeliverySchedule {
    days = Set.copyOf(days);
  }
}
