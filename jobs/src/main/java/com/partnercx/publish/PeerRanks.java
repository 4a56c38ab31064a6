package com.partnercx.publish;

import com.partnercx.config.Direction;
import com.partnercx.config.MetricId;
import com.partnercx.config.MetricSpec;
import com.partnercx.config.PcxConfig;
import com.partnercx.config.Program;
import com.partnercx.tables.BenchmarkTable;
import com.partnercx.tables.MetricResult;
import com.partnercx.tables.Scorecard;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A partner's standing among its program's peers, worked out when a report is made rather than
 * stored with its scorecard, so one partner's restatement never restates another. The peers are the
 * period's latest scorecards, or, once the period is closed, the ones frozen at close; a partner
 * restated after close is placed among the frozen peers with its new figures.
 *
 * <p>Percentile rank: 100 x (peers it beats + half the peers it ties) / (N - 1), 100 = best,
 * whichever way the metric points; none when fewer than the program's peer minimum (and at least
 * two) partners have sufficient data. Rank: 1 + the peers with a higher composite.
 */
final class PeerRanks {
  /** program id -> metric id (or composite) -> partner -> the value peers are ranked by. */
  private final Map<String, Map<String, Map<String, Double>>> values;

  private final PcxConfig config;

  /** "program/metric" -> the peers' values, sorted; filled on first use, from any thread. */
  private final Map<String, double[]> sorted = new java.util.concurrent.ConcurrentHashMap<>();

  private PeerRanks(PcxConfig config, Map<String, Map<String, Map<String, Double>>> values) {
    this.config = config;
    this.values = values;
  }

  /** The peer values of {@code peers}: each sufficient metric's scored value and the composite. */
  static PeerRanks of(PcxConfig config, List<Scorecard> peers) {
    Map<String, Map<String, Map<String, Double>>> values = new HashMap<>();
    for (Scorecard card : peers) {
      Map<String, Map<String, Double>> program =
          values.computeIfAbsent(card.programId(), k -> new HashMap<>());
      for (MetricResult m : card.metrics()) {
        if (m.sufficient()) {
          program
              .computeIfAbsent(m.metricId(), k -> new HashMap<>())
              .put(card.partnerId(), m.scored());
        }
      }
      if (card.composite() != null) {
        program
            .computeIfAbsent(BenchmarkTable.COMPOSITE, k -> new HashMap<>())
            .put(card.partnerId(), card.composite());
      }
    }
    return new PeerRanks(config, values);
  }

  /** The partner's percentile rank for a metric, or null when not shown. */
  Double percentile(Scorecard card, MetricResult metric) {
    if (!metric.sufficient()) {
      return null;
    }
    Program program = config.program(card.programId());
    boolean higher =
        program
                .metric(MetricId.byId(metric.metricId()).orElseThrow())
                .map(MetricSpec::direction)
                .orElse(Direction.HIGHER_IS_BETTER)
            == Direction.HIGHER_IS_BETTER;
    return percentile(card, metric.metricId(), metric.scored(), higher);
  }

  /** The partner's composite percentile rank, or null when not shown. */
  Double compositePercentile(Scorecard card) {
    return card.composite() == null
        ? null
        : percentile(card, BenchmarkTable.COMPOSITE, card.composite(), true);
  }

  /** The partner's rank by composite (1 = best), or null without a composite. */
  Integer rank(Scorecard card) {
    if (card.composite() == null) {
      return null;
    }
    return 1 + (int) peers(card, BenchmarkTable.COMPOSITE).greater(card.composite());
  }

  /** How many partners of the program are ranked by composite (the partner included). */
  int ranked(Scorecard card) {
    return (int) peers(card, BenchmarkTable.COMPOSITE).size() + (card.composite() == null ? 0 : 1);
  }

  private Double percentile(Scorecard card, String metricId, double value, boolean higher) {
    Peers others = peers(card, metricId);
    long n = others.size() + 1;
    if (n < Math.max(2, config.program(card.programId()).peerGroupMinSize())) {
      return null;
    }
    long beaten = higher ? others.less(value) : others.greater(value);
    long tied = others.equal(value);
    return 100.0 * (beaten + 0.5 * tied) / (n - 1);
  }

  /** The peers' values for a metric, the partner's own left out. */
  private Peers peers(Scorecard card, String metricId) {
    Map<String, Double> byPartner =
        values.getOrDefault(card.programId(), Map.of()).getOrDefault(metricId, Map.of());
    double[] sorted =
        this.sorted.computeIfAbsent(
            card.programId() + "/" + metricId,
            k -> byPartner.values().stream().mapToDouble(Double::doubleValue).sorted().toArray());
    return new Peers(sorted, byPartner.get(card.partnerId()));
  }

  /**
   * Sorted peer values with one value (the partner's own, or null) taken out, counted by binary
   * search so ranking thousands of partners stays linear in their number.
   */
  private record Peers(double[] sorted, Double own) {
    long size() {
      return sorted.length - (own == null ? 0 : 1);
    }

    long less(double value) {
      return lowerBound(value) - (own != null && own < value ? 1 : 0);
    }

    long greater(double value) {
      return sorted.length - upperBound(value) - (own != null && own > value ? 1 : 0);
    }

    long equal(double value) {
      return upperBound(value) - lowerBound(value) - (own != null && own == value ? 1 : 0);
    }

    private int lowerBound(double value) {
      int low = 0;
      int high = sorted.length;
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (sorted[mid] < value) {
          low = mid + 1;
        } else {
          high = mid;
        }
      }
      return low;
    }

    private int upperBound(double value) {
      int low = 0;
      int high = sorted.length;
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (sorted[mid] <= value) {
          low = mid + 1;
        } else {
          high = mid;
        }
      }
      return low;
    }
  }
}
