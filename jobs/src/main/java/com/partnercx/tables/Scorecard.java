package com.partnercx.tables;

import java.math.BigDecimal;
import java.util.List;

/**
 * A partner's scorecard for a period, as computed (before versioning).
 *
 * @param partnerId the partner
 * @param programId its program
 * @param period the period label
 * @param metrics every metric of the program, in the program's order
 * @param weightCoverage share of the program's total weight with sufficient data
 * @param composite the composite CX index 0..100, null when coverage is below the minimum
 * @param tier the tier reached, or {@link ScorecardTable#TIER_INSUFFICIENT_DATA}
 * @param cappedBy the critical metric that capped the tier, or null
 * @param baseIncentive the partner's base incentive for the period
 * @param payout the incentive payout, null when no tier was reached on sufficient data
 * @param currency currency of base incentive and payout
 * @param explanation the calculation, line by line, for the PDF
 * @param gateOverridden scored with --allow-failed-gate although a feed-day that delivered rows of
 *     the period failed the quality gate
 * @param nextTier what it takes to reach the next tier; null on the top tier, for insufficient
 *     data, and in versions stored before it was worked out
 */
public record Scorecard(
    String partnerId,
    String programId,
    String period,
    List<MetricResult> metrics,
    double weightCoverage,
    Double composite,
    String tier,
    String cappedBy,
    BigDecimal baseIncentive,
    BigDecimal payout,
    String currency,
    List<String> explanation,
    boolean gateOverridden,
    NextTier nextTier) {

  public Scorecard {
    metrics = List.copyOf(metrics);
    explanation = List.copyOf(explanation);
  }

  /** The same scorecard, marked as scored past a failed quality gate or not. */
  public Scorecard withGateOverridden(boolean overridden) {
    return new Scorecard(
        partnerId,
        programId,
        period,
        metrics,
        weightCoverage,
        composite,
        tier,
        cappedBy,
        baseIncentive,
        payout,
        currency,
        explanation,
        overridden,
        nextTier);
  }
}
