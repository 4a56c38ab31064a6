package com.partnercx.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.config.ConfigLoader;
import com.partnercx.pipeline.Pipeline;
import com.partnercx.schema.Period;
import com.partnercx.spark.SparkTestBase;
import com.partnercx.tables.Scorecard;
import com.partnercx.tables.ScorecardTable;
import com.partnercx.tables.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A closed quarter scored, a late correction delivered, the quarter scored again: only the
 * corrected partner gets version 2, and version 1 still reproduces by time travel.
 */
class RestatementTest extends SparkTestBase {
  private static final Period Q3 = Period.parse("2026-Q3");

  @TempDir Path dir;

  private static String pdfText(Path pdf) throws IOException {
    try (org.apache.pdfbox.pdmodel.PDDocument doc =
        org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
      return new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
    }
  }

  private void deliver(LocalDate day, String csv) throws IOException {
    Path folder = dir.resolve("landing/jobs").resolve(day.toString());
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("jobs-" + day + ".csv"), csv);
  }

  @Test
  void aCorrectionRestatesOnlyThePartnerItChangesAndOldVersionsStillReproduce() throws IOException {
    Path config = dir.resolve("config");
    Files.createDirectories(config.resolve("feeds"));
    Files.writeString(
        config.resolve("programs.yaml"),
        """
        programs:
          p:
            name: P
            currency: EUR
            metrics:
              on_time_rate: {weight: 1, direction: higher_is_better, floor: 0.5, target: 1.0, min_n: 1}
            tiers:
              - {name: gold, min_composite: 70, payout_pct: 100}
              - {name: bronze, min_composite: 0, payout_pct: 20}
        """);
    Files.writeString(
        config.resolve("partners.csv"),
        "partner_id,name,program,region,base_incentive,valid_from,valid_to\n"
            + "A-1,Alpha,p,N,3000.00,2026-01-01,\n"
            + "B-1,Bravo,p,S,3000.00,2026-01-01,\n");
    Files.writeString(
        config.resolve("feeds/jobs.yaml"),
        """
        entity: service_event
        partners: [A-1, B-1]
        format: csv
        timezone: UTC
        timestamp_formats: ["yyyy-MM-dd HH:mm"]
        columns: {partner_id: shop, event_id: job, created_at: created, promised_at: due, fulfilled_at: done, status: state}
        schedule: {days: [daily]}
        """);
    String header = "shop,job,created,due,done,state\n";
    // A: 4 jobs, 3 on time (J4 late). B: 2 jobs, both on time.
    deliver(
        LocalDate.of(2026, 7, 2),
        header
            + "A-1,J1,2026-07-01 08:00,2026-07-01 12:00,2026-07-01 11:00,completed\n"
            + "A-1,J2,2026-07-01 08:00,2026-07-01 12:00,2026-07-01 11:30,completed\n"
            + "A-1,J3,2026-07-01 08:00,2026-07-01 12:00,2026-07-01 12:00,completed\n"
            + "A-1,J4,2026-07-01 08:00,2026-07-01 12:00,2026-07-01 14:00,completed\n"
            + "B-1,K1,2026-07-01 08:00,2026-07-01 12:00,2026-07-01 09:00,completed\n"
            + "B-1,K2,2026-07-01 08:00,2026-07-01 12:00,2026-07-01 10:00,completed\n");
    Pipeline pipeline =
        Pipeline.on(
            spark,
            new ConfigLoader().load(config),
            dir.resolve("landing").toString(),
            dir.resolve("warehouse").toString(),
            line -> {});
    pipeline.nightly(List.of(LocalDate.of(2026, 7, 2)));
    ScorecardJob.Outcome first = pipeline.score(Q3);
    assertEquals(2, first.newVersions());
    Scorecard alpha = first.scorecards().get(0);
    assertEquals(0.75, alpha.metrics().get(0).value(), 1e-12); // 3 of 4
    assertEquals(50.0, alpha.composite(), 1e-9); // (0.75 - 0.5) / (1 - 0.5)
    assertEquals("bronze", alpha.tier());

    assertEquals(0, pipeline.score(Q3).newVersions(), "nothing changed, no new version");

    // A period without activity is an error, not an empty success.
    com.partnercx.errors.PcxException empty =
        org.junit.jupiter.api.Assertions.assertThrows(
            com.partnercx.errors.PcxException.class, () -> pipeline.score(Period.parse("2025-Q1")));
    assertEquals(1, empty.code().exitCode());
    assertTrue(
        empty.getMessage().startsWith("No partner activity for period 2025-Q1"),
        empty.getMessage());
    assertFalse(
        Files.exists(dir.resolve("warehouse/exports/scorecards/period=2025-Q1")),
        "nothing exported for a period without data");

    // Weeks later the partner corrects J4: it was in fact done at 11:45, on time.
    deliver(
        LocalDate.of(2026, 8, 20),
        header + "A-1,J4,2026-07-01 08:00,2026-07-01 12:00,2026-07-01 11:45,completed\n");
    pipeline.nightly(List.of(LocalDate.of(2026, 8, 20)));
    ScorecardJob.Outcome second = pipeline.score(Q3);
    assertEquals(1, second.newVersions(), "only Alpha's figures changed");
    assertEquals(1.0, second.scorecards().get(0).metrics().get(0).value(), 1e-12);

    Map<String, List<Row>> versions =
        spark
            .read()
            .format("delta")
            .load(dir.resolve("warehouse").resolve(Tables.SCORECARD).toString())
            .orderBy("partner_id", "version")
            .collectAsList()
            .stream()
            .collect(Collectors.groupingBy(r -> r.getAs("partner_id")));
    assertEquals(2, versions.get("A-1").size());
    Row restated = versions.get("A-1").get(1);
    assertEquals(2, restated.<Integer>getAs("version"));
    assertEquals(1, restated.<Integer>getAs("supersedes_version"));
    assertEquals("gold", restated.getAs("tier"));
    assertEquals(1, versions.get("B-1").size());

    ScorecardReproduction.Result old =
        ScorecardReproduction.run(
            pipeline.context().warehouse(), pipeline.context().config(), "A-1", Q3, 1);
    assertTrue(old.matches(), old.differences().toString());
    assertEquals(1, old.version());
    ScorecardReproduction.Result latest =
        ScorecardReproduction.run(
            pipeline.context().warehouse(), pipeline.context().config(), "A-1", Q3, null);
    assertEquals(2, latest.version());
    assertTrue(latest.matches(), latest.differences().toString());

    // partners.csv edited afterwards (Alpha's row now starts next year): the recorded
    // silver/partner version still says what Alpha was in Q3, so version 1 still reproduces.
    Files.writeString(
        config.resolve("partners.csv"),
        "partner_id,name,program,region,base_incentive,valid_from,valid_to\n"
            + "A-1,Alpha,p,N,3000.00,2027-01-01,\n"
            + "B-1,Bravo,p,S,3000.00,2026-01-01,\n");
    ScorecardReproduction.Result afterEdit =
        ScorecardReproduction.run(
            pipeline.context().warehouse(), new ConfigLoader().load(config), "A-1", Q3, 1);
    assertTrue(afterEdit.matches(), afterEdit.differences().toString());

    // The restated scorecard's PDF says which version it replaces; the untouched partner's does
    // not.
    pipeline.report(Q3, null, dir.resolve("reports"));
    String alphaPdf = pdfText(dir.resolve("reports/2026-Q3/partner/A-1.pdf"));
    assertTrue(alphaPdf.contains("version 2 (restated)"), alphaPdf);
    assertTrue(alphaPdf.contains("Restated: version 2 replaces version 1"), alphaPdf);
    String bravoPdf = pdfText(dir.resolve("reports/2026-Q3/internal/B-1.pdf"));
    assertFalse(bravoPdf.contains("Rank "), "2 partners < the default peer minimum of 5");
    assertTrue(bravoPdf.contains("version 1") && !bravoPdf.contains("Restated"), bravoPdf);

    // A stored figure that no longer follows from its inputs is reported, figure by figure.
    List<ScorecardReproduction.Difference> tampered =
        ScorecardReproduction.differences(
            ScorecardTable.fromRow(versions.get("A-1").get(0)), second.scorecards().get(0));
    assertTrue(
        tampered.contains(
            new ScorecardReproduction.Difference(
                "on_time_rate value", "0.7500000000", "1.000000000")),
        tampered.toString());
  }
}
