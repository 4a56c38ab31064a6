package com.partnercx.publish;

import com.partnercx.config.MetricId;
import com.partnercx.reports.MetricUnit;

/** How each metric is named and printed on the PDFs. */
final class MetricPresentation {
  private MetricPresentation() {}

  static String label(MetricId id) {
    return switch (id) {
      case NPS -> "Net Promoter Score";
      case CSAT -> "CSAT (top-2-box)";
      case CES -> "Customer effort (mean)";
      case ON_TIME_RATE -> "On-time rate";
      case AVG_DELAY_MIN -> "Average delay";
      case CANCELLATION_RATE -> "Cancellation rate";
      case FIRST_TIME_FIX_RATE -> "First-time fix rate";
      case CONDITION_ISSUE_RATE -> "Condition issues";
      case COMPLAINTS_PER_1K -> "Complaints per 1,000";
      case COMPLAINT_SLA_RATE -> "Complaints resolved in SLA";
      case FIRST_CONTACT_RESOLUTION -> "First-contact resolution";
      case SOCIAL_SENTIMENT -> "Social sentiment";
      case CART_ABANDONMENT_RATE -> "Cart abandonment";
      case HANDOFF_ACK_RATE -> "Hand-offs acknowledged";
      case FEED_TIMELINESS -> "Data feeds on time";
    };
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
}
