package com.partnercx.config;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import java.util.Set;

/**
 * When a feed is expected to deliver: on which weekdays (the landing folder's date), by what local
 * time of that day, and from which date on.
 *
 * @param days the weekdays a delivery is expected
 * @param deadline local time (in the feed's time zone) by which the day's file must have arrived
 * @param from the first date a delivery is expected; null means from the feed's first delivery on
 *     record, so a feed is not missed before it was ever set up
 */
public record DeliverySchedule(Set<DayOfWeek> days, LocalTime deadline, LocalDate from) {
  /** The deadline of a schedule that names none. */
  public static final LocalTime DEFAULT_DEADLINE = LocalTime.of(6, 0);

  public DeliverySchedule {
    days = Set.copyOf(days);
  }

  public Optional<LocalDate> explicitFrom() {
    return Optional.ofNullable(from);
  }
}
