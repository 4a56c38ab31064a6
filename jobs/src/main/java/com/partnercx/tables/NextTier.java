package com.partnercx.tables;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * What it takes a partner to reach the tier above its own: for each metric that counts towards its
 * composite, the smallest improvement of that metric alone, the others held fixed. Worked out by
 * the scoring engine from the period's counts, the program and the period's small-sample priors,
 * and stored with the scorecard.
 *
 * @param tier the next tier up the program's ladder
 * @param minComposite the composite that tier starts at
 * @param payout the payout at that tier
 * @param steps one step per metric with sufficient data, in the program's order
 */
public record NextTier(String tier, double minComposite, BigDecimal payout, List<Step> steps) {

  public NextTier {
    steps = List.copyOf(steps);
  }

  /** Whether a single metric can lift the partner to the next tier. */
  public enum Outcome {
    /** The improvement in {@link Step} lifts the partner to {@link Step#tier}. */
    REACHABLE,
    /** Even the metric's best value leaves the composite below the next tier. */
    NOT_REACHABLE,
    /** Another critical metric below its floor holds the tier down whatever this one does. */
    CAPPED;

    /** The stored name. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome byId(String id) {
      return valueOf(id.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * One metric's way to the next tier.
   *
   * @param metricId the metric
   * @param outcome whether the metric alone gets there
   * @param valueFrom its value now (the raw value, as printed)
   * @param valueTo the value it must reach; null unless reachable
   * @param countFrom for a metric counted in events (a rate, complaints per 1,000): the events
   *     counted now, e.g. on-time deliveries; null otherwise
   * @param countTo the events it must count instead, n unchanged; null unless reachable and counted
   * @param n the sample the metric rests on
   * @param tier the tier the improvement reaches (above the next one when it also lifts a cap);
   *     null unless reachable
   * @param payout the payout at that tier; null unless reachable
   * @param blockedBy for {@link Outcome#CAPPED}: the critical metric that holds the tier
   */
  public record Step(
      String metricId,
      Outcome outcome,
      Double valueFrom,
      Double valueTo,
      Long countFrom,
      Long countTo,
      long n,
      String tier,
      BigDecimal payout,
      String blockedBy) {

    /** A step that does not reach the next tier: no target value, tier or payout. */
    public static Step notReached(
        String metricId, Outcome outcome, Double valueFrom, long n, String blockedBy) {
      return new Step(metricId, outcome, valueFrom, null, null, null, n, null, null, blockedBy);
    }
  }
}
