package com.partnercx.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.partnercx.config.MetricId;
import com.partnercx.tables.MetricResult;
import org.junit.jupiter.api.Test;

/** Significance of a change against the published previous period, computed by hand. */
class TrendTest {
  private static MetricResult rate(double value, long n, long minN) {
    return new MetricResult(
        "on_time_rate", value, n, null, null, 0.5, 0.9, 1, 50.0, n >= minN, minN, null);
  }

  private static MetricResult nps(double value, double ciHigh, long n) {
    return new MetricResult("nps", value, n, null, ciHigh, 0, 50, 1, 50.0, true, 30, null);
  }

  @Test
  void aRateChangeIsTestedOnThePooledProportion() {
    // 30/40 against 20/40: pooled 50/80 = 0.625, se = sqrt(0.625 x 0.375 x (1/40 + 1/40))
    // = 0.10825, z = 0.25 / 0.10825 = 2.31 > 1.96.
    assertEquals(
        true, Trend.significant(MetricId.ON_TIME_RATE, rate(0.75, 40, 20), rate(0.5, 40, 20)));
    // 22/40 against 20/40: pooled 0.525, se = 0.11166, z = 0.05 / 0.11166 = 0.45.
    assertEquals(
        false, Trend.significant(MetricId.ON_TIME_RATE, rate(0.55, 40, 20), rate(0.5, 40, 20)));
  }

  @Test
  void noTestWhenEitherSideIsBelowTheMinimumSample() {
    assertNull(Trend.significant(MetricId.ON_TIME_RATE, rate(0.75, 40, 20), rate(0.0, 1, 20)));
    assertNull(Trend.significant(MetricId.ON_TIME_RATE, rate(1.0, 1, 20), rate(0.5, 40, 20)));
    assertNull(Trend.significant(MetricId.ON_TIME_RATE, rate(0.75, 40, 20), null));
  }

  @Test
  void anNpsChangeIsTestedOnTheTwoStandardErrors() {
    // now: P 0.6, D 0.2, n 100 -> NPS 40, se = 100 sqrt((0.8 - 0.16) / 100) = 8, interval +-15.68.
    // before: P 0.4, D 0.3, n 100 -> NPS 10, se = 100 sqrt((0.7 - 0.01) / 100) = 8.3066.
    // z = 30 / sqrt(64 + 69) = 2.60 > 1.96.
    double z = 1.959963984540054;
    assertEquals(
        true,
        Trend.significant(
            MetricId.NPS, nps(40, 40 + z * 8, 100), nps(10, 10 + z * 8.306623862918075, 100)));
    // 40 against 30 with the same errors: z = 10 / 11.53 = 0.87.
    assertEquals(
        false,
        Trend.significant(
            MetricId.NPS, nps(40, 40 + z * 8, 100), nps(30, 30 + z * 8.306623862918075, 100)));
  }

  @Test
  void meansAreNotTested() {
    MetricResult ces = new MetricResult("ces", 2.0, 50, null, null, 5, 1, 1, 75.0, true, 30, null);
    MetricResult before =
        new MetricResult("ces", 4.0, 50, null, null, 5, 1, 1, 25.0, true, 30, null);
    assertNull(Trend.significant(MetricId.CES, ces, before));
  }
}
