package com.partnercx.quality;

/** Column names of {@code ops/dq_results}: one row per feed and delivery date. */
public final class DqColumns {
  private DqColumns() {}

  public static final String FEED_ID = "feed_id";

  /** The landing date folder the results are for. */
  public static final String DELIVERY_DATE = "delivery_date";

  /** The canonical entity the feed maps to. */
  public static final String ENTITY = "entity";

  /** Whether the feed's schedule expects a delivery on this date. */
  public static final String EXPECTED = "expected";

  /** What became of the expected delivery: one of {@link DeliveryStatus}, lower case. */
  public static final String DELIVERY = "delivery";

  /** When the delivery was due (UTC): the schedule's deadline, in the feed's zone. */
  public static final String DUE_AT = "due_at";

  public static final String FILES_INGESTED = "files_ingested";
  public static final String FILES_REJECTED = "files_rejected";
  public static final String FILES_DUPLICATE = "files_duplicate";

  /** Rows in the files ingested: bronze plus malformed. */
  public static final String ROWS_DELIVERED = "rows_delivered";

  public static final String ROWS_BRONZE = "rows_bronze";

  /** Rows set aside in ops/quarantine, by any rule. */
  public static final String ROWS_QUARANTINED = "rows_quarantined";

  /** Rows of this delivery that silver holds now (a later correction moves a row on). */
  public static final String ROWS_SILVER = "rows_silver";

  /** Quarantined rows by rule name. */
  public static final String QUARANTINED_BY_RULE = "quarantined_by_rule";

  /** rows_quarantined / rows_delivered, 0 when nothing was delivered. */
  public static final String REJECT_RATE = "reject_rate";

  /** The feed's quality.max_reject_rate when the row was written. */
  public static final String MAX_REJECT_RATE = "max_reject_rate";

  /** The feed's quality.min_rejected_rows when the row was written. */
  public static final String MIN_REJECTED_ROWS = "min_rejected_rows";

  /** pass or fail. */
  public static final String GATE = "gate";

  /** Why each rejected file was rejected, one per line. */
  public static final String FILE_ERRORS = "file_errors";

  public static final String RUN_ID = "run_id";
  public static final String CHECKED_AT = "checked_at";

  public static final String GATE_PASS = "pass";
  public static final String GATE_FAIL = "fail";
}
