package com.partnercx.config;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A brand's incentive program (franchise, installer, delivery...) and its scoring rules.
 *
 * @param id the program's id, referenced by partners.csv
 * @param name display name on the scorecards
 * @param currency ISO 4217 code of the base incentive and payouts
 * @param metrics the scored metrics, in display order
 * @param tiers the tier ladder, highest first; the last tier starts at composite 0
 * @param criticalCapTier the best tier a partner can reach while a critical metric is below floor
 * @param minWeightCoverage the share of total weight that must have sufficient data for a tier
 * @param shrinkage whether rate metrics are shrunk towards the program mean
 * @param onTimeGraceMinutes minutes after promised_at that still count as on time
 * @param complaintSlaHours hours within which a complaint must be resolved
 * @param handoffSlaHours hours within which a hand-off must be acknowledged
 * @param peerGroupMinSize the smallest peer group whose figures may be shown
 * @param timeZone the zone whose calendar days and months make the program's days and periods
 * @param commentsInPartnerEdition whether the partner edition prints the customer comments the
 *     internal edition always prints
 * @param appeals the appeal window and reason codes
 * @param integrity the survey-integrity checks and what a flag does
 */
public record Program(
    String id,
    String name,
    String currency,
    List<MetricSpec> metrics,
    List<Tier> tiers,
    String criticalCapTier,
    double minWeightCoverage,
    boolean shrinkage,
    int onTimeGraceMinutes,
    int complaintSlaHours,
    int handoffSlaHours,
    int peerGroupMinSize,
    ZoneId timeZone,
    boolean commentsInPartnerEdition,
    AppealRules appeals,
    IntegrityRules integrity) {

  public Program {
    metrics = List.copyOf(metrics);
    tiers = List.copyOf(tiers);
  }

  /** A program that takes no appeals and checks surveys with the default thresholds. */
  public Program(
      String id,
      String name,
      String currency,
      List<MetricSpec> metrics,
      List<Tier> tiers,
      String criticalCapTier,
      double minWeightCoverage,
      boolean shrinkage,
      int onTimeGraceMinutes,
      int complaintSlaHours,
      int handoffSlaHours,
      int peerGroupMinSize,
      ZoneId timeZone,
      boolean commentsInPartnerEdition) {
    this(
        id,
        name,
        currency,
        metrics,
        tiers,
        criticalCapTier,
        minWeightCoverage,
        shrinkage,
        onTimeGraceMinutes,
        complaintSlaHours,
        handoffSlaHours,
        peerGroupMinSize,
        timeZone,
        commentsInPartnerEdition,
        AppealRules.NONE,
        IntegrityRules.DEFAULT);
  }

  public Optional<MetricSpec> metric(MetricId id) {
    return metrics.stream().filter(m -> m.metric() == id).findFirst();
  }
}
