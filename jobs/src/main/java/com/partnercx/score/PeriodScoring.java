package com.partnercx.score;

import com.partnercx.config.MetricId;
import com.partnercx.config.MetricSpec;
import com.partnercx.config.Partner;
import com.partnercx.config.PcxConfig;
import com.partnercx.config.Program;
import com.partnercx.schema.Period;
import com.partnercx.tables.BenchmarkTable.PeerStats;
import com.partnercx.tables.PeriodCounts;
import com.partnercx.tables.Scorecard;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every partner's scorecard for a period from the period counts: shrinkage priors fitted per
 * program (or the ones frozen when the period was closed), each partner scored, and the peer
 * quartiles. A scorecard holds the period's own figures only, so it depends on the period's data,
 * the configuration and the priors, never on which period was scored first. Pure Java: the same
 * inputs always give the same scorecards ({@code pcx reproduce} relies on it).
 */
final class PeriodScoring {
  private PeriodScoring() {}

  /**
   * Every partner's scorecards, the benchmark rows and the priors used.
   *
   * @param scorecards in partner order
   * @param benchmarks per program: each metric, then the composite
   * @param priors program id -> metric -> the prior its rates were shrunk towards
   */
  record Computed(
      List<Scorecard> scorecards,
      List<PeerStats> benchmarks,
      Map<String, Map<MetricId, Shrinkage>> priors) {}

  /**
   * Scores the period.
   *
   * @param partners each partner's master data for the period (from silver/partner); a partner
   *     missing here is taken from the configuration as of the period's last day
   * @param frozenPriors the priors frozen at the period's close, or null before close
   * @param exclusions partner -> metric -> the records accepted appeals take out of it
   * @param integrityFlags partner -> the ids of its survey-integrity flags, for partners of
   *     programs that leave flagged partners' survey metrics out of the composite
   */
  static Computed compute(
      PcxConfig config,
      Period period,
      List<PeriodCounts> counts,
      Map<String, Partner> partners,
      Map<String, Map<MetricId, Shrinkage>> frozenPriors,
      boolean gateOverridden,
      Map<String, Map<MetricId, AppealExclusions.Exclusion>> exclusions,
      Map<String, List<String>> integrityFlags) {
    List<Scorecard> all = new ArrayList<>();
    List<PeerStats> benchmarks = new ArrayList<>();
    Map<String, Map<MetricId, Shrinkage>> used = new HashMap<>();
    for (Program program : config.programs().values()) {
      List<PeriodCounts> mine =
          counts.stream().filter(c -> c.programId().equals(program.id())).toList();
      if (mine.isEmpty()) {
        continue;
      }
      Map<MetricId, Shrinkage> priors =
          frozenPriors != null
              ? frozenPriors.getOrDefault(program.id(), Map.of())
              : priors(program, mine);
      used.put(program.id(), priors);
      List<Scorecard> cards = new ArrayList<>();
      for (PeriodCounts c : mine) {
        Partner partner = partnerFor(config, partners, c.partnerId(), period);
        cards.add(
            ScorecardCalculator.score(
                    program,
                    partner,
                    period,
                    c,
                    priors,
                    exclusions.getOrDefault(c.partnerId(), Map.of()),
                    integrityFlags.getOrDefault(c.partnerId(), List.of()))
                .withGateOverridden(gateOverridden));
      }
      all.addAll(cards);
      benchmarks.addAll(PeerBenchmark.of(program, cards));
    }
    all.sort(Comparator.comparing(Scorecard::partnerId));
    return new Computed(all, benchmarks, used);
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

  /** The partner's master data for the period: silver/partner's, else the configuration's. */
  private static Partner partnerFor(
      PcxConfig config, Map<String, Partner> partners, String partnerId, Period period) {
    Partner stored = partners.get(partnerId);
    if (stored != null) {
      return stored;
    }
    return config
        .partnerOn(partnerId, period.end().minusDays(1))
        .or(() -> config.latestPartner(partnerId))
        .orElseThrow();
  }
}
