package com.partnercx.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One SparkSession per test class: local[2], UI off, driver on 127.0.0.1, two shuffle and snapshot
 * partitions, Delta enabled (through the same builder the jobs use).
 */
public abstract class SparkTestBase {
  protected static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    // Test data holds no real customers: the tests run conform with the development salt.
    System.setProperty(com.partnercx.conform.PiiProtection.DEVELOPMENT_SALT_PROPERTY, "true");
    spark =
        SparkSessions.create(
            "partner-cx-test",
            "local[2]",
            Map.of(
                "spark.ui.enabled", "false",
                "spark.sql.shuffle.partitions", "2",
                "spark.databricks.delta.snapshotPartitions", "2",
                "spark.default.parallelism", "2"));
  }

  @AfterAll
  static void stopSpark() {
    if (spark != null) {
      spark.stop();
      spark = null;
    }
  }
}
