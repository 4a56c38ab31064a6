package com.partnercx.tables;

import java.util.Locale;

/**
 * What became of a feed's delivery for one date, judged against its schedule. Only {@link #ON_TIME}
 * counts as on time for the feed_timeliness KPI; {@link #PENDING} and {@link #NOT_EXPECTED} do not
 * count at all.
 */
public enum DeliveryStatus {
  /** A readable file was there the first time the date was checked after it was expected. */
  ON_TIME,
  /** A readable file arrived after a check had already found the delivery missing. */
  LATE,
  /** Expected, past its deadline, and no file arrived. */
  MISSING,
  /** Expected, past its deadline, and every file that arrived was rejected. */
  REJECTED,
  /** Expected, but its deadline has not passed yet. */
  PENDING,
  /** The schedule expects nothing on this date (a file that arrives anyway is still ingested). */
  NOT_EXPECTED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DeliveryStatus of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }

  /** Whether the delivery counts towards the expected extracts of feed_timeliness. */
  public boolean counted() {
    return this != PENDING && this != NOT_EXPECTED;
  }
}
