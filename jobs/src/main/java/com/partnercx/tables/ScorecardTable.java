package com.partnercx.tables;

import static org.apache.spark.sql.functions.col;

import com.partnercx.warehouse.Warehouse;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold/scorecard}: one row per partner x period x version (row type {@link
 * StoredScorecard}). Its schema, row mapping, and the queries every caller needs: the latest
 * version per partner, a given version, the BI export.
 */
public final class ScorecardTable {
  private ScorecardTable() {}

  /** The partner. */
  public static final String PARTNER_ID = "partner_id";

  /** Its program. */
  public static final String PROGRAM_ID = "program_id";

  /** Period label, 2026-Q3 or 2026-09. */
  public static final String PERIOD = "period";

  /** First day of the period. */
  public static final String PERIOD_START = "period_start";

  /** First day after the period. */
  public static final String PERIOD_END = "period_end";

  /** 1 for the first scorecard of a partner and period; +1 for each restatement. */
  public static final String VERSION = "version";

  /** The version this one replaces, null for version 1. */
  public static final String SUPERSEDES = "supersedes_version";

  /** Array of metric structs (see {@link #METRIC_ID} ...). */
  public static final String METRICS = "metrics";

  /** Share of the program's weight with sufficient data. */
  public static final String WEIGHT_COVERAGE = "weight_coverage";

  /** Composite CX index 0..100, null for insufficient data. */
  public static final String COMPOSITE = "composite";

  /** The tier reached, or {@link #TIER_INSUFFICIENT_DATA}. */
  public static final String TIER = "tier";

  /** The {@link #TIER} of a partner whose metrics cover too little of the program's weight. */
  public static final String TIER_INSUFFICIENT_DATA = "insufficient_data";

  /** The critical metric that capped the tier, or null. */
  public static final String CAPPED_BY = "capped_by";

  /** Base incentive for the period. */
  public static final String BASE_INCENTIVE = "base_incentive";

  /** Payout, null when no tier was reached on sufficient data. */
  public static final String PAYOUT = "payout";

  /** Currency of the amounts. */
  public static final String CURRENCY = "currency";

  /** The calculation, line by line. */
  public static final String EXPLANATION = "explanation";

  /** SHA-256 of the figures, to tell whether a re-score changed anything. */
  public static final String FIGURES_HASH = "figures_hash";

  /** The run that wrote the row. */
  public static final String RUN_ID = "run_id";

  /** SHA-256 of the configuration used. */
  public static final String CONFIG_HASH = "config_hash";

  /** Delta versions of the tables the row was computed from. */
  public static final String SOURCE_VERSIONS = "source_versions";

  /** When the row was written. */
  public static final String SCORED_AT = "scored_at";

  /** Fields of each element of {@link #METRICS}. */
  public static final String METRIC_ID = "metric_id";

  public static final String METRIC_VALUE = "value";
  public static final String METRIC_N = "n";
  public static final String METRIC_CI_LOW = "ci_low";
  public static final String METRIC_CI_HIGH = "ci_high";
  public static final String METRIC_FLOOR = "floor";
  public static final String METRIC_TARGET = "target";
  public static final String METRIC_WEIGHT = "weight";
  public static final String METRIC_SCORE = "score";
  public static final String METRIC_SUFFICIENT = "sufficient";
  public static final String METRIC_ADJUSTED = "adjusted";

  /** The program's minimum sample for the metric. */
  public static final String METRIC_MIN_N = "min_n";

  /** For a restated version: each figure that changed, then the inputs that changed. */
  public static final String RESTATEMENT = "restatement";

  /** Scored with --allow-failed-gate over data that failed the quality gate. */
  public static final String GATE_OVERRIDDEN = "gate_overridden";

  /**
   * What it takes to reach the next tier (struct, null on the top tier and for insufficient data):
   * {@link #NEXT_TIER_NAME}, {@link #NEXT_TIER_MIN_COMPOSITE}, {@link #NEXT_TIER_PAYOUT} and {@link
   * #NEXT_TIER_STEPS}, one per metric with sufficient data.
   */
  public static final String NEXT_TIER = "next_tier";

  public static final String NEXT_TIER_NAME = "tier";
  public static final String NEXT_TIER_MIN_COMPOSITE = "min_composite";
  public static final String NEXT_TIER_PAYOUT = "payout";
  public static final String NEXT_TIER_STEPS = "steps";

  /** Fields of each step: the metric, reachable / not_reachable / capped, from and to. */
  public static final String STEP_OUTCOME = "outcome";

  public static final String STEP_VALUE_FROM = "value_from";
  public static final String STEP_VALUE_TO = "value_to";
  public static final String STEP_COUNT_FROM = "count_from";
  public static final String STEP_COUNT_TO = "count_to";
  public static final String STEP_TIER = "tier";
  public static final String STEP_PAYOUT = "payout";
  public static final String STEP_BLOCKED_BY = "blocked_by";

  static final StructType STEP_SCHEMA =
      new StructType()
          .add(METRIC_ID, DataTypes.StringType, false)
          .add(STEP_OUTCOME, DataTypes.StringType, false)
          .add(STEP_VALUE_FROM, DataTypes.DoubleType, true)
          .add(STEP_VALUE_TO, DataTypes.DoubleType, true)
          .add(STEP_COUNT_FROM, DataTypes.LongType, true)
          .add(STEP_COUNT_TO, DataTypes.LongType, true)
          .add(METRIC_N, DataTypes.LongType, false)
          .add(STEP_TIER, DataTypes.StringType, true)
          .add(STEP_PAYOUT, DataTypes.createDecimalType(18, 2), true)
          .add(STEP_BLOCKED_BY, DataTypes.StringType, true);

  static final StructType NEXT_TIER_SCHEMA =
      new StructType()
          .add(NEXT_TIER_NAME, DataTypes.StringType, false)
          .add(NEXT_TIER_MIN_COMPOSITE, DataTypes.DoubleType, false)
          .add(NEXT_TIER_PAYOUT, DataTypes.createDecimalType(18, 2), false)
          .add(NEXT_TIER_STEPS, DataTypes.createArrayType(STEP_SCHEMA, false), false);

  static final StructType METRIC_SCHEMA =
      new StructType()
          .add(METRIC_ID, DataTypes.StringType, false)
          .add(METRIC_VALUE, DataTypes.DoubleType, true)
          .add(METRIC_N, DataTypes.LongType, false)
          .add(METRIC_CI_LOW, DataTypes.DoubleType, true)
          .add(METRIC_CI_HIGH, DataTypes.DoubleType, true)
          .add(METRIC_FLOOR, DataTypes.DoubleType, false)
          .add(METRIC_TARGET, DataTypes.DoubleType, false)
          .add(METRIC_WEIGHT, DataTypes.DoubleType, false)
          .add(METRIC_SCORE, DataTypes.DoubleType, true)
          .add(METRIC_SUFFICIENT, DataTypes.BooleanType, false)
          .add(METRIC_MIN_N, DataTypes.LongType, false)
          .add(METRIC_ADJUSTED, DataTypes.DoubleType, true);

  static final StructType SCHEMA =
      new StructType()
          .add(PARTNER_ID, DataTypes.StringType, false)
          .add(PROGRAM_ID, DataTypes.StringType, false)
          .add(PERIOD, DataTypes.StringType, false)
          .add(PERIOD_START, DataTypes.DateType, false)
          .add(PERIOD_END, DataTypes.DateType, false)
          .add(VERSION, DataTypes.IntegerType, false)
          .add(SUPERSEDES, DataTypes.IntegerType, true)
          .add(METRICS, DataTypes.createArrayType(METRIC_SCHEMA, false), false)
          .add(WEIGHT_COVERAGE, DataTypes.DoubleType, false)
          .add(COMPOSITE, DataTypes.DoubleType, true)
          .add(TIER, DataTypes.StringType, false)
          .add(CAPPED_BY, DataTypes.StringType, true)
          .add(BASE_INCENTIVE, DataTypes.createDecimalType(18, 2), false)
          .add(PAYOUT, DataTypes.createDecimalType(18, 2), true)
          .add(CURRENCY, DataTypes.StringType, false)
          .add(EXPLANATION, DataTypes.createArrayType(DataTypes.StringType, false), false)
          .add(FIGURES_HASH, DataTypes.StringType, false)
          .add(RUN_ID, DataTypes.StringType, false)
          .add(CONFIG_HASH, DataTypes.StringType, false)
          .add(
              SOURCE_VERSIONS,
              DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType),
              false)
          .add(SCORED_AT, DataTypes.TimestampType, false)
          .add(GATE_OVERRIDDEN, DataTypes.BooleanType, false)
          .add(RESTATEMENT, DataTypes.createArrayType(DataTypes.StringType, false), false)
          .add(NEXT_TIER, NEXT_TIER_SCHEMA, true);

  /** Appends scorecard versions; returns the version of the table written. */
  public static long append(Warehouse warehouse, List<StoredScorecard> scorecards) {
    return warehouse.append(
        Tables.SCORECARD,
        warehouse
            .spark()
            .createDataFrame(scorecards.stream().map(ScorecardTable::toRow).toList(), SCHEMA));
  }

  static Row toRow(StoredScorecard stored) {
    Scorecard s = stored.scorecard();
    List<Row> metrics =
        s.metrics().stream()
            .map(
                m ->
                    RowFactory.create(
                        m.metricId(),
                        m.value(),
                        m.n(),
                        m.ciLow(),
                        m.ciHigh(),
                        m.floor(),
                        m.target(),
                        m.weight(),
                        m.score(),
                        m.sufficient(),
                        m.minN(),
                        m.adjusted()))
            .toList();
    return RowFactory.create(
        s.partnerId(),
        s.programId(),
        s.period(),
        Date.valueOf(stored.periodStart()),
        Date.valueOf(stored.periodEnd()),
        stored.version(),
        stored.supersedes(),
        metrics,
        s.weightCoverage(),
        s.composite(),
        s.tier(),
        s.cappedBy(),
        s.baseIncentive(),
        s.payout(),
        s.currency(),
        s.explanation(),
        stored.figuresHash(),
        stored.runId(),
        stored.configHash(),
        stored.sourceVersions(),
        Timestamp.from(stored.scoredAt()),
        s.gateOverridden(),
        stored.restatement(),
        nextTierRow(s.nextTier()));
  }

  private static Row nextTierRow(NextTier next) {
    if (next == null) {
      return null;
    }
    List<Row> steps =
        next.steps().stream()
            .map(
                step ->
                    RowFactory.create(
                        step.metricId(),
                        step.outcome().id(),
                        step.valueFrom(),
                        step.valueTo(),
                        step.countFrom(),
                        step.countTo(),
                        step.n(),
                        step.tier(),
                        step.payout(),
                        step.blockedBy()))
            .toList();
    return RowFactory.create(next.tier(), next.minComposite(), next.payout(), steps);
  }

  /** A row's next tier; null for rows written before it was worked out. */
  private static NextTier nextTier(Row r) {
    if (!Arrays.asList(r.schema().fieldNames()).contains(NEXT_TIER)) {
      return null;
    }
    Row next = r.getAs(NEXT_TIER);
    if (next == null) {
      return null;
    }
    List<NextTier.Step> steps =
        next.<Row>getList(next.fieldIndex(NEXT_TIER_STEPS)).stream()
            .map(
                step ->
                    new NextTier.Step(
                        step.getAs(METRIC_ID),
                        NextTier.Outcome.byId(step.getAs(STEP_OUTCOME)),
                        step.getAs(STEP_VALUE_FROM),
                        step.getAs(STEP_VALUE_TO),
                        step.getAs(STEP_COUNT_FROM),
                        step.getAs(STEP_COUNT_TO),
                        step.<Long>getAs(METRIC_N),
                        step.getAs(STEP_TIER),
                        step.getAs(STEP_PAYOUT),
                        step.getAs(STEP_BLOCKED_BY)))
            .toList();
    return new NextTier(
        next.getAs(NEXT_TIER_NAME),
        next.<Double>getAs(NEXT_TIER_MIN_COMPOSITE),
        next.getAs(NEXT_TIER_PAYOUT),
        steps);
  }

  /** A stored row as its record. */
  public static StoredScorecard fromRow(Row r) {
    List<MetricResult> metrics =
        r.<Row>getList(r.fieldIndex(METRICS)).stream()
            .map(
                m ->
                    new MetricResult(
                        m.getAs(METRIC_ID),
                        m.getAs(METRIC_VALUE),
                        m.<Long>getAs(METRIC_N),
                        m.getAs(METRIC_CI_LOW),
                        m.getAs(METRIC_CI_HIGH),
                        m.<Double>getAs(METRIC_FLOOR),
                        m.<Double>getAs(METRIC_TARGET),
                        m.<Double>getAs(METRIC_WEIGHT),
                        m.getAs(METRIC_SCORE),
                        m.<Boolean>getAs(METRIC_SUFFICIENT),
                        minN(m),
                        m.getAs(METRIC_ADJUSTED)))
            .toList();
    Scorecard card =
        new Scorecard(
            r.getAs(PARTNER_ID),
            r.getAs(PROGRAM_ID),
            r.getAs(PERIOD),
            metrics,
            r.<Double>getAs(WEIGHT_COVERAGE),
            r.getAs(COMPOSITE),
            r.getAs(TIER),
            r.getAs(CAPPED_BY),
            r.getAs(BASE_INCENTIVE),
            r.getAs(PAYOUT),
            r.getAs(CURRENCY),
            r.getList(r.fieldIndex(EXPLANATION)),
            r.<Boolean>getAs(GATE_OVERRIDDEN),
            nextTier(r));
    return new StoredScorecard(
        card,
        r.<Date>getAs(PERIOD_START).toLocalDate(),
        r.<Date>getAs(PERIOD_END).toLocalDate(),
        r.<Integer>getAs(VERSION),
        r.getAs(SUPERSEDES),
        r.getAs(FIGURES_HASH),
        r.getAs(RUN_ID),
        r.getAs(CONFIG_HASH),
        r.getJavaMap(r.fieldIndex(SOURCE_VERSIONS)),
        r.<Timestamp>getAs(SCORED_AT).toInstant(),
        restatement(r));
  }

  /** A metric's min_n; 0 for rows written before it was stored. */
  private static long minN(Row metric) {
    if (!Arrays.asList(metric.schema().fieldNames()).contains(METRIC_MIN_N)) {
      return 0;
    }
    int i = metric.fieldIndex(METRIC_MIN_N);
    return metric.isNullAt(i) ? 0 : metric.getLong(i);
  }

  /** A row's restatement lines; none for rows written before they were stored. */
  private static List<String> restatement(Row r) {
    if (!Arrays.asList(r.schema().fieldNames()).contains(RESTATEMENT)) {
      return List.of();
    }
    int i = r.fieldIndex(RESTATEMENT);
    return r.isNullAt(i) ? List.of() : r.getList(i);
  }

  /** The newest stored version of each partner's scorecard for a period, by partner id. */
  public static Map<String, StoredScorecard> latestVersions(Warehouse warehouse, String period) {
    Map<String, StoredScorecard> latest = new HashMap<>();
    long version = warehouse.version(Tables.SCORECARD);
    if (version >= 0) {
      latestOf(warehouse, version, List.of(period))
          .forEach(s -> latest.put(s.scorecard().partnerId(), s));
    }
    return latest;
  }

  /** The rows of {@code scorecards} that are the highest version of their partner and period. */
  public static Dataset<Row> latest(Dataset<Row> scorecards, List<String> periods) {
    Dataset<Row> wanted = scorecards.filter(col(PERIOD).isin(periods.toArray(Object[]::new)));
    Dataset<Row> highest =
        wanted.groupBy(PARTNER_ID, PERIOD).agg(functions.max(VERSION).as(VERSION));
    return wanted
        .join(
            highest,
            scala.jdk.javaapi.CollectionConverters.asScala(List.of(PARTNER_ID, PERIOD, VERSION))
                .toSeq())
        .select(Arrays.stream(wanted.columns()).map(functions::col).toArray(Column[]::new));
  }

  /** The latest scorecard of every partner for each of the periods, at a table version. */
  public static List<StoredScorecard> latestOf(
      Warehouse warehouse, long tableVersion, List<String> periods) {
    return latest(warehouse.readVersion(Tables.SCORECARD, tableVersion), periods)
        .collectAsList()
        .stream()
        .map(ScorecardTable::fromRow)
        .toList();
  }

  /** A partner's scorecard for a period: the given version, or the latest when null. */
  public static Optional<StoredScorecard> find(
      Warehouse warehouse, String partnerId, String period, Integer version) {
    Optional<Dataset<Row>> table = warehouse.readIfExists(Tables.SCORECARD);
    if (table.isEmpty()) {
      return Optional.empty();
    }
    Dataset<Row> versions =
        table.get().filter(col(PARTNER_ID).equalTo(partnerId).and(col(PERIOD).equalTo(period)));
    if (version != null) {
      versions = versions.filter(col(VERSION).equalTo(version));
    }
    return versions.orderBy(col(VERSION).desc()).limit(1).collectAsList().stream()
        .findFirst()
        .map(ScorecardTable::fromRow);
  }
}
