package com.partnercx.config;

import com.partnercx.schema.ComplaintColumns;
import com.partnercx.schema.DigitalSessionColumns;
import com.partnercx.schema.Entity;
import com.partnercx.schema.HandoffColumns;
import com.partnercx.schema.ServiceEventColumns;
import com.partnercx.schema.SocialMentionColumns;
import com.partnercx.schema.SurveyResponseColumns;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The fixed metric ids of docs/metrics.md. Programs choose among them; ids never change. */
public enum MetricId {
  NPS("nps", false, "Net Promoter Score", "points (-100..100)"),
  CSAT("csat", true, "CSAT (top-2-box)", Units.SHARE),
  CES("ces", false, "Customer effort (mean)", "mean score (1..7)"),
  ON_TIME_RATE("on_time_rate", true, "On-time rate", Units.SHARE),
  AVG_DELAY_MIN("avg_delay_min", false, "Average delay", "minutes"),
  CANCELLATION_RATE("cancellation_rate", true, "Cancellation rate", Units.SHARE),
  FIRST_TIME_FIX_RATE("first_time_fix_rate", true, "First-time fix rate", Units.SHARE),
  CONDITION_ISSUE_RATE("condition_issue_rate", true, "Condition issues", Units.SHARE),
  COMPLAINTS_PER_1K(
      "complaints_per_1k", false, "Complaints per 1,000", "complaints per 1,000 completed events"),
  COMPLAINT_SLA_RATE("complaint_sla_rate", true, "Complaints resolved in SLA", Units.SHARE),
  FIRST_CONTACT_RESOLUTION(
      "first_contact_resolution", true, "First-contact resolution", Units.SHARE),
  SOCIAL_SENTIMENT("social_sentiment", false, "Social sentiment", "points (-100..100)"),
  CART_ABANDONMENT_RATE("cart_abandonment_rate", true, "Cart abandonment", Units.SHARE),
  HANDOFF_ACK_RATE("handoff_ack_rate", true, "Hand-offs acknowledged", Units.SHARE),
  FEED_TIMELINESS("feed_timeliness", true, "Data feeds on time", Units.SHARE);

  private final String id;
  private final boolean rate;
  private final String label;
  private final String unit;

  MetricId(String id, boolean rate, String label, String unit) {
    this.id = id;
    this.rate = rate;
    this.label = label;
    this.unit = unit;
  }

  /** The metric's name for readers of PDFs and BI tools. */
  public String label() {
    return label;
  }

  /** What the value measures, in words: "share (0..1)", "minutes", ... */
  public String unit() {
    return unit;
  }

  /** The id used in programs.yaml, in gold tables and on the PDF. */
  public String id() {
    return id;
  }

  /** Whether the value is a proportion in [0, 1] (Wilson interval, eligible for shrinkage). */
  public boolean isRate() {
    return rate;
  }

  /**
   * The canonical fields the metric is computed from, beyond each entity's partner, key and period
   * fields: a file of a feed that maps one of them must carry its column.
   */
  public Map<Entity, List<String>> inputs() {
    List<String> timed =
        List.of(
            ServiceEventColumns.STATUS,
            ServiceEventColumns.PROMISED_AT,
            ServiceEventColumns.FULFILLED_AT);
    return switch (this) {
      case NPS -> Map.of(Entity.SURVEY_RESPONSE, List.of(SurveyResponseColumns.NPS));
      case CSAT -> Map.of(Entity.SURVEY_RESPONSE, List.of(SurveyResponseColumns.CSAT));
      case CES -> Map.of(Entity.SURVEY_RESPONSE, List.of(SurveyResponseColumns.CES));
      case ON_TIME_RATE, AVG_DELAY_MIN -> Map.of(Entity.SERVICE_EVENT, timed);
      case CANCELLATION_RATE -> Map.of(Entity.SERVICE_EVENT, List.of(ServiceEventColumns.STATUS));
      case FIRST_TIME_FIX_RATE ->
          Map.of(
              Entity.SERVICE_EVENT,
              List.of(ServiceEventColumns.STATUS, ServiceEventColumns.FIRST_TIME_FIX));
      case CONDITION_ISSUE_RATE ->
          Map.of(
              Entity.SERVICE_EVENT,
              List.of(ServiceEventColumns.STATUS, ServiceEventColumns.CONDITION_ISSUE));
      case COMPLAINTS_PER_1K ->
          Map.of(
              Entity.SERVICE_EVENT,
              List.of(ServiceEventColumns.STATUS),
              Entity.COMPLAINT,
              List.of());
      case COMPLAINT_SLA_RATE -> Map.of(Entity.COMPLAINT, List.of(ComplaintColumns.RESOLVED_AT));
      case FIRST_CONTACT_RESOLUTION ->
          Map.of(
              Entity.COMPLAINT, List.of(ComplaintColumns.RESOLVED_AT, ComplaintColumns.CONTACTS));
      case SOCIAL_SENTIMENT ->
          Map.of(Entity.SOCIAL_MENTION, List.of(SocialMentionColumns.SENTIMENT));
      case CART_ABANDONMENT_RATE ->
          Map.of(
              Entity.DIGITAL_SESSION,
              List.of(DigitalSessionColumns.ADDED_TO_CART, DigitalSessionColumns.ORDERED));
      case HANDOFF_ACK_RATE ->
          Map.of(Entity.HANDOFF, List.of(HandoffColumns.ACKNOWLEDGED_AT, HandoffColumns.APPLIED));
      case FEED_TIMELINESS -> Map.of();
    };
  }

  /**
   * The entity whose rows an appeal against the metric names (by their key): the events of a
   * delivery metric, the responses of a survey metric, the complaints of a complaint metric. Empty
   * for feed_timeliness, which counts extracts, not customer records.
   */
  public Optional<Entity> appealedEntity() {
    return switch (this) {
      case NPS, CSAT, CES -> Optional.of(Entity.SURVEY_RESPONSE);
      case ON_TIME_RATE,
          AVG_DELAY_MIN,
          CANCELLATION_RATE,
          FIRST_TIME_FIX_RATE,
          CONDITION_ISSUE_RATE ->
          Optional.of(Entity.SERVICE_EVENT);
      case COMPLAINTS_PER_1K, COMPLAINT_SLA_RATE, FIRST_CONTACT_RESOLUTION ->
          Optional.of(Entity.COMPLAINT);
      case SOCIAL_SENTIMENT -> Optional.of(Entity.SOCIAL_MENTION);
      case CART_ABANDONMENT_RATE -> Optional.of(Entity.DIGITAL_SESSION);
      case HANDOFF_ACK_RATE -> Optional.of(Entity.HANDOFF);
      case FEED_TIMELINESS -> Optional.empty();
    };
  }

  public static Optional<MetricId> byId(String id) {
    return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(MetricId::id).toList();
  }

  /** Unit words shared by several metrics (constants cannot read their own enum's fields). */
  private static final class Units {
    static final String SHARE = "share (0..1)";
  }
}
