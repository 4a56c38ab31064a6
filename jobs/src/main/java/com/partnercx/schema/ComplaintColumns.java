package com.partnercx.schema;

/** Column names of {@code silver/complaint}. */
public final class ComplaintColumns {
  private ComplaintColumns() {}

  /** The id of the complaint or support case. */
  public static final String COMPLAINT_ID = "complaint_id";

  /** The service event complained about, when known. */
  public static final String EVENT_ID = "event_id";

  /** When the complaint was opened (UTC). */
  public static final String OPENED_AT = "opened_at";

  /** When the partner first answered (UTC). */
  public static final String FIRST_RESPONSE_AT = "first_response_at";

  /** When it was resolved (UTC); null while open. */
  public static final String RESOLVED_AT = "resolved_at";

  /** What it was about, in the partner's categories. */
  public static final String CATEGORY = "category";

  /** How serious it was. */
  public static final String SEVERITY = "severity";

  /** How many contacts it took. */
  public static final String CONTACTS = "contacts";
}
