package com.partnercx.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.partnercx.pipeline.Pipeline;
import com.partnercx.spark.SparkTestBase;
import com.partnercx.tables.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest killed after writing a feed's rows but before logging its files reads the files again
 * on the next run (they are not in the log), and the rows it writes replace the ones the killed run
 * left: nothing doubles in bronze or in the quarantine.
 */
class InterruptedIngestTest extends SparkTestBase {
  private static final LocalDate DAY = LocalDate.of(2026, 7, 6);

  @TempDir Path dir;

  @Test
  void aRunKilledBeforeItLoggedItsFilesLeavesNoDuplicateOnTheNextRun() throws IOException {
    Path day = Files.createDirectories(dir.resolve("landing/shop_orders/" + DAY));
    // A name with a quote and a space: the file's rows are found again by its name.
    Files.writeString(
        day.resolve("o'brien orders.csv"),
        "shop,order_no,ordered_at\n"
            + "S-1,A1,2026-07-06 10:00:00\n"
            + "S-1,A2,2026-07-06 11:00:00\n"
            + "S-1,A3,2026-07-06 12:00:00,extra,fields\n"
            + "S-1,A4,2026-07-06 13:00:00\n");
    Files.writeString(
        day.resolve("second.csv"), "shop,order_no,ordered_at\nS-1,B1,2026-07-06 09:00:00\n");
    Pipeline pipeline = IngestJobTest.shopOrders(spark, dir, "order_no");
    pipeline.ingest(List.of(DAY));
    assertEquals(4, count(Tables.bronze("shop_orders")));
    assertEquals(1, count(Tables.QUARANTINE));

    // The kill: bronze and quarantine were written, the log never was.
    deleteTree(dir.resolve("warehouse").resolve(Tables.INGEST_LOG));
    pipeline.ingest(List.of(DAY));

    assertEquals(4, count(Tables.bronze("shop_orders")), "A1, A2, A4 and B1 once each");
    assertEquals(1, count(Tables.QUARANTINE), "A3 once");
    assertEquals(2, count(Tables.INGEST_LOG));
  }

  private long count(String table) {
    return spark
        .read()
        .format("delta")
        .load(dir.resolve("warehouse").resolve(table).toString())
        .count();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
