package com.partnercx.publish;

import com.partnercx.config.MetricId;
import com.partnercx.stats.Statistics;
import com.partnercx.tables.MetricResult;
import com.partnercx.tables.Scorecard;

/**
 * A metric's change against the previous period as published (the latest version of the previous
 * period's scorecard), and whether it is significant at 95%: a two-proportion z-test for rates, z
 * on the two standard errors for NPS, nothing for means. No test is made when either side rests on
 * fewer observations than the metric's minimum sample.
 */
final class Trend {
  private Trend() {}

  /** The published metric of the previous scorecard, or null when it has none. */
  static MetricResult metric(Scorecard previous, MetricId id) {
    return previous.metrics().stream()
        .filter(m -> m.metricId().equals(id.id()))
        .findFirst()
        .orElse(null);
  }

  /** Whether the change is significant, or null where no test applies. */
  static Boolean significant(MetricId id, MetricResult now, MetricResult before) {
    if (before == null
        || now.value() == null
        || before.value() == null
        || now.n() < now.minN()
        || before.n() < now.minN()) {
      return null;
    }
    if (id.isRate()) {
      return Statistics.twoProportionSignificant(
          Math.round(now.value() * now.n()),
          now.n(),
          Math.round(before.value() * before.n()),
          before.n());
    }
    if (id == MetricId.NPS && now.ciHigh() != null && before.ciHigh() != null) {
      return Statistics.npsChangeSignificant(
          now.value(), now.ciHigh(), before.value(), before.ciHigh());
    }
    return null;
  }
}
