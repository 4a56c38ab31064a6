package com.partnercx.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.config.Direction;
import com.partnercx.config.MetricId;
import com.partnercx.config.MetricSpec;
import com.partnercx.config.Program;
import com.partnercx.config.Tier;
import com.partnercx.tables.BenchmarkTable;
import com.partnercx.tables.BenchmarkTable.PeerStats;
import com.partnercx.tables.MetricResult;
import com.partnercx.tables.Scorecard;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Quartiles, percentile ranks and suppression, counted by hand. */
class PeerBenchmarkTest {
  private static final double EPS = 1e-9;

  private static Program program(int minPeers) {
    return new Program(
        "p",
        "P",
        "EUR",
        List.of(
            new MetricSpec(
                MetricId.ON_TIME_RATE, 1, Direction.HIGHER_IS_BETTER, 0.5, 0.9, 1, false),
            new MetricSpec(MetricId.AVG_DELAY_MIN, 1, Direction.LOWER_IS_BETTER, 60, 5, 1, false)),
        List.of(new Tier("all", 0, 0)),
        "all",
        0.5,
        false,
        0,
        48,
        24,
        minPeers);
  }

  private static MetricResult metric(String id, Double value, boolean sufficient) {
    return new MetricResult(
        id,
        value,
        10,
        null,
        null,
        0,
        1,
        1,
        sufficient ? 50.0 : null,
        sufficient,
        null,
        null,
        null,
        null,
        null);
  }

  private static Scorecard card(String partner, Double onTime, Double delay, Double composite) {
    return new Scorecard(
        partner,
        "p",
        "2026-Q3",
        List.of(
            metric("on_time_rate", onTime, onTime != null),
            metric("avg_delay_min", delay, delay != null)),
        1,
        composite,
        "all",
        null,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        "EUR",
        List.of(),
        null,
        null,
        false);
  }

  private static Map<String, PeerStats> byMetric(PeerBenchmark.Result r) {
    return r.stats().stream().collect(Collectors.toMap(PeerStats::metricId, s -> s));
  }

  @Test
  void quartilesAndRanksOverThePartnersWithData() {
    List<Scorecard> cards = new ArrayList<>();
    cards.add(card("A", 0.9, 10.0, 80.0));
    cards.add(card("B", 0.8, 20.0, 60.0));
    cards.add(card("C", 0.8, 20.0, 60.0));
    cards.add(card("D", 0.6, 40.0, 20.0));
    cards.add(card("E", null, null, null)); // no data: neither counted nor ranked
    PeerBenchmark.Result r = PeerBenchmark.of(program(3), cards);

    PeerStats onTime = byMetric(r).get("on_time_rate");
    assertEquals(4, onTime.partners());
    assertFalse(onTime.suppressed());
    // sorted 0.6 0.8 0.8 0.9: h = 0.75, 1.5, 2.25
    assertEquals(0.75, onTime.p25(), EPS);
    assertEquals(0.8, onTime.median(), EPS);
    assertEquals(0.825, onTime.p75(), EPS);

    Map<String, Scorecard> ranked =
        r.scorecards().stream().collect(Collectors.toMap(Scorecard::partnerId, c -> c));
    // A beats 3 of 3 others; B beats D and ties C: (1 + 0.5) / 3; D beats none.
    assertEquals(100.0, ranked.get("A").metrics().get(0).percentileRank(), EPS);
    assertEquals(50.0, ranked.get("B").metrics().get(0).percentileRank(), EPS);
    assertEquals(0.0, ranked.get("D").metrics().get(0).percentileRank(), EPS);
    assertNull(ranked.get("E").metrics().get(0).percentileRank());
    // Lower delay is better: A's 10 minutes beats everyone.
    assertEquals(100.0, ranked.get("A").metrics().get(1).percentileRank(), EPS);
    assertEquals(0.0, ranked.get("D").metrics().get(1).percentileRank(), EPS);
    // Composite: 80, 60, 60, 20.
    assertEquals(100.0, ranked.get("A").compositePercentileRank(), EPS);
    assertEquals(50.0, ranked.get("C").compositePercentileRank(), EPS);
    PeerStats composite = byMetric(r).get(BenchmarkTable.COMPOSITE);
    assertEquals(50.0, composite.p25(), EPS); // 20 + 0.75 x 40
    assertEquals(60.0, composite.median(), EPS);
  }

  @Test
  void aGroupBelowTheMinimumSizeShowsNoPeerFigures() {
    PeerBenchmark.Result r =
        PeerBenchmark.of(
            program(5), List.of(card("A", 0.9, 10.0, 80.0), card("B", 0.7, 30.0, 50.0)));
    PeerStats onTime = byMetric(r).get("on_time_rate");
    assertTrue(onTime.suppressed());
    assertEquals(2, onTime.partners());
    assertNull(onTime.median());
    r.scorecards().forEach(c -> assertNull(c.compositePercentileRank()));
    r.scorecards().forEach(c -> assertNull(c.metrics().get(0).percentileRank()));
  }

  @Test
  void aPartnerAloneInItsPeerGroupIsNeverRanked() {
    PeerBenchmark.Result r = PeerBenchmark.of(program(1), List.of(card("A", 0.9, 10.0, 80.0)));
    assertEquals(0.9, byMetric(r).get("on_time_rate").median(), EPS);
    assertNull(r.scorecards().get(0).metrics().get(0).percentileRank(), "no one to rank against");
  }
}
