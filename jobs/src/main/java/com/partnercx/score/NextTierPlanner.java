package com.partnercx.score;

import com.partnercx.config.Direction;
import com.partnercx.config.MetricId;
import com.partnercx.config.MetricSpec;
import com.partnercx.config.Program;
import com.partnercx.config.Tier;
import com.partnercx.score.ScorecardCalculator.Counted;
import com.partnercx.stats.Statistics;
import com.partnercx.tables.MetricResult;
import com.partnercx.tables.NextTier;
import com.partnercx.tables.NextTier.Outcome;
import com.partnercx.tables.NextTier.Step;
import com.partnercx.tables.PeriodCounts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What it takes a scored partner to reach the tier above its own (docs/metrics.md "What it takes to
 * reach the next tier"). For each metric with sufficient data, holding every other metric fixed:
 *
 * <pre>
 * composite C = S / W          S = sum of weight x score over the metrics with data, W their weight
 * needed score of metric i:    s_i' = s_i + (T - 0.05 - C) x W / w_i
 * </pre>
 *
 * where T is the next tier's threshold, less half a decimal because tiers are judged on the
 * composite rounded half up to one decimal. A score above 100 is out of reach through that metric.
 * The score is turned back into the metric's value (floor + s/100 x (target - floor)) and, for a
 * metric counted in events, into the fewest events that reach it with n unchanged (through the
 * small-sample adjustment where the program applies one); the candidate is then checked by scoring
 * it exactly as {@link ScorecardCalculator} does. A critical metric below its floor caps the tier:
 * while another one is, no single metric reaches a tier above the cap; the capping metric itself
 * must reach its floor, which may lift the partner more than one tier.
 */
final class NextTierPlanner {
  /** Half a printed decimal: a composite of T - 0.05 is published as T. */
  private static final double HALF_DECIMAL = 0.05;

  private NextTierPlanner() {}

  /**
   * The way to the next tier, or null for a partner on the top tier.
   *
   * @param weightedScores the sum of weight x score over the metrics with sufficient data
   * @param coveredWeight the weight of those metrics
   * @param tier the partner's tier, after any cap
   */
  static NextTier plan(
      Program program,
      List<MetricResult> metrics,
      double weightedScores,
      double coveredWeight,
      Tier tier,
      BigDecimal base,
      java.util.function.Function<MetricId, PeriodCounts> counts,
      Map<MetricId, Shrinkage> priors) {
    int at = program.tiers().indexOf(tier);
    if (at <= 0) {
      return null;
    }
    Tier next = program.tiers().get(at - 1);
    List<String> belowFloor = new ArrayList<>();
    for (MetricResult m : metrics) {
      if (m.sufficient()
          && spec(program, m).critical()
          && ScorecardCalculator.belowFloor(spec(program, m), m.scored())) {
        belowFloor.add(m.metricId());
      }
    }
    Plan plan =
        new Plan(program, weightedScores, coveredWeight, base, next, capBinds(program, next));
    List<Step> steps = new ArrayList<>();
    for (MetricResult m : metrics) {
      if (!m.sufficient()) {
        continue;
      }
      MetricSpec spec = spec(program, m);
      String other =
          belowFloor.stream().filter(id -> !id.equals(m.metricId())).findFirst().orElse(null);
      if (plan.capBinds() && other != null) {
        steps.add(Step.notReached(m.metricId(), Outcome.CAPPED, m.value(), m.n(), other));
        continue;
      }
      steps.add(
          plan.step(
              spec,
              m,
              ScorecardCalculator.counted(spec.metric(), counts.apply(spec.metric())),
              priors.get(spec.metric())));
    }
    return new NextTier(next.name(), next.minComposite(), plan.payout(next), steps);
  }

  private static MetricSpec spec(Program program, MetricResult m) {
    return program.metric(MetricId.byId(m.metricId()).orElseThrow()).orElseThrow();
  }

  /** Whether a critical metric below its floor keeps a partner out of {@code tier}. */
  private static boolean capBinds(Program program, Tier tier) {
    return program.tiers().stream()
        .filter(t -> t.name().equals(program.criticalCapTier()))
        .anyMatch(cap -> tier.minComposite() > cap.minComposite());
  }

  /** The figures every metric's step shares. */
  private record Plan(
      Program program,
      double weightedScores,
      double coveredWeight,
      BigDecimal base,
      Tier next,
      boolean capBinds) {

    Step step(MetricSpec spec, MetricResult m, Counted counted, Shrinkage prior) {
      double score = m.score();
      double composite = weightedScores / coveredWeight;
      double needed =
          Math.max(
              score,
              score
                  + (next.minComposite() - HALF_DECIMAL - composite)
                      * coveredWeight
                      / spec.weight());
      if (needed > 100) {
        return unreachable(m);
      }
      double value = spec.floor() + needed / 100 * (spec.target() - spec.floor());
      if (capBinds && spec.critical() && ScorecardCalculator.belowFloor(spec, value)) {
        value = spec.floor();
      }
      if (counted == null) {
        return continuous(spec, m, value);
      }
      return counted(spec, m, counted, prior, value);
    }

    /** A metric of sums or scores: the value needed, nudged until it scores the tier. */
    private Step continuous(MetricSpec spec, MetricResult m, double value) {
      double nudge = Math.abs(spec.target() - spec.floor()) * 1e-9;
      double sign = spec.direction() == Direction.HIGHER_IS_BETTER ? 1 : -1;
      for (int i = 0; i < 8; i++) {
        Tier reached = reached(spec, m, value);
        if (reached != null) {
          return reachable(m, value, null, null, reached);
        }
        value += sign * nudge;
        nudge *= 10;
      }
      return unreachable(m);
    }

    /**
     * A metric counted in events: the fewest events more (fewer, where lower is better) of the same
     * n whose value, adjusted where the program shrinks it, scores the tier.
     */
    private Step counted(
        MetricSpec spec, MetricResult m, Counted counted, Shrinkage prior, double value) {
      if (prior != null && Double.isInfinite(prior.strength())) {
        return unreachable(m);
      }
      boolean higher = spec.direction() == Direction.HIGHER_IS_BETTER;
      double events =
          prior == null
              ? value * counted.n() / counted.scale()
              : value * (counted.n() + prior.strength()) - prior.mean() * prior.strength();
      long candidate = (long) (higher ? Math.ceil(events - 1e-9) : Math.floor(events + 1e-9));
      candidate =
          higher ? Math.max(candidate, counted.events()) : Math.min(candidate, counted.events());
      // The first guess is exact but for rounding; step by one event until it scores the tier.
      for (int i = 0; i < 3; i++) {
        long k = candidate + (higher ? i - 1 : 1 - i);
        if (k < 0
            || k > maxEvents(counted)
            || (higher ? k < counted.events() : k > counted.events())) {
          continue;
        }
        double raw = counted.value(k);
        double scored = prior == null ? raw : prior.adjust(k, counted.n());
        Tier reached = reached(spec, m, scored);
        if (reached != null) {
          return reachable(m, raw, counted.events(), k, reached);
        }
      }
      return unreachable(m);
    }

    /** A rate counts at most n events; complaints per 1,000 are not bounded above. */
    private static long maxEvents(Counted counted) {
      return counted.scale() == 1 ? counted.n() : Long.MAX_VALUE;
    }

    /** The tier reached when metric {@code m} is scored on {@code scored}, or null if not above. */
    private Tier reached(MetricSpec spec, MetricResult m, double scored) {
      double newScore = Statistics.metricScore(scored, spec.floor(), spec.target());
      double composite =
          ScorecardCalculator.published(
              (weightedScores - m.score() * spec.weight() + newScore * spec.weight())
                  / coveredWeight);
      Tier tier = ScorecardCalculator.tierFor(program, composite);
      if (spec.critical() && ScorecardCalculator.belowFloor(spec, scored)) {
        Tier cap = ScorecardCalculator.capTier(program);
        if (tier.minComposite() > cap.minComposite()) {
          tier = cap;
        }
      }
      return tier.minComposite() >= next.minComposite() ? tier : null;
    }

    private Step reachable(MetricResult m, double value, Long countFrom, Long countTo, Tier tier) {
      return new Step(
          m.metricId(),
          Outcome.REACHABLE,
          m.value(),
          value,
          countFrom,
          countTo,
          m.n(),
          tier.name(),
          payout(tier),
          null);
    }

    private Step unreachable(MetricResult m) {
      return Step.notReached(m.metricId(), Outcome.NOT_REACHABLE, m.value(), m.n(), null);
    }

    BigDecimal payout(Tier tier) {
      return base.multiply(BigDecimal.valueOf(tier.payoutPercent()))
          .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    }
  }
}
