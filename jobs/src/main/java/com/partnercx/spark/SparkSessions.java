package com.partnercx.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession every job uses. What the jobs need to be correct is always set (Delta's
 * extension and catalog, UTC session time). Everything else is a default applied only where the
 * operator set nothing: a {@code spark-submit --conf}, {@code spark-defaults.conf}, a {@code
 * spark.*} system property or a {@code --conf} of {@code pcx} always wins.
 */
public final class SparkSessions {
  /** The master used when neither --master nor spark.master says otherwise. */
  public static final String DEFAULT_MASTER = "local[*]";

  /** Settings the jobs rely on; they override any operator setting. */
  static final Map<String, String> REQUIRED =
      Map.of(
          "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
          "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog",
          "spark.sql.session.timeZone", "UTC");

  /** The loggers of the stage and progress lines, kept at INFO while Spark's are at WARN. */
  static final String PROGRESS_LOGGERS = "com.partnercx";

  private SparkSessions() {}

  /**
   * Returns a session for {@code master} (null: {@code spark.master} if set, else local[*]), with
   * {@code overrides} (--conf key=value) applied over the operator's settings.
   */
  public static SparkSession create(String appName, String master, Map<String, String> overrides) {
    SparkConf operator = new SparkConf(true);
    Map<String, String> set = new LinkedHashMap<>();
    for (scala.Tuple2<String, String> entry : operator.getAll()) {
      set.put(entry._1(), entry._2());
    }
    set.putAll(overrides);
    String effectiveMaster =
        master != null ? master : set.getOrDefault("spark.master", DEFAULT_MASTER);
    SparkSession.Builder builder = SparkSession.builder().master(effectiveMaster);
    settings(appName, effectiveMaster, set, Runtime.getRuntime().availableProcessors())
        .forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    // Under spark-submit the logging configuration may be Spark's, not the jar's: the stage and
    // progress lines must reach the log (and Airflow's task log) whichever it is.
    org.apache.logging.log4j.core.config.Configurator.setLevel(
        PROGRESS_LOGGERS, org.apache.logging.log4j.Level.INFO);
    return spark;
  }

  /**
   * Every setting the session is built with: the operator's ({@code operator}: spark-submit, system
   * properties, --conf), a default for each key the operator left unset, and the {@link #REQUIRED}
   * ones.
   */
  static Map<String, String> settings(
      String appName, String master, Map<String, String> operator, int cores) {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("spark.app.name", appName);
    defaults.put("spark.ui.showConsoleProgress", "false");
    // Adaptive execution sizes shuffles by the data and coalesces small partitions, so a night
    // with a few hundred rows does not run thousands of tasks on a cluster.
    defaults.put("spark.sql.adaptive.enabled", "true");
    defaults.put("spark.sql.adaptive.coalescePartitions.enabled", "true");
    defaults.put("spark.databricks.delta.optimizeWrite.enabled", "false");
    if (master.startsWith("local")) {
      // Partner extracts are small: Spark's 200 shuffle partitions and Delta's 50 snapshot
      // partitions are cluster sizes that only add task overhead on one machine.
      String parallelism = String.valueOf(Math.max(2, 2 * cores));
      defaults.put("spark.sql.shuffle.partitions", parallelism);
      defaults.put("spark.databricks.delta.snapshotPartitions", parallelism);
      defaults.put("spark.driver.host", "127.0.0.1");
      defaults.put("spark.driver.bindAddress", "127.0.0.1");
      defaults.put("spark.ui.enabled", "false");
    }
    Map<String, String> all = new LinkedHashMap<>(defaults);
    all.putAll(operator);
    all.putAll(REQUIRED);
    all.remove("spark.master");
    return all;
  }
}
