package com.partnercx.schema;

/** Column names of {@code silver/handoff}. */
public final class HandoffColumns {
  private HandoffColumns() {}

  /** The id of the hand-off. */
  public static final String HANDOFF_ID = "handoff_id";

  /** The service event it is for, when known. */
  public static final String EVENT_ID = "event_id";

  /** When the brand sent the customer information (UTC). */
  public static final String SENT_AT = "sent_at";

  /** When the partner acknowledged it (UTC). */
  public static final String ACKNOWLEDGED_AT = "acknowledged_at";

  /** Whether the partner applied it. */
  public static final String APPLIED = "applied";
}
