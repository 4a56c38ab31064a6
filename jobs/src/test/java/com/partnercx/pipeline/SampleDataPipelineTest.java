package com.partnercx.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.config.ConfigLoader;
import com.partnercx.config.Partner;
import com.partnercx.config.PcxConfig;
import com.partnercx.ingest.IngestLogColumns;
import com.partnercx.report.ReportJob;
import com.partnercx.schema.Entity;
import com.partnercx.score.Period;
import com.partnercx.score.ScorecardColumns;
import com.partnercx.score.ScorecardJob;
import com.partnercx.spark.SparkTestBase;
import com.partnercx.warehouse.Tables;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton on the committed sample data: every delivery date through ingest, conform
 * and daily scoring, then the quarter's scorecards and PDFs, checked against the landing files.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleDataPipelineTest extends SparkTestBase {
  private static final Path CONFIG = Path.of("../data-samples/config");
  private static final Path LANDING = Path.of("../data-samples/landing");
  private static final Period Q3 = Period.parse("2026-Q3");

  @TempDir static Path work;

  private static PcxConfig config;
  private static Pipeline pipeline;
  private static ScorecardJob.Outcome scored;
  private static ReportJob.Outcome reported;

  @BeforeAll
  static void runTheSampleThroughEveryStage() {
    config = new ConfigLoader().load(CONFIG);
    pipeline =
        Pipeline.on(
            spark,
            config,
            LANDING.toAbsolutePath().toString(),
            work.resolve("warehouse").toString(),
            line -> {});
    // Two batches, so the correction delivered on 2026-08-03 updates silver rows of an earlier run.
    List<LocalDate> dates = pipeline.deliveryDates();
    LocalDate split = LocalDate.of(2026, 8, 1);
    pipeline.nightly(dates.stream().filter(d -> d.isBefore(split)).toList());
    pipeline.nightly(dates.stream().filter(d -> !d.isBefore(split)).toList());
    scored = pipeline.score(Q3);
    reported = pipeline.report(Q3, null, work.resolve("reports"));
  }

  private static Dataset<Row> table(String name) {
    return spark.read().format("delta").load(work.resolve("warehouse").resolve(name).toString());
  }

  @Test
  @Order(1)
  void everyLandingFileIsIngestedAndNoRowIsLost() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(LANDING)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    Dataset<Row> log = table(Tables.INGEST_LOG);
    assertEquals(files.size(), log.count());
    assertEquals(
        files.size(),
        log.filter(col(IngestLogColumns.OUTCOME).equalTo(IngestLogColumns.OUTCOME_INGESTED))
            .count());

    long delivered = 0;
    for (Path file : files) {
      delivered += records(file).size();
    }
    long bronze =
        table(Tables.bronze("metro_orders")).count() + table(Tables.bronze("fixit_jobs")).count();
    long quarantinedAtIngest =
        table(Tables.QUARANTINE).filter(col("stage").equalTo("ingest")).count();
    assertEquals(delivered, bronze + quarantinedAtIngest, "bronze + quarantined = delivered");
  }

  @Test
  @Order(2)
  void theDefectsPlantedInTheSampleAreQuarantinedUnderTheirRules() {
    List<String> quarantined =
        table(Tables.QUARANTINE).orderBy("feed_id", "rule").collectAsList().stream()
            .map(
                r ->
                    r.getAs("feed_id")
                        + " "
                        + r.getAs("delivery_date")
                        + " row "
                        + r.getAs("source_row")
                        + " "
                        + r.getAs("rule"))
            .toList();
    assertEquals(
        List.of(
            "fixit_jobs 2026-07-20 row 4 missing_key",
            "metro_orders 2026-07-20 row 11 fulfilled_before_created",
            "metro_orders 2026-07-20 row 6 malformed_row"),
        quarantined);
  }

  @Test
  @Order(3)
  void silverHoldsEachEventOnceWithCorrectionsAppliedAndNoRawPii() throws IOException {
    Dataset<Row> silver = table(Tables.silver(Entity.SERVICE_EVENT));
    long bronze =
        table(Tables.bronze("metro_orders")).count() + table(Tables.bronze("fixit_jobs")).count();
    // 2 rows quarantined by conform, 1 exact duplicate, 2 corrections of earlier orders.
    assertEquals(bronze - 2 - 1 - 2, silver.count());
    assertEquals(silver.count(), silver.select("partner_id", "event_id").distinct().count());

    List<CSVRecord> corrections =
        records(LANDING.resolve("metro_orders/2026-08-03/orders_corrections.csv"));
    assertEquals(2, corrections.size());
    for (CSVRecord correction : corrections) {
      Row row = silver.filter(col("event_id").equalTo(correction.get("order_no"))).first();
      assertEquals(
          row.<Object>getAs("promised_at"),
          row.getAs("fulfilled_at"),
          "correction of " + correction.get("order_no"));
      assertEquals(java.sql.Date.valueOf("2026-08-03"), row.getAs("_delivery_date"));
    }

    assertEquals(0, silver.filter(col("customer_key").contains("@")).count());
    assertEquals(
        0, silver.filter(col("customer_key").rlike("^[0-9a-f]{64}$").equalTo(false)).count());
  }

  @Test
  @Order(4)
  void onTimeRateMatchesAHandCountOfTheLandingFiles() throws IOException {
    // I-201's jobs, counted straight from the CSV: completed, with slot and arrival, not the row
    // without a job id; on time when the arrival is at most 30 minutes (the program's grace)
    // after the slot start.
    long timed = 0;
    long onTime = 0;
    try (Stream<Path> files = Files.walk(LANDING.resolve("fixit_jobs"))) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        for (CSVRecord r : records(file)) {
          if (!r.get("contractor_id").equals("I-201")
              || r.get("job_id").isEmpty()
              || !r.get("job_status").equals("completed")
              || r.get("arrived_at").isEmpty()) {
            continue;
          }
          timed++;
          Duration late =
              Duration.between(
                  OffsetDateTime.parse(r.get("slot_start")),
                  OffsetDateTime.parse(r.get("arrived_at")));
          if (late.toMinutes() <= 30) {
            onTime++;
          }
        }
      }
    }
    Row metric = onTimeMetric("I-201");
    assertEquals(timed, metric.<Long>getAs("n"));
    assertEquals((double) onTime / timed, metric.<Double>getAs("value"), 1e-12);
    assertTrue(timed > 200, "I-201 has a quarter of jobs: " + timed);
  }

  @Test
  @Order(5)
  void eachPdfShowsItsPartnerAndTheOnTimeRateOfGoldScorecard() throws IOException {
    assertEquals(config.partners().size(), reported.entries().size());
    assertTrue(reported.failures().isEmpty(), reported.failures().toString());
    for (Partner partner : config.partners()) {
      Path pdf = work.resolve("reports/2026-Q3/" + partner.partnerId() + ".pdf");
      String text = pdfText(pdf);
      Row metric = onTimeMetric(partner.partnerId());
      String rate =
          BigDecimal.valueOf(metric.<Double>getAs("value") * 100).setScale(1, RoundingMode.HALF_UP)
              + "%";
      String n = String.format("%,d", metric.<Long>getAs("n"));
      assertTrue(text.contains(partner.name()), partner.partnerId() + ":\n" + text);
      assertTrue(
          text.contains("On-time rate " + rate + " " + n + " "),
          partner.partnerId() + " expects " + rate + " n=" + n + ":\n" + text);
      assertTrue(text.contains("period 2026-Q3"), text);
    }
    assertTrue(Files.exists(work.resolve("reports/2026-Q3/manifest.json")));
  }

  @Test
  @Order(6)
  void theSampleGivesASpreadOfTiers() {
    Map<String, String> tiers =
        scored.scorecards().stream().collect(Collectors.toMap(s -> s.partnerId(), s -> s.tier()));
    assertEquals("insufficient_data", tiers.get("D-105"), "the new partner has too few orders");
    for (String program : config.programs().keySet()) {
      long distinct =
          scored.scorecards().stream()
              .filter(s -> s.programId().equals(program))
              .map(s -> s.tier())
              .distinct()
              .count();
      assertTrue(distinct >= 3, program + " has only " + distinct + " tiers: " + tiers);
    }
  }

  @Test
  @Order(7)
  void runningANightAgainChangesNoSilverOrGoldRow() {
    Dataset<Row> silverBefore = table(Tables.silver(Entity.SERVICE_EVENT)).cache();
    Dataset<Row> dailyBefore = table(Tables.PARTNER_DAILY).cache();
    silverBefore.count();
    dailyBefore.count();
    long logBefore = table(Tables.INGEST_LOG).count();

    pipeline.nightly(List.of(LocalDate.of(2026, 7, 20)));
    ScorecardJob.Outcome again = pipeline.score(Q3);

    assertEquals(0, silverBefore.exceptAll(table(Tables.silver(Entity.SERVICE_EVENT))).count());
    assertEquals(0, table(Tables.silver(Entity.SERVICE_EVENT)).exceptAll(silverBefore).count());
    assertEquals(0, dailyBefore.exceptAll(table(Tables.PARTNER_DAILY)).count());
    assertEquals(0, table(Tables.PARTNER_DAILY).exceptAll(dailyBefore).count());
    assertEquals(logBefore, table(Tables.INGEST_LOG).count(), "no file is ingested twice");
    assertEquals(0, again.newVersions(), "unchanged figures write no new scorecard version");
    assertEquals(config.partners().size(), table(Tables.SCORECARD).count());
    assertFalse(table(Tables.RUNS).filter(col("stage").equalTo("conform")).isEmpty());
  }

  private static Row onTimeMetric(String partnerId) {
    Row scorecard =
        table(Tables.SCORECARD).filter(col(ScorecardColumns.PARTNER_ID).equalTo(partnerId)).first();
    return scorecard.<Row>getList(scorecard.fieldIndex(ScorecardColumns.METRICS)).stream()
        .filter(m -> m.getAs(ScorecardColumns.METRIC_ID).equals("on_time_rate"))
        .findFirst()
        .orElseThrow();
  }

  private static List<CSVRecord> records(Path file) throws IOException {
    char delimiter = file.toString().contains("metro_orders") ? ';' : ',';
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setDelimiter(delimiter)
            .setHeader()
            .setSkipHeaderRecord(true)
            .get();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(reader, format)) {
      return new ArrayList<>(parser.getRecords());
    }
  }

  private static String pdfText(Path pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      return new PDFTextStripper().getText(doc);
    }
  }
}
