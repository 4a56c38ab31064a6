package com.partnercx.schema;

/** Column names of {@code silver/service_event}. */
public final class ServiceEventColumns {
  private ServiceEventColumns() {}

  /** The partner's own id of the order, job or visit. */
  public static final String EVENT_ID = "event_id";

  /** Salted SHA-256 of the customer identifier; never the raw value. */
  public static final String CUSTOMER_KEY = "customer_key";

  /** The partner's store, depot or branch. */
  public static final String LOCATION_ID = "location_id";

  /** How the customer ordered: app, web, phone, in person. */
  public static final String CHANNEL = "channel";

  /** When the customer placed the order or booked the job (UTC). */
  public static final String CREATED_AT = "created_at";

  /** When the partner promised to deliver or arrive (UTC). */
  public static final String PROMISED_AT = "promised_at";

  /** When the partner actually delivered or completed (UTC). */
  public static final String FULFILLED_AT = "fulfilled_at";

  /** completed, cancelled or failed once final; open while the event is still under way. */
  public static final String STATUS = "status";

  /** Whether the job was fixed on the first visit. */
  public static final String FIRST_TIME_FIX = "first_time_fix";

  /** Whether the goods arrived with a problem (cold food, damage). */
  public static final String CONDITION_ISSUE = "condition_issue";

  /** Order value in the partner's currency. */
  public static final String ORDER_VALUE = "order_value";

  /** The {@link #STATUS} of an event that was carried out. */
  public static final String STATUS_COMPLETED = "completed";

  /** The {@link #STATUS} of an event called off before it was carried out. */
  public static final String STATUS_CANCELLED = "cancelled";

  /** The {@link #STATUS} of an event the partner did not manage to carry out. */
  public static final String STATUS_FAILED = "failed";

  /**
   * The {@link #STATUS} of an event that is not final yet (an order on its way): kept in silver and
   * counted by no metric until a later delivery gives its final status.
   */
  public static final String STATUS_OPEN = "open";

  /** Every final {@link #STATUS}: the statuses metrics count. */
  public static final java.util.List<String> STATUSES =
      java.util.List.of(STATUS_COMPLETED, STATUS_CANCELLED, STATUS_FAILED);

  /** Every valid {@link #STATUS}: the final ones and {@link #STATUS_OPEN}. */
  public static final java.util.List<String> VALID_STATUSES =
      java.util.List.of(STATUS_COMPLETED, STATUS_CANCELLED, STATUS_FAILED, STATUS_OPEN);
}
