package com.partnercx.schema;

/** Column names of {@code silver/digital_session}. */
public final class DigitalSessionColumns {
  private DigitalSessionColumns() {}

  /** The id of the app or web session. */
  public static final String SESSION_ID = "session_id";

  /** When the session started (UTC). */
  public static final String STARTED_AT = "started_at";

  /** Seconds spent browsing the menu or catalogue. */
  public static final String MENU_SECONDS = "menu_seconds";

  /** Whether something was added to the cart. */
  public static final String ADDED_TO_CART = "added_to_cart";

  /** Whether the session ended in an order. */
  public static final String ORDERED = "ordered";
}
