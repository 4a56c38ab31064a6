package com.partnercx.score;

import com.partnercx.config.MetricId;
import com.partnercx.config.MetricSpec;
import com.partnercx.config.Partner;
import com.partnercx.config.PcxConfig;
import com.partnercx.config.Program;
import com.partnercx.schema.Period;
import com.partnercx.tables.BenchmarkTable.PeerStats;
import com.partnercx.tables.MetricResult;
import com.partnercx.tables.PeriodCounts;
import com.partnercx.tables.Scorecard;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every partner's scorecard for a period from the period counts: shrinkage priors fitted per
 * program, each partner scored, the previous period's values and significance attached, then peer
 * ranks. Pure Java, so the same counts always give the same scorecards ({@code pcx reproduce}
 * relies on it).
 */
final class PeriodScoring {
  private PeriodScoring() {}

  /**
   * Every partner's scorecards and the benchmark rows of a period.
   *
   * @param scorecards in partner order, with shrinkage, trend and percentile ranks
   * @param benchmarks per program: each metric, then the composite
   */
  record Computed(List<Scorecard> scorecards, List<PeerStats> benchmarks) {}

  static Computed compute(
      PcxConfig config,
      Period period,
      List<PeriodCounts> counts,
      List<PeriodCounts> previousCounts,
      boolean gateOverridden) {
    Map<String, PeriodCounts> before = new HashMap<>();
    previousCounts.forEach(c -> before.put(c.partnerId(), c));
    List<Scorecard> all = new ArrayList<>();
    List<PeerStats> benchmarks = new ArrayList<>();
    for (Program program : config.programs().values()) {
      List<PeriodCounts> mine =
          counts.stream().filter(c -> c.programId().equals(program.id())).toList();
      if (mine.isEmpty()) {
        continue;
      }
      Map<MetricId, Shrinkage> priors = priors(program, mine);
      Map<MetricId, Shrinkage> previousPriors =
          priors(
              program,
              mine.stream().map(c -> before.get(c.partnerId())).filter(Objects::nonNull).toList());
      List<Scorecard> cards = new ArrayList<>();
      for (PeriodCounts c : mine) {
        Partner partner = partnerFor(config, c.partnerId(), period);
        Scorecard card = ScorecardCalculator.score(program, partner, period, c, priors);
        PeriodCounts earlier = before.get(c.partnerId());
        Double previousComposite = null;
        if (earlier != null) {
          Scorecard previousCard =
              ScorecardCalculator.score(
                  program, partner, period.previous(), earlier, previousPriors);
          previousComposite = previousCard.composite();
          List<MetricResult> trended = new ArrayList<>();
          for (int i = 0; i < card.metrics().size(); i++) {
            MetricResult now = card.metrics().get(i);
            MetricId id = MetricId.byId(now.metricId()).orElseThrow();
            trended.add(
                now.withTrend(
                    previousCard.metrics().get(i).value(),
                    ScorecardCalculator.significantChange(id, c, earlier)));
          }
          card = card.withMetrics(trended);
        }
        cards.add(card.withContext(previousComposite, null, gateOverridden));
      }
      PeerBenchmark.Result ranked = PeerBenchmark.of(program, cards);
      all.addAll(ranked.scorecards());
      benchmarks.addAll(ranked.stats());
    }
    all.sort(Comparator.comparing(Scorecard::partnerId));
    return new Computed(all, benchmarks);
  }

  /** Shrinkage priors of the program's rate metrics, when the program enables shrinkage. */
  static Map<MetricId, Shrinkage> priors(Program program, List<PeriodCounts> counts) {
    Map<MetricId, Shrinkage> priors = new EnumMap<>(MetricId.class);
    if (!program.shrinkage()) {
      return priors;
    }
    for (MetricSpec spec : program.metrics()) {
      if (!ScorecardCalculator.isRate(spec.metric())) {
        continue;
      }
      Shrinkage prior =
          Shrinkage.fit(
              counts.stream().map(c -> ScorecardCalculator.rateCounts(spec.metric(), c)).toList());
      if (prior != null) {
        priors.put(spec.metric(), prior);
      }
    }
    return priors;
  }

  /** The partner's master data at the end of the period, or its latest version. */
  private static Partner partnerFor(PcxConfig config, String partnerId, Period period) {
    return config
        .partnerOn(partnerId, period.end().minusDays(1))
        .or(() -> config.latestPartner(partnerId))
        .orElseThrow();
  }
}
