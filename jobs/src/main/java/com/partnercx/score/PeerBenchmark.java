package com.partnercx.score;

import com.partnercx.config.Direction;
import com.partnercx.config.MetricSpec;
import com.partnercx.config.Program;
import com.partnercx.tables.BenchmarkTable;
import com.partnercx.tables.BenchmarkTable.PeerStats;
import com.partnercx.tables.MetricResult;
import com.partnercx.tables.Scorecard;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Peer figures of a program for a period (DESIGN.md "Peers"): per metric and for the composite, the
 * quartiles over the partners with sufficient data, and each partner's percentile rank. When fewer
 * partners than the program's {@code peer_group_min_size} have data, the figures are suppressed, so
 * no partner can be singled out.
 *
 * <p>Quartiles interpolate linearly between order statistics (h = (N - 1) q). The percentile rank
 * of a partner is 100 x (peers it beats + half the peers it ties) / (N - 1), so the best is 100 and
 * the worst 0, whichever way the metric points.
 */
public final class PeerBenchmark {
  /**
   * The program's scorecards with percentile ranks filled in, and its benchmark rows.
   *
   * @param scorecards the same scorecards, ranked
   * @param stats one row per metric of the program, then the composite
   */
  public record Result(List<Scorecard> scorecards, List<PeerStats> stats) {}

  private PeerBenchmark() {}

  /** Ranks the scorecards of one program's partners for one period. */
  public static Result of(Program program, List<Scorecard> cards) {
    int minSize = program.peerGroupMinSize();
    List<PeerStats> stats = new ArrayList<>();
    Map<String, Map<String, Double>> ranks = new HashMap<>();
    for (MetricSpec spec : program.metrics()) {
      String id = spec.metric().id();
      Map<String, Double> values = new HashMap<>();
      for (Scorecard card : cards) {
        card.metrics().stream()
            .filter(m -> m.metricId().equals(id) && m.sufficient())
            .findFirst()
            .ifPresent(m -> values.put(card.partnerId(), m.scored()));
      }
      stats.add(stats(program.id(), id, values, minSize));
      ranks.put(id, rank(values, spec.direction(), minSize));
    }
    Map<String, Double> composites = new HashMap<>();
    cards.stream()
        .filter(c -> c.composite() != null)
        .forEach(c -> composites.put(c.partnerId(), c.composite()));
    stats.add(stats(program.id(), BenchmarkTable.COMPOSITE, composites, minSize));
    Map<String, Double> compositeRanks = rank(composites, Direction.HIGHER_IS_BETTER, minSize);

    List<Scorecard> ranked = new ArrayList<>();
    for (Scorecard card : cards) {
      List<MetricResult> metrics =
          card.metrics().stream()
              .map(
                  m ->
                      m.withPercentileRank(
                          ranks.getOrDefault(m.metricId(), Map.of()).get(card.partnerId())))
              .toList();
      ranked.add(
          card.withMetrics(metrics)
              .withContext(
                  card.previousComposite(),
                  compositeRanks.get(card.partnerId()),
                  card.gateOverridden()));
    }
    return new Result(ranked, stats);
  }

  private static PeerStats stats(
      String programId, String metricId, Map<String, Double> values, int minSize) {
    if (values.size() < minSize || values.isEmpty()) {
      return new PeerStats(programId, metricId, values.size(), true, null, null, null);
    }
    double[] sorted = values.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new PeerStats(
        programId,
        metricId,
        sorted.length,
        false,
        BenchmarkTable.quantile(sorted, 0.25),
        BenchmarkTable.quantile(sorted, 0.5),
        BenchmarkTable.quantile(sorted, 0.75));
  }

  /** Percentile rank of each partner, 100 = best; empty when the group is too small. */
  static Map<String, Double> rank(Map<String, Double> values, Direction direction, int minSize) {
    Map<String, Double> out = new HashMap<>();
    int n = values.size();
    if (n < Math.max(2, minSize)) {
      return out;
    }
    double[] all = values.values().stream().mapToDouble(Double::doubleValue).toArray();
    values.forEach(
        (partner, value) -> {
          long beaten =
              Arrays.stream(all)
                  .filter(v -> direction == Direction.HIGHER_IS_BETTER ? v < value : v > value)
                  .count();
          long tied = Arrays.stream(all).filter(v -> v == value).count() - 1;
          out.put(partner, 100.0 * (beaten + 0.5 * tied) / (n - 1));
        });
    return out;
  }
}
