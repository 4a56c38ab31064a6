package com.partnercx.schema;

/** Column names of {@code silver/survey_response}. */
public final class SurveyResponseColumns {
  private SurveyResponseColumns() {}

  /** The partner's or survey tool's id of the answered survey. */
  public static final String RESPONSE_ID = "response_id";

  /** The service event the survey is about, when known. */
  public static final String EVENT_ID = "event_id";

  /** When the customer answered (UTC). */
  public static final String RESPONDED_AT = "responded_at";

  /** Likelihood to recommend, 0..10. */
  public static final String NPS = "nps";

  /** Satisfaction, 1..5. */
  public static final String CSAT = "csat";

  /** Customer effort, 1..7. */
  public static final String CES = "ces";

  /** Free-text comment, PII masked. */
  public static final String COMMENT = "comment";
}
