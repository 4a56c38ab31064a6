package com.partnercx.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.config.ConfigLoader;
import com.partnercx.pipeline.Pipeline;
import com.partnercx.spark.SparkTestBase;
import com.partnercx.stage.StageResult;
import com.partnercx.tables.Tables;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a delivered file can be good or bad, in one small landing zone. */
class IngestJobTest extends SparkTestBase {
  private static final LocalDate DAY = LocalDate.of(2026, 7, 6);
  private static final String HEADER = "shop,order_no,ordered_at,note\n";

  @TempDir static Path dir;
  private static Path landing;
  private static Path warehouse;
  private static StageResult first;
  private static StageResult second;

  @BeforeAll
  static void ingestTwice() throws IOException {
    Path config = dir.resolve("config");
    write(
        config.resolve("feeds/shop_events.yaml"),
        """
        entity: service_event
        partners: [S-1]
        format: jsonl
        timezone: UTC
        columns: {partner_id: shop, event_id: order_no, created_at: ordered_at, status: state}
        """);
    landing = dir.resolve("landing");
    Path day = landing.resolve("shop_orders").resolve(DAY.toString());
    String good =
        HEADER
            + "S-1,A1,2026-07-06 10:00:00,plain\n"
            + "S-1,A2,2026-07-06 11:00:00,\"two\nlines\"\n"
            + "S-1,A3\n";
    write(day.resolve("a_good.csv"), good);
    write(day.resolve("b_same_bytes.csv"), good);
    write(day.resolve("c_empty.csv"), "");
    write(day.resolve("d_header_only.csv"), HEADER);
    write(day.resolve("e_missing_column.csv"), "shop,ordered_at\nS-1,2026-07-06 10:00:00\n");
    Files.createDirectories(day);
    Files.write(
        day.resolve("f_latin1.csv"),
        (HEADER + "S-1,A9,2026-07-06 10:00:00,Gr\u00fc\u00dfe\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(day.resolve("g_zipped.csv.gz")))) {
      out.write(
          (HEADER + "S-1,Z1,2026-07-06 13:00:00,zipped\nS-1,Z2,2026-07-06 14:00:00,zipped\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    // Excel's "CSV UTF-8" starts with a byte-order mark.
    write(day.resolve("h_bom.csv"), "\uFEFF" + HEADER + "S-1,B1,2026-07-06 15:00:00,bom\n");
    // Names are literal: a star or brackets are no pattern, a space is no separator.
    write(day.resolve("j_star*.csv"), HEADER + "S-1,J1,2026-07-06 16:00:00,star\n");
    write(day.resolve("j_star_b.csv"), HEADER + "S-1,J2,2026-07-06 16:30:00,neighbour\n");
    write(day.resolve("k space.csv"), HEADER + "S-1,K1,2026-07-06 17:00:00,space\n");
    write(day.resolve("l[1].csv"), HEADER + "S-1,L1,2026-07-06 18:00:00,brackets\n");
    // A header naming a column twice, and a line of more fields than Spark's CSV parser takes.
    write(
        day.resolve("m_twice.csv"),
        "shop,order_no,ordered_at,SHOP\nS-1,M1,2026-07-06 10:00:00,x\n");
    write(
        day.resolve("n_wide.csv"),
        HEADER + "S-1,N1,2026-07-06 10:00:00,ok\n" + "x,".repeat(100_001) + "x\n");
    write(
        day.resolve("o_long_line.csv"),
        HEADER + "S-1,O1,2026-07-06 10:00:00,ok\n" + "y,".repeat(20_481) + "y\n");
    // Entries that are not read, each logged once with the reason.
    write(day.resolve("late/p_in_a_folder.csv"), HEADER + "S-1,P1,2026-07-06 10:00:00,x\n");
    write(day.resolve("_SUCCESS"), "");
    write(day.resolve(".q_partial.csv"), HEADER);
    write(dir.resolve("elsewhere.csv"), HEADER + "S-1,R1,2026-07-06 10:00:00,x\n");
    Files.createSymbolicLink(day.resolve("r_link.csv"), dir.resolve("elsewhere.csv"));
    write(landing.resolve("shop_orders/archive/old.csv"), HEADER);
    write(landing.resolve("shop_orders/2026-07-6/s_bad_date.csv"), HEADER);
    // Delivered without its header: its first row must not reach the log.
    write(day.resolve("t_no_header.csv"), "S-1,jane.doe@example.com,2026-07-06 10:00:00,x\n");
    Path events = landing.resolve("shop_events").resolve(DAY.toString());
    // The first record leaves out the optional "state" the second has.
    write(
        events.resolve("a_records.jsonl"),
        "{\"shop\":\"S-1\",\"order_no\":\"E1\",\"ordered_at\":\"2026-07-06 09:00:00\"}\n"
            + "{\"shop\":\"S-1\",\"order_no\":\"E2\",\"ordered_at\":\"2026-07-06 09:30:00\","
            + "\"state\":\"completed\"}\n");
    write(events.resolve("b_no_object.jsonl"), "not json\n[1, 2]\n\n");
    write(
        events.resolve("c_key_twice.jsonl"),
        "{\"shop\":\"S-1\",\"order_no\":\"D1\",\"order_no\":\"D2\",\"ordered_at\":\"x\"}\n");
    warehouse = dir.resolve("warehouse");
    Pipeline pipeline = shopOrders(spark, dir, "order_no");
    first = pipeline.ingest(List.of(DAY));
    second = pipeline.ingest(List.of(DAY));
  }

  /**
   * A pipeline over {@code dir/landing} and {@code dir/warehouse}, configured with the shops
   * program and the feed shop_orders (shop, {@code eventIdColumn}, ordered_at), in UTC.
   */
  static Pipeline shopOrders(
      org.apache.spark.sql.SparkSession spark, Path dir, String eventIdColumn) throws IOException {
    Path config = dir.resolve("config");
    writeShopsProgram(config);
    write(
        config.resolve("feeds/shop_orders.yaml"),
        """
        entity: service_event
        partners: [S-1]
        timezone: UTC
        columns: {partner_id: shop, event_id: %s, created_at: ordered_at}
        """
            .formatted(eventIdColumn));
    return Pipeline.on(
        spark,
        new ConfigLoader().load(config),
        dir.resolve("landing").toString(),
        dir.resolve("warehouse").toString(),
        line -> {});
  }

  /** programs.yaml with one program and partners.csv with its one partner, S-1. */
  static void writeShopsProgram(Path config) throws IOException {
    write(
        config.resolve("programs.yaml"),
        "programs:\n" + com.partnercx.TestPrograms.onTimeOnly("shops", "Shops", "EUR"));
    write(
        config.resolve("partners.csv"),
        "partner_id,name,program,region,base_incentive,valid_from\nS-1,Shop One,shops,North,0,2026-01-01\n");
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static Dataset<Row> table(String name) {
    return spark.read().format("delta").load(warehouse.resolve(name).toString());
  }

  private static Map<String, Row> logByFile() {
    return table(Tables.INGEST_LOG).collectAsList().stream()
        .collect(Collectors.toMap(r -> name(r.getAs("file")), r -> r));
  }

  /** The file name of a URI as the jobs record it (percent-encoded, as Spark names files). */
  private static String name(String uri) {
    return new org.apache.hadoop.fs.Path(java.net.URI.create(uri)).getName();
  }

  @Test
  void eachFileGetsTheOutcomeItDeserves() {
    Map<String, Row> log = logByFile();
    assertEquals(16 + 4 + 2 + 3, log.size());
    String noHeader = log.get("t_no_header.csv").getAs("error");
    assertTrue(
        noHeader.contains(
            "(the first line does not look like a header (4 fields, not repeated here); was the"
                + " file delivered without its header?)"),
        noHeader);
    assertTrue(!noHeader.contains("jane.doe"), noHeader);
    assertEquals(
        1L, log.get("t_no_header.csv").<Long>getAs("refused_rows"), "its first line is a row");
    assertSkipped(log, "archive", "a folder not named yyyy-mm-dd; nothing in it is read");
    assertSkipped(log, "2026-07-6", "a folder not named yyyy-mm-dd; nothing in it is read");
    assertSkipped(log, "late", "a folder inside the delivery folder; only the files directly in");
    assertSkipped(log, "_SUCCESS", "a hidden or marker file (its name starts with '_'); not read");
    assertSkipped(
        log, ".q_partial.csv", "a hidden or marker file (its name starts with '.'); not read");
    assertSkipped(log, "r_link.csv", "elsewhere.csv, outside the landing zone; not followed");
    for (String file :
        List.of("h_bom.csv", "j_star*.csv", "j_star_b.csv", "k space.csv", "l[1].csv")) {
      assertEquals("ingested", log.get(file).getAs("outcome"), file);
      assertEquals(1L, log.get(file).<Long>getAs("rows"), file);
      assertEquals(0L, log.get(file).<Long>getAs("quarantined"), file);
    }
    assertEquals("ingested", log.get("a_good.csv").getAs("outcome"));
    assertEquals(2L, log.get("a_good.csv").<Long>getAs("rows"));
    assertEquals(1L, log.get("a_good.csv").<Long>getAs("quarantined"));
    assertEquals("duplicate", log.get("b_same_bytes.csv").getAs("outcome"));
    assertEquals("ingested", log.get("g_zipped.csv.gz").getAs("outcome"));
    assertEquals(2L, log.get("g_zipped.csv.gz").<Long>getAs("rows"));

    assertRejected(
        log,
        "c_empty.csv",
        "c_empty.csv: the file is empty (0 bytes, not even a header); ask the partner to re-send it");
    assertEquals("ingested", log.get("d_header_only.csv").getAs("outcome"), "nothing to report");
    assertEquals(0L, log.get("d_header_only.csv").<Long>getAs("rows"));
    assertRejected(
        log,
        "e_missing_column.csv",
        "e_missing_column.csv: missing required column(s) [order_no] (found [shop, ordered_at]); fix the extract or the column mapping in feeds/shop_orders.yaml");
    assertRejected(
        log,
        "m_twice.csv",
        "m_twice.csv: the header names [SHOP] more than once (column names are compared ignoring"
            + " case); fix the extract");
    assertEquals(1L, log.get("m_twice.csv").<Long>getAs("refused_rows"));
    Row wide = log.get("n_wide.csv");
    assertEquals("rejected", wide.getAs("outcome"));
    assertTrue(
        wide.<String>getAs("error").contains("n_wide.csv: Spark cannot read it: "),
        wide.<String>getAs("error"));
    assertTrue(
        wide.<String>getAs("error").contains("a line has more than 100,000 fields"),
        wide.<String>getAs("error"));
    // A line of 20,482 fields is read, and quarantined for not splitting into the four columns.
    assertEquals("ingested", log.get("o_long_line.csv").getAs("outcome"));
    assertEquals(1L, log.get("o_long_line.csv").<Long>getAs("rows"));
    assertEquals(1L, log.get("o_long_line.csv").<Long>getAs("quarantined"));
    assertEquals(2L, wide.<Long>getAs("refused_rows"));

    assertEquals("ingested", log.get("a_records.jsonl").getAs("outcome"));
    assertEquals(2L, log.get("a_records.jsonl").<Long>getAs("rows"));
    assertRejected(
        log,
        "b_no_object.jsonl",
        "b_no_object.jsonl: has no line that is a JSON object (2 non-blank lines)");
    assertEquals(2L, log.get("b_no_object.jsonl").<Long>getAs("refused_rows"));
    assertRejected(
        log,
        "c_key_twice.jsonl",
        "c_key_twice.jsonl: records hold the keys [order_no] more than once (column names are"
            + " compared ignoring case); fix the extract");
    assertRejected(
        log,
        "f_latin1.csv",
        "f_latin1.csv: holds bytes that are not valid UTF-8; fix the extract or the feed's csv.encoding");
  }

  private static void assertSkipped(Map<String, Row> log, String entry, String reason) {
    Row row = log.get(entry);
    assertEquals("skipped", row.getAs("outcome"), entry);
    assertTrue(row.<String>getAs("error").contains(reason), row.<String>getAs("error"));
  }

  private static void assertRejected(Map<String, Row> log, String file, String errorEnd) {
    Row row = log.get(file);
    assertEquals("rejected", row.getAs("outcome"), file);
    assertTrue(row.<String>getAs("error").endsWith(errorEnd), row.<String>getAs("error"));
    assertTrue(
        row.<String>getAs("error").startsWith("file:"),
        "the error names the full file: " + row.<String>getAs("error"));
  }

  @Test
  void bronzeKeepsEveryParsedRowWithItsFileAndRecordNumber() {
    List<String> rows =
        table(Tables.bronze("shop_orders")).orderBy("order_no").collectAsList().stream()
            .map(
                r ->
                    r.getAs("order_no")
                        + "@"
                        + name(r.getAs("_source_file"))
                        + ":"
                        + r.getAs("_source_row")
                        + " "
                        + r.getAs("_delivery_date")
                        + " ["
                        + r.getAs("note")
                        + "]")
            .toList();
    assertEquals(
        List.of(
            "A1@a_good.csv:1 2026-07-06 [plain]",
            "A2@a_good.csv:2 2026-07-06 [two\nlines]",
            "B1@h_bom.csv:1 2026-07-06 [bom]",
            "J1@j_star*.csv:1 2026-07-06 [star]",
            "J2@j_star_b.csv:1 2026-07-06 [neighbour]",
            "K1@k space.csv:1 2026-07-06 [space]",
            "L1@l[1].csv:1 2026-07-06 [brackets]",
            "O1@o_long_line.csv:1 2026-07-06 [ok]",
            "Z1@g_zipped.csv.gz:1 2026-07-06 [zipped]",
            "Z2@g_zipped.csv.gz:2 2026-07-06 [zipped]"),
        rows);
    assertEquals(2, table(Tables.QUARANTINE).count(), "A3 and the line of 20,482 fields");
    Row malformed = table(Tables.QUARANTINE).filter(col("source_file").contains("a_good")).first();
    assertEquals("malformed_row", malformed.getAs("rule"));
    assertEquals(3L, malformed.<Long>getAs("source_row"));
    assertTrue(malformed.<String>getAs("raw").equals("S-1,A3"), malformed.<String>getAs("raw"));
  }

  @Test
  void aSecondRunIngestsNothing() {
    assertEquals(14, first.rowsRead(), "rows in the nine files that were read");
    assertEquals(12, first.rowsWritten());
    assertEquals(2, first.rowsQuarantined());
    assertEquals(0, second.rowsRead());
    assertEquals(16 + 4 + 2 + 3, table(Tables.INGEST_LOG).count(), "each entry logged once");
    assertEquals(
        10, table(Tables.bronze("shop_orders")).filter(col("_run_id").isNotNull()).count());
  }
}
