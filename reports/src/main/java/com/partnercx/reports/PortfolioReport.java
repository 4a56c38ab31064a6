package com.partnercx.reports;

import java.math.BigDecimal;
import java.util.List;

/**
 * Everything the executive portfolio PDF prints for a period; plain values, no Spark types.
 *
 * @param period the period label
 * @param previousPeriod the label of the period before
 * @param brandIndex the brand CX index: the mean composite of partners with a composite
 * @param previousBrandIndex the same for the previous period, or null
 * @param partnersScored partners with a composite
 * @param partners partners with a scorecard for the period
 * @param trend the brand index over up to four periods, oldest first
 * @param tiers partners per program and tier, programs and tiers in configuration order
 * @param top the ten best partners by composite
 * @param bottom the ten weakest partners by composite, weakest first
 * @param movers partners whose tier changed against the previous period, up first
 * @param regions composite medians per program and region
 * @param payouts payout totals per program
 * @param insufficient partners without a composite, and why
 * @param feeds delivery record of every feed over the period
 * @param integrity the survey-integrity flags of the period, by partner
 * @param provenance run, configuration and table versions
 */
public record PortfolioReport(
    String period,
    String previousPeriod,
    Double brandIndex,
    Double previousBrandIndex,
    int partnersScored,
    int partners,
    List<PeriodValue> trend,
    List<ProgramTier> tiers,
    List<PartnerRanking> top,
    List<PartnerRanking> bottom,
    List<TierMove> movers,
    List<RegionMedian> regions,
    List<ProgramPayout> payouts,
    List<PartnerRanking> insufficient,
    List<FeedCoverage> feeds,
    List<IntegrityFlag> integrity,
    Provenance provenance) {

  public PortfolioReport {
    trend = List.copyOf(trend);
    tiers = List.copyOf(tiers);
    top = List.copyOf(top);
    bottom = List.copyOf(bottom);
    movers = List.copyOf(movers);
    regions = List.copyOf(regions);
    payouts = List.copyOf(payouts);
    insufficient = List.copyOf(insufficient);
    feeds = List.copyOf(feeds);
    integrity = List.copyOf(integrity);
  }

  /**
   * A survey-integrity flag raised for a partner: shown for review, never a penalty by itself.
   *
   * @param partnerId the partner's id
   * @param name the partner's name
   * @param program the program's name
   * @param flag the flag's id (top_score_share, response_bursts, ...)
   * @param detail the figure behind it, in words
   * @param excludes whether the program leaves a flagged partner's survey metrics out of its
   *     composite (integrity_action: exclude_flagged)
   */
  public record IntegrityFlag(
      String partnerId,
      String name,
      String program,
      String flag,
      String detail,
      boolean excludes) {}

  /**
   * A partner whose tier changed against the previous period.
   *
   * @param partnerId the partner's id
   * @param name the partner's name
   * @param program the program's name
   * @param was the previous period's tier id
   * @param now this period's tier id
   * @param up whether it moved up the program's ladder
   * @param payoutChange this period's payout minus the previous one's (a missing payout counts 0)
   * @param currency the program's currency
   */
  public record TierMove(
      String partnerId,
      String name,
      String program,
      String was,
      String now,
      boolean up,
      BigDecimal payoutChange,
      String currency) {}

  /**
   * Partners of a program in a tier.
   *
   * @param program the program's name
   * @param tier the tier id
   * @param partners how many partners reached it
   */
  public record ProgramTier(String program, String tier, int partners) {}

  /**
   * A partner in a ranking or a list.
   *
   * @param partnerId the partner's id
   * @param name the partner's name
   * @param program the program's name
   * @param region the partner's region
   * @param composite the composite, or null
   * @param tier the tier id
   * @param weakest the metrics leaving the most composite points open, with those points ("CSAT
   *     (top-2-box) 6.7 · Net Promoter Score 6.6"), or "" without a composite
   * @param cappedBy the name of the critical metric that capped the tier, or null
   */
  public record PartnerRanking(
      String partnerId,
      String name,
      String program,
      String region,
      Double composite,
      String tier,
      String weakest,
      String cappedBy) {}

  /**
   * The median composite of a program's partners in a region.
   *
   * @param program the program's name
   * @param region the region
   * @param partners partners with a composite
   * @param median their median composite, or null when there are none
   */
  public record RegionMedian(String program, String region, int partners, Double median) {}

  /**
   * What a program pays out for the period.
   *
   * @param program the program's name
   * @param partners partners with a scorecard
   * @param paid partners with a payout above zero
   * @param total the sum of payouts
   * @param currency the program's currency
   * @param previousTotal the sum of the program's payouts of the previous period, or null when it
   *     had no scorecards then
   */
  public record ProgramPayout(
      String program,
      int partners,
      int paid,
      BigDecimal total,
      String currency,
      BigDecimal previousTotal) {}

  /**
   * A feed's deliveries over the period.
   *
   * @param feedId the feed
   * @param due deliveries expected
   * @param onTime delivered by the deadline
   * @param late delivered after the deadline
   * @param missing not delivered
   * @param rejected delivered but every file rejected
   * @param rowsDelivered rows of the period (by their own dates, whichever delivery brought them):
   *     used plus quarantined
   * @param rowsQuarantined rows of the period quarantined
   */
  public record FeedCoverage(
      String feedId,
      long due,
      long onTime,
      long late,
      long missing,
      long rejected,
      long rowsDelivered,
      long rowsQuarantined) {}
}
