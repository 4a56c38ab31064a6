package com.partnercx.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.config.ConfigLoader;
import com.partnercx.config.PcxConfig;
import com.partnercx.errors.ErrorCode;
import com.partnercx.errors.PcxException;
import com.partnercx.pipeline.Pipeline;
import com.partnercx.schema.Period;
import com.partnercx.spark.SparkTestBase;
import com.partnercx.tables.Appeal;
import com.partnercx.tables.AppealsTable;
import com.partnercx.tables.MetricResult;
import com.partnercx.tables.PeriodCloseTable;
import com.partnercx.tables.ScorecardTable;
import com.partnercx.tables.StoredScorecard;
import com.partnercx.tables.Tables;
import com.partnercx.warehouse.Warehouse;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An appeal from filing to the re-issued PDF on two partners' jobs, every figure worked out by
 * hand: the accepted appeal leaves its job out of on-time rate alone, restates the partner (and no
 * other) into the next tier, survives a later score run, reproduces; a rejected appeal changes no
 * figure but is printed; appeals that break a rule are refused with the rule and write nothing.
 */
class AppealTest extends SparkTestBase {
  private static final Period Q3 = Period.parse("2026-Q3");
  private static final String HEADER = "shop,job,created,due,done,state\n";

  @TempDir Path dir;

  private static String pdfText(Path pdf) throws IOException {
    try (org.apache.pdfbox.pdmodel.PDDocument doc =
        org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
      return new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
    }
  }

  private static String job(String partner, String job, String day, String done) {
    return partner
        + ","
        + job
        + ","
        + day
        + " 08:00,"
        + day
        + " 12:00,"
        + day
        + " "
        + done
        + ",completed\n";
  }

  private PcxConfig configure() throws IOException {
    Path folder = dir.resolve("config");
    Files.createDirectories(folder.resolve("feeds"));
    Files.writeString(
        folder.resolve("programs.yaml"),
        """
        programs:
          p:
            name: P
            currency: EUR
            appeals: {window_days: 30, reasons: [road_closure, brand_fault]}
            metrics:
              on_time_rate: {weight: 1, direction: higher_is_better, floor: 0.5, target: 1.0, min_n: 1}
              avg_delay_min: {weight: 1, direction: lower_is_better, floor: 120, target: 0, min_n: 1}
            tiers:
              - {name: gold, min_composite: 50, payout_pct: 100}
              - {name: bronze, min_composite: 0, payout_pct: 20}
        """);
    Files.writeString(
        folder.resolve("partners.csv"),
        "partner_id,name,program,region,base_incentive,valid_from,valid_to\n"
            + "A-1,Alpha,p,N,3000.00,2026-01-01,\n"
            + "B-1,Bravo,p,S,3000.00,2026-01-01,\n");
    Files.writeString(
        folder.resolve("feeds/jobs.yaml"),
        """
        entity: service_event
        partners: [A-1, B-1]
        format: csv
        timezone: UTC
        timestamp_formats: ["yyyy-MM-dd HH:mm"]
        columns: {partner_id: shop, event_id: job, created_at: created, promised_at: due, fulfilled_at: done, status: state}
        schedule: {days: [daily]}
        """);
    // Alpha, due 12:00: J1-J3 on time, J4 an hour late, J5 three hours late (J0 is of Q2).
    // Bravo: K1-K4 on time.
    Path folder2 = dir.resolve("landing/jobs/2026-07-02");
    Files.createDirectories(folder2);
    Files.writeString(
        folder2.resolve("jobs.csv"),
        HEADER
            + job("A-1", "J0", "2026-06-30", "11:00")
            + job("A-1", "J1", "2026-07-01", "11:00")
            + job("A-1", "J2", "2026-07-01", "11:30")
            + job("A-1", "J3", "2026-07-01", "12:00")
            + job("A-1", "J4", "2026-07-01", "13:00")
            + job("A-1", "J5", "2026-07-01", "15:00")
            + job("B-1", "K1", "2026-07-01", "10:00")
            + job("B-1", "K2", "2026-07-01", "10:30")
            + job("B-1", "K3", "2026-07-01", "11:00")
            + job("B-1", "K4", "2026-07-01", "11:30"));
    return new ConfigLoader().load(folder);
  }

  private static MetricResult metric(StoredScorecard s, String id) {
    return s.scorecard().metrics().stream()
        .filter(m -> m.metricId().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private static Appeals.Request request(String metric, String reason, String... items) {
    return new Appeals.Request(
        "A-1", Q3, metric, List.of(items), reason, "police notice 2026/114", "Dana (partner desk)");
  }

  private static String refusal(Runnable filing) {
    PcxException e = assertThrows(PcxException.class, filing::run);
    assertEquals(ErrorCode.REQUEST_REFUSED, e.code(), e.getMessage());
    return e.getMessage();
  }

  @Test
  void anAcceptedAppealRestatesOneMetricOfOnePartnerAndTheReissuedPdfPrintsTheChange()
      throws IOException {
    PcxConfig config = configure();
    Pipeline pipeline =
        Pipeline.on(
            spark,
            config,
            dir.resolve("landing").toString(),
            dir.resolve("warehouse").toString(),
            line -> {});
    Warehouse warehouse = pipeline.context().warehouse();
    pipeline.nightly(List.of(LocalDate.of(2026, 7, 2)));

    // Before the close the figures are provisional: no appeal.
    assertTrue(
        refusal(() -> pipeline.fileAppeal(request("on_time_rate", "road_closure", "J5")))
            .contains("2026-Q3 is not closed yet"));

    pipeline.close(Q3, false, false);
    StoredScorecard v1 = ScorecardTable.latestVersions(warehouse, "2026-Q3").get("A-1");
    // on time 3 of 5 = 0.6 -> (0.6 - 0.5) / 0.5 = score 20; delay (0+0+0+60+180) / 5 = 48 min ->
    // (48 - 120) / (0 - 120) = score 60; composite (20 + 60) / 2 = 40.0 -> bronze, 20% of 3,000.
    assertEquals(0.6, metric(v1, "on_time_rate").value(), 1e-12);
    assertEquals(48.0, metric(v1, "avg_delay_min").value(), 1e-9);
    assertEquals(40.0, v1.scorecard().composite(), 1e-9);
    assertEquals("bronze", v1.scorecard().tier());
    assertEquals(0, new BigDecimal("600.00").compareTo(v1.scorecard().payout()));

    // Refused, each with its rule, and nothing written.
    assertTrue(
        refusal(() -> pipeline.fileAppeal(request("on_time_rate", "weather", "J5")))
            .contains("reason 'weather' is not one of program p's: [road_closure, brand_fault]"));
    assertTrue(
        refusal(() -> pipeline.fileAppeal(request("feed_timeliness", "road_closure", "J5")))
            .contains("'feed_timeliness' is not a metric of program p"));
    String foreign =
        refusal(() -> pipeline.fileAppeal(request("on_time_rate", "road_closure", "J5", "K1")));
    assertTrue(foreign.contains("K1 is a service event of another partner"), foreign);
    assertFalse(foreign.contains("J5 "), foreign);
    assertTrue(
        refusal(() -> pipeline.fileAppeal(request("on_time_rate", "road_closure", "J0")))
            .contains("J0 is dated 2026-06-30, outside 2026-Q3"));
    assertTrue(
        refusal(() -> pipeline.fileAppeal(request("on_time_rate", "road_closure", "NOPE")))
            .contains("NOPE is not a service event in silver"));
    Instant closedAt = PeriodCloseTable.first(warehouse, "2026-Q3").orElseThrow().closedAt();
    String late =
        refusal(
            () ->
                Appeals.file(
                    warehouse,
                    config,
                    request("on_time_rate", "road_closure", "J5"),
                    closedAt.plus(Duration.ofDays(30)).plusSeconds(1)));
    assertTrue(late.contains("the appeal window of 2026-Q3 (30 days after its close on"), late);
    assertFalse(warehouse.exists(Tables.APPEALS), "a refused appeal writes nothing");

    // J5 was late because of a road closure: accepted.
    Appeal filed = pipeline.fileAppeal(request("on_time_rate", "road_closure", "J5"));
    assertEquals("A-1", filed.id());
    assertNull(filed.decision());
    assertTrue(
        refusal(() -> pipeline.fileAppeal(request("on_time_rate", "road_closure", "J5")))
            .contains("J5 is named by A-1 (open)"));
    Pipeline.AppealDecision decided =
        pipeline.decideAppeal("A-1", true, "Sam (partner relations)", "Closure confirmed.");
    assertEquals(1, decided.rescored().newVersions(), "Alpha alone is restated");
    Map<String, StoredScorecard> latest = ScorecardTable.latestVersions(warehouse, "2026-Q3");
    StoredScorecard v2 = latest.get("A-1");
    assertEquals(2, v2.version());
    assertEquals(1, latest.get("B-1").version());
    // on time 3 of 4 = 0.75 -> score 50; the delay keeps J5: still 48 min over 5 -> score 60;
    // composite (50 + 60) / 2 = 55.0 -> gold, 100% of 3,000 = 3,000.00 (+2,400.00).
    assertEquals(0.75, metric(v2, "on_time_rate").value(), 1e-12);
    assertEquals(4, metric(v2, "on_time_rate").n());
    assertEquals(48.0, metric(v2, "avg_delay_min").value(), 1e-9);
    assertEquals(5, metric(v2, "avg_delay_min").n());
    assertEquals(55.0, v2.scorecard().composite(), 1e-9);
    assertEquals("gold", v2.scorecard().tier());
    assertEquals(0, new BigDecimal("3000.00").compareTo(v2.scorecard().payout()));
    String change =
        "on_time_rate 60.0% -> 75.0%, composite 40.0 -> 55.0, tier bronze -> gold, payout"
            + " +EUR 2,400.00: appeal A-1 accepted, 1 service event excluded, reason road_closure";
    assertEquals(change, v2.restatement().get(0));
    assertTrue(
        v2.scorecard()
            .explanation()
            .contains(
                "on_time_rate: 1 service event excluded by accepted appeal A-1 (road_closure)"),
        v2.scorecard().explanation().toString());
    Appeal stored = AppealsTable.find(warehouse, "A-1").orElseThrow();
    assertEquals(Appeal.ACCEPTED, stored.decision());
    assertEquals("Sam (partner relations)", stored.decidedBy());
    assertEquals(List.of("J5"), stored.items());

    // A later score run of the closed period keeps the appeal: nothing to restate.
    assertEquals(0, pipeline.close(Q3, false, false).newVersions());

    // A rejected appeal changes no figure.
    Appeal second = pipeline.fileAppeal(request("avg_delay_min", "brand_fault", "J4"));
    Pipeline.AppealDecision rejected =
        pipeline.decideAppeal(
            second.id(), false, "Sam (partner relations)", "No evidence of fault.");
    assertNull(rejected.rescored());
    assertEquals(2, ScorecardTable.latestVersions(warehouse, "2026-Q3").get("A-1").version());
    assertTrue(
        refusal(() -> pipeline.decideAppeal("A-2", true, "Sam", "again"))
            .contains("A-2 was rejected by Sam (partner relations)"));

    // Both versions reproduce, each with the appeals as they stood when it was scored.
    for (int version : new int[] {1, 2}) {
      ScorecardReproduction.Result again =
          ScorecardReproduction.run(warehouse, config, "A-1", Q3, version);
      assertTrue(again.matches(), version + ": " + again.differences());
      assertEquals(version == 2, again.sourceVersions().containsKey(Tables.APPEALS));
    }

    // Re-issue: Alpha's PDFs print the change and both decisions; Bravo's are not rendered.
    Path out = dir.resolve("reports");
    pipeline.reissueAppealed(out);
    String alpha = pdfText(out.resolve("2026-Q3/partner/A-1.pdf"));
    assertTrue(alpha.contains("Restated: version 2 replaces version 1"), alpha);
    assertTrue(alpha.contains(change), alpha);
    assertTrue(
        alpha.contains(
            "Appeal A-2 against avg_delay_min (1 record, reason brand_fault) rejected by Sam"
                + " (partner relations)"),
        alpha);
    assertTrue(pdfText(out.resolve("2026-Q3/internal/A-1.pdf")).contains(change));
    assertFalse(Files.exists(out.resolve("2026-Q3/partner/B-1.pdf")));
    assertTrue(Files.exists(out.resolve("2026-Q3/portfolio.pdf")));
    assertTrue(Appeals.awaitingReissue(warehouse).isEmpty());
    assertTrue(pipeline.reissueAppealed(out).isEmpty(), "nothing decided since");
  }
}
