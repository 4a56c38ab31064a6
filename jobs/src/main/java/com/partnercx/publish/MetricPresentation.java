package com.partnercx.publish;

import com.partnercx.config.MetricId;
import com.partnercx.reports.MetricUnit;

/** How each metric is named and printed on the PDFs. */
final class MetricPresentation {
  private MetricPresentation() {}

  static String label(MetricId id) {
    return id.label();
  }

  static MetricUnit unit(MetricId id) {
    if (id.isRate()) {
      return MetricUnit.PERCENT;
    }
    return switch (id) {
      case AVG_DELAY_MIN -> MetricUnit.MINUTES;
      case COMPLAINTS_PER_1K -> MetricUnit.PER_THOUSAND;
      case CES -> MetricUnit.MEAN;
      default -> MetricUnit.POINTS;
    };
  }

  /**
   * What a counted metric's events are, for "+36 on time of 900 timed events"; null for a metric
   * that is not counted in events.
   */
  static String eventNoun(MetricId id) {
    return switch (id) {
      case ON_TIME_RATE, FEED_TIMELINESS -> "on time";
      case CANCELLATION_RATE -> "cancellations";
      case FIRST_TIME_FIX_RATE -> "fixed first time";
      case CONDITION_ISSUE_RATE -> "with condition issues";
      case CSAT -> "top-2-box";
      case COMPLAINTS_PER_1K -> "complaints";
      case COMPLAINT_SLA_RATE -> "resolved in SLA";
      case FIRST_CONTACT_RESOLUTION -> "resolved at first contact";
      case CART_ABANDONMENT_RATE -> "abandoned";
      case HANDOFF_ACK_RATE -> "acknowledged";
      case NPS, CES, AVG_DELAY_MIN, SOCIAL_SENTIMENT -> null;
    };
  }

  /** What a metric's n counts (docs/metrics.md), plural, for "needs 30 responses, has 8". */
  static String sampleNoun(MetricId id) {
    return switch (id) {
      case NPS, CSAT, CES -> "responses";
      case ON_TIME_RATE, AVG_DELAY_MIN -> "timed events";
      case CANCELLATION_RATE -> "events";
      case FIRST_TIME_FIX_RATE, CONDITION_ISSUE_RATE, COMPLAINTS_PER_1K -> "completed events";
      case COMPLAINT_SLA_RATE -> "due complaints";
      case FIRST_CONTACT_RESOLUTION -> "resolved complaints";
      case SOCIAL_SENTIMENT -> "mentions";
      case CART_ABANDONMENT_RATE -> "sessions with a cart";
      case HANDOFF_ACK_RATE -> "due hand-offs";
      case FEED_TIMELINESS -> "deliveries due";
    };
  }
}
