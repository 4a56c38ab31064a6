package com.partnercx.tables;

import static org.apache.spark.sql.functions.col;

import com.partnercx.warehouse.Warehouse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold/benchmark}: peer statistics per program, period and metric (row type {@link
 * PeerStats}), and the quantile definition its quartiles use, so every median printed anywhere is
 * computed the same way.
 */
public final class BenchmarkTable {
  private BenchmarkTable() {}

  /** The program. */
  public static final String PROGRAM_ID = "program_id";

  /** Period label, 2026-Q3 or 2026-09. */
  public static final String PERIOD = "period";

  /** A metric id, or {@link #COMPOSITE}. */
  public static final String METRIC_ID = "metric_id";

  /** Partners with sufficient data. */
  public static final String PARTNERS = "partners";

  /** Fewer partners than the program's minimum peer group: no figures shown. */
  public static final String SUPPRESSED = "suppressed";

  /** First quartile, null when suppressed. */
  public static final String P25 = "p25";

  /** Median, null when suppressed. */
  public static final String MEDIAN = "median";

  /** Third quartile, null when suppressed. */
  public static final String P75 = "p75";

  /** The run that wrote the row. */
  public static final String RUN_ID = "run_id";

  /** SHA-256 of the configuration used. */
  public static final String CONFIG_HASH = "config_hash";

  /** When the row was written. */
  public static final String SCORED_AT = "scored_at";

  /** The {@link #METRIC_ID} under which the composite's figures are kept. */
  public static final String COMPOSITE = "composite";

  static final StructType SCHEMA =
      new StructType()
          .add(PROGRAM_ID, DataTypes.StringType, false)
          .add(PERIOD, DataTypes.StringType, false)
          .add(METRIC_ID, DataTypes.StringType, false)
          .add(PARTNERS, DataTypes.IntegerType, false)
          .add(SUPPRESSED, DataTypes.BooleanType, false)
          .add(P25, DataTypes.DoubleType, true)
          .add(MEDIAN, DataTypes.DoubleType, true)
          .add(P75, DataTypes.DoubleType, true)
          .add(RUN_ID, DataTypes.StringType, false)
          .add(CONFIG_HASH, DataTypes.StringType, false)
          .add(SCORED_AT, DataTypes.TimestampType, false);

  /**
   * The peer figures of one metric (or the composite) of a program for a period.
   *
   * @param programId the program
   * @param metricId a metric id, or {@link #COMPOSITE}
   * @param partners partners with sufficient data
   * @param suppressed fewer partners than the program's minimum peer group
   * @param p25 first quartile, null when suppressed
   * @param median median, null when suppressed
   * @param p75 third quartile, null when suppressed
   */
  public record PeerStats(
      String programId,
      String metricId,
      int partners,
      boolean suppressed,
      Double p25,
      Double median,
      Double p75) {

    /** The median to show: null when suppressed. */
    public Double shownMedian() {
      return suppressed ? null : median;
    }
  }

  /** Linear interpolation between order statistics of sorted values: h = (N - 1) q. */
  public static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int low = (int) Math.floor(h);
    int high = Math.min(low + 1, sorted.length - 1);
    return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
  }

  /**
   * Percentile rank of each partner among {@code values} (partner -> value), 100 = best: 100 x
   * (peers it beats + half the peers it ties) / (N - 1), whichever way the metric points. Empty
   * when fewer than two partners, or fewer than {@code minSize}, have a value.
   */
  public static Map<String, Double> percentileRanks(
      Map<String, Double> values, boolean higherIsBetter, int minSize) {
    Map<String, Double> out = new HashMap<>();
    int n = values.size();
    if (n < Math.max(2, minSize)) {
      return out;
    }
    double[] all = values.values().stream().mapToDouble(Double::doubleValue).toArray();
    values.forEach(
        (partner, value) -> {
          long beaten =
              Arrays.stream(all).filter(v -> higherIsBetter ? v < value : v > value).count();
          long tied = Arrays.stream(all).filter(v -> v == value).count() - 1;
          out.put(partner, 100.0 * (beaten + 0.5 * tied) / (n - 1));
        });
    return out;
  }

  /** Replaces the rows of a period; returns the version written. */
  public static long replacePeriod(
      Warehouse warehouse,
      String period,
      List<PeerStats> stats,
      String runId,
      String configHash,
      Instant scoredAt) {
    Timestamp at = Timestamp.from(scoredAt);
    List<Row> rows =
        stats.stream()
            .map(
                b ->
                    RowFactory.create(
                        b.programId(),
                        period,
                        b.metricId(),
                        b.partners(),
                        b.suppressed(),
                        b.p25(),
                        b.median(),
                        b.p75(),
                        runId,
                        configHash,
                        at))
            .toList();
    return warehouse.replaceWhere(
        Tables.BENCHMARK,
        warehouse.spark().createDataFrame(rows, SCHEMA),
        PERIOD + " = '" + period + "'");
  }

  /**
   * The period's figures at the latest version (recorded in {@code versionsRead}): program id ->
   * metric id (or {@link #COMPOSITE}) -> figures.
   */
  public static Map<String, Map<String, PeerStats>> ofPeriod(
      Warehouse warehouse, String period, Map<String, Long> versionsRead) {
    Map<String, Map<String, PeerStats>> out = new HashMap<>();
    Optional<Dataset<Row>> benchmark = warehouse.readLatest(Tables.BENCHMARK, versionsRead);
    if (benchmark.isEmpty()) {
      return out;
    }
    for (Row r : benchmark.get().filter(col(PERIOD).equalTo(period)).collectAsList()) {
      PeerStats stats =
          new PeerStats(
              r.getAs(PROGRAM_ID),
              r.getAs(METRIC_ID),
              r.<Integer>getAs(PARTNERS),
              r.<Boolean>getAs(SUPPRESSED),
              r.getAs(P25),
              r.getAs(MEDIAN),
              r.getAs(P75));
      out.computeIfAbsent(stats.programId(), k -> new HashMap<>()).put(stats.metricId(), stats);
    }
    return out;
  }
}
