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

  private static final long MIB = 1024 * 1024;

  @Test
  void smallDeliveriesAreInterpretedLargeOnesCompiled() {
    org.apache.spark.SparkConf none = new org.apache.spark.SparkConf(false);
    assertEquals(java.util.Optional.of(false), SparkSessions.generateCode(none, 0));
    assertEquals(java.util.Optional.of(false), SparkSessions.generateCode(none, 48 * MIB - 1));
    assertEquals(java.util.Optional.of(true), SparkSessions.generateCode(none, 48 * MIB));
    org.apache.spark.SparkConf lower =
        new org.apache.spark.SparkConf(false).set(SparkSessions.CODEGEN_MIN_MIB, "2");
    assertEquals(java.util.Optional.of(true), SparkSessions.generateCode(lower, 3 * MIB));
    org.apache.spark.SparkConf always =
        new org.apache.spark.SparkConf(false).set(SparkSessions.CODEGEN_MIN_MIB, "0");
    assertEquals(java.util.Optional.of(true), SparkSessions.generateCode(always, 0));
  }

  @Test
  void anOperatorWhoChoseTheEvaluationKeepsIt() {
    org.apache.spark.SparkConf chose =
        new org.apache.spark.SparkConf(false).set(SparkSessions.WHOLE_STAGE_CODEGEN, "true");
    assertEquals(java.util.Optional.empty(), SparkSessions.generateCode(chose, 0));
    org.apache.spark.SparkConf mode =
        new org.apache.spark.SparkConf(false).set(SparkSessions.CODEGEN_FACTORY_MODE, "NO_CODEGEN");
    assertEquals(java.util.Optional.empty(), SparkSessions.generateCode(mode, 100 * MIB));
  }

  @Test
  void aThresholdThatIsNotANumberIsRefusedByName() {
    org.apache.spark.SparkConf bad =
        new org.apache.spark.SparkConf(false).set(SparkSessions.CODEGEN_MIN_MIB, "lots");
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> SparkSessions.generateCode(bad, 0));
    assertEquals(
        "spark.partnercx.codegen.minMiB must be a whole number of MiB, 0 or more; it is 'lots'",
        e.getMessage());
  }

  /** Both evaluations give the same answer, and the session says which one it is in. */
  @Test
  void aSessionSwitchesBetweenInterpretedAndGeneratedCode() {
    org.apache.spark.sql.SparkSession spark =
        SparkSessions.create("partner-cx-test", "local[1]", Map.of("spark.ui.enabled", "false"));
    try {
      String query = "SELECT sum(CASE WHEN id % 3 = 0 THEN id * 0.5 ELSE -id END) FROM range(1000)";
      assertEquals(java.util.Optional.of(false), SparkSessions.generateCodeFor(spark, MIB));
      assertEquals("NO_CODEGEN", spark.conf().get("spark.sql.codegen.factoryMode"));
      assertEquals("false", spark.conf().get("spark.sql.codegen.wholeStage"));
      // 0.5 * (0 + 3 + ... + 999) - (1 + 2 + 4 + 5 + ... + 998) = 83,416.5 - 332,667
      assertEquals(
          new java.math.BigDecimal("-249250.5"),
          spark.sql(query).first().getDecimal(0).stripTrailingZeros());
      assertEquals(java.util.Optional.of(true), SparkSessions.generateCodeFor(spark, 64 * MIB));
      assertEquals("FALLBACK", spark.conf().get("spark.sql.codegen.factoryMode"));
      assertEquals("true", spark.conf().get("spark.sql.codegen.wholeStage"));
      assertEquals(
          new java.math.BigDecimal("-249250.5"),
          spark.sql(query).first().getDecimal(0).stripTrailingZeros());
    } finally {
      spark.stop();
    }
  }
}
