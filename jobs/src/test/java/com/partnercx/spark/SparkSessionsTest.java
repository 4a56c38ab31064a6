package com.partnercx.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Defaults apply only where the operator set nothing; what correctness needs always applies. */
class SparkSessionsTest {
  @Test
  void localDefaultsFollowTheCores() {
    Map<String, String> s = SparkSessions.settings("partner-cx", "local[*]", Map.of(), 2);
    assertEquals("4", s.get("spark.sql.shuffle.partitions"));
    assertEquals("4", s.get("spark.databricks.delta.snapshotPartitions"));
    assertEquals("partner-cx", s.get("spark.app.name"));
    assertEquals("true", s.get("spark.sql.adaptive.enabled"));
    assertEquals("UTC", s.get("spark.sql.session.timeZone"));
  }

  @Test
  void theOperatorsSettingsWin() {
    Map<String, String> s =
        SparkSessions.settings(
            "partner-cx",
            "local[2]",
            Map.of(
                "spark.sql.shuffle.partitions", "7",
                "spark.databricks.delta.snapshotPartitions", "3",
                "spark.app.name", "nightly 2026-07-02",
                "spark.sql.adaptive.enabled", "false"),
            2);
    assertEquals("7", s.get("spark.sql.shuffle.partitions"));
    assertEquals("3", s.get("spark.databricks.delta.snapshotPartitions"));
    assertEquals("nightly 2026-07-02", s.get("spark.app.name"));
    assertEquals("false", s.get("spark.sql.adaptive.enabled"));
  }

  @Test
  void onAClusterSparkAndDeltaSizeTheirOwnPartitions() {
    Map<String, String> s =
        SparkSessions.settings("partner-cx", "spark://10.0.0.5:7077", Map.of(), 2);
    assertFalse(s.containsKey("spark.sql.shuffle.partitions"), s.toString());
    assertFalse(s.containsKey("spark.databricks.delta.snapshotPartitions"), s.toString());
    assertFalse(s.containsKey("spark.driver.host"), s.toString());
    assertEquals("true", s.get("spark.sql.adaptive.coalescePartitions.enabled"));
  }

  @Test
  void whatTheJobsNeedCannotBeTurnedOff() {
    Map<String, String> s =
        SparkSessions.settings(
            "partner-cx",
            "local[2]",
            Map.of("spark.sql.session.timeZone", "Europe/Berlin", "spark.sql.extensions", "x"),
            2);
    assertEquals("UTC", s.get("spark.sql.session.timeZone"));
    assertEquals("io.delta.sql.DeltaSparkSessionExtension", s.get("spark.sql.extensions"));
  }

  /**
   * Whatever logging configuration is in force (under spark-submit it can be Spark's, with the root
   * at WARN), a session leaves the progress lines at INFO.
   */
  @Test
  void progressLinesStayVisibleAfterSparkSetsItsLogLevel() {
    org.apache.logging.log4j.core.config.Configurator.setLevel(
        SparkSessions.PROGRESS_LOGGERS, org.apache.logging.log4j.Level.WARN);
    org.slf4j.Logger progress =
        org.slf4j.LoggerFactory.getLogger("com.partnercx.pipeline.Pipeline");
    assertFalse(progress.isInfoEnabled());
    org.apache.spark.sql.SparkSession spark =
        SparkSessions.create("partner-cx-test", "local[1]", Map.of("spark.ui.enabled", "false"));
    try {
      assertEquals(true, progress.isInfoEnabled());
    } finally {
      spark.stop();
    }
  }
}
