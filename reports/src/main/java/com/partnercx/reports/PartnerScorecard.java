package com.partnercx.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Everything a partner's scorecard PDF prints; plain values, no Spark types.
 *
 * @param partnerId the brand's partner id
 * @param partnerName the partner's display name
 * @param programName the incentive program's name
 * @param region the partner's region
 * @param period the period label (2026-Q3, 2026-09)
 * @param version the scorecard version (restatements increase it)
 * @param tier the tier reached, or insufficient_data
 * @param composite composite CX index 0..100, null for insufficient data
 * @param currency currency of the amounts
 * @param baseIncentive base incentive for the period
 * @param payout payout, null when none was computed
 * @param metrics the KPI rows in the program's order
 * @param explanation the stored calculation, line by line
 * @param runId the run that computed the scorecard
 * @param configHash SHA-256 of the configuration it used
 * @param tableVersions the Delta versions it was computed from, e.g. "gold/partner_daily@12"
 * @param generatedAt when the PDF was rendered
 */
public record PartnerScorecard(
    String partnerId,
    String partnerName,
    String programName,
    String region,
    String period,
    int version,
    String tier,
    Double composite,
    String currency,
    BigDecimal baseIncentive,
    BigDecimal payout,
    List<MetricLine> metrics,
    List<String> explanation,
    String runId,
    String configHash,
    String tableVersions,
    Instant generatedAt) {

  public PartnerScorecard {
    metrics = List.copyOf(metrics);
    explanation = List.copyOf(explanation);
  }
}
