package com.partnercx.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.partnercx.generate.SampleGenerator;
import com.partnercx.spark.SparkTestBase;
import com.partnercx.tables.SilverDaysTable;
import com.partnercx.tables.Tables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly against what operations do to it. A landing zone of generated feeds (with the
 * generator's planted defects) and two feeds holding a corpus of bad, odd and hostile files is run
 * by {@code pcx nightly} in JVMs of their own: once uninterrupted (the reference), killed with
 * SIGKILL at ingest, conform and score and run again, and twice at once. Every delivered row is
 * accounted for (bronze + quarantined + rows of rejected files), every entry of the landing zone is
 * logged with its outcome, and every table of a re-run warehouse holds what the reference holds.
 */
class ReliabilityTest extends SparkTestBase {
  private static final LocalDate FIRST_DAY = LocalDate.of(2026, 7, 1);
  private static final LocalDate CORPUS_DATE = FIRST_DAY.plusDays(1);
  private static final String ORDERS = "shop_orders";
  private static final String EVENTS = "shop_events";
  private static final String HEADER = "shop,order_no,ordered_at,note,value\n";
  private static final String EMAIL = "jane.doe@example.com";
  private static final String LONG_ID = "L".repeat(300);
  private static final Set<String> GENERATED_FEEDS =
      Set.of("app_sessions", "metroeats_reviews", "brand_complaints", "metroeats_orders");

  /** Columns that say when or by which run a row was written: they differ between any two runs. */
  private static final Set<String> RUN_COLUMNS =
      Set.of(
          "run_id",
          "_run_id",
          "_ingested_at",
          "logged_at",
          "checked_at",
          "quarantined_at",
          "_changed_at",
          "scored_at",
          "closed_at");

  @TempDir static Path dir;
  private static Path landing;
  private static Path config;
  private static Map<String, Long> truth;

  /**
   * What a corpus file holds and must become.
   *
   * @param rows the rows it holds; -1 where only reading it can tell (a truncated gzip)
   * @param outcome ingested, duplicate or rejected
   * @param reason a part of the reason a rejected file must be given
   */
  private record Expected(long rows, String outcome, String reason) {}

  /** The corpus files by "feed/file name". */
  private static final Map<String, Expected> corpus = new TreeMap<>();

  /** Entries of the corpus that must be logged as skipped, by "feed/name". */
  private static final Set<String> corpusSkipped = new TreeSet<>();

  private static int referenceExit;
  private static String referenceOutput;
  private static Map<String, List<String>> reference;

  @BeforeAll
  static void generateTheCorpusAndRunItOnce() throws Exception {
    Path data = dir.resolve("data");
    SampleGenerator.generate(new SampleGenerator.Settings(data, 8, FIRST_DAY, 6, 5, 4), line -> {});
    truth = GeneratedDataPipelineTest.groundTruth(data);
    landing = data.resolve("landing");
    config = data.resolve("config");
    keepOnly(GENERATED_FEEDS);
    truth.keySet().removeIf(k -> !GENERATED_FEEDS.contains(k.substring(0, k.indexOf(','))));
    writeCorpusConfiguration();
    writeCorpus();
    PcxProcess run = nightly(dir.resolve("reference"), "reference");
    referenceExit = run.waitFor();
    referenceOutput = run.stdout() + run.stderr();
    assertTrue(referenceExit == 0 || referenceExit == 3, "reference: " + referenceOutput);
    reference = contents(dir.resolve("reference"));
  }

  /**
   * Leaves the generated feeds that carry its file-level defects (a late file without the key
   * column, in CSV and in gzipped JSON Lines; an empty file) and one of service events: every
   * planted defect, in a landing zone a nightly reads in seconds.
   */
  private static void keepOnly(Set<String> feeds) throws IOException {
    try (Stream<Path> yamls = Files.list(config.resolve("feeds"))) {
      for (Path yaml : yamls.toList()) {
        String feed = yaml.getFileName().toString().replace(".yaml", "");
        if (!feeds.contains(feed)) {
          Files.delete(yaml);
          try (Stream<Path> files = Files.walk(landing.resolve(feed))) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
              Files.delete(f);
            }
          }
        }
      }
    }
  }

  /** The shops program, its partners S-1 and S-2, and the two corpus feeds, which list S-1 only. */
  private static void writeCorpusConfiguration() throws IOException {
    Files.writeString(
        config.resolve("programs.yaml"),
        com.partnercx.TestPrograms.onTimeOnly("shops", "Shops", "EUR"),
        StandardOpenOption.APPEND);
    Files.writeString(
        config.resolve("partners.csv"),
        "S-1,Shop One,shops,North,0,2026-01-01,\nS-2,Shop Two,shops,North,0,2026-01-01,\n",
        StandardOpenOption.APPEND);
    Files.writeString(
        config.resolve("feeds/" + ORDERS + ".yaml"),
        """
        entity: service_event
        partners: [S-1]
        timezone: UTC
        columns: {partner_id: shop, event_id: order_no, created_at: ordered_at, order_value: value}
        """);
    Files.writeString(
        config.resolve("feeds/" + EVENTS + ".yaml"),
        """
        entity: service_event
        partners: [S-1]
        format: jsonl
        timezone: UTC
        columns: {partner_id: shop, event_id: order_no, created_at: ordered_at, status: state}
        """);
  }

  /**
   * Every kind of file a partner has been seen to deliver, in the corpus feeds' folders of one
   * delivery date, each with the rows it holds.
   */
  private static void writeCorpus() throws IOException {
    Path day = landing.resolve(ORDERS).resolve(CORPUS_DATE.toString());
    // 16 rows: 6 reach silver (ids with a quote, SQL, CJK, markup, 300 characters, a line break),
    // 1 does not split, 9 are quarantined by conform: unknown partner (twice, one an injection),
    // a partner the feed does not list, years 9999 and 1900, NaN, Infinity, 1e308, no order number.
    corpus(
        day,
        "a_hostile_rows.csv",
        HEADER
            + "S-1,O'Brien-1,2026-07-01 10:00:00,quote,10.5\n"
            + "S-1,\"x\"\"; DROP TABLE silver; --\",2026-07-01 10:05:00,injection,1\n"
            + "S-1,\u65e5\u672c-1,2026-07-01 10:10:00,cjk,2\n"
            + "S-1,<script>alert(1)</script>,2026-07-01 10:15:00,markup,3\n"
            + "S-1,"
            + LONG_ID
            + ",2026-07-01 10:20:00,long,4\n"
            + "S-1,A2,2026-07-01 11:00:00,\"two\nlines\",5\n"
            + "S-1,A3\n"
            + "S-X,U1,2026-07-01 12:00:00,unknown partner,6\n"
            + "\"S-1' OR '1'='1\",U2,2026-07-01 12:00:00,injection,7\n"
            + "S-2,V1,2026-07-01 12:00:00,not this feed's,8\n"
            + "S-1,Y1,9999-12-31 00:00:00,far future,9\n"
            + "S-1,Y2,1900-01-01 00:00:00,far past,9\n"
            + "S-1,N1,2026-07-01 13:00:00,not a number,NaN\n"
            + "S-1,N3,2026-07-01 13:00:00,infinite,Infinity\n"
            + "S-1,N2,2026-07-01 13:00:00,too large,1e308\n"
            + "S-1,,2026-07-01 13:00:00,no order number,1\n",
        16,
        "ingested",
        null);
    corpus(day, "b_header_only.csv", HEADER, 0, "ingested", null);
    corpus(day, "c_empty.csv", "", 0, "rejected", "the file is empty");
    corpus(
        day,
        "d_no_key_column.csv",
        "shop,ordered_at,value\nS-1,2026-07-01 10:00:00,1\n",
        1,
        "rejected",
        "missing required column(s) [order_no]");
    corpus(
        day,
        "e_bom.csv",
        "\uFEFF" + HEADER + "S-1,B1,2026-07-01 10:00:00,bom,1\n",
        1,
        "ingested",
        null);
    corpus(day, "f_star*.csv", HEADER + "S-1,J1,2026-07-01 10:00:00,star,1\n", 1, "ingested", null);
    corpus(
        day,
        "f_star_b.csv",
        HEADER + "S-1,J2,2026-07-01 10:00:00,its neighbour,1\n",
        1,
        "ingested",
        null);
    corpus(
        day, "g space.csv", HEADER + "S-1,K1,2026-07-01 10:00:00,space,1\n", 1, "ingested", null);
    corpus(
        day,
        "g_same_bytes.csv",
        HEADER + "S-1,K1,2026-07-01 10:00:00,space,1\n",
        0,
        "duplicate",
        null);
    corpus(
        day, "h[1].csv", HEADER + "S-1,L1,2026-07-01 10:00:00,brackets,1\n", 1, "ingested", null);
    corpus(
        day,
        "i%20literal.csv",
        HEADER + "S-1,M1,2026-07-01 10:00:00,percent,1\n",
        1,
        "ingested",
        null);
    corpus(
        day,
        "j_o'brien.csv",
        HEADER + "S-1,Q2,2026-07-01 10:00:00,quote in the name,1\n",
        1,
        "ingested",
        null);
    corpus(
        day,
        "j_new\nline.csv",
        HEADER + "S-1,M2,2026-07-01 10:00:00,newline,1\n",
        1,
        "ingested",
        null);
    corpus(
        day,
        "k_twice.csv",
        "shop,order_no,ordered_at,SHOP\nS-1,D1,2026-07-01 10:00:00,x\n",
        1,
        "rejected",
        "more than once");
    corpus(
        day,
        "l_wide.csv",
        HEADER + "S-1,W1,2026-07-01 10:00:00,ok,1\n" + "x,".repeat(100_001) + "x\n",
        2,
        "rejected",
        "more than 100,000 fields");
    corpus(
        day,
        "m_long_line.csv",
        HEADER + "S-1,P1,2026-07-01 10:00:00,ok,1\n" + "y,".repeat(20_481) + "y\n",
        2,
        "ingested",
        null);
    corpus(
        day,
        "n_no_header.csv",
        "S-1," + EMAIL + ",2026-07-01 10:00:00,x,1\n",
        1,
        "rejected",
        "does not look like a header");
    StringBuilder many = new StringBuilder(HEADER);
    for (int i = 0; i < 400; i++) {
      many.append("S-1,G").append(i).append(",2026-07-01 10:00:00,zipped,1\n");
    }
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(zipped)) {
      out.write(many.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] cut = java.util.Arrays.copyOf(zipped.toByteArray(), zipped.size() * 3 / 5);
    Files.write(day.resolve("o_truncated.csv.gz"), cut);
    corpus.put(
        ORDERS + "/o_truncated.csv.gz", new Expected(-1, "rejected", "cannot be read after"));
    // Entries that are not read, each to be logged once with the reason: a folder as a whole.
    skipped(day.resolve("late/p_in_a_folder.csv"), "late");
    skipped(day.resolve("_SUCCESS"), "_SUCCESS");
    skipped(day.resolve(".q_partial.csv"), ".q_partial.csv");
    Files.writeString(dir.resolve("outside.csv"), HEADER + "S-1,R1,2026-07-01 10:00:00,x,1\n");
    Files.createSymbolicLink(day.resolve("r_link.csv"), dir.resolve("outside.csv"));
    corpusSkipped.add(ORDERS + "/r_link.csv");
    skipped(landing.resolve(ORDERS).resolve("archive/old.csv"), "archive");
    skipped(landing.resolve(ORDERS).resolve("2026-07-2/s_bad_date.csv"), "2026-07-2");
    skipped(landing.resolve(ORDERS).resolve("stray.csv"), "stray.csv");

    Path events = landing.resolve(EVENTS).resolve(CORPUS_DATE.toString());
    corpus(
        events,
        "a_records.jsonl",
        "{\"shop\":\"S-1\",\"order_no\":\"E1\",\"ordered_at\":\"2026-07-01 09:00:00\"}\n"
            + "{\"shop\":\"S-1\",\"order_no\":\"E2\",\"ordered_at\":\"2026-07-01 09:30:00\","
            + "\"state\":\"completed\"}\n",
        2,
        "ingested",
        null);
    corpus(
        events,
        "b_no_object.jsonl",
        "not json\n[1, 2]\n\n",
        2,
        "rejected",
        "has no line that is a JSON object");
    corpus(
        events,
        "c_key_twice.jsonl",
        "{\"shop\":\"S-1\",\"order_no\":\"D1\",\"order_no\":\"D2\",\"ordered_at\":\"x\"}\n",
        1,
        "rejected",
        "more than once");
    corpus(
        events,
        "d_object_for_text.jsonl",
        "{\"shop\":\"S-1\",\"order_no\":{\"id\":1},\"ordered_at\":\"2026-07-01 09:00:00\","
            + "\"state\":\"completed\"}\n",
        1,
        "ingested",
        null);
  }

  private static void corpus(
      Path folder, String name, String text, long rows, String outcome, String reason)
      throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve(name), text);
    corpus.put(folder.getParent().getFileName() + "/" + name, new Expected(rows, outcome, reason));
  }

  /** A file of the corpus feed shop_orders that is not read; the log names {@code entry}. */
  private static void skipped(Path file, String entry) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, HEADER + "S-1,Q1,2026-07-01 10:00:00,x,1\n");
    corpusSkipped.add(ORDERS + "/" + entry);
  }

  private static PcxProcess nightly(Path warehouse, String runId) throws IOException {
    return PcxProcess.start(
        dir.resolve("logs"),
        runId,
        List.of(
            "nightly",
            "--from",
            FIRST_DAY.plusDays(1).toString(),
            "--to",
            FIRST_DAY.plusDays(6).toString(),
            "--config",
            config.toString(),
            "--landing",
            landing.toString(),
            "--warehouse",
            warehouse.toString(),
            "--run-id",
            runId));
  }

  private static Dataset<Row> table(Path warehouse, String name) {
    return spark.read().format("delta").load(warehouse.resolve(name).toString());
  }

  /** The ingest log's latest entry per file (a file read again counts as what it became). */
  private static List<Row> latestLog(Path warehouse) {
    Map<String, Row> latest = new HashMap<>();
    for (Row r : table(warehouse, Tables.INGEST_LOG).collectAsList()) {
      latest.merge(
          r.getAs("file"),
          r,
          (a, b) -> a.<java.sql.Timestamp>getAs("logged_at").after(b.getAs("logged_at")) ? a : b);
    }
    return List.copyOf(latest.values());
  }

  /** "feed/name" of a logged file: its URI's last segment, decoded. */
  private static String key(Row entry) {
    String path = URI.create(entry.getAs("file")).getPath();
    return entry.getAs("feed_id") + "/" + path.substring(path.lastIndexOf('/') + 1);
  }

  /** Rows a log entry accounts for: read into bronze or quarantine, or refused with its file. */
  private static long accounted(Row entry) {
    Long refused = entry.getAs("refused_rows");
    return entry.<Long>getAs("rows")
        + entry.<Long>getAs("quarantined")
        + (refused == null ? 0 : refused);
  }

  @Test
  void everyRowDeliveredIsInBronzeQuarantinedOrCountedWithItsRejectedFile() {
    Path warehouse = dir.resolve("reference");
    List<Row> log = latestLog(warehouse);
    Map<String, Row> byKey = new TreeMap<>();
    for (Row entry : log) {
      assertTrue(byKey.put(key(entry), entry) == null || isGenerated(entry), key(entry));
    }
    long delivered = 0;
    long lost = 0;
    int handled = 0;
    for (Map.Entry<String, Expected> file : corpus.entrySet()) {
      Row entry = byKey.get(file.getKey());
      assertNotNull(entry, file.getKey() + " is not in the ingest log");
      Expected expected = file.getValue();
      assertEquals(expected.outcome(), entry.getAs("outcome"), file.getKey() + ": " + entry);
      long rows = expected.rows() < 0 ? entry.<Long>getAs("refused_rows") : expected.rows();
      if (expected.outcome().equals("duplicate")) {
        assertEquals(0, accounted(entry), file.getKey() + ": its rows are its twin's");
      } else {
        lost += Math.abs(rows - accounted(entry));
        assertEquals(rows, accounted(entry), file.getKey() + ": " + entry);
      }
      if (expected.reason() != null) {
        String why = entry.getAs("error");
        assertTrue(why != null && why.contains(expected.reason()), file.getKey() + ": " + why);
      }
      delivered += rows;
      handled++;
    }
    for (String entry : corpusSkipped) {
      Row logged = byKey.get(entry);
      assertNotNull(logged, entry + " is not in the ingest log");
      assertEquals("skipped", logged.getAs("outcome"), entry);
      assertNotNull(logged.getAs("error"), entry + " is skipped without a reason");
      handled++;
    }
    Row truncated = byKey.get(ORDERS + "/o_truncated.csv.gz");
    assertEquals("rejected", truncated.getAs("outcome"));
    long cut = truncated.getAs("refused_rows");
    assertTrue(cut > 0 && cut < 400, "rows before the cut: " + cut);

    // The generated feeds: per feed-day, the rows the ground truth says were delivered.
    Map<String, Long> generated = new TreeMap<>();
    for (Row entry : log) {
      if (isGenerated(entry)) {
        generated.merge(
            entry.getAs("feed_id") + "," + entry.<java.sql.Date>getAs("delivery_date"),
            accounted(entry),
            Long::sum);
      }
    }
    Map<String, Long> expected = new TreeMap<>();
    truth.forEach(
        (key, n) -> {
          String kind = key.substring(key.lastIndexOf(',') + 1);
          if (kind.equals("rows") || kind.equals("rejected_rows")) {
            expected.merge(key.substring(0, key.lastIndexOf(',')), n, Long::sum);
          }
        });
    generated.values().removeIf(n -> n == 0);
    assertEquals(expected, generated);
    delivered += expected.values().stream().mapToLong(Long::longValue).sum();

    long doubled = 0;
    long bronzeRows = 0;
    for (String bronze : tables(warehouse)) {
      if (bronze.startsWith("bronze/")) {
        Dataset<Row> rows = table(warehouse, bronze);
        long count = rows.count();
        bronzeRows += count;
        doubled += count - rows.select("_source_file", "_source_row").distinct().count();
      }
    }
    assertEquals(0, doubled, "bronze rows written twice");
    System.out.printf(
        "reliability corpus: %d cases (%d files and %d entries not read), %d handled; %d rows"
            + " delivered; %d in bronze; lost %d, doubled %d%n",
        corpus.size() + corpusSkipped.size(),
        corpus.size(),
        corpusSkipped.size(),
        handled,
        delivered,
        bronzeRows,
        lost,
        doubled);
  }

  private static boolean isGenerated(Row entry) {
    String feed = entry.getAs("feed_id");
    return !feed.equals(ORDERS) && !feed.equals(EVENTS);
  }

  @Test
  void hostileIdsArriveVerbatimAndOtherRowsAreQuarantinedUnderTheirRules() {
    Path warehouse = dir.resolve("reference");
    Set<String> ids =
        table(warehouse, "silver/service_event")
            .filter(org.apache.spark.sql.functions.col("_feed_id").equalTo(ORDERS))
            .select("event_id")
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(
        new TreeSet<>(
            List.of(
                "O'Brien-1",
                "x\"; DROP TABLE silver; --",
                "\u65e5\u672c-1",
                "<script>alert(1)</script>",
                LONG_ID,
                "A2",
                "B1",
                "J1",
                "J2",
                "K1",
                "L1",
                "M1",
                "M2",
                "P1",
                "Q2")),
        ids);
    Map<String, Long> rules =
        table(warehouse, Tables.QUARANTINE)
            .filter(org.apache.spark.sql.functions.col("feed_id").equalTo(ORDERS))
            .groupBy("rule")
            .count()
            .collectAsList()
            .stream()
            .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
    assertEquals(
        Map.of(
            "malformed_row", 2L,
            "unknown_partner", 2L,
            "partner_not_in_feed", 1L,
            "implausible_timestamp", 2L,
            "implausible_number", 3L,
            "missing_key", 1L),
        rules);
  }

  @Test
  void noCustomerDataInTheOutputOrTheOperationsTables() {
    Path warehouse = dir.resolve("reference");
    assertFalse(referenceOutput.contains(EMAIL), "the run's output");
    assertFalse(
        referenceOutput.contains("\tat "), "a stack trace in the output: " + referenceOutput);
    for (String ops : List.of(Tables.INGEST_LOG, Tables.DQ_RESULTS, Tables.RUNS)) {
      for (Row r : table(warehouse, ops).collectAsList()) {
        assertFalse(r.toString().contains(EMAIL), ops + ": " + r);
      }
    }
  }

  /**
   * Kills a nightly with SIGKILL as soon as ingest has committed its first table; kills the run
   * that repairs it as soon as conform has, and the next as soon as the quality check has (the
   * daily score starting); a last run goes to the end, and every table equals the uninterrupted
   * run's.
   */
  @Test
  void aNightlyKilledAtEachStageInTurnThenRunToTheEndEqualsAnUninterruptedOne() throws Exception {
    Path warehouse = dir.resolve("killed");
    for (String stage : List.of("ingest", "conform", "score")) {
      long before = commits(warehouse, stage);
      PcxProcess run = nightly(warehouse, "killed-at-" + stage);
      while (commits(warehouse, stage) == before) {
        if (!run.alive()) {
          fail("the nightly ended before " + stage + " wrote anything: " + run.stderr());
        }
        Thread.sleep(2);
      }
      assertTrue(run.alive(), "killed while running");
      assertEquals(137, run.kill(), "SIGKILL");
      assertTrue(Files.exists(warehouse.resolve("_pcx_lock")), "a killed run leaves its lock");
    }
    PcxProcess again = nightly(warehouse, "again");
    assertEquals(referenceExit, again.waitFor(), again.stdout() + again.stderr());
    assertTrue(
        (again.stdout() + again.stderr()).contains("stopped without releasing"), again.stdout());
    assertSameContents(contents(warehouse), "after kills at ingest, conform and score");
  }

  @Test
  void twoNightliesAtOnceRunOneAfterTheOtherOrNotAtAll() throws Exception {
    Path warehouse = dir.resolve("concurrent");
    PcxProcess a = nightly(warehouse, "first-of-two");
    PcxProcess b = nightly(warehouse, "second-of-two");
    int exitA = a.waitFor();
    int exitB = b.waitFor();
    List<Integer> exits = new ArrayList<>(List.of(exitA, exitB));
    PcxProcess loser = exitA == 1 ? a : b;
    String holder = exitA == 1 ? "second-of-two" : "first-of-two";
    assertTrue(exits.contains(1) && exits.contains(referenceExit), "exit codes " + exits);
    String said = loser.stderr();
    // The loser names the winner, or (reading its lock in the instant it is written) "another run".
    assertTrue(
        said.contains("is held by run " + holder + " (pcx nightly")
            || said.contains("is held by another run"),
        said);
    assertTrue(said.contains("nothing was written"), said);
    assertFalse(said.contains("\tat "), "a stack trace: " + said);
    assertSameContents(contents(warehouse), "after two runs at once");
  }

  /**
   * The commits of the stage's tables: bronze, silver (not the partner master) or ops/dq_results,
   * whose commit comes just before the daily score.
   */
  private static long commits(Path warehouse, String stage) throws IOException {
    return switch (stage) {
      case "ingest" -> commitsUnder(warehouse.resolve("bronze"), "");
      case "conform" -> commitsUnder(warehouse.resolve("silver"), "partner");
      case "score" -> commitsOf(warehouse.resolve(Tables.DQ_RESULTS));
      default -> throw new IllegalArgumentException(stage);
    };
  }

  private static long commitsUnder(Path layer, String except) throws IOException {
    if (!Files.isDirectory(layer)) {
      return 0;
    }
    try (Stream<Path> tables = Files.list(layer)) {
      return tables
          .filter(t -> !t.getFileName().toString().equals(except))
          .mapToLong(ReliabilityTest::commitsOf)
          .sum();
    }
  }

  private static long commitsOf(Path table) {
    try (Stream<Path> log = Files.list(table.resolve("_delta_log"))) {
      return log.filter(f -> f.toString().endsWith(".json")).count();
    } catch (IOException e) {
      return 0;
    }
  }

  private static void assertSameContents(Map<String, List<String>> actual, String when) {
    assertEquals(reference.keySet(), actual.keySet(), "tables " + when);
    for (String name : reference.keySet()) {
      List<String> want = reference.get(name);
      List<String> got = actual.get(name);
      if (!want.equals(got)) {
        List<String> missing = new ArrayList<>(want);
        missing.removeAll(got);
        List<String> extra = new ArrayList<>(got);
        extra.removeAll(want);
        fail(
            String.format(
                "%s %s: %d rows, reference %d; not in it: %s; only in it: %s",
                name,
                when,
                got.size(),
                want.size(),
                extra.stream().limit(3).toList(),
                missing.stream().limit(3).toList()));
      }
    }
  }

  /** The Delta tables under a warehouse, as "layer/name", but for ops/runs (one row per run). */
  private static List<String> tables(Path warehouse) {
    try (Stream<Path> all = Files.walk(warehouse)) {
      return all.filter(p -> p.getFileName().toString().equals("_delta_log"))
          .map(p -> warehouse.relativize(p.getParent()).toString())
          .filter(t -> !t.equals(Tables.RUNS))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Every table's rows as sorted text, without the columns naming the run or its time; maps with
   * sorted keys, and numbers to 12 significant digits (sums may add in another order). The index of
   * silver's days is appended by every run that merges and names the silver versions it was written
   * at, which differ run by run: what it says is the set of days it names.
   */
  private static Map<String, List<String>> contents(Path warehouse) {
    Map<String, List<String>> out = new TreeMap<>();
    for (String name : tables(warehouse)) {
      Dataset<Row> rows = table(warehouse, name);
      for (String column : rows.columns()) {
        if (RUN_COLUMNS.contains(column)) {
          rows = rows.drop(column);
        }
      }
      if (name.equals(Tables.SILVER_DAYS)) {
        rows =
            rows.filter(col(SilverDaysTable.DAY).isNotNull())
                .select(SilverDaysTable.ENTITY, SilverDaysTable.DAY, SilverDaysTable.DELIVERY_DATE)
                .distinct();
      }
      out.put(
          name,
          rows.collectAsList().stream().map(r -> String.valueOf(canonical(r))).sorted().toList());
    }
    return out;
  }

  private static Object canonical(Object value) {
    if (value instanceof Row row) {
      List<Object> fields = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        fields.add(canonical(row.get(i)));
      }
      return fields;
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      scala.jdk.javaapi.CollectionConverters.asJava(map)
          .forEach((k, v) -> sorted.put(String.valueOf(canonical(k)), canonical(v)));
      return sorted;
    }
    if (value instanceof scala.collection.Seq<?> seq) {
      return scala.jdk.javaapi.CollectionConverters.asJava(seq).stream()
          .map(ReliabilityTest::canonical)
          .toList();
    }
    if (value instanceof Double d && Double.isFinite(d) && d != 0) {
      return new BigDecimal(d).round(new MathContext(12)).stripTrailingZeros().toPlainString();
    }
    return value;
  }
}
