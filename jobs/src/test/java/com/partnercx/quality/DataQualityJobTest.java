package com.partnercx.quality;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.config.ConfigLoader;
import com.partnercx.config.QualityGate;
import com.partnercx.errors.ErrorCode;
import com.partnercx.errors.PcxException;
import com.partnercx.pipeline.Pipeline;
import com.partnercx.schema.Period;
import com.partnercx.spark.SparkTestBase;
import com.partnercx.tables.DeliveryStatus;
import com.partnercx.tables.FeedDayQuality;
import com.partnercx.tables.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One week of a weekday feed with a threshold of 20% and at least 2 rejected rows, every count
 * written down by hand:
 *
 * <pre>
 * Mon 07-06  10 rows, 1 missing key                      10%  pass   on_time
 * Tue 07-07  10 rows, 1 malformed + 2 fulfilled < created 30%  FAIL   on_time
 * Wed 07-08  nothing (arrives after the first check)             missing, then late
 * Thu 07-09  a file without the 'state' column                   rejected
 * Fri 07-10  10 rows, 2 missing keys                     20%  pass (not above 20%)
 * Sat 07-11  4 rows although Saturday is not scheduled           not_expected
 * Sun 07-12  nothing                                             not_expected
 * </pre>
 *
 * Each delivery carries the events of the day before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataQualityJobTest extends SparkTestBase {
  private static final String FEED = "harbor_jobs";
  private static final LocalDate MON = LocalDate.of(2026, 7, 6);
  private static final String HEADER = "shop,job,created,done,state";

  @TempDir static Path dir;
  private static Pipeline pipeline;
  private static Pipeline.Nightly week;

  @BeforeAll
  static void deliverTheWeek() throws IOException {
    Path config = dir.resolve("config");
    Files.createDirectories(config.resolve("feeds"));
    for (String file : List.of("programs.yaml", "partners.csv")) {
      Files.copy(Path.of("../data-samples/config", file), config.resolve(file));
    }
    Files.writeString(
        config.resolve("feeds/" + FEED + ".yaml"),
        """
        entity: service_event
        partners: [I-001]
        format: csv
        timezone: Europe/Berlin
        timestamp_formats: ["yyyy-MM-dd HH:mm"]
        columns:
          partner_id: shop
          event_id: job
          created_at: created
          fulfilled_at: done
          status: state
        schedule:
          days: [weekdays]
          deadline: "06:00"
        quality:
          max_reject_rate: 0.2
          min_rejected_rows: 2
        """);
    deliver(MON, jobs(MON, 10, List.of(3), List.of(), false));
    deliver(MON.plusDays(1), jobs(MON.plusDays(1), 10, List.of(), List.of(4, 5), true));
    deliver(
        MON.plusDays(3), "shop,job,created,done\nI-001,J-1,2026-07-08 09:00,2026-07-08 10:00\n");
    deliver(MON.plusDays(4), jobs(MON.plusDays(4), 10, List.of(1, 2), List.of(), false));
    deliver(MON.plusDays(5), jobs(MON.plusDays(5), 4, List.of(), List.of(), false));
    pipeline =
        Pipeline.on(
            spark,
            new ConfigLoader().load(config),
            dir.resolve("landing").toString(),
            dir.resolve("warehouse").toString(),
            line -> {});
    week = pipeline.nightly(days(MON, 7));
  }

  /**
   * A day's extract: {@code n} completed jobs created the day before, some with an empty job id,
   * some fulfilled before created, and optionally one line cut after two fields.
   */
  private static String jobs(
      LocalDate delivery, int n, List<Integer> noKey, List<Integer> backwards, boolean cut) {
    LocalDate day = delivery.minusDays(1);
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (int i = 1; i <= n; i++) {
      if (cut && i == n) {
        csv.append("I-001,J-").append(day).append("-cut\n");
        continue;
      }
      String id = noKey.contains(i) ? "" : "J-" + day + "-" + i;
      String created = day + " 10:00";
      String done = backwards.contains(i) ? day + " 09:00" : day + " 11:30";
      csv.append(String.join(",", "I-001", id, created, done, "completed")).append('\n');
    }
    return csv.toString();
  }

  private static void deliver(LocalDate day, String text) throws IOException {
    Path folder = dir.resolve("landing").resolve(FEED).resolve(day.toString());
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("jobs.csv"), text);
  }

  private static List<LocalDate> days(LocalDate first, int n) {
    List<LocalDate> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(first.plusDays(i));
    }
    return out;
  }

  private static Dataset<Row> table(String name) {
    return spark.read().format("delta").load(dir.resolve("warehouse").resolve(name).toString());
  }

  private static Map<LocalDate, FeedDayQuality> stored() {
    return DataQualityJob.read(pipeline.context().warehouse(), days(MON, 7)).stream()
        .collect(Collectors.toMap(FeedDayQuality::deliveryDate, q -> q));
  }

  /** A week of a few hundred bytes is far under the default 48 MiB: its plans were interpreted. */
  @Test
  @Order(1)
  void aSmallWeekRanWithoutGeneratedCode() {
    assertEquals("NO_CODEGEN", spark.conf().get("spark.sql.codegen.factoryMode"));
    assertEquals("false", spark.conf().get("spark.sql.codegen.wholeStage"));
  }

  @Test
  void aLandingZoneThatCannotBeListedLeavesPlansCompiledAndTheStageRuns() {
    String wholeStage = spark.conf().get("spark.sql.codegen.wholeStage");
    String factoryMode = spark.conf().get("spark.sql.codegen.factoryMode");
    try (Pipeline elsewhere =
        Pipeline.on(
            spark,
            pipeline.context().config(),
            "nosuch-scheme://landing",
            dir.resolve("warehouse-unlisted").toString(),
            line -> {})) {
      DataQualityJob.Outcome outcome = elsewhere.checkQuality(List.of(MON));
      assertEquals("true", spark.conf().get("spark.sql.codegen.wholeStage"));
      assertEquals("FALLBACK", spark.conf().get("spark.sql.codegen.factoryMode"));
      assertEquals(1, outcome.results().size(), "the one feed's figures for the date");
      assertEquals(FEED, outcome.results().get(0).feedId());
      assertEquals(MON, outcome.results().get(0).deliveryDate());
      assertEquals(0, outcome.results().get(0).rowsDelivered());
    } finally {
      spark.conf().set("spark.sql.codegen.wholeStage", wholeStage);
      spark.conf().set("spark.sql.codegen.factoryMode", factoryMode);
    }
  }

  @Test
  @Order(1)
  void everyDayOfTheWeekIsCountedFromTheTables() {
    Map<LocalDate, FeedDayQuality> dq = stored();
    assertEquals(7, dq.size());

    FeedDayQuality mon = dq.get(MON);
    assertEquals(DeliveryStatus.ON_TIME, mon.delivery());
    assertEquals(10, mon.rowsDelivered());
    assertEquals(10, mon.rowsBronze());
    assertEquals(Map.of("missing_key", 1L), mon.quarantinedByRule());
    assertEquals(9, mon.rowsSilver());
    assertEquals(0.1, mon.rejectRate(), 1e-12);
    assertTrue(mon.gatePassed());

    FeedDayQuality tue = dq.get(MON.plusDays(1));
    assertEquals(10, tue.rowsDelivered());
    assertEquals(9, tue.rowsBronze(), "the cut line never reaches bronze");
    assertEquals(
        Map.of("malformed_row", 1L, "fulfilled_before_created", 2L), tue.quarantinedByRule());
    assertEquals(7, tue.rowsSilver());
    assertEquals(0.3, tue.rejectRate(), 1e-12);
    assertFalse(tue.gatePassed());
    assertEquals(
        "harbor_jobs 2026-07-07: 3 of 10 rows rejected (30.0% > 20.0%):"
            + " fulfilled_before_created 2, malformed_row 1",
        tue.gateSentence());

    assertEquals(DeliveryStatus.MISSING, dq.get(MON.plusDays(2)).delivery());

    FeedDayQuality thu = dq.get(MON.plusDays(3));
    assertEquals(DeliveryStatus.REJECTED, thu.delivery());
    assertEquals(1, thu.filesRejected());
    assertEquals(0, thu.rowsDelivered());
    assertEquals(1, thu.rowsRefused(), "the rejected file's one row");
    assertEquals(1, thu.rowsRejected());
    assertTrue(thu.gatePassed(), "1 rejected row, below the minimum of 2");
    assertTrue(thu.fileErrors().contains("jobs.csv: missing required column(s) [state]"));

    FeedDayQuality fri = dq.get(MON.plusDays(4));
    assertEquals(Map.of("missing_key", 2L), fri.quarantinedByRule());
    assertEquals(0.2, fri.rejectRate(), 1e-12);
    assertTrue(fri.gatePassed(), "a rate equal to the threshold passes");

    FeedDayQuality sat = dq.get(MON.plusDays(5));
    assertFalse(sat.expected());
    assertEquals(DeliveryStatus.NOT_EXPECTED, sat.delivery());
    assertEquals(4, sat.rowsSilver());
    assertEquals(DeliveryStatus.NOT_EXPECTED, dq.get(MON.plusDays(6)).delivery());

    // Due at 06:00 Berlin (04:00 UTC in summer) on the delivery date.
    assertEquals(Instant.parse("2026-07-06T04:00:00Z"), mon.dueAt());
  }

  @Test
  @Order(2)
  void theFailedDayIsNotScoredAndHoldsThePeriod() {
    assertEquals(List.of(MON.plusDays(1)), week.held());
    List<LocalDate> scored =
        table(Tables.PARTNER_DAILY).select("day").distinct().collectAsList().stream()
            .map(r -> r.getDate(0).toLocalDate())
            .sorted()
            .toList();
    // Events of Sun 07-05 (Monday's delivery), Thu 07-09 and Fri 07-10, and the delivery dates
    // owed on Wed 07-08 (missing) and Thu 07-09 (rejected); not Mon 07-06, whose events came in
    // Tuesday's failed delivery, and not Tue 07-07 itself.
    assertEquals(
        List.of(
            LocalDate.of(2026, 7, 5),
            LocalDate.of(2026, 7, 8),
            LocalDate.of(2026, 7, 9),
            LocalDate.of(2026, 7, 10)),
        scored);

    Row mon =
        table(Tables.PARTNER_DAILY)
            .filter(col("day").equalTo(Date.valueOf(MON.minusDays(1))))
            .first();
    assertEquals(0L, mon.<Long>getAs("deliveries_due"), "Sunday 07-05 owes no delivery");
    for (LocalDate owed : List.of(MON.plusDays(2), MON.plusDays(3))) {
      Row r = table(Tables.PARTNER_DAILY).filter(col("day").equalTo(Date.valueOf(owed))).first();
      assertEquals(1L, r.<Long>getAs("deliveries_due"), owed.toString());
      assertEquals(0L, r.<Long>getAs("deliveries_on_time"), owed.toString());
    }
    Row fri =
        table(Tables.PARTNER_DAILY)
            .filter(col("day").equalTo(Date.valueOf(MON.plusDays(4))))
            .first();
    assertEquals(1L, fri.<Long>getAs("deliveries_due"));
    assertEquals(1L, fri.<Long>getAs("deliveries_on_time"));

    PcxException held =
        assertThrows(PcxException.class, () -> pipeline.score(Period.parse("2026-Q3")));
    assertEquals(ErrorCode.QUALITY_GATE_HELD, held.code());
    assertEquals(3, held.code().exitCode());
    assertTrue(
        held.getMessage().contains("harbor_jobs 2026-07-07: 3 of 10 rows rejected (30.0% > 20.0%)"),
        held.getMessage());
    assertTrue(held.getMessage().contains("--allow-failed-gate"), held.getMessage());

    assertEquals(
        List.of(), pipeline.gateFailuresTouching(Period.parse("2026-Q2")), "Q2 is not touched");
    assertFalse(pipeline.score(Period.parse("2026-Q3"), true).scorecards().isEmpty());
  }

  @Test
  @Order(3)
  void aDeliveryFoundMissingThatArrivesLaterIsLate() throws IOException {
    LocalDate wed = MON.plusDays(2);
    deliver(wed, jobs(wed, 3, List.of(), List.of(), false));
    pipeline.nightly(List.of(wed));
    assertEquals(DeliveryStatus.LATE, stored().get(wed).delivery());
    assertEquals(3, stored().get(wed).rowsSilver());
    pipeline.checkQuality(List.of(wed));
    assertEquals(DeliveryStatus.LATE, stored().get(wed).delivery(), "late stays late");
  }

  @Test
  @Order(4)
  void runningTheWeekAgainQuarantinesNothingTwice() {
    long quarantined = table(Tables.QUARANTINE).count();
    assertEquals(1 + 3 + 2, quarantined);
    pipeline.nightly(days(MON, 7));
    assertEquals(quarantined, table(Tables.QUARANTINE).count());
    assertEquals(
        2,
        table(Tables.QUARANTINE)
            .filter(col("delivery_date").equalTo(Date.valueOf(MON.plusDays(1))))
            .filter(col("rule").equalTo("fulfilled_before_created"))
            .count());
    assertEquals(7, table(Tables.DQ_RESULTS).count(), "one row per feed and date, replaced");
  }

  /**
   * Thursday's partner uploads jobs.csv again, still without 'state' and now with 3 rows: the
   * upload replaces the first one, its 3 rows count as rejected (3 of 3, at least 2 and above 20%)
   * and, though none of them reached silver, hold the period of the delivery. A third upload at the
   * same path, with the column, is read and releases the day, which is now late.
   */
  @Test
  @Order(5)
  void rowsOfARejectedFileFailTheGateUntilTheFileIsUploadedAgain() throws IOException {
    LocalDate thu = MON.plusDays(3);
    String noState =
        """
        shop,job,created,done
        I-001,J-1,2026-07-08 09:00,2026-07-08 10:00
        I-001,J-2,2026-07-08 09:00,2026-07-08 10:00
        I-001,J-3,2026-07-08 09:00,2026-07-08 10:00
        """;
    deliver(thu, noState);
    assertEquals(List.of(thu), pipeline.nightly(List.of(thu)).held());
    FeedDayQuality refused = stored().get(thu);
    assertEquals(1, refused.filesRejected(), "the second upload replaces the first");
    assertEquals(3, refused.rowsRefused());
    assertEquals(0, refused.rowsQuarantined());
    assertEquals(1.0, refused.rejectRate(), 1e-12);
    assertFalse(refused.gatePassed());
    assertEquals(
        "harbor_jobs 2026-07-09: 3 of 3 rows rejected (100.0% > 20.0%): rejected_file 3",
        refused.gateSentence());
    assertEquals(
        List.of(MON.plusDays(1), thu),
        pipeline.gateFailuresTouching(Period.parse("2026-Q3")).stream()
            .map(FeedDayQuality::deliveryDate)
            .toList());
    assertEquals(
        3L,
        table(Tables.DQ_RESULTS)
            .filter(col("delivery_date").equalTo(Date.valueOf(thu)))
            .first()
            .<Long>getAs("rows_refused"));

    deliver(thu, jobs(thu, 3, List.of(), List.of(), false));
    assertEquals(List.of(), pipeline.nightly(List.of(thu)).held());
    FeedDayQuality fixed = stored().get(thu);
    assertEquals(0, fixed.filesRejected());
    assertEquals(0, fixed.rowsRefused());
    assertEquals(3, fixed.rowsSilver());
    assertEquals(DeliveryStatus.LATE, fixed.delivery());
    assertTrue(fixed.gatePassed());
    assertEquals(
        List.of(MON.plusDays(1)),
        pipeline.gateFailuresTouching(Period.parse("2026-Q3")).stream()
            .map(FeedDayQuality::deliveryDate)
            .toList());
  }

  @Test
  void statusFollowsScheduleDeadlineAndHistory() {
    Instant due = Instant.parse("2026-07-06T04:00:00Z");
    Instant before = due.minusSeconds(60);
    Instant after = due.plusSeconds(60);
    assertEquals(DeliveryStatus.PENDING, DataQualityJob.status(true, 0, 0, due, before, null));
    assertEquals(DeliveryStatus.MISSING, DataQualityJob.status(true, 0, 0, due, after, null));
    assertEquals(DeliveryStatus.REJECTED, DataQualityJob.status(true, 0, 2, due, after, null));
    assertEquals(DeliveryStatus.ON_TIME, DataQualityJob.status(true, 1, 0, due, after, null));
    assertEquals(
        DeliveryStatus.ON_TIME,
        DataQualityJob.status(true, 1, 0, due, after, DeliveryStatus.PENDING),
        "found before the deadline passed, so not late");
    assertEquals(
        DeliveryStatus.LATE,
        DataQualityJob.status(true, 1, 1, due, after, DeliveryStatus.REJECTED));
    assertEquals(DeliveryStatus.NOT_EXPECTED, DataQualityJob.status(false, 0, 0, due, after, null));
  }

  @Test
  void theGateNeedsBothTheRateAndTheMinimumCount() {
    QualityGate gate = new QualityGate(0.05, 3);
    assertTrue(gate.passes(2, 10), "20% but only 2 rows");
    assertFalse(gate.passes(3, 10));
    assertTrue(gate.passes(5, 100), "exactly 5%");
    assertFalse(gate.passes(6, 100));
    assertTrue(gate.passes(0, 0));
  }
}
