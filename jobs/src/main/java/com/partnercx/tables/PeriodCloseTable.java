package com.partnercx.tables;

import static org.apache.spark.sql.functions.col;

import com.partnercx.warehouse.Warehouse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code ops/period_close}: one row per closed period. Closing freezes what couples partners to
 * each other: the shrinkage priors and the peer figures (gold/benchmark and the scorecards the
 * ranks are taken from, by their Delta versions), so a later correction restates only the partner
 * whose own inputs changed.
 */
public final class PeriodCloseTable {
  private PeriodCloseTable() {}

  /** Period label, 2026-Q3 or 2026-09. */
  public static final String PERIOD = "period";

  /** When the period was closed. */
  public static final String CLOSED_AT = "closed_at";

  /** The run that closed it. */
  public static final String RUN_ID = "run_id";

  /** SHA-256 of the configuration the close scored with. */
  public static final String CONFIG_HASH = "config_hash";

  /** The gold/scorecard version the peer ranks are frozen at. */
  public static final String SCORECARD_VERSION = "scorecard_version";

  /** The gold/benchmark version the peer figures are frozen at. */
  public static final String BENCHMARK_VERSION = "benchmark_version";

  /** Frozen prior means, by "program/metric". */
  public static final String PRIOR_MEANS = "prior_means";

  /** Frozen prior strengths (infinite: complete pooling), by "program/metric". */
  public static final String PRIOR_STRENGTHS = "prior_strengths";

  static final StructType SCHEMA =
      new StructType()
          .add(PERIOD, DataTypes.StringType, false)
          .add(CLOSED_AT, DataTypes.TimestampType, false)
          .add(RUN_ID, DataTypes.StringType, false)
          .add(CONFIG_HASH, DataTypes.StringType, false)
          .add(SCORECARD_VERSION, DataTypes.LongType, false)
          .add(BENCHMARK_VERSION, DataTypes.LongType, false)
          .add(
              PRIOR_MEANS,
              DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType),
              false)
          .add(
              PRIOR_STRENGTHS,
              DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType),
              false);

  /**
   * A closed period.
   *
   * @param period the period label
   * @param closedAt when it was closed
   * @param runId the run that closed it
   * @param configHash the configuration it was closed with
   * @param scorecardVersion gold/scorecard's version at close
   * @param benchmarkVersion gold/benchmark's version at close
   * @param priorMeans frozen prior means by "program/metric"
   * @param priorStrengths frozen prior strengths by "program/metric"
   */
  public record PeriodClose(
      String period,
      Instant closedAt,
      String runId,
      String configHash,
      long scorecardVersion,
      long benchmarkVersion,
      Map<String, Double> priorMeans,
      Map<String, Double> priorStrengths) {

    public PeriodClose {
      priorMeans = new TreeMap<>(priorMeans);
      priorStrengths = new TreeMap<>(priorStrengths);
    }
  }

  /** The key under which a program's prior for a metric is kept. */
  public static String priorKey(String programId, String metricId) {
    return programId + "/" + metricId;
  }

  /** Records a close; returns the version written. */
  public static long append(Warehouse warehouse, PeriodClose close) {
    Row row =
        RowFactory.create(
            close.period(),
            Timestamp.from(close.closedAt()),
            close.runId(),
            close.configHash(),
            close.scorecardVersion(),
            close.benchmarkVersion(),
            close.priorMeans(),
            close.priorStrengths());
    return warehouse.append(
        Tables.PERIOD_CLOSE, warehouse.spark().createDataFrame(List.of(row), SCHEMA));
  }

  /** The period's close, if it was closed: the latest when it was closed again. */
  public static Optional<PeriodClose> find(Warehouse warehouse, String period) {
    return find(warehouse, period, col(CLOSED_AT).desc());
  }

  /** The period's first close: when its figures were first published as final. */
  public static Optional<PeriodClose> first(Warehouse warehouse, String period) {
    return find(warehouse, period, col(CLOSED_AT).asc());
  }

  private static Optional<PeriodClose> find(
      Warehouse warehouse, String period, org.apache.spark.sql.Column order) {
    return warehouse
        .readIfExists(Tables.PERIOD_CLOSE)
        .flatMap(
            t ->
                t
                    .filter(col(PERIOD).equalTo(period))
                    .orderBy(order)
                    .limit(1)
                    .collectAsList()
                    .stream()
                    .findFirst())
        .map(
            r ->
                new PeriodClose(
                    r.getAs(PERIOD),
                    r.<Timestamp>getAs(CLOSED_AT).toInstant(),
                    r.getAs(RUN_ID),
                    r.getAs(CONFIG_HASH),
                    r.<Long>getAs(SCORECARD_VERSION),
                    r.<Long>getAs(BENCHMARK_VERSION),
                    r.getJavaMap(r.fieldIndex(PRIOR_MEANS)),
                    r.getJavaMap(r.fieldIndex(PRIOR_STRENGTHS))));
  }
}
