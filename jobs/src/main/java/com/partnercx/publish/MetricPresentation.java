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
}
