package com.partnercx.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.config.Direction;
import com.partnercx.config.IntegrityRules;
import com.partnercx.config.MetricId;
import com.partnercx.config.MetricSpec;
import com.partnercx.config.PcxConfig;
import com.partnercx.config.Program;
import com.partnercx.config.Tier;
import com.partnercx.schema.Period;
import com.partnercx.tables.IntegrityFlagsTable;
import com.partnercx.tables.IntegrityFlagsTable.Flag;
import com.partnercx.tables.PartnerDailyTable;
import com.partnercx.tables.PeriodCounts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every survey-integrity rule on figures whose outcome is worked out by hand. */
class IntegrityChecksTest {
  private static final Period Q3 = Period.parse("2026-Q3");

  private static final IntegrityRules RULES =
      new IntegrityRules(
          IntegrityRules.Action.FLAG,
          30,
          0.20,
          3,
          0.25,
          60,
          5,
          0.10,
          0.5,
          List.of("rate us 10", "Give us 5 stars"),
          2);

  private static PcxConfig config() {
    return new PcxConfig(
        Map.of("franchise", program(RULES)), List.of(), Map.of(), "hash", List.of());
  }

  private static Program program(IntegrityRules rules) {
    return new Program(
        "franchise",
        "Franchise",
        "EUR",
        List.of(
            new MetricSpec(
                MetricId.ON_TIME_RATE, 0.6, Direction.HIGHER_IS_BETTER, 0.7, 0.95, 10, false),
            new MetricSpec(MetricId.NPS, 0.4, Direction.HIGHER_IS_BETTER, -20, 60, 10, false)),
        List.of(new Tier("gold", 50, 5), new Tier("bronze", 0, 0)),
        null,
        0.5,
        false,
        5,
        48,
        24,
        5,
        java.time.ZoneOffset.UTC,
        false,
        com.partnercx.config.AppealRules.NONE,
        rules);
  }

  private static IntegrityChecks.SurveyFigures figures(
      String partner,
      long responses,
      long top,
      long keyed,
      long topCustomers,
      long bursts,
      long phrases,
      long previous) {
    return new IntegrityChecks.SurveyFigures(
        partner,
        "franchise",
        responses,
        top,
        keyed,
        topCustomers,
        bursts,
        phrases,
        phrases > 0 ? List.of("rate us 10") : List.of(),
        previous);
  }

  private static PeriodCounts counts(
      String partner, long completed, long csatN, long csatTop2, long complaints) {
    Map<String, Double> sums = new HashMap<>();
    sums.put(PartnerDailyTable.COMPLETED, (double) completed);
    sums.put(PartnerDailyTable.CSAT_N, (double) csatN);
    sums.put(PartnerDailyTable.CSAT_TOP2, (double) csatTop2);
    sums.put(PartnerDailyTable.COMPLAINTS, (double) complaints);
    return new PeriodCounts(partner, "franchise", sums);
  }

  private static Map<String, List<String>> byPartner(List<Flag> flags) {
    return flags.stream()
        .collect(
            Collectors.groupingBy(
                Flag::partnerId,
                java.util.TreeMap::new,
                Collectors.mapping(Flag::flag, Collectors.toList())));
  }

  private static Map<String, IntegrityChecks.SurveyFigures> of(
      IntegrityChecks.SurveyFigures... all) {
    Map<String, IntegrityChecks.SurveyFigures> out = new HashMap<>();
    for (IntegrityChecks.SurveyFigures f : all) {
      out.put(f.partnerId(), f);
    }
    return out;
  }

  @Test
  void topScoresFarAboveTheOtherPartnersAreFlaggedWhenSignificantAndAboveTheMargin() {
    // A: 36 of 40 top scores = 90%; the others: 60 of 200 = 30%. 60 points above the margin of 20;
    // z = 0.6 / sqrt(0.3 x 0.7 / 40) = 0.6 / 0.072457 = 8.28.
    // B, C: 30% each against (36 + 30) / 140 = 47.1% for the others: below.
    // D: 29 of 29 top scores, but fewer than 30 responses: not judged.
    List<Flag> flags =
        IntegrityChecks.decide(
            config(),
            Q3,
            of(
                figures("A", 40, 36, 0, 0, 0, 0, 0),
                figures("B", 100, 30, 0, 0, 0, 0, 0),
                figures("C", 100, 30, 0, 0, 0, 0, 0)),
            Map.of(),
            Map.of(),
            List.of());
    assertEquals(Map.of("A", List.of(IntegrityFlagsTable.TOP_SCORE_SHARE)), byPartner(flags));
    Flag a = flags.get(0);
    assertEquals(0.9, a.value(), 1e-12);
    assertEquals(0.3, a.reference(), 1e-12);
    assertEquals(40, a.n());
    assertEquals(
        "top scores in 90.0% of 40 responses (36) against 30.0% for the program's other partners:"
            + " 60.0 points above (margin 20.0), z = 8.28 >= 1.645",
        a.detail());

    // E: 18 of 30 = 60% against 60 of 200 = 30%: 30 points above, z = 0.3 / 0.083666 = 3.59.
    // F: 12 of 30 = 40% against (30 + 30 + 29) / 229 = 38.9% for the others: not far above.
    // B, C: 30%; D: 29 of 29, but fewer than 30 responses, so it is not judged.
    assertEquals(
        Map.of("E", List.of(IntegrityFlagsTable.TOP_SCORE_SHARE)),
        byPartner(
            IntegrityChecks.decide(
                config(),
                Q3,
                of(
                    figures("E", 30, 18, 0, 0, 0, 0, 0),
                    figures("B", 100, 30, 0, 0, 0, 0, 0),
                    figures("C", 100, 30, 0, 0, 0, 0, 0)),
                Map.of(),
                Map.of(),
                List.of())));
    assertEquals(
        Map.of(),
        byPartner(
            IntegrityChecks.decide(
                config(),
                Q3,
                of(
                    figures("F", 30, 12, 0, 0, 0, 0, 0),
                    figures("B", 100, 30, 0, 0, 0, 0, 0),
                    figures("C", 100, 30, 0, 0, 0, 0, 0),
                    figures("D", 29, 29, 0, 0, 0, 0, 0)),
                Map.of(),
                Map.of(),
                List.of())));
  }

  @Test
  void concentrationBurstsAndPhrasesAreFlaggedFromTheirThresholds() {
    // H: the 3 most frequent customers gave 15 of 50 keyed responses = 30% >= 25%.
    // I: 12 of 50 = 24%: not flagged. J: 29 of 29 but fewer than 30 keyed responses.
    // K: 8 of 40 responses in bursts = 20% >= 10%. L: 3 of 40 = 7.5%: not flagged.
    // M: 2 comments asking for a score (>= 2). N: 1 comment: not flagged.
    // Every partner gives 20% top scores, the program's share: no top-score flag.
    List<Flag> flags =
        IntegrityChecks.decide(
            config(),
            Q3,
            of(
                figures("H", 50, 10, 50, 15, 0, 0, 0),
                figures("I", 50, 10, 50, 12, 0, 0, 0),
                figures("J", 50, 10, 29, 29, 0, 0, 0),
                figures("K", 40, 8, 0, 0, 8, 0, 0),
                figures("L", 40, 8, 0, 0, 3, 0, 0),
                figures("M", 40, 8, 0, 0, 0, 2, 0),
                figures("N", 40, 8, 0, 0, 0, 1, 0)),
            Map.of(),
            Map.of(),
            List.of());
    assertEquals(
        Map.of(
            "H", List.of(IntegrityFlagsTable.CONCENTRATED_CUSTOMERS),
            "K", List.of(IntegrityFlagsTable.RESPONSE_BURSTS),
            "M", List.of(IntegrityFlagsTable.SCORE_SOLICITATION)),
        byPartner(flags));
    Map<String, Flag> found = flags.stream().collect(Collectors.toMap(Flag::partnerId, f -> f));
    assertEquals(
        "the 3 most frequent customers gave 15 of the 50 responses with a customer key (30.0% >="
            + " 25.0%)",
        found.get("H").detail());
    assertEquals(
        "8 of 40 responses (20.0%) came in bursts of 5 or more, each within 60 s of the one"
            + " before (flagged from 10.0%)",
        found.get("K").detail());
    assertEquals(
        "2 of 40 responses have a comment asking for a score (\"rate us 10\"; flagged from 2)",
        found.get("M").detail());
  }

  @Test
  void aResponseRateThatFellByHalfAndSignificantlyIsFlagged() {
    // O: 60 responses of 120 completed events in Q2 (50%), 10 of 100 in Q3 (10%): down 80%.
    // Pooled 70 / 220 = 0.31818; se = sqrt(0.31818 x 0.68182 x (1/120 + 1/100)) = 0.063066;
    // z = 0.4 / 0.063066 = 6.34.
    // P: 60 of 120, then 30 of 100 (30%): down 40% < 50%. Q: 20 responses in Q2, fewer than 30.
    // R: 30 of 60, then 6 of 25 (24%): down 52%, but pooled 36 / 85 = 0.42353, se =
    // sqrt(0.42353 x 0.57647 x (1/60 + 1/25)) = 0.117624, z = 0.26 / 0.117624 = 2.21 < 2.326.
    Map<String, PeriodCounts> now =
        Map.of(
            "O", counts("O", 100, 0, 0, 0),
            "P", counts("P", 100, 0, 0, 0),
            "Q", counts("Q", 100, 0, 0, 0),
            "R", counts("R", 25, 0, 0, 0));
    Map<String, PeriodCounts> before =
        Map.of(
            "O", counts("O", 120, 0, 0, 0),
            "P", counts("P", 120, 0, 0, 0),
            "Q", counts("Q", 120, 0, 0, 0),
            "R", counts("R", 60, 0, 0, 0));
    List<Flag> flags =
        IntegrityChecks.decide(
            config(),
            Q3,
            of(
                figures("O", 10, 2, 0, 0, 0, 0, 60),
                figures("P", 30, 6, 0, 0, 0, 0, 60),
                figures("Q", 5, 1, 0, 0, 0, 0, 20),
                figures("R", 6, 1, 0, 0, 0, 0, 30)),
            now,
            before,
            List.of());
    assertEquals(Map.of("O", List.of(IntegrityFlagsTable.RESPONSE_RATE_DROP)), byPartner(flags));
    assertEquals(
        "10.0% responses per completed event (10 of 100) against 50.0% (60 of 120) in 2026-Q2:"
            + " down 80.0% (flagged from 50.0%), z = 6.34 >= 2.326",
        flags.get(0).detail());
  }

  @Test
  void topCsatWithComplaintsInTheWorstQuartileIsAContradiction() {
    // CSAT top-2-box 95%, 80%, 70%, 60% and X's 98%: 75th percentile (h = 3 of 0..4) = 95%.
    // Complaints per 1,000 completed events 10, 20, 30, 40 and X's 80: 75th percentile 40.
    // X: 98% >= 95% and 80 >= 40; the others 100 of 4,000 = 2.5%, X 8%:
    // z = 0.055 / sqrt(0.025 x 0.975 / 1000) = 0.055 / 0.0049371 = 11.14.
    // P1 has CSAT at the 75th percentile but the fewest complaints; P4 complaints at the 75th
    // percentile but the lowest CSAT.
    Map<String, PeriodCounts> now =
        Map.of(
            "P1", counts("P1", 1000, 100, 95, 10),
            "P2", counts("P2", 1000, 100, 80, 20),
            "P3", counts("P3", 1000, 100, 70, 30),
            "P4", counts("P4", 1000, 100, 60, 40),
            "X", counts("X", 1000, 100, 98, 80));
    List<Flag> flags = IntegrityChecks.decide(config(), Q3, Map.of(), now, Map.of(), List.of());
    assertEquals(
        Map.of("X", List.of(IntegrityFlagsTable.CSAT_CONTRADICTS_COMPLAINTS)), byPartner(flags));
    assertEquals(80.0, flags.get(0).value(), 1e-9);
    assertEquals(40.0, flags.get(0).reference(), 1e-9);
    assertEquals(
        "CSAT top-2-box 98.0% (100 answers; program 75th percentile 95.0%) with 80.0 complaints"
            + " per 1,000 completed events (80 of 1000; program 75th percentile 40.0, other"
            + " partners 25.0), z = 11.14 >= 2.326",
        flags.get(0).detail());

    // With three partners only, the quartiles are not used: nothing is flagged.
    Map<String, PeriodCounts> few = new HashMap<>(now);
    few.remove("P2");
    few.remove("P3");
    assertTrue(IntegrityChecks.decide(config(), Q3, Map.of(), few, Map.of(), List.of()).isEmpty());
  }

  @Test
  void excludeFlaggedLeavesTheSurveyMetricsOfAFlaggedPartnerOutOfItsComposite() {
    // On time 90 of 100 = 0.9 -> (0.9 - 0.7) / 0.25 x 100 = 80 x weight 0.6;
    // NPS (40 - 5) / 50 = 70 -> above the target 60 -> 100 x weight 0.4.
    // Counted: (48 + 40) / 1.0 = 88.0 (gold). Left out: 48 / 0.6 = 80.0 (coverage 60% >= 50%).
    Map<String, Double> sums = new HashMap<>();
    sums.put(PartnerDailyTable.TIMED, 100.0);
    sums.put(PartnerDailyTable.ON_TIME, 90.0);
    sums.put(PartnerDailyTable.NPS_N, 50.0);
    sums.put(PartnerDailyTable.NPS_PROMOTERS, 40.0);
    sums.put(PartnerDailyTable.NPS_DETRACTORS, 5.0);
    PeriodCounts counts = new PeriodCounts("F-1", "franchise", sums);
    com.partnercx.config.Partner partner =
        new com.partnercx.config.Partner(
            "F-1",
            "Bakery",
            "franchise",
            "Nord",
            new java.math.BigDecimal("1000.00"),
            java.time.LocalDate.of(2025, 1, 1),
            java.util.Optional.empty());
    IntegrityRules excluding =
        new IntegrityRules(
            IntegrityRules.Action.EXCLUDE_FLAGGED,
            30,
            0.20,
            3,
            0.25,
            60,
            5,
            0.10,
            0.5,
            List.of(),
            2);
    List<String> flags = List.of(IntegrityFlagsTable.TOP_SCORE_SHARE);

    com.partnercx.tables.Scorecard shown =
        ScorecardCalculator.score(program(RULES), partner, Q3, counts, Map.of(), Map.of(), flags);
    assertEquals(88.0, shown.composite(), 1e-9);
    assertEquals("gold", shown.tier());

    com.partnercx.tables.Scorecard left =
        ScorecardCalculator.score(
            program(excluding), partner, Q3, counts, Map.of(), Map.of(), flags);
    assertEquals(80.0, left.composite(), 1e-9);
    assertEquals(0.6, left.weightCoverage(), 1e-9);
    com.partnercx.tables.MetricResult nps = left.metrics().get(1);
    assertEquals(70.0, nps.value(), 1e-9);
    assertEquals(50, nps.n());
    assertEquals(null, nps.score());
    assertEquals(false, nps.sufficient());
    assertTrue(
        left.explanation()
            .contains(
                "nps = 70 (n=50) -> left out of the composite: survey-integrity flag"
                    + " top_score_share (integrity_action: exclude_flagged)"),
        String.join("\n", left.explanation()));
    assertTrue(
        left.explanation().contains("composite = 48.00 / 0.6 = 80.0 (weight coverage 60%)"),
        String.join("\n", left.explanation()));

    // Without flags the program's rule changes nothing.
    assertEquals(
        88.0,
        ScorecardCalculator.score(
                program(excluding), partner, Q3, counts, Map.of(), Map.of(), List.of())
            .composite(),
        1e-9);
  }
}
