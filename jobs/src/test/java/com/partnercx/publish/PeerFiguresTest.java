package com.partnercx.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.config.Direction;
import com.partnercx.config.MetricId;
import com.partnercx.config.MetricSpec;
import com.partnercx.config.PcxConfig;
import com.partnercx.config.Program;
import com.partnercx.config.Tier;
import com.partnercx.score.PeerBenchmark;
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

/**
 * Peer figures counted by hand: the quartiles the scoring stores (gold/benchmark) and the
 * percentile ranks and ranks the report works out from the period's scorecards.
 */
class PeerFiguresTest {
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
        minPeers,
        java.time.ZoneOffset.UTC,
        false);
  }

  private static MetricResult metric(String id, Double value, boolean sufficient) {
    return new MetricResult(
        id, value, 10, null, null, 0, 1, 1, sufficient ? 50.0 : null, sufficient, 1, null);
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
        false,
        null);
  }

  private static Map<String, PeerStats> byMetric(List<PeerStats> stats) {
    return stats.stream().collect(Collectors.toMap(PeerStats::metricId, s -> s));
  }

  private static PeerRanks ranks(Program program, List<Scorecard> cards) {
    return PeerRanks.of(
        new PcxConfig(Map.of("p", program), List.of(), Map.of(), "h", List.of()), cards);
  }

  @Test
  void quartilesAndRanksOverThePartnersWithData() {
    List<Scorecard> cards = new ArrayList<>();
    cards.add(card("A", 0.9, 10.0, 80.0));
    cards.add(card("B", 0.8, 20.0, 60.0));
    cards.add(card("C", 0.8, 20.0, 60.0));
    cards.add(card("D", 0.6, 40.0, 20.0));
    cards.add(card("E", null, null, null)); // no data: neither counted nor ranked
    List<PeerStats> r = PeerBenchmark.of(program(3), cards);
    PeerRanks peers = ranks(program(3), cards);

    PeerStats onTime = byMetric(r).get("on_time_rate");
    assertEquals(4, onTime.partners());
    assertFalse(onTime.suppressed());
    // sorted 0.6 0.8 0.8 0.9: h = 0.75, 1.5, 2.25
    assertEquals(0.75, onTime.p25(), EPS);
    assertEquals(0.8, onTime.median(), EPS);
    assertEquals(0.825, onTime.p75(), EPS);

    Map<String, Scorecard> ranked =
        cards.stream().collect(Collectors.toMap(Scorecard::partnerId, c -> c));
    // A beats 3 of 3 others; B beats D and ties C: (1 + 0.5) / 3; D beats none.
    assertEquals(100.0, onTimeRank(peers, ranked.get("A")), EPS);
    assertEquals(50.0, onTimeRank(peers, ranked.get("B")), EPS);
    assertEquals(0.0, onTimeRank(peers, ranked.get("D")), EPS);
    assertNull(onTimeRank(peers, ranked.get("E")));
    // Lower delay is better: A's 10 minutes beats everyone.
    assertEquals(100.0, peers.percentile(ranked.get("A"), ranked.get("A").metrics().get(1)), EPS);
    assertEquals(0.0, peers.percentile(ranked.get("D"), ranked.get("D").metrics().get(1)), EPS);
    // Composite: 80, 60, 60, 20.
    assertEquals(100.0, peers.compositePercentile(ranked.get("A")), EPS);
    assertEquals(50.0, peers.compositePercentile(ranked.get("C")), EPS);
    assertEquals(1, peers.rank(ranked.get("A")));
    assertEquals(2, peers.rank(ranked.get("B")), "B and C tie behind A");
    assertEquals(4, peers.rank(ranked.get("D")));
    assertEquals(4, peers.ranked(ranked.get("A")));
    assertNull(peers.rank(ranked.get("E")));
    PeerStats composite = byMetric(r).get(BenchmarkTable.COMPOSITE);
    assertEquals(50.0, composite.p25(), EPS); // 20 + 0.75 x 40
    assertEquals(60.0, composite.median(), EPS);
  }

  private static Double onTimeRank(PeerRanks peers, Scorecard card) {
    return peers.percentile(card, card.metrics().get(0));
  }

  @Test
  void aGroupBelowTheMinimumSizeShowsNoPeerFigures() {
    List<Scorecard> cards = List.of(card("A", 0.9, 10.0, 80.0), card("B", 0.7, 30.0, 50.0));
    PeerStats onTime = byMetric(PeerBenchmark.of(program(5), cards)).get("on_time_rate");
    assertTrue(onTime.suppressed());
    assertEquals(2, onTime.partners());
    assertNull(onTime.median());
    PeerRanks peers = ranks(program(5), cards);
    cards.forEach(c -> assertNull(peers.compositePercentile(c)));
    cards.forEach(c -> assertNull(onTimeRank(peers, c)));
  }

  @Test
  void aPartnerAloneInItsPeerGroupIsNeverRanked() {
    List<Scorecard> cards = List.of(card("A", 0.9, 10.0, 80.0));
    assertEquals(
        0.9, byMetric(PeerBenchmark.of(program(1), cards)).get("on_time_rate").median(), EPS);
    assertNull(onTimeRank(ranks(program(1), cards), cards.get(0)), "no one to rank against");
  }

  /**
   * After close the peers are the scorecards frozen then: a partner restated later is placed among
   * them with its new figures, and the others keep their places.
   */
  @Test
  void aPartnerRestatedAfterCloseIsRankedAmongTheFrozenPeers() {
    List<Scorecard> frozen =
        List.of(
            card("A", 0.9, 10.0, 80.0),
            card("B", 0.8, 20.0, 60.0),
            card("C", 0.7, 30.0, 40.0),
            card("D", 0.6, 40.0, 20.0));
    PeerRanks peers = ranks(program(3), frozen);
    Scorecard restatedD = card("D", 0.85, 40.0, 70.0);
    // D's new 0.85 beats B (0.8) and C (0.7) of the three others: 2 / 3.
    assertEquals(200.0 / 3, onTimeRank(peers, restatedD), EPS);
    assertEquals(2, peers.rank(restatedD), "70 is behind A's 80 only");
    // B is still ranked against D's frozen 0.6: beats C and D, 2 / 3.
    assertEquals(200.0 / 3, onTimeRank(peers, frozen.get(1)), EPS);
  }
}
