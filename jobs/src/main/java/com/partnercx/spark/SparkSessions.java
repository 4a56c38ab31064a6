package com.partnercx.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession every job uses: Delta enabled, UTC session time zone, and settings sized
 * for the master (a local run on a laptop must not use a cluster's 200 shuffle partitions).
 */
public final class SparkSessions {
  /** The master used when neither --master nor spark.master says otherwise. */
  public static final String DEFAULT_MASTER = "local[*]";

  private SparkSessions() {}

  /**
   * Returns a session for {@code master} (null: {@code spark.master} if set, else local[*]), with
   * {@code overrides} (--conf key=value) applied last.
   */
  public static SparkSession create(String appName, String master, Map<String, String> overrides) {
    String effectiveMaster =
        master != null ? master : System.getProperty("spark.master", DEFAULT_MASTER);
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName(appName)
            .master(effectiveMaster)
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.ui.showConsoleProgress", "false")
            // Partner extracts are small files; Delta's default of 50 snapshot partitions and
            // Spark's 200 shuffle partitions are cluster sizes that only add task overhead here.
            .config(
                "spark.databricks.delta.snapshotPartitions",
                String.valueOf(defaultParallelism(effectiveMaster)))
            .config(
                "spark.sql.shuffle.partitions", String.valueOf(defaultParallelism(effectiveMaster)))
            .config("spark.databricks.delta.optimizeWrite.enabled", "false");
    if (effectiveMaster.startsWith("local")) {
      builder
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.ui.enabled", "false");
    }
    overrides.forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  /** Twice the local cores for local masters; a moderate default for clusters. */
  static int defaultParallelism(String master) {
    int cores = Runtime.getRuntime().availableProcessors();
    if (master.startsWith("local")) {
      return Math.max(2, 2 * cores);
    }
    return 64;
  }
}
