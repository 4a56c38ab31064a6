package com.partnercx.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.config.ConfigLoader;
import com.partnercx.config.PcxConfig;
import com.partnercx.pipeline.Pipeline;
import com.partnercx.schema.Period;
import com.partnercx.spark.SparkTestBase;
import com.partnercx.tables.PeriodCloseTable;
import com.partnercx.tables.PeriodCloseTable.PeriodClose;
import com.partnercx.tables.ScorecardTable;
import com.partnercx.tables.StoredScorecard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing a period freezes what couples partners: after close a correction restates only the
 * partner it changes, scored against the frozen shrinkage prior; before close, the refitted prior
 * moves every partner. Three partners' on-time counts, every figure worked out by hand.
 */
class PeriodCloseTest extends SparkTestBase {
  private static final Period Q3 = Period.parse("2026-Q3");
  private static final String HEADER = "shop,job,created,due,done,state\n";
  private static final double EPS = 1e-9;

  @TempDir Path dir;
  private PcxConfig config;

  private static String pdfText(Path pdf) throws IOException {
    try (org.apache.pdfbox.pdmodel.PDDocument doc =
        org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
      return new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
    }
  }

  private void deliver(LocalDate day, String rows) throws IOException {
    Path folder = dir.resolve("landing/jobs").resolve(day.toString());
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("jobs-" + day + ".csv"), HEADER + rows);
  }

  private static String job(String partner, String job, String done) {
    return partner
        + ","
        + job
        + ",2026-07-01 08:00,2026-07-01 12:00,2026-07-01 "
        + done
        + ",completed\n";
  }

  @BeforeEach
  void configAndDeliveries() throws IOException {
    Path folder = dir.resolve("config");
    Files.createDirectories(folder.resolve("feeds"));
    Files.writeString(
        folder.resolve("programs.yaml"),
        """
        programs:
          p:
            name: P
            currency: EUR
            shrinkage: true
            metrics:
              on_time_rate: {weight: 1, direction: higher_is_better, floor: 0.5, target: 1.0, min_n: 1}
            tiers:
              - {name: gold, min_composite: 70, payout_pct: 100}
              - {name: bronze, min_composite: 0, payout_pct: 20}
        """);
    Files.writeString(
        folder.resolve("partners.csv"),
        "partner_id,name,program,region,base_incentive,valid_from,valid_to\n"
            + "A-1,Alpha,p,N,3000.00,2026-01-01,\n"
            + "B-1,Bravo,p,S,3000.00,2026-01-01,\n"
            + "C-1,Charlie,p,S,3000.00,2026-01-01,2026-09-30\n"
            + "C-1,Charlie Renamed,p,E,9000.00,2026-10-01,\n");
    Files.writeString(
        folder.resolve("feeds/jobs.yaml"),
        """
        entity: service_event
        partners: [A-1, B-1, C-1]
        format: csv
        timezone: UTC
        timestamp_formats: ["yyyy-MM-dd HH:mm"]
        columns: {partner_id: shop, event_id: job, created_at: created, promised_at: due, fulfilled_at: done, status: state}
        schedule: {days: [daily]}
        """);
    config = new ConfigLoader().load(folder);
    // On time by 12:00: A 3 of 4 (J4 late), B 2 of 4, C 4 of 4.
    deliver(
        LocalDate.of(2026, 7, 2),
        job("A-1", "J1", "11:00")
            + job("A-1", "J2", "11:30")
            + job("A-1", "J3", "12:00")
            + job("A-1", "J4", "14:00")
            + job("B-1", "K1", "10:00")
            + job("B-1", "K2", "11:00")
            + job("B-1", "K3", "13:00")
            + job("B-1", "K4", "15:00")
            + job("C-1", "L1", "09:00")
            + job("C-1", "L2", "09:30")
            + job("C-1", "L3", "10:00")
            + job("C-1", "L4", "10:30"));
  }

  private Pipeline pipeline(String warehouse) {
    return pipeline(warehouse, line -> {});
  }

  private Pipeline pipeline(String warehouse, java.util.function.Consumer<String> progress) {
    return pipeline(warehouse, config, progress);
  }

  private Pipeline pipeline(
      String warehouse, PcxConfig config, java.util.function.Consumer<String> progress) {
    return Pipeline.on(
        spark,
        config,
        dir.resolve("landing").toString(),
        dir.resolve(warehouse).toString(),
        progress);
  }

  private static double adjusted(StoredScorecard s) {
    return s.scorecard().metrics().get(0).adjusted();
  }

  @Test
  void closingAfterScoringReusesPartnerDailyWhileItsInputsStandStill() throws IOException {
    java.util.List<String> log = new java.util.ArrayList<>();
    Pipeline pipeline = pipeline("rescored", log::add);
    com.partnercx.warehouse.Warehouse warehouse = pipeline.context().warehouse();
    String daily = com.partnercx.tables.Tables.PARTNER_DAILY;
    pipeline.nightly(java.util.List.of(LocalDate.of(2026, 7, 2)));
    // The night recomputed the days its delivery touched, not the quarter: the score recomputes.
    long nightly = warehouse.version(daily);
    assertEquals(3, pipeline.score(Q3).newVersions());
    long scored = warehouse.version(daily);
    assertEquals(nightly + 1, scored);

    // Nothing delivered since: closing scores the quarter on the rows the score wrote.
    ScorecardJob.Outcome closed = pipeline.close(Q3, false, false);
    assertEquals(scored, warehouse.version(daily), "partner_daily not recomputed");
    assertTrue(
        log.contains(
            String.format(
                java.util.Locale.ROOT,
                "%-12s 2026-Q3: gold/partner_daily version %d holds every day of the period"
                    + " computed from the inputs as they are now; not recomputed",
                "score-daily",
                scored)),
        String.join("\n", log));
    assertEquals(0, closed.newVersions(), "the same figures");
    Map<String, StoredScorecard> v1 = ScorecardTable.latestVersions(warehouse, "2026-Q3");
    // Before any close the prior is refitted from the three: A (3 + 8.25) / 15 as in the test
    // below, the frozen prior then being the same m = 0.75, M = 11.
    assertEquals(0.75, adjusted(v1.get("A-1")), EPS);
    assertEquals(scored, v1.get("A-1").sourceVersions().get(daily));

    // A correction is ingested and conformed stage by stage, with no daily score: partner_daily's
    // latest write still covers the quarter, but silver moved, so the close recomputes.
    LocalDate correction = LocalDate.of(2026, 8, 20);
    deliver(correction, job("A-1", "J4", "11:45"));
    pipeline.ingest(java.util.List.of(correction));
    pipeline.conform(java.util.List.of(correction));
    assertEquals(scored, warehouse.version(daily), "no daily score yet");
    assertEquals(1, pipeline.close(Q3, false, false).newVersions());
    long corrected = warehouse.version(daily);
    assertEquals(scored + 1, corrected, "recomputed for the quarter");
    // Against the frozen prior: (4 + 0.75 x 11) / (4 + 11).
    assertEquals(
        12.25 / 15, adjusted(ScorecardTable.latestVersions(warehouse, "2026-Q3").get("A-1")), EPS);

    // Same inputs, another configuration (a tier's payout): the score recomputes again.
    Path programs = dir.resolve("config/programs.yaml");
    Files.writeString(
        programs, Files.readString(programs).replace("payout_pct: 20", "payout_pct: 25"));
    try (Pipeline changed =
        pipeline("rescored", new ConfigLoader().load(dir.resolve("config")), line -> {})) {
      changed.score(Q3, false, true);
    }
    assertEquals(corrected + 1, warehouse.version(daily), "recomputed under the new configuration");
  }

  @Test
  void afterCloseACorrectionRestatesThatPartnerAloneAgainstTheFrozenPrior() throws IOException {
    Pipeline pipeline = pipeline("closed");
    pipeline.nightly(java.util.List.of(LocalDate.of(2026, 7, 2)));
    assertEquals(3, pipeline.close(Q3, false, false).newVersions());

    // m = 9/12 = 0.75; spread = 4 (0.5 - 0.75)^2 + 4 (1 - 0.75)^2 = 0.5;
    // rho = (0.5 - 0.1875 x 2) / (0.1875 x (12 - 48/12)) = 0.125 / 1.5 = 1/12; M = 11.
    PeriodClose close = PeriodCloseTable.find(pipeline.context().warehouse(), "2026-Q3").get();
    assertEquals(0.75, close.priorMeans().get("p/on_time_rate"), EPS);
    assertEquals(11.0, close.priorStrengths().get("p/on_time_rate"), 1e-9);
    Map<String, StoredScorecard> v1 =
        ScorecardTable.latestVersions(pipeline.context().warehouse(), "2026-Q3");
    assertEquals(0.75, adjusted(v1.get("A-1")), EPS); // (3 + 8.25) / 15
    assertEquals(10.25 / 15, adjusted(v1.get("B-1")), EPS);
    assertEquals(12.25 / 15, adjusted(v1.get("C-1")), EPS);

    // Weeks later A corrects J4: done at 11:45, on time.
    deliver(LocalDate.of(2026, 8, 20), job("A-1", "J4", "11:45"));
    pipeline.nightly(java.util.List.of(LocalDate.of(2026, 8, 20)));
    assertEquals(
        1, pipeline.close(Q3, false, false).newVersions(), "only Alpha's own inputs changed");

    Map<String, StoredScorecard> latest =
        ScorecardTable.latestVersions(pipeline.context().warehouse(), "2026-Q3");
    StoredScorecard alpha = latest.get("A-1");
    assertEquals(2, alpha.version());
    // Against the frozen prior: (4 + 0.75 x 11) / (4 + 11) = 12.25 / 15; score (0.81667 - 0.5) /
    // 0.5 = 63.33, published 63.3.
    assertEquals(12.25 / 15, adjusted(alpha), EPS);
    assertEquals(63.3, alpha.scorecard().composite(), 1e-9);
    assertEquals(1, latest.get("B-1").version());
    assertEquals(1, latest.get("C-1").version());

    // New rules (a target moved) would restate every partner of the closed quarter: refused.
    Path changed = dir.resolve("config");
    Files.writeString(
        changed.resolve("programs.yaml"),
        Files.readString(changed.resolve("programs.yaml")).replace("target: 1.0", "target: 0.95"));
    Pipeline underNewRules =
        Pipeline.on(
            spark,
            new ConfigLoader().load(changed),
            dir.resolve("landing").toString(),
            dir.resolve("closed").toString(),
            line -> {});
    com.partnercx.errors.PcxException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            com.partnercx.errors.PcxException.class, () -> underNewRules.score(Q3));
    assertTrue(
        refused.getMessage().contains("was closed with configuration"), refused.getMessage());
    assertTrue(refused.getMessage().contains("--allow-config-change"), refused.getMessage());
    assertTrue(
        alpha.restatement().contains("on_time_rate 0.7500 (n=4) -> 1.0000 (n=4)"),
        alpha.restatement().toString());
    assertTrue(
        alpha.restatement().stream().anyMatch(l -> l.startsWith("inputs changed: ")),
        alpha.restatement().toString());

    ScorecardReproduction.Result reproduced =
        ScorecardReproduction.run(pipeline.context().warehouse(), config, "A-1", Q3, null);
    assertTrue(reproduced.matches(), reproduced.differences().toString());

    pipeline.report(Q3, null, dir.resolve("reports"));
    String alphaPdf =
        pdfText(dir.resolve("reports/2026-Q3/partner/A-1.pdf")).replaceAll("\\s+", " ");
    assertTrue(alphaPdf.contains("Restated: version 2 replaces version 1"), alphaPdf);
    assertTrue(alphaPdf.contains("on_time_rate 0.7500 (n=4) -> 1.0000 (n=4)"), alphaPdf);
    // The partner reads that its records changed, not which of the brand's tables did.
    assertTrue(
        alphaPdf.contains("the records behind it changed (late, corrected or appealed records)"),
        alphaPdf);
    assertFalse(alphaPdf.contains("silver/"), alphaPdf);
    String alphaInternal =
        pdfText(dir.resolve("reports/2026-Q3/internal/A-1.pdf")).replaceAll("\\s+", " ");
    assertTrue(alphaInternal.contains("inputs changed: "), alphaInternal);
    assertTrue(alphaPdf.contains("Period closed on"), alphaPdf);
    String bravoPdf = pdfText(dir.resolve("reports/2026-Q3/partner/B-1.pdf"));
    assertFalse(bravoPdf.contains("Restated"), bravoPdf);

    // Charlie's name, region and incentive changed from October: Q3 keeps the version of Q3.
    assertEquals(
        new java.math.BigDecimal("3000.00"), latest.get("C-1").scorecard().baseIncentive());
    String charliePdf = pdfText(dir.resolve("reports/2026-Q3/partner/C-1.pdf"));
    assertTrue(charliePdf.contains("C-1 · P · S · period 2026-Q3"), charliePdf);
    assertFalse(charliePdf.contains("Charlie Renamed"), charliePdf);
  }

  @Test
  void beforeCloseTheRefittedPriorMovesEveryPartner() throws IOException {
    Pipeline pipeline = pipeline("open");
    pipeline.nightly(java.util.List.of(LocalDate.of(2026, 7, 2)));
    assertEquals(3, pipeline.score(Q3).newVersions());
    deliver(LocalDate.of(2026, 8, 20), job("A-1", "J4", "11:45"));
    pipeline.nightly(java.util.List.of(LocalDate.of(2026, 8, 20)));
    assertEquals(3, pipeline.score(Q3).newVersions(), "the prior moved for all three");

    // m = 10/12; spread = 4 (1/6)^2 + 4 (1/3)^2 + 4 (1/6)^2 = 2/3; m(1-m) = 5/36;
    // rho = (2/3 - 10/36) / (5/36 x 8) = 0.35; M = 1/0.35 - 1; m M = 1.5476.
    double m = 10.0 / 12;
    double strength = 1 / 0.35 - 1;
    Map<String, StoredScorecard> latest =
        ScorecardTable.latestVersions(pipeline.context().warehouse(), "2026-Q3");
    assertEquals((2 + m * strength) / (4 + strength), adjusted(latest.get("B-1")), 1e-9);
    assertEquals((4 + m * strength) / (4 + strength), adjusted(latest.get("C-1")), 1e-9);
    assertTrue(
        latest.get("B-1").restatement().stream()
            .anyMatch(l -> l.startsWith("on_time_rate adjusted 0.6833 -> 0.6057")),
        latest.get("B-1").restatement().toString());
  }
}
