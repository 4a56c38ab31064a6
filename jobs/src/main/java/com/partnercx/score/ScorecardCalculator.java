package com.partnercx.score;

import com.partnercx.config.Direction;
import com.partnercx.config.MetricId;
import com.partnercx.config.MetricSpec;
import com.partnercx.config.Partner;
import com.partnercx.config.Program;
import com.partnercx.config.Tier;
import com.partnercx.schema.Period;
import com.partnercx.stats.Statistics;
import com.partnercx.tables.MetricResult;
import com.partnercx.tables.PartnerDailyTable;
import com.partnercx.tables.PeriodCounts;
import com.partnercx.tables.Scorecard;
import com.partnercx.tables.ScorecardTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a partner's period counts into its scorecard: metric values, intervals and scores, the
 * composite, the tier (and any cap by a critical metric) and the payout, keeping every step as an
 * explanation line. Pure Java over a few numbers per partner, so each rule is unit-testable.
 */
public final class ScorecardCalculator {
  /** The tier of a partner whose metrics with data cover less than the program's minimum weight. */
  public static final String INSUFFICIENT_DATA = ScorecardTable.TIER_INSUFFICIENT_DATA;

  private ScorecardCalculator() {}

  public static Scorecard score(
      Program program, Partner partner, Period period, PeriodCounts counts) {
    return score(program, partner, period, counts, Map.of());
  }

  /**
   * The scorecard, with the rate metrics that have a fitted prior in {@code priors} shrunk towards
   * the program mean (their score, the composite and the cap use the adjusted value).
   */
  public static Scorecard score(
      Program program,
      Partner partner,
      Period period,
      PeriodCounts counts,
      Map<MetricId, Shrinkage> priors) {
    return score(program, partner, period, counts, priors, Map.of());
  }

  /**
   * The scorecard with the records of accepted appeals taken out of the metrics they were appealed
   * against (and of those only): each such metric is computed from the period counts less the
   * counts of its excluded records.
   */
  public static Scorecard score(
      Program program,
      Partner partner,
      Period period,
      PeriodCounts counts,
      Map<MetricId, Shrinkage> priors,
      Map<MetricId, AppealExclusions.Exclusion> exclusions) {
    return score(program, partner, period, counts, priors, exclusions, List.of());
  }

  /**
   * The scorecard as above, with the survey metrics (nps, csat, ces) left out of the composite when
   * the partner has survey-integrity flags ({@code integrityFlags}, ids) and its program says
   * {@code integrity_action: exclude_flagged}: their values are kept, their weight is spread over
   * the other metrics as for a metric without enough data.
   */
  public static Scorecard score(
      Program program,
      Partner partner,
      Period period,
      PeriodCounts counts,
      Map<MetricId, Shrinkage> priors,
      Map<MetricId, AppealExclusions.Exclusion> exclusions,
      List<String> integrityFlags) {
    boolean leaveOutSurveys = program.integrity().excludesFlagged() && !integrityFlags.isEmpty();
    java.util.function.Function<MetricId, PeriodCounts> countsOf =
        metric -> {
          AppealExclusions.Exclusion exclusion = exclusions.get(metric);
          return exclusion == null ? counts : counts.minus(exclusion.excluded());
        };
    List<String> lines = new ArrayList<>();
    List<MetricResult> metrics = new ArrayList<>();
    double totalWeight = 0;
    double coveredWeight = 0;
    double weightedScores = 0;
    for (MetricSpec spec : program.metrics()) {
      MetricResult result = metric(spec, countsOf.apply(spec.metric()), priors.get(spec.metric()));
      boolean survey =
          spec.metric().appealedEntity().orElse(null)
              == com.partnercx.schema.Entity.SURVEY_RESPONSE;
      if (leaveOutSurveys && survey && result.sufficient()) {
        result = leftOut(result);
        lines.add(
            String.format(
                Locale.ROOT,
                "%s = %s (n=%d) -> left out of the composite: survey-integrity flag%s %s"
                    + " (integrity_action: exclude_flagged)",
                spec.metric().id(),
                number(result.value()),
                result.n(),
                integrityFlags.size() == 1 ? "" : "s",
                String.join(", ", integrityFlags)));
        metrics.add(result);
        totalWeight += spec.weight();
        continue;
      }
      metrics.add(result);
      AppealExclusions.Exclusion exclusion = exclusions.get(spec.metric());
      if (exclusion != null) {
        lines.add(exclusion.explanation());
      }
      totalWeight += spec.weight();
      if (result.sufficient()) {
        coveredWeight += spec.weight();
        weightedScores += result.score() * spec.weight();
        lines.add(
            String.format(
                Locale.ROOT,
                "%s = %s%s (n=%d) -> score %.1f x weight %s",
                spec.metric().id(),
                number(result.value()),
                result.adjusted() == null ? "" : ", shrunk to " + number(result.adjusted()),
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
          lines,
          false,
          null);
    }
    double composite = published(weightedScores / coveredWeight);
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
      if (spec.critical() && m.sufficient() && belowFloor(spec, m.scored())) {
        Tier cap = capTier(program);
        if (tier.minComposite() > cap.minComposite()) {
          lines.add(
              String.format(
                  Locale.ROOT,
                  "cap: critical %s = %s is below its floor %s -> tier capped at %s",
                  m.metricId(),
                  number(m.scored()),
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
        lines,
        false,
        NextTierPlanner.plan(
            program, metrics, weightedScores, coveredWeight, tier, base, countsOf, priors));
  }

  /**
   * The composite as published: rounded half up to one decimal, the precision every PDF prints. The
   * tier is judged on this figure, so a printed 55.0 is never a tier below 55. The rounding works
   * on the double's exact value, as the PDF's formatting does.
   */
  static double published(double composite) {
    return new BigDecimal(composite).setScale(1, RoundingMode.HALF_UP).doubleValue();
  }

  /** The base incentive is per quarter; a month earns a third of it. */
  static BigDecimal baseIncentive(Partner partner, Period period) {
    return partner
        .baseIncentive()
        .multiply(BigDecimal.valueOf(period.months()))
        .divide(BigDecimal.valueOf(3), 2, RoundingMode.HALF_UP);
  }

  /** The best tier a partner keeps while a critical metric is below its floor. */
  static Tier capTier(Program program) {
    return program.tiers().stream()
        .filter(t -> t.name().equals(program.criticalCapTier()))
        .findFirst()
        .orElseThrow();
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

  /** How a metric is computed from partner_daily measures: a rate, a scaled mean, or NPS. */
  private enum Kind {
    RATE,
    MEAN,
    NPS
  }

  /**
   * A metric's formula: {@code numerator} over {@code denominator} (times {@code scale} for a
   * mean); for NPS the numerator is promoters and {@code detractors} the second count.
   */
  private record Formula(
      Kind kind,
      String numerator,
      String denominator,
      double scale,
      String detractors,
      boolean countsEvents) {
    static Formula rate(String successes, String n) {
      return new Formula(Kind.RATE, successes, n, 1, null, true);
    }

    static Formula mean(String sum, String n, double scale) {
      return new Formula(Kind.MEAN, sum, n, scale, null, false);
    }

    /** {@code scale} x events / n, where the numerator counts events (complaints per 1,000). */
    static Formula perEvents(String events, String n, double scale) {
      return new Formula(Kind.MEAN, events, n, scale, null, true);
    }
  }

  private static final Map<MetricId, Formula> FORMULAS = new EnumMap<>(MetricId.class);

  static {
    FORMULAS.put(
        MetricId.ON_TIME_RATE, Formula.rate(PartnerDailyTable.ON_TIME, PartnerDailyTable.TIMED));
    FORMULAS.put(
        MetricId.AVG_DELAY_MIN,
        Formula.mean(PartnerDailyTable.DELAY_MINUTES, PartnerDailyTable.TIMED, 1));
    FORMULAS.put(
        MetricId.CANCELLATION_RATE,
        Formula.rate(PartnerDailyTable.CANCELLED, PartnerDailyTable.EVENTS));
    FORMULAS.put(
        MetricId.FIRST_TIME_FIX_RATE,
        Formula.rate(PartnerDailyTable.FTF_YES, PartnerDailyTable.FTF_N));
    FORMULAS.put(
        MetricId.CONDITION_ISSUE_RATE,
        Formula.rate(PartnerDailyTable.CONDITION_YES, PartnerDailyTable.CONDITION_N));
    FORMULAS.put(
        MetricId.NPS,
        new Formula(
            Kind.NPS,
            PartnerDailyTable.NPS_PROMOTERS,
            PartnerDailyTable.NPS_N,
            100,
            PartnerDailyTable.NPS_DETRACTORS,
            false));
    FORMULAS.put(
        MetricId.CSAT, Formula.rate(PartnerDailyTable.CSAT_TOP2, PartnerDailyTable.CSAT_N));
    FORMULAS.put(MetricId.CES, Formula.mean(PartnerDailyTable.CES_SUM, PartnerDailyTable.CES_N, 1));
    FORMULAS.put(
        MetricId.COMPLAINTS_PER_1K,
        Formula.perEvents(PartnerDailyTable.COMPLAINTS, PartnerDailyTable.COMPLETED, 1000));
    FORMULAS.put(
        MetricId.COMPLAINT_SLA_RATE,
        Formula.rate(PartnerDailyTable.COMPLAINT_SLA_MET, PartnerDailyTable.COMPLAINT_SLA_DUE));
    FORMULAS.put(
        MetricId.FIRST_CONTACT_RESOLUTION,
        Formula.rate(PartnerDailyTable.FCR_YES, PartnerDailyTable.FCR_N));
    FORMULAS.put(
        MetricId.SOCIAL_SENTIMENT,
        Formula.mean(PartnerDailyTable.SENTIMENT_SUM, PartnerDailyTable.MENTIONS, 100));
    FORMULAS.put(
        MetricId.CART_ABANDONMENT_RATE,
        Formula.rate(PartnerDailyTable.ABANDONED, PartnerDailyTable.CARTED));
    FORMULAS.put(
        MetricId.HANDOFF_ACK_RATE,
        Formula.rate(PartnerDailyTable.HANDOFF_OK, PartnerDailyTable.HANDOFF_DUE));
    // Scheduled extracts on time out of those due (ops/dq_results, per partner of each feed).
    FORMULAS.put(
        MetricId.FEED_TIMELINESS,
        Formula.rate(PartnerDailyTable.DELIVERIES_ON_TIME, PartnerDailyTable.DELIVERIES_DUE));
  }

  static MetricResult metric(MetricSpec spec, PeriodCounts c) {
    return metric(spec, c, null);
  }

  /** The metric's value, n, interval and score; a rate with a {@code prior} is also shrunk. */
  static MetricResult metric(MetricSpec spec, PeriodCounts c, Shrinkage prior) {
    Formula f = FORMULAS.get(spec.metric());
    return switch (f.kind()) {
      case RATE -> rate(spec, c.count(f.numerator()), c.count(f.denominator()), prior);
      case MEAN -> mean(spec, c.get(f.numerator()), c.count(f.denominator()), f.scale());
      case NPS ->
          nps(spec, c.count(f.numerator()), c.count(f.detractors()), c.count(f.denominator()));
    };
  }

  /** Whether the metric is a share of successes (what shrinkage applies to). */
  static boolean isRate(MetricId metric) {
    return FORMULAS.get(metric).kind() == Kind.RATE;
  }

  /** The [successes, n] of a rate metric, or null for a metric that is not a rate. */
  static long[] rateCounts(MetricId metric, PeriodCounts c) {
    Formula f = FORMULAS.get(metric);
    return f.kind() == Kind.RATE
        ? new long[] {c.count(f.numerator()), c.count(f.denominator())}
        : null;
  }

  /**
   * A metric whose value is {@code scale} x events / n, with the period's events and n: the
   * successes of a rate, the complaints per 1,000. Null for a metric of sums or scores.
   */
  record Counted(long events, long n, double scale) {
    double value(long events) {
      return scale * events / n;
    }
  }

  static Counted counted(MetricId metric, PeriodCounts c) {
    Formula f = FORMULAS.get(metric);
    return f.countsEvents()
        ? new Counted(c.count(f.numerator()), c.count(f.denominator()), f.scale())
        : null;
  }

  /** NPS = 100 x (share of promoters - share of detractors), with its normal interval. */
  private static MetricResult nps(MetricSpec spec, long promoters, long detractors, long n) {
    if (n == 0) {
      return result(spec, null, null, 0, null);
    }
    double half = Statistics.Z95 * Statistics.npsStandardError(promoters, detractors, n);
    double value = 100.0 * (promoters - detractors) / n;
    return result(spec, value, null, n, new double[] {value - half, value + half});
  }

  private static MetricResult rate(MetricSpec spec, long successes, long n, Shrinkage prior) {
    Double value = n == 0 ? null : (double) successes / n;
    Double adjusted = prior == null || n == 0 ? null : prior.adjust(successes, n);
    return result(spec, value, adjusted, n, Statistics.wilson(successes, n));
  }

  /** {@code scale} x sum / n: a mean, a rate per 1,000 or a sentiment on a 100 scale. */
  private static MetricResult mean(MetricSpec spec, double sum, long n, double scale) {
    return result(spec, n == 0 ? null : scale * sum / n, null, n, null);
  }

  /** The metric with its figures but not counted: no score, not in the composite. */
  private static MetricResult leftOut(MetricResult m) {
    return new MetricResult(
        m.metricId(),
        m.value(),
        m.n(),
        m.ciLow(),
        m.ciHigh(),
        m.floor(),
        m.target(),
        m.weight(),
        null,
        false,
        m.minN(),
        m.adjusted());
  }

  private static MetricResult result(
      MetricSpec spec, Double value, Double adjusted, long n, double[] interval) {
    boolean sufficient = value != null && n >= spec.minSample();
    Double scored = adjusted != null ? adjusted : value;
    Double score = sufficient ? Statistics.metricScore(scored, spec.floor(), spec.target()) : null;
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
        sufficient,
        spec.minSample(),
        adjusted);
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
