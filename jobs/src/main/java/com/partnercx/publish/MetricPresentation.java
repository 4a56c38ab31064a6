package com.partnercx.publish;

import com.partnercx.config.MetricId;
import com.partnercx.config.Program;
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

  /**
   * What a metric measures, in the partner's words, with the program's own thresholds (grace
   * minutes, SLA hours): "What the figures mean" on the scorecard.
   */
  static String definition(MetricId id, Program program) {
    return switch (id) {
      case NPS ->
          "customers who would recommend you (9 or 10 of 10) minus those who would not (0 to 6),"
              + " in points from -100 to 100";
      case CSAT -> "share of survey answers rating their satisfaction 4 or 5 of 5";
      case CES -> "average effort customers reported, on the survey's 1 to 7 scale";
      case ON_TIME_RATE ->
          "share of completed orders and jobs with a promised time that were done by it"
              + (program.onTimeGraceMinutes() > 0
                  ? " (" + program.onTimeGraceMinutes() + " minutes' grace)"
                  : "");
      case AVG_DELAY_MIN ->
          "average minutes past the promised time; orders and jobs done in time count as 0";
      case CANCELLATION_RATE -> "share of orders and jobs cancelled";
      case FIRST_TIME_FIX_RATE -> "share of completed jobs fixed on the first visit";
      case CONDITION_ISSUE_RATE ->
          "share of completed orders and jobs with a damage or condition issue";
      case COMPLAINTS_PER_1K -> "complaints opened per 1,000 completed orders and jobs";
      case COMPLAINT_SLA_RATE ->
          "share of complaints resolved within " + program.complaintSlaHours() + " hours";
      case FIRST_CONTACT_RESOLUTION -> "share of resolved complaints that took one contact";
      case SOCIAL_SENTIMENT ->
          "average tone of public mentions, from -100 (negative) to 100 (positive)";
      case CART_ABANDONMENT_RATE ->
          "share of sessions with something in the cart that ended without an order";
      case HANDOFF_ACK_RATE ->
          "share of hand-offs acknowledged and applied within "
              + program.handoffSlaHours()
              + " hours";
      case FEED_TIMELINESS -> "share of your scheduled data deliveries that arrived on time";
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
