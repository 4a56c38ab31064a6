package com.partnercx.score;

import com.partnercx.config.MetricSpec;
import com.partnercx.config.Program;
import com.partnercx.tables.BenchmarkTable;
import com.partnercx.tables.BenchmarkTable.PeerStats;
import com.partnercx.tables.Scorecard;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Peer figures of a program for a period: per metric and for the composite, the quartiles over the
 * partners with sufficient data ({@link BenchmarkTable#quantile}). When fewer partners than the
 * program's {@code peer_group_min_size} have data, the figures are suppressed, so no partner can be
 * singled out. Percentile ranks are worked out by the report from the same values ({@link
 * BenchmarkTable#percentileRanks}).
 */
public final class PeerBenchmark {
  private PeerBenchmark() {}

  /** One row per metric of the program, then the composite. */
  public static List<PeerStats> of(Program program, List<Scorecard> cards) {
    int minSize = program.peerGroupMinSize();
    List<PeerStats> stats = new ArrayList<>();
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
    }
    Map<String, Double> composites = new HashMap<>();
    cards.stream()
        .filter(c -> c.composite() != null)
        .forEach(c -> composites.put(c.partnerId(), c.composite()));
    stats.add(stats(program.id(), BenchmarkTable.COMPOSITE, composites, minSize));
    return stats;
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
}
