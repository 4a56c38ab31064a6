package com.partnercx.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.partnercx.config.ConfigLoader;
import com.partnercx.pipeline.Pipeline;
import com.partnercx.spark.SparkTestBase;
import com.partnercx.stage.StageResult;
import com.partnercx.tables.IngestLogTable;
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
 * File names partners really send (a line break pasted into a name, an escape sequence written out)
 * are files like any other: each is read once and its rows are counted in the log.
 */
class OddFileNamesTest extends SparkTestBase {
  private static final LocalDate DAY = LocalDate.of(2026, 7, 6);

  @TempDir Path dir;

  @Test
  void aLineBreakOrAPercentSignInANameChangesNothing() throws IOException {
    Path config = dir.resolve("config");
    IngestJobTest.writeShopsProgram(config);
    Files.writeString(
        Files.createDirectories(config.resolve("feeds")).resolve("shop_orders.yaml"),
        """
        entity: service_event
        partners: [S-1]
        timezone: UTC
        columns: {partner_id: shop, event_id: order_no, created_at: ordered_at}
        """);
    Path day = Files.createDirectories(dir.resolve("landing/shop_orders/" + DAY));
    String header = "shop,order_no,ordered_at\n";
    Files.writeString(
        day.resolve("orders\nmonday.csv"),
        header + "S-1,N1,2026-07-06 10:00:00\nS-1,N2,2026-07-06 11:00:00\n");
    Files.writeString(day.resolve("orders%20tuesday.csv"), header + "S-1,P1,2026-07-06 12:00:00\n");
    Pipeline pipeline =
        Pipeline.on(
            spark,
            new ConfigLoader().load(config),
            dir.resolve("landing").toString(),
            dir.resolve("warehouse").toString(),
            line -> {});
    StageResult first = pipeline.ingest(List.of(DAY));
    StageResult second = pipeline.ingest(List.of(DAY));

    Map<String, Long> rowsByName =
        spark
            .read()
            .format("delta")
            .load(dir.resolve("warehouse").resolve(Tables.INGEST_LOG).toString())
            .collectAsList()
            .stream()
            .collect(
                Collectors.toMap(
                    (Row r) ->
                        new org.apache.hadoop.fs.Path(
                                java.net.URI.create(r.<String>getAs(IngestLogTable.FILE)))
                            .getName(),
                    (Row r) -> r.<Long>getAs(IngestLogTable.ROWS)));
    assertEquals(Map.of("orders\nmonday.csv", 2L, "orders%20tuesday.csv", 1L), rowsByName);
    assertEquals(3, first.rowsWritten());
    assertEquals(0, second.rowsRead());
    assertEquals(
        3,
        spark
            .read()
            .format("delta")
            .load(dir.resolve("warehouse").resolve(Tables.bronze("shop_orders")).toString())
            .count());
  }
}
