package com.partnercx.score;

import com.partnercx.config.Direction;
import com.partnercx.config.MetricId;
import com.partnercx.config.MetricSpec;
import com.partnercx.config.Partner;
import com.partnercx.config.Program;
import com.partnercx.config.Tier;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a partner's period counts into its scorecard: metric values, intervals and scores, the
 * composite, the tier (and any cap by a critical metric) and the payout, keeping every step as an
 * explanation line. Pure Java over a few numbers per partner, so each rule is unit-testable.
 */
public final class ScorecardCalculator {
  /** The tier of a partner whose metrics with data cover less than the program's minimum weight. */
  public static final String INSUFFICIENT_DATA = "insufficient_data";

  private ScorecardCalculator() {}

  public static Scorecard score(
      Program program, Partner partner, Period period, PeriodCounts counts) {
    List<String> lines = new ArrayList<>();
    List<MetricResult> metrics = new ArrayList<>();
    double totalWeight = 0;
    double coveredWeight = 0;
    double weightedScores = 0;
    for (MetricSpec spec : program.metrics()) {
      MetricResult result = metric(spec, counts);
      metrics.add(result);
      totalWeight += spec.weight();
      if (result.sufficient()) {
        coveredWeight += spec.weight();
        weightedScores += result.score() * spec.weight();
        lines.add(
            String.format(
                Locale.ROOT,
                "%s = %s (n=%d) -> score %.1f x weight %s",
                spec.metric().id(),
                number(result.value()),
                result.n(),
                result.score(),
                number(spec.weight())));
      } else {
        lines.add(
            String.format(
                Locale.ROOT,
                "%s: insufficient data (n=%d, minimum %d) -> left out of the composite",
                spec.metric().id(),
                result.n(),
                spec.minSample()));
      }
    }
    double coverage = totalWeight == 0 ? 0 : coveredWeight / totalWeight;
    BigDecimal base = baseIncentive(partner, period);
    if (coveredWeight == 0 || coverage < program.minWeightCoverage()) {
      lines.add(
          String.format(
              Locale.ROOT,
              "weight coverage %.0f%% < minimum %.0f%% -> tier %s, no payout",
              coverage * 100,
              program.minWeightCoverage() * 100,
              INSUFFICIENT_DATA));
      return new Scorecard(
          partner.partnerId(),
          program.id(),
          period.label(),
          metrics,
          coverage,
          null,
          INSUFFICIENT_DATA,
          null,
          base,
          null,
          program.currency(),
          lines);
    }
    double composite = weightedScores / coveredWeight;
    lines.add(
        String.format(
            Locale.ROOT,
            "composite = %.2f / %s = %.1f (weight coverage %.0f%%)",
            weightedScores,
            number(coveredWeight),
            composite,
            coverage * 100));
    Tier tier = tierFor(program, composite);
    lines.add(
        String.format(
            Locale.ROOT,
            "tier %s (composite %.1f >= %s)",
            tier.name(),
            composite,
            number(tier.minComposite())));
    String cappedBy = null;
    for (MetricResult m : metrics) {
      MetricSpec spec = program.metric(MetricId.byId(m.metricId()).orElseThrow()).orElseThrow();
      if (spec.critical() && m.sufficient() && belowFloor(spec, m.value())) {
        Tier cap =
            program.tiers().stream()
                .filter(t -> t.name().equals(program.criticalCapTier()))
                .findFirst()
                .orElseThrow();
        if (tier.minComposite() > cap.minComposite()) {
          lines.add(
              String.format(
                  Locale.ROOT,
                  "cap: critical %s = %s is below its floor %s -> tier capped at %s",
                  m.metricId(),
                  number(m.value()),
                  number(spec.floor()),
                  cap.name()));
          tier = cap;
          cappedBy = m.metricId();
        }
        break;
      }
    }
    BigDecimal payout =
        base.multiply(BigDecimal.valueOf(tier.payoutPercent()))
            .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    lines.add(
        String.format(
            Locale.ROOT,
            "payout = %s %s x %s%% = %s %s",
            base.toPlainString(),
            program.currency(),
            number(tier.payoutPercent()),
            payout.toPlainString(),
            program.currency()));
    return new Scorecard(
        partner.partnerId(),
        program.id(),
        period.label(),
        metrics,
        coverage,
        composite,
        tier.name(),
        cappedBy,
        base,
        payout,
        program.currency(),
        lines);
  }

  /** The base incentive is per quarter; a month earns a third of it. */
  static BigDecimal baseIncentive(Partner partner, Period period) {
    return partner
        .baseIncentive()
        .multiply(BigDecimal.valueOf(period.months()))
        .divide(BigDecimal.valueOf(3), 2, RoundingMode.HALF_UP);
  }

  static Tier tierFor(Program program, double composite) {
    return program.tiers().stream()
        .filter(t -> composite >= t.minComposite())
        .findFirst()
        .orElse(program.tiers().get(program.tiers().size() - 1));
  }

  static boolean belowFloor(MetricSpec spec, double value) {
    return spec.direction() == Direction.HIGHER_IS_BETTER
        ? value < spec.floor()
        : value > spec.floor();
  }

  static MetricResult metric(MetricSpec spec, PeriodCounts c) {
    return switch (spec.metric()) {
      case ON_TIME_RATE ->
          rate(spec, c.count(PartnerDailyColumns.ON_TIME), c.count(PartnerDailyColumns.TIMED));
      case AVG_DELAY_MIN ->
          mean(
              spec,
              c.get(PartnerDailyColumns.DELAY_MINUTES),
              c.count(PartnerDailyColumns.TIMED),
              1);
      case CANCELLATION_RATE ->
          rate(spec, c.count(PartnerDailyColumns.CANCELLED), c.count(PartnerDailyColumns.EVENTS));
      case FIRST_TIME_FIX_RATE ->
          rate(spec, c.count(PartnerDailyColumns.FTF_YES), c.count(PartnerDailyColumns.FTF_N));
      case CONDITION_ISSUE_RATE ->
          rate(
              spec,
              c.count(PartnerDailyColumns.CONDITION_YES),
              c.count(PartnerDailyColumns.CONDITION_N));
      case NPS ->
          nps(
              spec,
              c.count(PartnerDailyColumns.NPS_PROMOTERS),
              c.count(PartnerDailyColumns.NPS_DETRACTORS),
              c.count(PartnerDailyColumns.NPS_N));
      case CSAT ->
          rate(spec, c.count(PartnerDailyColumns.CSAT_TOP2), c.count(PartnerDailyColumns.CSAT_N));
      case CES ->
          mean(spec, c.get(PartnerDailyColumns.CES_SUM), c.count(PartnerDailyColumns.CES_N), 1);
      case COMPLAINTS_PER_1K ->
          mean(
              spec,
              c.get(PartnerDailyColumns.COMPLAINTS),
              c.count(PartnerDailyColumns.COMPLETED),
              1000);
      case COMPLAINT_SLA_RATE ->
          rate(
              spec,
              c.count(PartnerDailyColumns.COMPLAINT_SLA_MET),
              c.count(PartnerDailyColumns.COMPLAINT_SLA_DUE));
      case FIRST_CONTACT_RESOLUTION ->
          rate(spec, c.count(PartnerDailyColumns.FCR_YES), c.count(PartnerDailyColumns.FCR_N));
      case SOCIAL_SENTIMENT ->
          mean(
              spec,
              c.get(PartnerDailyColumns.SENTIMENT_SUM),
              c.count(PartnerDailyColumns.MENTIONS),
              100);
      case CART_ABANDONMENT_RATE ->
          rate(spec, c.count(PartnerDailyColumns.ABANDONED), c.count(PartnerDailyColumns.CARTED));
      case HANDOFF_ACK_RATE ->
          rate(
              spec,
              c.count(PartnerDailyColumns.HANDOFF_OK),
              c.count(PartnerDailyColumns.HANDOFF_DUE));
      // Expected-versus-arrived deliveries are not measured yet, so this metric has no data.
      case FEED_TIMELINESS -> result(spec, null, 0, null);
    };
  }

  /** NPS = 100 x (share of promoters - share of detractors), with its normal interval. */
  private static MetricResult nps(MetricSpec spec, long promoters, long detractors, long n) {
    if (n == 0) {
      return result(spec, null, 0, null);
    }
    double p = (double) promoters / n;
    double d = (double) detractors / n;
    double half = Statistics.Z95 * 100 * Math.sqrt((p + d - (p - d) * (p - d)) / n);
    double value = 100 * (p - d);
    return result(spec, value, n, new double[] {value - half, value + half});
  }

  private static MetricResult rate(MetricSpec spec, long successes, long n) {
    Double value = n == 0 ? null : (double) successes / n;
    return result(spec, value, n, Statistics.wilson(successes, n));
  }

  /** {@code scale} x sum / n: a mean, a rate per 1,000 or a sentiment on a 100 scale. */
  private static MetricResult mean(MetricSpec spec, double sum, long n, double scale) {
    return result(spec, n == 0 ? null : scale * sum / n, n, null);
  }

  private static MetricResult result(MetricSpec spec, Double value, long n, double[] interval) {
    boolean sufficient = value != null && n >= spec.minSample();
    Double score = sufficient ? Statistics.metricScore(value, spec.floor(), spec.target()) : null;
    return new MetricResult(
        spec.metric().id(),
        value,
        n,
        interval == null ? null : interval[0],
        interval == null ? null : interval[1],
        spec.floor(),
        spec.target(),
        spec.weight(),
        score,
        sufficient);
  }

  private static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e12) {
      return String.valueOf((long) d);
    }
    return BigDecimal.valueOf(d)
        .setScale(4, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}
