package com.partnercx.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.sum;

import com.partnercx.config.MetricId;
import com.partnercx.config.MetricSpec;
import com.partnercx.config.Partner;
import com.partnercx.config.PcxConfig;
import com.partnercx.config.Program;
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
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
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
          .add(ScorecardColumns.METRIC_SUFFICIENT, DataTypes.BooleanType, false)
          .add(ScorecardColumns.METRIC_ADJUSTED, DataTypes.DoubleType, true)
          .add(ScorecardColumns.METRIC_PREVIOUS, DataTypes.DoubleType, true)
          .add(ScorecardColumns.METRIC_CHANGE, DataTypes.DoubleType, true)
          .add(ScorecardColumns.METRIC_SIGNIFICANT, DataTypes.BooleanType, true)
          .add(ScorecardColumns.METRIC_PERCENTILE_RANK, DataTypes.DoubleType, true);

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
          .add(ScorecardColumns.SCORED_AT, DataTypes.TimestampType, false)
          .add(ScorecardColumns.PREVIOUS_COMPOSITE, DataTypes.DoubleType, true)
          .add(ScorecardColumns.COMPOSITE_PERCENTILE_RANK, DataTypes.DoubleType, true)
          .add(ScorecardColumns.GATE_OVERRIDDEN, DataTypes.BooleanType, false);

  static final StructType BENCHMARK_SCHEMA =
      new StructType()
          .add(ScorecardColumns.PROGRAM_ID, DataTypes.StringType, false)
          .add(ScorecardColumns.PERIOD, DataTypes.StringType, false)
          .add(ScorecardColumns.METRIC_ID, DataTypes.StringType, false)
          .add("partners", DataTypes.IntegerType, false)
          .add("suppressed", DataTypes.BooleanType, false)
          .add("p25", DataTypes.DoubleType, true)
          .add("median", DataTypes.DoubleType, true)
          .add("p75", DataTypes.DoubleType, true)
          .add(ScorecardColumns.RUN_ID, DataTypes.StringType, false)
          .add(ScorecardColumns.CONFIG_HASH, DataTypes.StringType, false)
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
  public static Outcome run(
      RunContext ctx, Period period, Map<String, Long> upstreamVersions, boolean gateOverridden) {
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
    Dataset<Row> daily = warehouse.readVersion(Tables.PARTNER_DAILY, dailyVersion);
    List<PeriodCounts> counts = periodCounts(daily, period);
    List<PeriodCounts> previousCounts = periodCounts(daily, period.previous());
    Computed computed = compute(config, period, counts, previousCounts, gateOverridden);
    List<Scorecard> scorecards = computed.scorecards();

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
    Map<String, Long> written = new TreeMap<>();
    long version = warehouse.version(Tables.SCORECARD);
    if (!rows.isEmpty()) {
      version = warehouse.append(Tables.SCORECARD, warehouse.spark().createDataFrame(rows, SCHEMA));
    }
    written.put(Tables.SCORECARD, version);
    written.put(
        Tables.BENCHMARK,
        warehouse.replaceWhere(
            Tables.BENCHMARK,
            warehouse
                .spark()
                .createDataFrame(
                    computed.benchmarks().stream()
                        .map(b -> benchmarkRow(b, period, ctx, now))
                        .toList(),
                    BENCHMARK_SCHEMA),
            ScorecardColumns.PERIOD + " = '" + period.label() + "'"));
    if (version >= 0) {
      warehouse.exportParquet(
          Tables.scorecardExport(period.label()), exportRows(warehouse, period, version));
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
            written);
    return new Outcome(stage, scorecards, rows.size());
  }

  /**
   * Every partner's scorecards and the benchmark rows of a period.
   *
   * @param scorecards in partner order, with shrinkage, trend and percentile ranks
   * @param benchmarks per program: each metric, then the composite
   */
  record Computed(List<Scorecard> scorecards, List<PeerBenchmark.Stats> benchmarks) {}

  /**
   * The period's scorecards from partner counts: shrinkage priors fitted per program, each partner
   * scored, the previous period's values and significance attached, then peer ranks. Pure Java, so
   * the same counts always give the same scorecards ({@code pcx reproduce} relies on it).
   */
  static Computed compute(
      PcxConfig config,
      Period period,
      List<PeriodCounts> counts,
      List<PeriodCounts> previousCounts,
      boolean gateOverridden) {
    Map<String, PeriodCounts> before = new HashMap<>();
    previousCounts.forEach(c -> before.put(c.partnerId(), c));
    List<Scorecard> all = new ArrayList<>();
    List<PeerBenchmark.Stats> benchmarks = new ArrayList<>();
    for (Program program : config.programs().values()) {
      List<PeriodCounts> mine =
          counts.stream().filter(c -> c.programId().equals(program.id())).toList();
      if (mine.isEmpty()) {
        continue;
      }
      Map<MetricId, Shrinkage> priors = priors(program, mine);
      Map<MetricId, Shrinkage> previousPriors =
          priors(
              program,
              mine.stream().map(c -> before.get(c.partnerId())).filter(Objects::nonNull).toList());
      List<Scorecard> cards = new ArrayList<>();
      for (PeriodCounts c : mine) {
        Partner partner = partnerFor(config, c.partnerId(), period);
        Scorecard card = ScorecardCalculator.score(program, partner, period, c, priors);
        PeriodCounts earlier = before.get(c.partnerId());
        Double previousComposite = null;
        if (earlier != null) {
          Scorecard previousCard =
              ScorecardCalculator.score(
                  program, partner, period.previous(), earlier, previousPriors);
          previousComposite = previousCard.composite();
          List<MetricResult> trended = new ArrayList<>();
          for (int i = 0; i < card.metrics().size(); i++) {
            MetricResult now = card.metrics().get(i);
            MetricId id = MetricId.byId(now.metricId()).orElseThrow();
            trended.add(
                now.withTrend(
                    previousCard.metrics().get(i).value(),
                    ScorecardCalculator.significantChange(id, c, earlier)));
          }
          card = card.withMetrics(trended);
        }
        cards.add(card.withContext(previousComposite, null, gateOverridden));
      }
      PeerBenchmark.Result ranked = PeerBenchmark.of(program, cards);
      all.addAll(ranked.scorecards());
      benchmarks.addAll(ranked.stats());
    }
    all.sort(Comparator.comparing(Scorecard::partnerId));
    return new Computed(all, benchmarks);
  }

  /** Shrinkage priors of the program's rate metrics, when the program enables shrinkage. */
  static Map<MetricId, Shrinkage> priors(Program program, List<PeriodCounts> counts) {
    Map<MetricId, Shrinkage> priors = new EnumMap<>(MetricId.class);
    if (!program.shrinkage()) {
      return priors;
    }
    for (MetricSpec spec : program.metrics()) {
      if (!ScorecardCalculator.isRate(spec.metric())) {
        continue;
      }
      Shrinkage prior =
          Shrinkage.fit(
              counts.stream().map(c -> ScorecardCalculator.rateCounts(spec.metric(), c)).toList());
      if (prior != null) {
        priors.put(spec.metric(), prior);
      }
    }
    return priors;
  }

  /** The partner's master data at the end of the period, or its latest version. */
  private static Partner partnerFor(PcxConfig config, String partnerId, Period period) {
    return config
        .partnerOn(partnerId, period.end().minusDays(1))
        .or(() -> config.latestPartner(partnerId))
        .orElseThrow();
  }

  /** The latest version of each partner's scorecard, one row per metric, for BI tools. */
  static Dataset<Row> exportRows(Warehouse warehouse, Period period, long version) {
    Dataset<Row> cards =
        warehouse
            .readVersion(Tables.SCORECARD, version)
            .filter(col(ScorecardColumns.PERIOD).equalTo(period.label()));
    String latest = "_latest_version";
    return cards
        .withColumn(
            latest,
            functions
                .max(ScorecardColumns.VERSION)
                .over(Window.partitionBy(ScorecardColumns.PARTNER_ID)))
        .filter(col(ScorecardColumns.VERSION).equalTo(col(latest)))
        .withColumn("metric", functions.explode(col(ScorecardColumns.METRICS)))
        .drop(
            latest,
            ScorecardColumns.METRICS,
            ScorecardColumns.EXPLANATION,
            ScorecardColumns.SOURCE_VERSIONS)
        .select(col("*"), col("metric.*"))
        .drop("metric");
  }

  private static Row benchmarkRow(
      PeerBenchmark.Stats b, Period period, RunContext ctx, Timestamp now) {
    return RowFactory.create(
        b.programId(),
        period.label(),
        b.metricId(),
        b.partners(),
        b.suppressed(),
        b.p25(),
        b.median(),
        b.p75(),
        ctx.runId(),
        ctx.config().hash(),
        now);
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
      text.append(':').append(figure(m.adjusted())).append(':').append(figure(m.previous()));
      text.append(':').append(m.significant()).append(':').append(figure(m.percentileRank()));
    }
    text.append('|').append(figure(s.previousComposite()));
    text.append('|').append(figure(s.compositePercentileRank()));
    text.append('|').append(s.gateOverridden());
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
                        m.sufficient(),
                        m.adjusted(),
                        m.previous(),
                        m.change(),
                        m.significant(),
                        m.percentileRank()))
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
        now,
        s.previousComposite(),
        s.compositePercentileRank(),
        s.gateOverridden());
  }
}
