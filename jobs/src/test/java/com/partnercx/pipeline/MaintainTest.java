package com.partnercx.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.config.ConfigLoader;
import com.partnercx.spark.SparkTestBase;
import com.partnercx.tables.Tables;
import com.partnercx.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Housekeeping compacts small files and keeps time travel working inside the retention window. */
class MaintainTest extends SparkTestBase {
  @TempDir Path dir;

  @Test
  void compactsSmallFilesAndKeepsEveryVersionOfTheWindowReadable() {
    Pipeline pipeline =
        Pipeline.on(
            spark,
            new ConfigLoader().load(Path.of("../data-samples/config")),
            "../data-samples/landing",
            dir.resolve("warehouse").toString(),
            line -> {});
    Warehouse warehouse = pipeline.context().warehouse();
    StructType schema = new StructType().add("n", DataTypes.IntegerType);
    for (int i = 1; i <= 5; i++) {
      Row row = RowFactory.create(i);
      warehouse.append("gold/example", spark.createDataFrame(List.of(row), schema).coalesce(1));
    }
    assertEquals(5, warehouse.fileCount("gold/example"), "one small file per append");

    Map<String, long[]> files = pipeline.maintain(7);

    assertArrayEquals(new long[] {5, 1}, files.get("gold/example"));
    assertEquals(1, warehouse.fileCount("gold/example"));
    assertEquals(
        15L,
        warehouse
            .read("gold/example")
            .agg(org.apache.spark.sql.functions.sum("n"))
            .first()
            .getLong(0));
    // Every version written inside the window still reads as it was (pcx reproduce relies on it).
    for (int version = 0; version < 5; version++) {
      assertEquals(version + 1, warehouse.readVersion("gold/example", version).count());
    }
    String properties =
        spark
            .sql("SHOW TBLPROPERTIES delta.`" + warehouse.path("gold/example") + "`")
            .collectAsList()
            .toString();
    assertTrue(properties.contains("delta.logRetentionDuration,interval 7 days"), properties);
    assertTrue(
        properties.contains("delta.deletedFileRetentionDuration,interval 7 days"), properties);
    assertTrue(
        warehouse.read(Tables.RUNS).filter("stage = 'maintain'").count() == 1,
        "ops/runs records the housekeeping");
    assertThrows(IllegalArgumentException.class, () -> pipeline.maintain(3));
  }
}
