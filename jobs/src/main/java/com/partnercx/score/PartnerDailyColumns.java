package com.partnercx.score;

/** Column names of {@code gold/partner_daily}: additive KPI inputs per partner and UTC day. */
public final class PartnerDailyColumns {
  private PartnerDailyColumns() {}

  /** The partner. */
  public static final String PARTNER_ID = "partner_id";

  /** The program the partner belonged to on that day (partners.csv validity). */
  public static final String PROGRAM_ID = "program_id";

  /** The UTC day of the events' own timestamps. */
  public static final String DAY = "day";

  /** Events with a known status (completed + cancelled + failed). */
  public static final String EVENTS = "events";

  /** Completed events. */
  public static final String COMPLETED = "completed";

  /** Cancelled events. */
  public static final String CANCELLED = "cancelled";

  /**
   * Completed events with promised_at and fulfilled_at: the n of on_time_rate and avg_delay_min.
   */
  public static final String TIMED = "timed";

  /** Of those, fulfilled within promised_at + the program's grace. */
  public static final String ON_TIME = "on_time";

  /** Sum over timed events of max(0, fulfilled_at - promised_at) in minutes. */
  public static final String DELAY_MINUTES = "delay_minutes";
}
