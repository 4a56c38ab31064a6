package com.partnercx.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.config.Direction;
import com.partnercx.config.MetricId;
import com.partnercx.config.MetricSpec;
import com.partnercx.config.Partner;
import com.partnercx.config.Program;
import com.partnercx.config.Tier;
import com.partnercx.schema.Period;
import com.partnercx.stats.Statistics;
import com.partnercx.tables.MetricResult;
import com.partnercx.tables.PartnerDailyTable;
import com.partnercx.tables.PeriodCounts;
import com.partnercx.tables.Scorecard;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every expected number below was worked out by hand from the formulas of docs/metrics.md. */
class ScorecardCalculatorTest {
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
  private static final List<Tier> TIERS =
      List.of(
          new Tier("platinum", 85, 12),
          new Tier("gold", 70, 8),
          new Tier("silver", 55, 5),
          new Tier("bronze", 40, 2),
          new Tier("probation", 0, 0));

  private static Program program(double onTimeWeight, double delayWeight, double cancelWeight) {
    return new Program(
        "delivery",
        "Delivery",
        "EUR",
        List.of(
            new MetricSpec(
                MetricId.ON_TIME_RATE,
                onTimeWeight,
                Direction.HIGHER_IS_BETTER,
                0.70,
                0.95,
                100,
                true),
            new MetricSpec(
                MetricId.AVG_DELAY_MIN, delayWeight, Direction.LOWER_IS_BETTER, 20, 2, 100, false),
            new MetricSpec(
                MetricId.CANCELLATION_RATE,
                cancelWeight,
                Direction.LOWER_IS_BETTER,
                0.12,
                0.02,
                100,
                false)),
        TIERS,
        "silver",
        0.6,
        false,
        5,
        24,
        4,
        5,
        java.time.ZoneOffset.UTC,
        false);
  }

  private static PeriodCounts counts(
      long events, long cancelled, long timed, long onTime, double delay) {
    return counts(
        PartnerDailyTable.EVENTS, events,
        PartnerDailyTable.COMPLETED, events - cancelled,
        PartnerDailyTable.CANCELLED, cancelled,
        PartnerDailyTable.TIMED, timed,
        PartnerDailyTable.ON_TIME, onTime,
        PartnerDailyTable.DELAY_MINUTES, delay);
  }

  private static PeriodCounts counts(Object... measureValuePairs) {
    java.util.Map<String, Double> sums = new java.util.HashMap<>();
    for (int i = 0; i < measureValuePairs.length; i += 2) {
      sums.put((String) measureValuePairs[i], ((Number) measureValuePairs[i + 1]).doubleValue());
    }
    return new PeriodCounts("D-1", "delivery", sums);
  }

  private static MetricResult only(
      MetricId id, double floor, double target, int minN, PeriodCounts c) {
    Direction direction = floor < target ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER;
    return ScorecardCalculator.metric(
        new MetricSpec(id, 1, direction, floor, target, minN, false), c);
  }

  @Test
  void everyOtherMetricFromItsMeasures() {
    PeriodCounts c =
        counts(
            PartnerDailyTable.COMPLETED,
            1200,
            PartnerDailyTable.FTF_N,
            100,
            PartnerDailyTable.FTF_YES,
            90,
            PartnerDailyTable.CONDITION_N,
            100,
            PartnerDailyTable.CONDITION_YES,
            3,
            PartnerDailyTable.NPS_N,
            50,
            PartnerDailyTable.NPS_PROMOTERS,
            30,
            PartnerDailyTable.NPS_DETRACTORS,
            10,
            PartnerDailyTable.CSAT_N,
            50,
            PartnerDailyTable.CSAT_TOP2,
            40,
            PartnerDailyTable.CES_N,
            50,
            PartnerDailyTable.CES_SUM,
            150,
            PartnerDailyTable.COMPLAINTS,
            6,
            PartnerDailyTable.COMPLAINT_SLA_DUE,
            10,
            PartnerDailyTable.COMPLAINT_SLA_MET,
            8,
            PartnerDailyTable.FCR_N,
            8,
            PartnerDailyTable.FCR_YES,
            6,
            PartnerDailyTable.MENTIONS,
            25,
            PartnerDailyTable.SENTIMENT_SUM,
            12.5,
            PartnerDailyTable.CARTED,
            100,
            PartnerDailyTable.ABANDONED,
            30,
            PartnerDailyTable.HANDOFF_DUE,
            20,
            PartnerDailyTable.HANDOFF_OK,
            18,
            PartnerDailyTable.DELIVERIES_DUE,
            60,
            PartnerDailyTable.DELIVERIES_ON_TIME,
            57);

    // NPS: p = 30/50 = 0.6, d = 10/50 = 0.2 -> 40; half width 1.96 x 100 x sqrt((0.6 + 0.2 - 0.16)
    // / 50)
    // = 195.9964 x 0.113137 = 22.1745; score (40 - -20) / (60 - -20) = 75.
    MetricResult nps = only(MetricId.NPS, -20, 60, 30, c);
    assertEquals(40.0, nps.value(), EPS);
    assertEquals(50, nps.n());
    assertEquals(17.825539, nps.ciLow(), 1e-6);
    assertEquals(62.174461, nps.ciHigh(), 1e-6);
    assertEquals(75.0, nps.score(), EPS);

    MetricResult csat = only(MetricId.CSAT, 0.6, 0.95, 30, c);
    assertEquals(0.8, csat.value(), EPS);
    assertEquals(0.669629, csat.ciLow(), 1e-6);
    assertEquals(0.887562, csat.ciHigh(), 1e-6);

    MetricResult ces = only(MetricId.CES, 5, 2, 30, c);
    assertEquals(3.0, ces.value(), EPS); // 150 / 50
    assertEquals(66.666667, ces.score(), 1e-6); // (3 - 5) / (2 - 5)

    MetricResult perThousand = only(MetricId.COMPLAINTS_PER_1K, 40, 5, 100, c);
    assertEquals(5.0, perThousand.value(), EPS); // 1000 x 6 / 1200
    assertEquals(1200, perThousand.n());
    assertEquals(100.0, perThousand.score(), EPS);

    MetricResult sla = only(MetricId.COMPLAINT_SLA_RATE, 0.5, 0.95, 5, c);
    assertEquals(0.8, sla.value(), EPS);
    assertEquals(10, sla.n());
    assertEquals(0.490162, sla.ciLow(), 1e-6);

    assertEquals(0.75, only(MetricId.FIRST_CONTACT_RESOLUTION, 0.4, 0.85, 5, c).value(), EPS);
    assertEquals(
        50.0, only(MetricId.SOCIAL_SENTIMENT, -30, 60, 20, c).value(), EPS); // 100 x 12.5 / 25
    MetricResult cart = only(MetricId.CART_ABANDONMENT_RATE, 0.7, 0.3, 50, c);
    assertEquals(0.3, cart.value(), EPS);
    assertEquals(100.0, cart.score(), EPS);
    assertEquals(0.218949, cart.ciLow(), 1e-6);
    assertEquals(0.9, only(MetricId.HANDOFF_ACK_RATE, 0.6, 0.98, 10, c).value(), EPS);
    assertEquals(0.9, only(MetricId.FIRST_TIME_FIX_RATE, 0.6, 0.92, 50, c).value(), EPS);
    MetricResult condition = only(MetricId.CONDITION_ISSUE_RATE, 0.1, 0.01, 50, c);
    assertEquals(0.03, condition.value(), EPS);
    assertEquals(77.777778, condition.score(), 1e-6); // (0.03 - 0.1) / (0.01 - 0.1)

    MetricResult timeliness = only(MetricId.FEED_TIMELINESS, 0.8, 1.0, 30, c);
    assertEquals(0.95, timeliness.value(), EPS); // 57 of 60 expected extracts on time
    assertEquals(60, timeliness.n());
    assertEquals(75.0, timeliness.score(), 1e-9); // (0.95 - 0.8) / (1.0 - 0.8)
    assertFalse(
        only(MetricId.FEED_TIMELINESS, 0.8, 1.0, 61, c).sufficient(), "n below min_n of 61");
  }

  @Test
  void npsAtTheEdges() {
    // All promoters: p = 1, d = 0 -> 100 with a zero-width interval.
    MetricResult all =
        only(
            MetricId.NPS,
            -20,
            60,
            10,
            counts(PartnerDailyTable.NPS_N, 20, PartnerDailyTable.NPS_PROMOTERS, 20));
    assertEquals(100.0, all.value(), EPS);
    assertEquals(100.0, all.ciLow(), EPS);
    assertEquals(100.0, all.ciHigh(), EPS);
    assertEquals(100.0, all.score(), EPS);
    // No responses: no value, no score, insufficient.
    MetricResult none = only(MetricId.NPS, -20, 60, 10, counts());
    assertNull(none.value());
    assertEquals(0, none.n());
    assertNull(none.score());
    assertFalse(none.sufficient());
  }

  @Test
  void scoresEveryMetricAndTheCompositeTierAndPayout() {
    // 361 of 380 on time = 0.95 -> score 100; delay 1140/380 = 3.0 min -> (3-20)/(2-20) = 94.444;
    // 16 of 400 cancelled = 0.04 -> (0.04-0.12)/(0.02-0.12) = 80.
    // composite = 100*0.5 + 94.444*0.2 + 80*0.3 = 92.889 -> platinum, 12% of 12,000 = 1,440.00.
    Scorecard s =
        ScorecardCalculator.score(
            program(0.5, 0.2, 0.3), PARTNER, Q3, counts(400, 16, 380, 361, 1140));

    MetricResult onTime = s.metrics().get(0);
    assertEquals(0.95, onTime.value(), EPS);
    assertEquals(380, onTime.n());
    assertEquals(0.923233, onTime.ciLow(), 1e-6);
    assertEquals(0.967760, onTime.ciHigh(), 1e-6);
    assertEquals(100.0, onTime.score(), EPS);
    assertTrue(onTime.sufficient());

    MetricResult delay = s.metrics().get(1);
    assertEquals(3.0, delay.value(), EPS);
    assertEquals(94.444444, delay.score(), 1e-6);
    assertNull(delay.ciLow());

    MetricResult cancel = s.metrics().get(2);
    assertEquals(0.04, cancel.value(), EPS);
    assertEquals(400, cancel.n());
    assertEquals(0.024769, cancel.ciLow(), 1e-6);
    assertEquals(0.063982, cancel.ciHigh(), 1e-6);
    assertEquals(80.0, cancel.score(), EPS);

    assertEquals(92.9, s.composite(), 1e-9); // 92.888889 published to one decimal
    assertEquals(1.0, s.weightCoverage(), EPS);
    assertEquals("platinum", s.tier());
    assertNull(s.cappedBy());
    assertEquals(new BigDecimal("12000.00"), s.baseIncentive());
    assertEquals(new BigDecimal("1440.00"), s.payout());
    assertEquals(
        List.of(
            "on_time_rate = 0.95 (n=380) -> score 100.0 x weight 0.5",
            "avg_delay_min = 3 (n=380) -> score 94.4 x weight 0.2",
            "cancellation_rate = 0.04 (n=400) -> score 80.0 x weight 0.3",
            "composite = 92.89 / 1 = 92.9 (weight coverage 100%)",
            "tier platinum (composite 92.9 >= 85)",
            "payout = 12000.00 EUR x 12% = 1440.00 EUR"),
        s.explanation());
  }

  @Test
  void aCriticalMetricBelowItsFloorCapsTheTier() {
    // on time 130/200 = 0.65 < floor 0.70 -> score 0; delay 0 min -> 100; cancel 4/204 = 0.0196,
    // better than the 0.02 target -> 100.
    // composite = 0*0.2 + 100*0.4 + 100*0.4 = 80 -> gold, capped at silver (5% of 12,000 = 600.00).
    Scorecard s =
        ScorecardCalculator.score(program(0.2, 0.4, 0.4), PARTNER, Q3, counts(204, 4, 200, 130, 0));

    assertEquals(0.0, s.metrics().get(0).score(), EPS);
    assertEquals(4.0 / 204, s.metrics().get(2).value(), EPS);
    assertEquals(80.0, s.composite(), EPS);
    assertEquals("silver", s.tier());
    assertEquals("on_time_rate", s.cappedBy());
    assertEquals(new BigDecimal("600.00"), s.payout());
    assertTrue(
        s.explanation()
            .contains(
                "cap: critical on_time_rate = 0.65 is below its floor 0.7 -> tier capped at silver"),
        s.explanation().toString());
  }

  /**
   * The tier is judged on the composite as printed (one decimal): 54.95 prints 55.0 and is silver;
   * 54.948 prints 54.9 and is bronze.
   */
  @Test
  void theTierIsJudgedOnTheCompositeAsPrinted() {
    // 345 of 412 on time: (0.837379 - 0.70) / 0.25 x 100 = 54.951 -> 55.0 -> silver, 5% of 12,000.
    Scorecard up =
        ScorecardCalculator.score(program(1, 0, 0), PARTNER, Q3, counts(412, 0, 412, 345, 0));
    assertEquals(55.0, up.composite(), 0);
    assertEquals("silver", up.tier());
    assertEquals(new BigDecimal("600.00"), up.payout());
    assertTrue(
        up.explanation().contains("tier silver (composite 55.0 >= 55)"),
        up.explanation().toString());
    // 242 of 289: (0.837370 - 0.70) / 0.25 x 100 = 54.948 -> 54.9 -> bronze, 2% of 12,000.
    Scorecard down =
        ScorecardCalculator.score(program(1, 0, 0), PARTNER, Q3, counts(289, 0, 289, 242, 0));
    assertEquals(54.9, down.composite(), 0);
    assertEquals("bronze", down.tier());
    assertEquals(new BigDecimal("240.00"), down.payout());
    assertTrue(
        down.explanation().contains("tier bronze (composite 54.9 >= 40)"),
        down.explanation().toString());
  }

  @Test
  void aCapNeverRaisesATier() {
    // on time 0.65 -> 0; delay 20 min (floor) -> 0; cancel 0.12 (floor) -> 0: composite 0,
    // probation.
    Scorecard s =
        ScorecardCalculator.score(
            program(0.2, 0.4, 0.4), PARTNER, Q3, counts(200, 24, 150, 97, 3000));
    assertEquals(0.0, s.composite(), 0.5);
    assertEquals("probation", s.tier());
    assertNull(s.cappedBy());
    assertEquals(new BigDecimal("0.00"), s.payout());
  }

  @Test
  void metricsBelowTheMinimumSampleLeaveTheCompositeAndCanLeaveNoTier() {
    // 99 timed events < min_n 100: on_time and delay are insufficient; cancellation alone covers
    // 0.3 of the weight < 0.6 -> insufficient_data and no payout.
    Scorecard s =
        ScorecardCalculator.score(program(0.5, 0.2, 0.3), PARTNER, Q3, counts(150, 3, 99, 99, 0));
    MetricResult onTime = s.metrics().get(0);
    assertFalse(onTime.sufficient());
    assertEquals(1.0, onTime.value(), EPS);
    assertNull(onTime.score());
    assertTrue(s.metrics().get(2).sufficient());
    assertEquals(0.3, s.weightCoverage(), EPS);
    assertNull(s.composite());
    assertEquals(ScorecardCalculator.INSUFFICIENT_DATA, s.tier());
    assertNull(s.payout());
    assertEquals(
        "weight coverage 30% < minimum 60% -> tier insufficient_data, no payout",
        s.explanation().get(3));
  }

  @Test
  void aPartnerWithoutEventsHasNoValues() {
    Scorecard s =
        ScorecardCalculator.score(program(0.5, 0.2, 0.3), PARTNER, Q3, counts(0, 0, 0, 0, 0));
    for (MetricResult m : s.metrics()) {
      assertNull(m.value(), m.metricId());
      assertEquals(0, m.n());
      assertNull(m.ciLow());
    }
    assertEquals(ScorecardCalculator.INSUFFICIENT_DATA, s.tier());
  }

  @Test
  void coverageAtTheMinimumStillEarnsATier() {
    // 99 events (< 100) leave cancellation_rate out; 120 timed events keep on_time and delay in:
    // coverage 0.5 + 0.2 = 0.7 >= 0.6.
    // on time 114/120 = 0.95 -> 100; delay 360/120 = 3 -> 94.444; composite = (50 + 18.889) / 0.7 =
    // 98.413.
    PeriodCounts c =
        counts(
            PartnerDailyTable.EVENTS, 99,
            PartnerDailyTable.COMPLETED, 99,
            PartnerDailyTable.TIMED, 120,
            PartnerDailyTable.ON_TIME, 114,
            PartnerDailyTable.DELAY_MINUTES, 360);
    Scorecard s = ScorecardCalculator.score(program(0.5, 0.2, 0.3), PARTNER, Q3, c);
    assertFalse(s.metrics().get(2).sufficient());
    assertEquals(0.7, s.weightCoverage(), EPS);
    assertEquals(98.4, s.composite(), 1e-9); // 98.412698 published to one decimal
    assertEquals("platinum", s.tier());
  }

  @Test
  void aMonthEarnsAThirdOfTheQuarterlyBaseIncentive() {
    Scorecard s =
        ScorecardCalculator.score(
            program(0.5, 0.2, 0.3),
            PARTNER,
            Period.parse("2026-09"),
            counts(400, 16, 380, 361, 1140));
    assertEquals(new BigDecimal("4000.00"), s.baseIncentive());
    assertEquals(new BigDecimal("480.00"), s.payout());
  }

  @Test
  void wilsonIntervalAtTheEdges() {
    // 0 of 5: [0, z^2/(n+z^2)] = [0, 3.841459/8.841459] = [0, 0.434482]; 5 of 5: [0.565518, 1].
    double[] none = Statistics.wilson(0, 5);
    assertEquals(0.0, none[0], EPS);
    assertEquals(0.434482, none[1], 1e-6);
    double[] all = Statistics.wilson(5, 5);
    assertEquals(0.565518, all[0], 1e-6);
    assertEquals(1.0, all[1], EPS);
    assertNull(Statistics.wilson(0, 0));
  }

  @Test
  void metricScoreClampsBothDirections() {
    assertEquals(50.0, Statistics.metricScore(0.825, 0.70, 0.95), EPS);
    assertEquals(100.0, Statistics.metricScore(0.99, 0.70, 0.95), EPS);
    assertEquals(0.0, Statistics.metricScore(0.5, 0.70, 0.95), EPS);
    assertEquals(50.0, Statistics.metricScore(11, 20, 2), EPS);
    assertEquals(100.0, Statistics.metricScore(1, 20, 2), EPS);
    assertEquals(0.0, Statistics.metricScore(25, 20, 2), EPS);
  }

  @Test
  void changesAreTestedForSignificanceAt95Percent() {
    // 80/100 vs 60/100: pooled 0.7, se = sqrt(0.21 x 0.02) = 0.0648, z = 3.09
    assertEquals(true, Statistics.twoProportionSignificant(80, 100, 60, 100));
    // 52/100 vs 50/100: z = 0.02 / sqrt(0.2499 x 0.02) = 0.28
    assertEquals(false, Statistics.twoProportionSignificant(52, 100, 50, 100));
    assertNull(Statistics.twoProportionSignificant(1, 1, 0, 0), "no previous sample");
    // NPS 50 (60 P, 10 D of 100): se = 100 sqrt((0.7 - 0.25) / 100) = 6.708;
    // NPS 20 (40 P, 20 D of 100): se = 100 sqrt((0.6 - 0.04) / 100) = 7.483;
    // z = 30 / sqrt(45 + 56) = 2.985
    assertEquals(6.708203932, Statistics.npsStandardError(60, 10, 100), 1e-9);
    assertEquals(true, Statistics.npsChangeSignificant(60, 10, 100, 40, 20, 100));
    // NPS 50 vs 45 on the same samples: z = 5 / 10.05 = 0.50
    assertEquals(false, Statistics.npsChangeSignificant(60, 10, 100, 55, 10, 100));
  }
}
