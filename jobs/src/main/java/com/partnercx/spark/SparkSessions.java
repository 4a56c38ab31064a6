package com.partnercx.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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

  /** Whole-stage code generation (Spark's default: on). */
  static final String WHOLE_STAGE_CODEGEN = "spark.sql.codegen.wholeStage";

  /** How expressions are evaluated: FALLBACK (generated code, Spark's default) or NO_CODEGEN. */
  static final String CODEGEN_FACTORY_MODE = "spark.sql.codegen.factoryMode";

  /**
   * Work reading fewer MiB of delivered files than this runs without generated code; 0 generates
   * code always.
   */
  public static final String CODEGEN_MIN_MIB = "spark.partnercx.codegen.minMiB";

  public static final long DEFAULT_CODEGEN_MIN_MIB = 48;

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
   * Chooses how the session evaluates expressions for work reading {@code bytes} of delivered
   * files, and returns whether it generates code (empty: the operator chose). Compiling a plan
   * costs seconds whatever the data; a partner extract's plans are wide (a mapping and a rule per
   * column), so on a small delivery the compiling costs more than it saves. Measured on generated
   * nights: interpreted, one of 87k rows (6 MiB) ran 23% faster and one of 1.6M rows (110 MiB) 17%
   * slower. Below {@value #CODEGEN_MIN_MIB} (default {@value #DEFAULT_CODEGEN_MIN_MIB}) the plans
   * are interpreted. An operator who set {@value #WHOLE_STAGE_CODEGEN} or {@value
   * #CODEGEN_FACTORY_MODE} decides instead, always.
   */
  public static Optional<Boolean> generateCodeFor(SparkSession spark, long bytes) {
    Optional<Boolean> generate = generateCode(spark.sparkContext().getConf(), bytes);
    generate.ifPresent(
        g -> {
          spark.conf().set(WHOLE_STAGE_CODEGEN, String.valueOf(g));
          spark.conf().set(CODEGEN_FACTORY_MODE, g ? "FALLBACK" : "NO_CODEGEN");
        });
    return generate;
  }

  /**
   * Whether work reading {@code bytes} generates code under the {@code operator}'s settings; empty
   * when the operator chose the evaluation.
   */
  static Optional<Boolean> generateCode(SparkConf operator, long bytes) {
    if (operator.contains(WHOLE_STAGE_CODEGEN) || operator.contains(CODEGEN_FACTORY_MODE)) {
      return Optional.empty();
    }
    return Optional.of(bytes >= codegenMinMiB(operator) * 1024 * 1024);
  }

  private static long codegenMinMiB(SparkConf conf) {
    String value = conf.get(CODEGEN_MIN_MIB, String.valueOf(DEFAULT_CODEGEN_MIN_MIB)).trim();
    try {
      long mib = Long.parseLong(value);
      if (mib >= 0) {
        return mib;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        CODEGEN_MIN_MIB + " must be a whole number of MiB, 0 or more; it is '" + value + "'");
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
