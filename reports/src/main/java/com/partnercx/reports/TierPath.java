package com.partnercx.reports;

import java.math.BigDecimal;
import java.util.List;

/**
 * What it takes a partner to reach the tier above its own, as the scoring engine stored it: for
 * each metric that counts, the smallest improvement of that metric alone.
 *
 * @param tier the next tier
 * @param minComposite the composite it starts at
 * @param payout the payout at that tier
 * @param steps one per metric with enough data, in the program's order
 */
public record TierPath(String tier, double minComposite, BigDecimal payout, List<Step> steps) {

  public TierPath {
    steps = List.copyOf(steps);
  }

  /** Whether one metric alone gets the partner there. */
  public enum Outcome {
    REACHABLE,
    NOT_REACHABLE,
    /** Another critical metric below its floor holds the tier down. */
    CAPPED
  }

  /**
   * One metric's step.
   *
   * @param label the metric's name
   * @param unit how its values print
   * @param higherIsBetter its direction
   * @param outcome whether it gets there alone
   * @param valueFrom its value now
   * @param valueTo the value it must reach, or null
   * @param countFrom the events it counts now (on-time deliveries, cancellations), or null for a
   *     metric not counted in events
   * @param countTo the events it must count instead, n unchanged, or null
   * @param n the sample it rests on
   * @param eventNoun what the events are ("on time", "cancellations"), or null
   * @param sampleNoun what n counts ("timed events")
   * @param tier the tier the step reaches, or null
   * @param payout the payout at that tier, or null
   * @param blockedBy for a capped step, the name of the critical metric that holds the tier
   */
  public record Step(
      String label,
      MetricUnit unit,
      boolean higherIsBetter,
      Outcome outcome,
      Double valueFrom,
      Double valueTo,
      Long countFrom,
      Long countTo,
      long n,
      String eventNoun,
      String sampleNoun,
      String tier,
      BigDecimal payout,
      String blockedBy) {}
}
