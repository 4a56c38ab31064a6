package com.partnercx.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.pipeline.Pipeline;
import com.partnercx.spark.SparkTestBase;
import com.partnercx.stage.StageResult;
import com.partnercx.tables.FeedDayQuality;
import com.partnercx.tables.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file rejected for a column its feed's mapping got wrong is read again, once the mapping is
 * fixed, by {@code ingest --retry-rejected}; a plain re-run never reads it twice.
 */
class RetryRejectedTest extends SparkTestBase {
  private static final LocalDate DAY = LocalDate.of(2026, 7, 6);

  @TempDir Path dir;

  private void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private Pipeline pipeline(String eventIdColumn) throws IOException {
    return IngestJobTest.shopOrders(spark, dir, eventIdColumn);
  }

  private List<Row> log() {
    return spark
        .read()
        .format("delta")
        .load(dir.resolve("warehouse").resolve(Tables.INGEST_LOG).toString())
        .orderBy("logged_at")
        .collectAsList();
  }

  @Test
  void aRejectedFileIsReadAgainOnlyWhenAsked() throws IOException {
    write(
        dir.resolve("landing/shop_orders/" + DAY + "/orders.csv"),
        "shop,order_id,ordered_at\nS-1,A1,2026-07-06 10:00:00\nS-1,A2,2026-07-06 11:00:00\n");

    Pipeline wrongMapping = pipeline("order_no");
    wrongMapping.ingest(List.of(DAY));
    assertEquals(List.of("rejected"), log().stream().map(r -> r.getAs("outcome")).toList());
    assertTrue(
        log().get(0).<String>getAs("error").contains("missing required column(s) [order_no]"));

    Pipeline fixed = pipeline("order_id");
    StageResult plain = fixed.ingest(List.of(DAY));
    assertEquals(0, plain.rowsRead(), "a plain re-run does not read a file it has seen");
    assertEquals(1, log().size());

    StageResult retried = fixed.ingest(List.of(DAY), Set.of(), true);
    assertEquals(2, retried.rowsWritten());
    assertEquals(
        List.of("rejected", "ingested"), log().stream().map(r -> r.getAs("outcome")).toList());

    // Data quality counts the file as what it became.
    FeedDayQuality quality = fixed.checkQuality(List.of(DAY)).results().get(0);
    assertEquals(1, quality.filesIngested());
    assertEquals(0, quality.filesRejected());
    assertEquals(2, quality.rowsBronze());

    StageResult again = fixed.ingest(List.of(DAY), Set.of(), true);
    assertEquals(0, again.rowsRead(), "an ingested file is never read twice, retry or not");
  }
}
