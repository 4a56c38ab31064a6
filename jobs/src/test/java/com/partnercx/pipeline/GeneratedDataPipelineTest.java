package com.partnercx.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_date;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.config.ConfigLoader;
import com.partnercx.config.PcxConfig;
import com.partnercx.generate.SampleGenerator;
import com.partnercx.quality.DataQualityJob;
import com.partnercx.reports.Audience;
import com.partnercx.schema.Entity;
import com.partnercx.schema.LineageColumns;
import com.partnercx.schema.Period;
import com.partnercx.score.PartnerDailyJob;
import com.partnercx.score.ScorecardReproduction;
import com.partnercx.spark.SparkTestBase;
import com.partnercx.stage.StageResult;
import com.partnercx.tables.DeliveryStatus;
import com.partnercx.tables.FeedDayQuality;
import com.partnercx.tables.IntegrityFlagsTable;
import com.partnercx.tables.MetricResult;
import com.partnercx.tables.PartnerDailyTable;
import com.partnercx.tables.Scorecard;
import com.partnercx.tables.ScorecardTable;
import com.partnercx.tables.SilverDaysTable;
import com.partnercx.tables.Tables;
import com.partnercx.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated extracts of every partner type through ingest and conform, checked against the
 * generator's ground truth: every planted defect lands where it should, with the exact count. Then
 * a night on which nothing arrived: it writes no data table, and gold/partner_daily still says what
 * a recompute of every day from silver says, also after the index of silver's days is rebuilt.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeneratedDataPipelineTest extends SparkTestBase {
  /** The rules the generator plants defects for, as ops/quarantine names them. */
  private static final List<String> RULES =
      List.of(
          "malformed_row",
          "missing_key",
          "fulfilled_before_created",
          "nps_out_of_range",
          "csat_out_of_range",
          "ces_out_of_range",
          "sentiment_out_of_range");

  @TempDir static Path dir;
  private static Map<String, Long> truth;
  private static Pipeline pipeline;
  private static List<LocalDate> dates;
  private static PcxConfig config;
  private static Warehouse warehouse;

  @BeforeAll
  static void generateAndRun() throws IOException {
    Path data = dir.resolve("data");
    SampleGenerator.generate(
        new SampleGenerator.Settings(
            data, 35, LocalDate.of(2026, 6, 25), 12, 11, 20, Set.copyOf(IntegrityFlagsTable.FLAGS)),
        line -> {});
    truth = groundTruth(data);
    config = new ConfigLoader().load(data.resolve("config"));
    pipeline =
        Pipeline.on(
            spark,
            config,
            data.resolve("landing").toString(),
            dir.resolve("warehouse").toString(),
            line -> {});
    warehouse = pipeline.context().warehouse();
    dates = pipeline.deliveryDates();
    // Two batches, so corrections meet rows written by an earlier run.
    pipeline.nightly(dates.subList(0, 6));
    pipeline.nightly(dates.subList(6, dates.size()));
  }

  /** The generator's ground_truth.csv: count by "feed,delivery date,kind". */
  static Map<String, Long> groundTruth(Path data) throws IOException {
    return Files.readAllLines(data.resolve("ground_truth.csv")).stream()
        .skip(1)
        .collect(
            Collectors.toMap(
                l -> l.substring(0, l.lastIndexOf(',')),
                l -> Long.parseLong(l.substring(l.lastIndexOf(',') + 1)),
                Long::sum,
                TreeMap::new));
  }

  private static Dataset<Row> table(String name) {
    return spark.read().format("delta").load(dir.resolve("warehouse").resolve(name).toString());
  }

  private static long total(String kind) {
    return truth.entrySet().stream()
        .filter(e -> e.getKey().endsWith("," + kind))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** Ground-truth counts of some kinds, by "feed,date,kind". */
  private static Map<String, Long> truthOf(List<String> kinds) {
    Map<String, Long> out = new TreeMap<>();
    truth.forEach(
        (k, v) -> {
          if (kinds.contains(k.substring(k.lastIndexOf(',') + 1))) {
            out.put(k, v);
          }
        });
    return out;
  }

  @Test
  @Order(1)
  void everyFileOutcomeAndEveryRowIsAccountedFor() {
    Dataset<Row> log = table(Tables.INGEST_LOG);
    assertEquals(
        total("missing_column_file") + total("empty_file"),
        log.filter(col("outcome").equalTo("rejected")).count());
    assertEquals(total("duplicate_file"), log.filter(col("outcome").equalTo("duplicate")).count());
    Map<String, Long> delivered = new TreeMap<>();
    for (Row r :
        log.filter(col("outcome").equalTo("ingested"))
            .groupBy("feed_id", "delivery_date")
            .sum("rows", "quarantined")
            .collectAsList()) {
      long n = r.getLong(2) + r.getLong(3);
      if (n > 0) {
        delivered.put(r.getString(0) + "," + r.getDate(1) + ",rows", n);
      }
    }
    assertEquals(
        truthOf(List.of("rows")),
        delivered,
        "bronze + quarantine = rows delivered, per feed and day");
    long bronze = 0;
    for (String feed : pipeline.context().config().feeds().keySet()) {
      bronze += table(Tables.bronze(feed)).count();
    }
    assertEquals(total("rows") - total("malformed_row"), bronze);
  }

  @Test
  @Order(2)
  void everyPlantedDefectIsQuarantinedUnderItsRuleWithTheExactCount() {
    List<String> rules = RULES;
    Map<String, Long> quarantined = new TreeMap<>();
    for (Row r :
        table(Tables.QUARANTINE)
            .groupBy("feed_id", "delivery_date", "rule")
            .count()
            .collectAsList()) {
      quarantined.put(r.getString(0) + "," + r.getDate(1) + "," + r.getString(2), r.getLong(3));
    }
    assertEquals(truthOf(rules), quarantined);
    assertTrue(
        total("malformed_row") > 0
            && total("missing_key") > 0
            && total("fulfilled_before_created") > 0,
        truth.toString());
  }

  @Test
  @Order(2)
  void dqResultsAgreeWithTheGroundTruthPerFeedAndDay() {
    List<FeedDayQuality> dq = DataQualityJob.read(pipeline.context().warehouse(), dates);
    assertEquals(pipeline.context().config().feeds().size() * dates.size(), dq.size());
    Map<String, Long> delivered = new TreeMap<>();
    Map<String, Long> quarantined = new TreeMap<>();
    Map<String, Long> missing = new TreeMap<>();
    for (FeedDayQuality q : dq) {
      String key = q.feedId() + "," + q.deliveryDate();
      if (q.rowsDelivered() > 0) {
        delivered.put(key + ",rows", q.rowsDelivered());
      }
      q.quarantinedByRule().forEach((rule, n) -> quarantined.put(key + "," + rule, n));
      if (q.delivery() == DeliveryStatus.MISSING) {
        missing.put(key + ",missing_delivery", 1L);
      }
      assertEquals(
          q.rowsDelivered() - q.quarantinedByRule().getOrDefault("malformed_row", 0L),
          q.rowsBronze(),
          key);
    }
    assertEquals(truthOf(List.of("rows")), delivered);
    assertEquals(truthOf(RULES), quarantined);
    assertEquals(truthOf(List.of("missing_delivery")), missing);
    assertTrue(total("missing_delivery") > 0);
  }

  @Test
  @Order(3)
  void silverHoldsEachKeyOnceWithCorrectionsApplied() {
    long silver = 0;
    long corrected = 0;
    for (Entity entity : Entity.values()) {
      Dataset<Row> rows = table(Tables.silver(entity));
      silver += rows.count();
      corrected += rows.filter(col("_source_file").contains("_corrections")).count();
    }
    long rejectedByRules = table(Tables.QUARANTINE).filter(col("stage").equalTo("conform")).count();
    assertEquals(
        total("rows")
            - total("malformed_row")
            - rejectedByRules
            - total("duplicate_row")
            - total("correction"),
        silver);
    assertEquals(total("correction"), corrected, "every corrected row replaced its original");
  }

  @Test
  @Order(4)
  void noRawEmailOrPhoneNumberReachesSilver() {
    assertTrue(total("pii_in_text") > 0);
    String email = "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}";
    String phone = "\\+\\d{2} \\d{3} \\d{7}";
    for (Entity entity : Entity.values()) {
      Dataset<Row> rows = table(Tables.silver(entity));
      for (String column : rows.columns()) {
        if (rows.schema().apply(column).dataType().simpleString().equals("string")
            && !column.startsWith("_")) {
          assertEquals(
              0,
              rows.filter(col(column).rlike(email).or(col(column).rlike(phone))).count(),
              entity + "." + column);
        }
      }
    }
    assertEquals(
        0,
        table(Tables.silver(Entity.SERVICE_EVENT))
            .filter(col("customer_key").rlike("^[0-9a-f]{64}$").equalTo(false))
            .count());
  }

  @Test
  @Order(5)
  void runningTheSameNightsAgainChangesNothing() {
    Dataset<Row> before = table(Tables.silver(Entity.SERVICE_EVENT)).cache();
    before.count();
    long log = table(Tables.INGEST_LOG).count();
    // The second batch again: its files met rows of the first batch (corrections, a resent file),
    // and the days it recomputes must add up as they did, to the last digit of every double sum.
    pipeline.nightly(dates.subList(6, dates.size()));
    assertEquals(0, before.exceptAll(table(Tables.silver(Entity.SERVICE_EVENT))).count());
    assertEquals(0, table(Tables.silver(Entity.SERVICE_EVENT)).exceptAll(before).count());
    assertEquals(log, table(Tables.INGEST_LOG).count());
  }

  @Test
  @Order(6)
  void aDateWithoutDeliveriesWritesNoDataTableAndScoresItsDeliveriesDue() {
    LocalDate quiet = dates.get(dates.size() - 1).plusDays(3);
    List<String> dataTables = new ArrayList<>();
    for (String table : warehouse.tables()) {
      if (table.startsWith("bronze/") || table.startsWith("silver/")) {
        dataTables.add(table);
      }
    }
    dataTables.addAll(List.of(Tables.INGEST_LOG, Tables.QUARANTINE, Tables.SILVER_DAYS));
    Map<String, Long> before = warehouse.versions(dataTables);

    Pipeline.Nightly night = pipeline.nightly(List.of(quiet));

    assertEquals(before, warehouse.versions(dataTables), "a quiet night writes no data table");
    StageResult conform = stage(night, "conform");
    assertEquals(0, conform.rowsRead());
    assertTrue(conform.versionsRead().isEmpty(), "conform reads no bronze table");
    // Every scheduled feed owed a delivery that did not come; the day is scored with it.
    List<FeedDayQuality> quality = DataQualityJob.read(warehouse, List.of(quiet));
    assertEquals(config.feeds().size(), quality.size());
    assertTrue(
        quality.stream()
            .allMatch(
                q ->
                    q.delivery() == DeliveryStatus.MISSING
                        || q.delivery() == DeliveryStatus.NOT_EXPECTED),
        quality.toString());
    assertTrue(
        quality.stream().anyMatch(q -> q.delivery() == DeliveryStatus.MISSING),
        "the generated feeds deliver daily");
    long due =
        warehouse
            .read(Tables.PARTNER_DAILY)
            .filter(col(PartnerDailyTable.DAY).equalTo(java.sql.Date.valueOf(quiet)))
            .agg(org.apache.spark.sql.functions.sum(PartnerDailyTable.DELIVERIES_DUE))
            .first()
            .getLong(0);
    assertTrue(due > 0, "the missing deliveries are owed on the quiet date");
    assertPartnerDailyIsWhatSilverSays();
  }

  @Test
  @Order(7)
  void theIndexOfSilverDaysIsRebuiltFromSilverWhenMissing() throws IOException {
    deleteTree(dir.resolve("warehouse").resolve(Tables.SILVER_DAYS));
    assertFalse(warehouse.exists(Tables.SILVER_DAYS));

    // Another quiet date: the daily score reads the index, which is rebuilt from silver.
    pipeline.nightly(List.of(dates.get(dates.size() - 1).plusDays(4)));

    Set<String> indexed = new TreeSet<>();
    warehouse
        .read(Tables.SILVER_DAYS)
        .collectAsList()
        .forEach(
            r ->
                indexed.add(
                    r.getAs(SilverDaysTable.ENTITY)
                        + " "
                        + r.getAs(SilverDaysTable.DAY)
                        + " "
                        + r.getAs(SilverDaysTable.DELIVERY_DATE)));
    Set<String> inSilver = new TreeSet<>();
    for (Entity entity : Entity.values()) {
      if (!warehouse.exists(Tables.silver(entity))) {
        continue;
      }
      warehouse
          .read(Tables.silver(entity))
          .select(to_date(col(entity.periodField())), col(LineageColumns.DELIVERY_DATE))
          .distinct()
          .collectAsList()
          .forEach(r -> inSilver.add(entity.id() + " " + r.get(0) + " " + r.get(1)));
    }
    assertFalse(inSilver.isEmpty());
    Set<String> missing = new TreeSet<>(inSilver);
    missing.removeAll(indexed);
    assertEquals(Set.of(), missing, "every day of silver is indexed");
    assertPartnerDailyIsWhatSilverSays();
  }

  @Test
  @Order(8)
  void everyPlantedSurveyPatternIsFlaggedOnItsPartnerAndOnNoOther() throws IOException {
    // The generated days run from 2026-06-25 to 07-06: the plants are in both quarters, the drop
    // of the response rate in Q3 only; the ground truth names the flags of Q3.
    List<String> truth = Files.readAllLines(dir.resolve("data/ground_truth_integrity.csv"));
    assertEquals("partner_id,period,flag", truth.get(0));
    Set<String> planted = new TreeSet<>(truth.subList(1, truth.size()));
    assertEquals(IntegrityFlagsTable.FLAGS.size(), planted.size(), planted.toString());

    Period q3 = Period.parse("2026-Q3");
    pipeline.score(q3);
    Map<String, List<IntegrityFlagsTable.Flag>> flags =
        IntegrityFlagsTable.ofPeriod(warehouse, q3.label(), new TreeMap<>());
    Set<String> found = new TreeSet<>();
    flags.values().forEach(l -> l.forEach(f -> found.add(f.partnerId() + ",2026-Q3," + f.flag())));
    assertEquals(planted, found, "flags: " + flags);

    // The internal edition prints the flag with its figure, the partner edition not; the
    // portfolio lists every flag.
    Path out = dir.resolve("reports");
    String partnerId = planted.iterator().next().split(",")[0];
    pipeline.report(q3, partnerId, EnumSet.of(Audience.INTERNAL, Audience.PARTNER), out);
    IntegrityFlagsTable.Flag flag = flags.get(partnerId).get(0);
    // Compared without spaces: a line may break after any hyphen of the figure.
    String internal = flowing(out.resolve("2026-Q3/internal/" + partnerId + ".pdf"));
    assertTrue(
        internal
            .replace(" ", "")
            .contains(
                ("Survey integrity flag " + flag.flag() + ": " + flag.detail()).replace(" ", "")),
        internal);
    assertTrue(internal.contains("For review; the scorecard is unchanged"), internal);
    String partner = flowing(out.resolve("2026-Q3/partner/" + partnerId + ".pdf"));
    assertFalse(partner.contains("integrity"), partner);
    pipeline.report(q3, null, EnumSet.of(Audience.EXECUTIVE), out);
    String portfolio = flowing(out.resolve("2026-Q3/portfolio.pdf"));
    assertTrue(portfolio.contains("Survey integrity flags"), portfolio);
    assertTrue(portfolio.contains("6 flags on 6 partners."), portfolio);
    // Each flag's row: the partner with its program, and the flag in words (compared without
    // spaces: a cell may break after the hyphen of a partner id).
    String cells = portfolio.replace(" ", "");
    for (List<IntegrityFlagsTable.Flag> partnerFlags : flags.values()) {
      for (IntegrityFlagsTable.Flag f : partnerFlags) {
        String who = "(" + f.partnerId() + ", " + config.program(f.programId()).name() + ")";
        assertTrue(cells.contains(who.replace(" ", "")), who + " in\n" + portfolio);
        String what = f.flag().replace('_', ' ') + ":";
        assertTrue(cells.contains(what.replace(" ", "")), what + " in\n" + portfolio);
      }
    }
  }

  @Test
  @Order(9)
  void excludeFlaggedLeavesOnlyTheFlaggedPartnersSurveyMetricsOutAndReproduces()
      throws IOException {
    Period q3 = Period.parse("2026-Q3");
    Map<String, Scorecard> flaggedBefore = new TreeMap<>();
    Map<String, List<IntegrityFlagsTable.Flag>> flags =
        IntegrityFlagsTable.ofPeriod(warehouse, q3.label(), new TreeMap<>());
    ScorecardTable.latestVersions(warehouse, q3.label())
        .forEach(
            (id, stored) -> {
              if (flags.containsKey(id)) {
                flaggedBefore.put(id, stored.scorecard());
              }
            });
    // The same programs with integrity_action: exclude_flagged.
    Path excluding = dir.resolve("config-excluding");
    Files.createDirectories(excluding.resolve("feeds"));
    try (var files = Files.walk(dir.resolve("data/config"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path to = excluding.resolve(dir.resolve("data/config").relativize(file));
        Files.createDirectories(to.getParent());
        Files.writeString(
            to,
            Files.readString(file)
                .replace("integrity_action: flag", "integrity_action: exclude_flagged"));
      }
    }
    PcxConfig strict = new ConfigLoader().load(excluding);
    Pipeline rescoring =
        Pipeline.on(
            spark,
            strict,
            dir.resolve("data/landing").toString(),
            dir.resolve("warehouse").toString(),
            line -> {});
    int restated = rescoring.score(q3).newVersions();

    int expected = 0;
    String reproduced = null;
    for (Map.Entry<String, Scorecard> e : flaggedBefore.entrySet()) {
      Scorecard before = e.getValue();
      Scorecard after =
          ScorecardTable.latestVersions(warehouse, q3.label()).get(e.getKey()).scorecard();
      boolean surveyCounted = false;
      double weights = 0;
      double points = 0;
      for (int i = 0; i < after.metrics().size(); i++) {
        MetricResult was = before.metrics().get(i);
        MetricResult now = after.metrics().get(i);
        boolean survey = List.of("nps", "csat", "ces").contains(now.metricId());
        assertEquals(was.value(), now.value(), now.metricId() + " keeps its value");
        if (survey) {
          surveyCounted |= was.sufficient();
          assertFalse(now.sufficient(), e.getKey() + " " + now.metricId() + " is left out");
          assertEquals(null, now.score());
        } else {
          assertEquals(was.sufficient(), now.sufficient());
          if (now.sufficient()) {
            weights += now.weight();
            points += now.score() * now.weight();
          }
        }
      }
      if (surveyCounted) {
        expected++;
        assertTrue(
            after.explanation().stream()
                .anyMatch(l -> l.contains("left out of the composite: survey-integrity flag")),
            after.explanation().toString());
        if (after.composite() != null) {
          // The composite of the metrics that still count, rounded half up to one decimal.
          assertEquals(
              new java.math.BigDecimal(points / weights)
                  .setScale(1, java.math.RoundingMode.HALF_UP)
                  .doubleValue(),
              after.composite(),
              1e-9,
              e.getKey());
        }
        reproduced = reproduced == null ? e.getKey() : reproduced;
      } else {
        assertEquals(before, after, e.getKey() + " had no survey metric in its composite");
      }
    }
    assertTrue(expected > 0, "a flagged partner had survey metrics in its composite");
    // The flags are recomputed from the recorded silver versions, and the metrics left out again.
    ScorecardReproduction.Result again =
        ScorecardReproduction.run(warehouse, strict, reproduced, q3, null);
    assertTrue(again.matches(), again.differences().toString());
    assertEquals(expected, restated, "only the flagged partners are restated");
  }

  private static String flowing(Path pdf) throws IOException {
    try (org.apache.pdfbox.pdmodel.PDDocument doc =
        org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
      return new org.apache.pdfbox.text.PDFTextStripper()
          .getText(doc)
          .replace('\u00a0', ' ')
          .replaceAll("\\s+", " ");
    }
  }

  private static StageResult stage(Pipeline.Nightly night, String name) {
    return night.stages().stream().filter(s -> s.stage().equals(name)).findFirst().orElseThrow();
  }

  /**
   * Every row of gold/partner_daily equals a recompute of its day from the input tables as they are
   * now, reading every silver table; days that wait for a failed quality gate are left out.
   */
  private static void assertPartnerDailyIsWhatSilverSays() {
    Set<LocalDate> held = new TreeSet<>();
    DataQualityJob.failures(warehouse)
        .forEach(
            f -> {
              for (int i = -2; i <= 2; i++) {
                held.add(f.deliveryDate().plusDays(i));
              }
            });
    List<LocalDate> days =
        warehouse
            .read(Tables.PARTNER_DAILY)
            .select(PartnerDailyTable.DAY)
            .distinct()
            .collectAsList()
            .stream()
            .map(r -> r.getDate(0).toLocalDate())
            .filter(d -> !held.contains(d))
            .sorted(Comparator.naturalOrder())
            .toList();
    assertTrue(days.size() >= 5, "days compared: " + days);
    Map<String, Long> versions = new TreeMap<>();
    warehouse
        .versions(PartnerDailyJob.INPUTS)
        .forEach(
            (t, v) -> {
              if (v >= 0) {
                versions.put(t, v);
              }
            });
    Dataset<Row> recomputed =
        PartnerDailyJob.compute(warehouse, config, days, versions).orElseThrow();
    Dataset<Row> stored =
        warehouse
            .read(Tables.PARTNER_DAILY)
            .filter(
                col(PartnerDailyTable.DAY)
                    .isin(days.stream().map(java.sql.Date::valueOf).toArray()));
    assertEquals(lines(recomputed), lines(stored));
  }

  private static List<String> lines(Dataset<Row> daily) {
    List<Column> columns = new ArrayList<>();
    columns.add(col(PartnerDailyTable.PARTNER_ID));
    columns.add(col(PartnerDailyTable.PROGRAM_ID));
    columns.add(col(PartnerDailyTable.DAY));
    PartnerDailyTable.MEASURES.forEach(m -> columns.add(col(m)));
    return daily.select(columns.toArray(Column[]::new)).collectAsList().stream()
        .map(Row::toString)
        .sorted()
        .toList();
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
