package com.partnercx.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.partnercx.schema.Period;
import com.partnercx.tables.MetricResult;
import com.partnercx.tables.Scorecard;
import com.partnercx.tables.StoredScorecard;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a scorecard gets a new version, and what its restatement says. */
class ScorecardVersioningTest {
  private static final Period Q3 = Period.parse("2026-Q3");

  private static Scorecard card(double onTime, double composite, String tier, String payout) {
    return new Scorecard(
        "A-1",
        "p",
        "2026-Q3",
        List.of(
            new MetricResult(
                "on_time_rate", onTime, 4, 0.3, 0.95, 0.5, 1, 1, composite, true, 1, null)),
        1,
        composite,
        tier,
        null,
        new BigDecimal("400.00"),
        new BigDecimal(payout),
        "EUR",
        List.of(),
        false,
        null);
  }

  private static StoredScorecard stored(Scorecard card) {
    return new StoredScorecard(
        card,
        Q3.start(),
        Q3.end(),
        1,
        null,
        ScorecardVersioning.figuresHash(card),
        "run-1",
        "config",
        Map.of("silver/service_event", 3L, "gold/partner_daily", 7L),
        Instant.EPOCH,
        List.of());
  }

  @Test
  void sameFiguresWriteNoVersion() {
    Scorecard card = card(0.75, 50, "bronze", "100.00");
    assertEquals(
        List.of(),
        ScorecardVersioning.newVersions(
            List.of(card),
            Map.of("A-1", stored(card)),
            Q3,
            "run-2",
            "config",
            Map.of("silver/service_event", 9L),
            Instant.EPOCH));
  }

  @Test
  void aChangedFigureWritesTheNextVersionWithWhatChanged() {
    Scorecard before = card(0.75, 50, "bronze", "100.00");
    Scorecard after = card(1.0, 100, "gold", "200.00");
    List<StoredScorecard> written =
        ScorecardVersioning.newVersions(
            List.of(after),
            Map.of("A-1", stored(before)),
            Q3,
            "run-2",
            "config",
            Map.of("silver/service_event", 5L, "gold/partner_daily", 7L),
            Instant.EPOCH);
    assertEquals(1, written.size());
    StoredScorecard v2 = written.get(0);
    assertEquals(2, v2.version());
    assertEquals(1, v2.supersedes());
    assertEquals(
        List.of(
            "composite 50.0 -> 100.0",
            "tier bronze -> gold",
            "payout 100.00 EUR -> 200.00 EUR",
            "on_time_rate 0.7500 (n=4) -> 1.0000 (n=4)",
            "inputs changed: silver/service_event 3 -> 5"),
        v2.restatement());
  }

  @Test
  void aFirstScorecardIsVersionOneWithNothingRestated() {
    List<StoredScorecard> written =
        ScorecardVersioning.newVersions(
            List.of(card(0.75, 50, "bronze", "100.00")),
            Map.of(),
            Q3,
            "run-1",
            "config",
            Map.of(),
            Instant.EPOCH);
    assertEquals(1, written.get(0).version());
    assertNull(written.get(0).supersedes());
    assertEquals(List.of(), written.get(0).restatement());
  }

  @Test
  void aMetricLeftOutOfTheCompositeWithTheSameValueSaysSo() {
    Scorecard before = card(0.75, 50, "bronze", "100.00");
    MetricResult counted = before.metrics().get(0);
    Scorecard after =
        new Scorecard(
            "A-1",
            "p",
            "2026-Q3",
            List.of(
                new MetricResult(
                    "on_time_rate", 0.75, 4, 0.3, 0.95, 0.5, 1, 1, null, false, 1, null)),
            0,
            null,
            "insufficient_data",
            null,
            new BigDecimal("400.00"),
            null,
            "EUR",
            List.of(),
            false,
            null);
    List<StoredScorecard> written =
        ScorecardVersioning.newVersions(
            List.of(after),
            Map.of("A-1", stored(before)),
            Q3,
            "run-2",
            "config",
            Map.of("silver/service_event", 3L, "gold/partner_daily", 7L),
            Instant.EPOCH);
    assertEquals(0.75, counted.value());
    assertEquals(
        List.of(
            "composite 50.0 -> none",
            "tier bronze -> insufficient_data",
            "payout 100.00 EUR -> none",
            "on_time_rate left out of the composite"),
        written.get(0).restatement());
  }
}
