package com.partnercx.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.config.ConfigLoader;
import com.partnercx.config.PcxConfig;
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
        config.resolve("programs.yaml"),
        """
        programs:
          shops:
            name: Shops
            currency: EUR
            metrics:
              on_time_rate: {weight: 1, direction: higher_is_better, floor: 0.5, target: 0.9}
            tiers:
              - {name: all, min_composite: 0, payout_pct: 0}
        """);
    write(
        config.resolve("partners.csv"),
        "partner_id,name,program,region,base_incentive,valid_from\nS-1,Shop One,shops,North,0,2026-01-01\n");
    write(
        config.resolve("feeds/shop_orders.yaml"),
        """
        entity: service_event
        partners: [S-1]
        timezone: UTC
        columns: {partner_id: shop, event_id: order_no, created_at: ordered_at}
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
    warehouse = dir.resolve("warehouse");
    PcxConfig loaded = new ConfigLoader().load(config);
    Pipeline pipeline =
        Pipeline.on(spark, loaded, landing.toString(), warehouse.toString(), line -> {});
    first = pipeline.ingest(List.of(DAY));
    second = pipeline.ingest(List.of(DAY));
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
        .collect(
            Collectors.toMap(
                r -> Path.of(r.<String>getAs("file").replace("file:", "")).getFileName().toString(),
                r -> r));
  }

  @Test
  void eachFileGetsTheOutcomeItDeserves() {
    Map<String, Row> log = logByFile();
    assertEquals(7, log.size());
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
        "f_latin1.csv",
        "f_latin1.csv: holds bytes that are not valid UTF-8; fix the extract or the feed's csv.encoding");
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
                        + Path.of(r.<String>getAs("_source_file").replace("file:", ""))
                            .getFileName()
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
            "Z1@g_zipped.csv.gz:1 2026-07-06 [zipped]",
            "Z2@g_zipped.csv.gz:2 2026-07-06 [zipped]"),
        rows);
    Row malformed = table(Tables.QUARANTINE).first();
    assertEquals("malformed_row", malformed.getAs("rule"));
    assertEquals(3L, malformed.<Long>getAs("source_row"));
    assertTrue(malformed.<String>getAs("raw").equals("S-1,A3"), malformed.<String>getAs("raw"));
  }

  @Test
  void aSecondRunIngestsNothing() {
    assertEquals(5, first.rowsRead(), "rows in the two files that were read");
    assertEquals(4, first.rowsWritten());
    assertEquals(1, first.rowsQuarantined());
    assertEquals(0, second.rowsRead());
    assertEquals(7, table(Tables.INGEST_LOG).count());
    assertEquals(4, table(Tables.bronze("shop_orders")).filter(col("_run_id").isNotNull()).count());
  }
}
