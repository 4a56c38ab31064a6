package com.partnercx.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.sum;

import com.partnercx.config.Partner;
import com.partnercx.config.PcxConfig;
import com.partnercx.pipeline.RunContext;
import com.partnercx.pipeline.StageResult;
import com.partnercx.warehouse.Tables;
import com.partnercx.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * gold/partner_daily -> gold/scorecard for a period. Rolls the period up per partner (Spark),
 * scores each partner (plain Java over thousands of rows at most), and writes a new version for a
 * partner only when a figure changed, so re-running is harmless and restatements are explicit.
 */
public final class ScorecardJob {
  public static final String STAGE = "score";
  private static final Logger LOG = LoggerFactory.getLogger(ScorecardJob.class);

  static final StructType METRIC_SCHEMA =
      new StructType()
          .add(ScorecardColumns.METRIC_ID, DataTypes.StringType, false)
          .add(ScorecardColumns.METRIC_VALUE, DataTypes.DoubleType, true)
          .add(ScorecardColumns.METRIC_N, DataTypes.LongType, false)
          .add(ScorecardColumns.METRIC_CI_LOW, DataTypes.DoubleType, true)
          .add(ScorecardColumns.METRIC_CI_HIGH, DataTypes.DoubleType, true)
          .add(ScorecardColumns.METRIC_FLOOR, DataTypes.DoubleType, false)
          .add(ScorecardColumns.METRIC_TARGET, DataTypes.DoubleType, false)
          .add(ScorecardColumns.METRIC_WEIGHT, DataTypes.DoubleType, false)
          .add(ScorecardColumns.METRIC_SCORE, DataTypes.DoubleType, true)
          .add(ScorecardColumns.METRIC_SUFFICIENT, DataTypes.BooleanType, false);

  static final StructType SCHEMA =
      new StructType()
          .add(ScorecardColumns.PARTNER_ID, DataTypes.StringType, false)
          .add(ScorecardColumns.PROGRAM_ID, DataTypes.StringType, false)
          .add(ScorecardColumns.PERIOD, DataTypes.StringType, false)
          .add(ScorecardColumns.PERIOD_START, DataTypes.DateType, false)
          .add(ScorecardColumns.PERIOD_END, DataTypes.DateType, false)
          .add(ScorecardColumns.VERSION, DataTypes.IntegerType, false)
          .add(ScorecardColumns.SUPERSEDES, DataTypes.IntegerType, true)
          .add(ScorecardColumns.METRICS, DataTypes.createArrayType(METRIC_SCHEMA, false), false)
          .add(ScorecardColumns.WEIGHT_COVERAGE, DataTypes.DoubleType, false)
          .add(ScorecardColumns.COMPOSITE, DataTypes.DoubleType, true)
          .add(ScorecardColumns.TIER, DataTypes.StringType, false)
          .add(ScorecardColumns.CAPPED_BY, DataTypes.StringType, true)
          .add(ScorecardColumns.BASE_INCENTIVE, DataTypes.createDecimalType(18, 2), false)
          .add(ScorecardColumns.PAYOUT, DataTypes.createDecimalType(18, 2), true)
          .add(ScorecardColumns.CURRENCY, DataTypes.StringType, false)
          .add(
              ScorecardColumns.EXPLANATION,
              DataTypes.createArrayType(DataTypes.StringType, false),
              false)
          .add(ScorecardColumns.FIGURES_HASH, DataTypes.StringType, false)
          .add(ScorecardColumns.RUN_ID, DataTypes.StringType, false)
          .add(ScorecardColumns.CONFIG_HASH, DataTypes.StringType, false)
          .add(
              ScorecardColumns.SOURCE_VERSIONS,
              DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType),
              false)
          .add(ScorecardColumns.SCORED_AT, DataTypes.TimestampType, false);

  private ScorecardJob() {}

  /**
   * What a score run did.
   *
   * @param stage the stage's figures
   * @param scorecards every partner's scorecard for the period, as computed
   * @param newVersions how many partners got a new scorecard version
   */
  public record Outcome(StageResult stage, List<Scorecard> scorecards, int newVersions) {}

  /**
   * Scores a period from gold/partner_daily. {@code upstreamVersions} are the silver versions that
   * partner_daily was just computed from; each scorecard row records them with partner_daily's.
   */
  public static Outcome run(RunContext ctx, Period period, Map<String, Long> upstreamVersions) {
    long start = System.nanoTime();
    Warehouse warehouse = ctx.warehouse();
    PcxConfig config = ctx.config();
    warehouse.spark().sparkContext().setJobGroup(STAGE, "scorecards " + period.label(), false);
    long dailyVersion = warehouse.version(Tables.PARTNER_DAILY);
    if (dailyVersion < 0) {
      LOG.warn(
          "{} does not exist yet; nothing to score for {}", Tables.PARTNER_DAILY, period.label());
      return new Outcome(new StageResult(STAGE, 0, 0, 0, 0, Map.of(), Map.of()), List.of(), 0);
    }
    Map<String, Long> sourceVersions = new TreeMap<>(upstreamVersions);
    sourceVersions.put(Tables.PARTNER_DAILY, dailyVersion);
    List<PeriodCounts> counts =
        periodCounts(warehouse.readVersion(Tables.PARTNER_DAILY, dailyVersion), period);

    List<Scorecard> scorecards = new ArrayList<>();
    for (PeriodCounts c : counts) {
      Optional<Partner> partner = config.partnerOn(c.partnerId(), period.end().minusDays(1));
      if (partner.isEmpty()) {
        partner = config.latestPartner(c.partnerId());
      }
      scorecards.add(
          ScorecardCalculator.score(
              config.program(c.programId()), partner.orElseThrow(), period, c));
    }

    Map<String, Row> latest = latestVersions(warehouse, period);
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> rows = new ArrayList<>();
    for (Scorecard s : scorecards) {
      String figures = figuresHash(s);
      Row previous = latest.get(s.partnerId());
      if (previous != null && figures.equals(previous.getAs(ScorecardColumns.FIGURES_HASH))) {
        continue;
      }
      Integer supersedes =
          previous == null ? null : previous.<Integer>getAs(ScorecardColumns.VERSION);
      rows.add(
          toRow(
              s,
              period,
              supersedes == null ? 1 : supersedes + 1,
              supersedes,
              figures,
              ctx,
              sourceVersions,
              now));
    }
    long version = warehouse.version(Tables.SCORECARD);
    if (!rows.isEmpty()) {
      version = warehouse.append(Tables.SCORECARD, warehouse.spark().createDataFrame(rows, SCHEMA));
    }
    LOG.info(
        "{}: {} scorecards, {} new versions ({} unchanged)",
        period.label(),
        scorecards.size(),
        rows.size(),
        scorecards.size() - rows.size());
    StageResult stage =
        new StageResult(
            STAGE,
            counts.size(),
            rows.size(),
            0,
            (System.nanoTime() - start) / 1e9,
            sourceVersions,
            Map.of(Tables.SCORECARD, version));
    return new Outcome(stage, scorecards, rows.size());
  }

  /**
   * Sums gold/partner_daily over the period per partner; the program is the one of its last day.
   */
  static List<PeriodCounts> periodCounts(Dataset<Row> daily, Period period) {
    List<Column> sums = new ArrayList<>();
    sums.add(
        max_by(col(PartnerDailyColumns.PROGRAM_ID), col(PartnerDailyColumns.DAY))
            .as(PartnerDailyColumns.PROGRAM_ID));
    for (String measure : PartnerDailyColumns.MEASURES) {
      sums.add(sum(col(measure)).cast("double").as(measure));
    }
    return daily
        .filter(
            col(PartnerDailyColumns.DAY)
                .geq(lit(Date.valueOf(period.start())))
                .and(col(PartnerDailyColumns.DAY).lt(lit(Date.valueOf(period.end())))))
        .groupBy(col(PartnerDailyColumns.PARTNER_ID))
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new))
        .orderBy(PartnerDailyColumns.PARTNER_ID)
        .collectAsList()
        .stream()
        .map(
            r -> {
              Map<String, Double> values = new HashMap<>();
              for (String measure : PartnerDailyColumns.MEASURES) {
                values.put(measure, r.<Double>getAs(measure));
              }
              return new PeriodCounts(
                  r.getAs(PartnerDailyColumns.PARTNER_ID),
                  r.getAs(PartnerDailyColumns.PROGRAM_ID),
                  values);
            })
        .toList();
  }

  /** The newest scorecard row of each partner for a period. */
  static Map<String, Row> latestVersions(Warehouse warehouse, Period period) {
    Map<String, Row> latest = new HashMap<>();
    warehouse
        .readIfExists(Tables.SCORECARD)
        .ifPresent(
            table ->
                table
                    .filter(col(ScorecardColumns.PERIOD).equalTo(period.label()))
                    .select(
                        ScorecardColumns.PARTNER_ID,
                        ScorecardColumns.VERSION,
                        ScorecardColumns.FIGURES_HASH)
                    .collectAsList()
                    .forEach(
                        r ->
                            latest.merge(
                                r.getString(0), r, (a, b) -> a.getInt(1) >= b.getInt(1) ? a : b)));
    return latest;
  }

  /** SHA-256 over every figure of a scorecard (not its run id or timestamps). */
  static String figuresHash(Scorecard s) {
    StringBuilder text = new StringBuilder();
    text.append(s.programId())
        .append('|')
        .append(s.tier())
        .append('|')
        .append(figure(s.composite()));
    text.append('|').append(s.cappedBy()).append('|').append(s.payout()).append('|');
    text.append(s.baseIncentive()).append('|').append(figure(s.weightCoverage()));
    for (MetricResult m : s.metrics()) {
      text.append('|').append(m.metricId()).append(':').append(figure(m.value())).append(':');
      text.append(m.n())
          .append(':')
          .append(figure(m.ciLow()))
          .append(':')
          .append(figure(m.ciHigh()));
      text.append(':').append(figure(m.score())).append(':').append(m.sufficient());
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A figure to 10 significant digits: sums of doubles may differ in their last bits between runs
   * (Spark adds partial sums in any order), which must not count as a restatement.
   */
  private static String figure(Double value) {
    return value == null ? "null" : String.format(java.util.Locale.ROOT, "%.10g", value);
  }

  private static Row toRow(
      Scorecard s,
      Period period,
      int version,
      Integer supersedes,
      String figuresHash,
      RunContext ctx,
      Map<String, Long> sourceVersions,
      Timestamp now) {
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
                        m.sufficient()))
            .toList();
    return RowFactory.create(
        s.partnerId(),
        s.programId(),
        period.label(),
        Date.valueOf(period.start()),
        Date.valueOf(period.end()),
        version,
        supersedes,
        metrics,
        s.weightCoverage(),
        s.composite(),
        s.tier(),
        s.cappedBy(),
        s.baseIncentive(),
        s.payout(),
        s.currency(),
        s.explanation(),
        figuresHash,
        ctx.runId(),
        ctx.config().hash(),
        sourceVersions,
        now);
  }
}
