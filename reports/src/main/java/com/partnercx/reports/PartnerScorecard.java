package com.partnercx.reports;

import java.math.BigDecimal;
import java.util.List;

/**
 * Everything a partner's scorecard PDF prints; plain values, no Spark types.
 *
 * @param partnerId the brand's partner id
 * @param partnerName the partner's display name
 * @param programName the incentive program's name
 * @param region the partner's region
 * @param period the period label (2026-Q3, 2026-09)
 * @param periodDays the period's first and last day, "2026-07-01 to 2026-09-30"
 * @param previousPeriod the label of the period before
 * @param version the scorecard version (restatements increase it)
 * @param supersedesVersion the version this one replaces, or null
 * @param tier the tier reached, or insufficient_data
 * @param composite composite CX index 0..100, null for insufficient data
 * @param previousComposite the previous period's composite, or null
 * @param previousTier the previous period's tier, or null when it had no scorecard
 * @param tierStep how many tiers of the program's ladder the partner moved since (positive: up), or
 *     null when either period has no tier on the ladder
 * @param previousPayout the previous period's payout, or null
 * @param currency currency of the amounts
 * @param baseIncentive base incentive for the period
 * @param payout payout, null when none was computed
 * @param metrics the KPI rows in the program's order
 * @param definitions what each metric of the program measures, "On-time rate: share of ...", in the
 *     program's order
 * @param explanation the stored calculation, line by line
 * @param peers the partner's standing among its program's partners
 * @param trend composites of up to four periods, oldest first, ending with this one
 * @param complaints the partner's complaints opened in the period
 * @param complaintCategories the largest complaint categories, largest first
 * @param comments up to five customer comments of the period, lowest scores first
 * @param commentsForPartner whether the program shares the comments in the partner edition
 * @param actionPlan the review's action plan from the partner manager's notes: this period's agreed
 *     actions and commitments, then last period's commitments beside this period's figures; empty
 *     without notes
 * @param dataNotes data-quality notes on the partner's feeds and the scorecard, for the internal
 *     edition
 * @param partnerNotes the same notes in the partner's words, and how to question a figure
 * @param provenance run, configuration and table versions
 * @param nextTier what it takes to reach the next tier, or null on the top tier, without a tier, or
 *     for a version stored before it was worked out
 */
public record PartnerScorecard(
    String partnerId,
    String partnerName,
    String programName,
    String region,
    String period,
    String periodDays,
    String previousPeriod,
    int version,
    Integer supersedesVersion,
    String tier,
    Double composite,
    Double previousComposite,
    String previousTier,
    Integer tierStep,
    BigDecimal previousPayout,
    String currency,
    BigDecimal baseIncentive,
    BigDecimal payout,
    List<MetricLine> metrics,
    List<String> definitions,
    List<String> explanation,
    PeerStanding peers,
    List<PeriodValue> trend,
    long complaints,
    List<CategoryShare> complaintCategories,
    List<CustomerComment> comments,
    boolean commentsForPartner,
    List<String> actionPlan,
    List<String> dataNotes,
    List<String> partnerNotes,
    Provenance provenance,
    TierPath nextTier) {

  public PartnerScorecard {
    metrics = List.copyOf(metrics);
    definitions = List.copyOf(definitions);
    explanation = List.copyOf(explanation);
    trend = List.copyOf(trend);
    complaintCategories = List.copyOf(complaintCategories);
    comments = List.copyOf(comments);
    actionPlan = List.copyOf(actionPlan);
    dataNotes = List.copyOf(dataNotes);
    partnerNotes = List.copyOf(partnerNotes);
  }
}
