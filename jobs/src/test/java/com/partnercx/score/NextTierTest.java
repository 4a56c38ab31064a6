package com.partnercx.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.partnercx.config.Direction;
import com.partnercx.config.MetricId;
import com.partnercx.config.MetricSpec;
import com.partnercx.config.Partner;
import com.partnercx.config.Program;
import com.partnercx.config.Tier;
import com.partnercx.schema.Period;
import com.partnercx.tables.NextTier;
import com.partnercx.tables.NextTier.Outcome;
import com.partnercx.tables.NextTier.Step;
import com.partnercx.tables.PartnerDailyTable;
import com.partnercx.tables.PeriodCounts;
import com.partnercx.tables.Scorecard;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What it takes to reach the next tier, against figures worked out by hand. The program: on-time
 * rate (critical, floor 70%, target 95%), average delay (floor 20 min, target 2) and cancellation
 * rate (floor 12%, target 2%); tiers platinum 85 (12%), gold 70 (8%), silver 55 (5%), bronze 40
 * (2%), probation 0; a critical metric below its floor caps the tier at silver. The partner's base
 * incentive is 12,000 EUR a quarter, so gold pays 960.00, platinum 1,440.00 and silver 600.00.
 */
class NextTierTest {
  private static final double EPS = 1e-6;
  private static final Period Q3 = Period.parse("2026-Q3");
  private static final Partner PARTNER =
      new Partner(
          "D-1",
          "Test Kitchen",
          "delivery",
          "Nord",
          new BigDecimal("12000.00"),
          LocalDate.of(2025, 1, 1),
          Optional.empty());

  private static Program program(double onTime, double delay, double cancellation) {
    return new Program(
        "delivery",
        "Delivery",
        "EUR",
        List.of(
            new MetricSpec(
                MetricId.ON_TIME_RATE, onTime, Direction.HIGHER_IS_BETTER, 0.70, 0.95, 100, true),
            new MetricSpec(
                MetricId.AVG_DELAY_MIN, delay, Direction.LOWER_IS_BETTER, 20, 2, 100, false),
            new MetricSpec(
                MetricId.CANCELLATION_RATE,
                cancellation,
                Direction.LOWER_IS_BETTER,
                0.12,
                0.02,
                100,
                false)),
        List.of(
            new Tier("platinum", 85, 12),
            new Tier("gold", 70, 8),
            new Tier("silver", 55, 5),
            new Tier("bronze", 40, 2),
            new Tier("probation", 0, 0)),
        "silver",
        0.6,
        false,
        5,
        24,
        4,
        5,
        ZoneOffset.UTC,
        false);
  }

  /** A partner's period: {@code timed} timed events of which {@code onTime} on time, ... */
  private static PeriodCounts counts(
      long timed, long onTime, double delayMinutes, long events, long cancelled) {
    return new PeriodCounts(
        "D-1",
        "delivery",
        Map.of(
            PartnerDailyTable.TIMED, (double) timed,
            PartnerDailyTable.ON_TIME, (double) onTime,
            PartnerDailyTable.DELAY_MINUTES, delayMinutes,
            PartnerDailyTable.EVENTS, (double) events,
            PartnerDailyTable.CANCELLED, (double) cancelled,
            PartnerDailyTable.COMPLETED, (double) (events - cancelled)));
  }

  private static Step step(NextTier next, MetricId metric) {
    return next.steps().stream()
        .filter(s -> s.metricId().equals(metric.id()))
        .findFirst()
        .orElseThrow();
  }

  private static void assertReaches(
      Step step, long from, long to, double value, String tier, String payout) {
    assertEquals(Outcome.REACHABLE, step.outcome(), step.metricId());
    assertEquals(from, step.countFrom(), step.metricId());
    assertEquals(to, step.countTo(), step.metricId());
    assertEquals(value, step.valueTo(), EPS, step.metricId());
    assertEquals(tier, step.tier(), step.metricId());
    assertEquals(new BigDecimal(payout), step.payout(), step.metricId());
  }

  @Test
  void eachMetricAloneWithItsSmallestImprovement() {
    // on time 780/900 = 0.866667 -> score 66.6667; delay 9,000/900 = 10 min -> (10-20)/(2-20) =
    // 55.5556; cancelled 60/1,000 = 0.06 -> (0.06-0.12)/(0.02-0.12) = 60. Composite 0.5 x 66.6667
    // + 0.3 x 55.5556 + 0.2 x 60 = 62.0: silver. Gold is published from 69.95: 7.95 points short.
    Scorecard card =
        ScorecardCalculator.score(
            program(0.5, 0.3, 0.2), PARTNER, Q3, counts(900, 780, 9000, 1000, 60));
    assertEquals("silver", card.tier());
    NextTier next = card.nextTier();
    assertEquals("gold", next.tier());
    assertEquals(70.0, next.minComposite());
    assertEquals(new BigDecimal("960.00"), next.payout());
    // On time: score 66.6667 + 7.95 / 0.5 = 82.5667 -> rate 0.70 + 0.825667 x 0.25 = 0.906417 ->
    // 815.78 of 900 -> 816 (816/900 scores 82.6667, composite 70.0; 815 gives 69.8).
    assertReaches(step(next, MetricId.ON_TIME_RATE), 780, 816, 816.0 / 900, "gold", "960.00");
    // Delay: 55.5556 + 7.95 / 0.3 = 82.0556 -> 20 - 18 x 0.820556 = 5.23 minutes.
    Step delay = step(next, MetricId.AVG_DELAY_MIN);
    assertEquals(Outcome.REACHABLE, delay.outcome());
    assertEquals(5.23, delay.valueTo(), 1e-6);
    assertNull(delay.countTo());
    // Cancellations: 60 + 7.95 / 0.2 = 99.75 -> 0.12 - 0.09975 = 0.02025 -> at most 20.25 of
    // 1,000 -> 20 (0.02 scores 100, composite 70.0; 21 scores 99, composite 69.8).
    assertReaches(step(next, MetricId.CANCELLATION_RATE), 60, 20, 0.02, "gold", "960.00");
  }

  @Test
  void aMetricWithTooLittleWeightCannotCloseTheGapAlone() {
    // Weights 0.6 / 0.3 / 0.1: composite 40 + 16.6667 + 6 = 62.6667 -> 62.7, silver; 7.2833 short.
    NextTier next =
        ScorecardCalculator.score(
                program(0.6, 0.3, 0.1), PARTNER, Q3, counts(900, 780, 9000, 1000, 60))
            .nextTier();
    // Cancellations would need 60 + 7.2833 / 0.1 = 132.8 points: beyond a perfect score.
    Step cancellation = step(next, MetricId.CANCELLATION_RATE);
    assertEquals(Outcome.NOT_REACHABLE, cancellation.outcome());
    assertNull(cancellation.valueTo());
    assertNull(cancellation.payout());
    // On time: 66.6667 + 12.1389 = 78.8056 -> 0.897014 x 900 = 807.31 -> 808 (807 gives 69.9).
    assertReaches(step(next, MetricId.ON_TIME_RATE), 780, 808, 808.0 / 900, "gold", "960.00");
    // Delay: 55.5556 + 24.2778 = 79.8333 -> 20 - 18 x 0.798333 = 5.63 minutes.
    assertEquals(5.63, step(next, MetricId.AVG_DELAY_MIN).valueTo(), 1e-6);
  }

  @Test
  void aNextTierNoSingleMetricReaches() {
    // On time 900/1,000 = 0.9 -> 80, delay 8 min -> 66.6667, cancellations 0.07 -> 50: each leaves
    // 10 composite points on the table (0.5 x 20, 0.3 x 33.33, 0.2 x 50); composite 70.0, gold.
    // Platinum needs 84.95: 14.95 more, more than any one metric has.
    Scorecard card =
        ScorecardCalculator.score(
            program(0.5, 0.3, 0.2), PARTNER, Q3, counts(1000, 900, 8000, 1000, 70));
    assertEquals("gold", card.tier());
    assertEquals(70.0, card.composite(), EPS);
    NextTier next = card.nextTier();
    assertEquals("platinum", next.tier());
    assertEquals(new BigDecimal("1440.00"), next.payout());
    assertEquals(3, next.steps().size());
    next.steps().forEach(s -> assertEquals(Outcome.NOT_REACHABLE, s.outcome(), s.metricId()));
  }

  @Test
  void aCappedPartnerLiftsTheCapWithTheCriticalMetricOnly() {
    // On time 680/1,000 = 0.68 < floor 0.70 -> score 0; delay 2 min -> 100; cancellations 0.02 ->
    // 100. Weights 0.1 / 0.5 / 0.4: composite 90.0, platinum, capped at silver by the on-time rate.
    Scorecard card =
        ScorecardCalculator.score(
            program(0.1, 0.5, 0.4), PARTNER, Q3, counts(1000, 680, 2000, 1000, 20));
    assertEquals("silver", card.tier());
    assertEquals("on_time_rate", card.cappedBy());
    NextTier next = card.nextTier();
    assertEquals("gold", next.tier());
    // Nothing but the on-time rate lifts a silver cap.
    for (MetricId other : List.of(MetricId.AVG_DELAY_MIN, MetricId.CANCELLATION_RATE)) {
      Step s = step(next, other);
      assertEquals(Outcome.CAPPED, s.outcome(), other.id());
      assertEquals("on_time_rate", s.blockedBy());
    }
    // Its floor, 700 of 1,000, lifts the cap; the composite stays 90.0: platinum, 12% of 12,000.
    assertReaches(step(next, MetricId.ON_TIME_RATE), 680, 700, 0.70, "platinum", "1440.00");
  }

  @Test
  void aShrunkRateCountsThroughItsAdjustment() {
    // On time 80 of 100 towards a prior of mean 0.85, strength 100: (80 + 85) / 200 = 0.825 ->
    // score 50. Composite 25 + 16.6667 + 12 = 53.6667 -> 53.7, bronze; silver from 54.95: 1.2833
    // short. On time needs 50 + 2.5667 -> adjusted 0.831417 -> 0.831417 x 200 - 85 = 81.28 -> 82
    // ((82 + 85) / 200 = 0.835 scores 54, composite 55.7; 81 gives 54.7).
    Map<MetricId, Shrinkage> priors = Map.of(MetricId.ON_TIME_RATE, new Shrinkage(0.85, 100));
    Scorecard card =
        ScorecardCalculator.score(
            program(0.5, 0.3, 0.2), PARTNER, Q3, counts(100, 80, 1000, 1000, 60), priors);
    assertEquals("bronze", card.tier());
    NextTier next = card.nextTier();
    assertEquals("silver", next.tier());
    assertReaches(step(next, MetricId.ON_TIME_RATE), 80, 82, 0.82, "silver", "600.00");
    // Cancellations: 60 + 1.2833 / 0.2 = 66.4167 -> 0.053583 -> 53 of 1,000 (score 67, composite
    // 55.1; 54 gives 54.9).
    assertReaches(step(next, MetricId.CANCELLATION_RATE), 60, 53, 0.053, "silver", "600.00");

    // A prior that pools completely puts every partner at the program mean: no count moves it.
    Map<MetricId, Shrinkage> pooled = Map.of(MetricId.ON_TIME_RATE, Shrinkage.complete(0.85));
    NextTier pooledNext =
        ScorecardCalculator.score(
                program(0.5, 0.3, 0.2), PARTNER, Q3, counts(100, 80, 1000, 1000, 60), pooled)
            .nextTier();
    assertEquals(Outcome.NOT_REACHABLE, step(pooledNext, MetricId.ON_TIME_RATE).outcome());
  }

  @Test
  void noNextTierAtTheTopOrWithoutATier() {
    // On time 0.95, delay 2 min, cancellations 0.02: 100 on each, platinum.
    Scorecard top =
        ScorecardCalculator.score(
            program(0.5, 0.3, 0.2), PARTNER, Q3, counts(1000, 950, 2000, 1000, 20));
    assertEquals("platinum", top.tier());
    assertNull(top.nextTier());
    // 50 timed events and 50 events: below every minimum of 100.
    Scorecard none =
        ScorecardCalculator.score(program(0.5, 0.3, 0.2), PARTNER, Q3, counts(50, 40, 500, 50, 5));
    assertEquals(ScorecardCalculator.INSUFFICIENT_DATA, none.tier());
    assertNull(none.nextTier());
  }
}
