package com.partnercx.score;

import com.partnercx.config.MetricId;
import com.partnercx.config.Partner;
import com.partnercx.schema.Period;
import com.partnercx.stage.RunContext;
import com.partnercx.stage.StageResult;
import com.partnercx.tables.Appeal;
import com.partnercx.tables.AppealsTable;
import com.partnercx.tables.BenchmarkTable;
import com.partnercx.tables.IntegrityFlagsTable;
import com.partnercx.tables.PartnerTable;
import com.partnercx.tables.PeriodCloseTable;
import com.partnercx.tables.PeriodCloseTable.PeriodClose;
import com.partnercx.tables.PeriodCounts;
import com.partnercx.tables.Scorecard;
import com.partnercx.tables.ScorecardExport;
import com.partnercx.tables.ScorecardTable;
import com.partnercx.tables.StoredScorecard;
import com.partnercx.tables.Tables;
import com.partnercx.warehouse.Warehouse;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * gold/partner_daily -> gold/scorecard and gold/benchmark for a period: rolls the period up per
 * partner ({@link PeriodRollup}), scores every partner ({@link PeriodScoring}), writes a new
 * version only for partners whose figures changed ({@link ScorecardVersioning}), and refreshes the
 * period's Parquet export.
 */
public final class ScorecardJob {
  public static final String STAGE = "score";
  private static final Logger LOG = LoggerFactory.getLogger(ScorecardJob.class);

  private ScorecardJob() {}

  /**
   * What a score run did.
   *
   * @param stage the stage's figures
   * @param scorecards every partner's scorecard for the period, as computed
   * @param newVersions how many partners got a new scorecard version
   */
  public record Outcome(
      StageResult stage,
      List<Scorecard> scorecards,
      int newVersions,
      Map<String, Map<MetricId, Shrinkage>> priors) {}

  /**
   * Scores a period from gold/partner_daily. {@code upstreamVersions} are the silver versions that
   * partner_daily was just computed from; each scorecard row records them with partner_daily's.
   */
  public static Outcome run(
      RunContext ctx, Period period, Map<String, Long> upstreamVersions, boolean gateOverridden) {
    long start = System.nanoTime();
    Warehouse warehouse = ctx.warehouse();
    warehouse.spark().sparkContext().setJobGroup(STAGE, "scorecards " + period.label(), false);
    long dailyVersion = warehouse.version(Tables.PARTNER_DAILY);
    if (dailyVersion < 0) {
      LOG.warn(
          "{} does not exist yet; nothing to score for {}", Tables.PARTNER_DAILY, period.label());
      return new Outcome(
          new StageResult(STAGE, 0, 0, 0, 0, Map.of(), Map.of()), List.of(), 0, Map.of());
    }
    Map<String, Long> sourceVersions = new TreeMap<>(upstreamVersions);
    sourceVersions.put(Tables.PARTNER_DAILY, dailyVersion);
    Optional<PeriodClose> close = PeriodCloseTable.find(warehouse, period.label());
    Long partnerVersion = sourceVersions.get(Tables.PARTNER);
    Map<String, Partner> partners =
        partnerVersion == null
            ? PartnerTable.forPeriod(warehouse, period.start(), period.end(), sourceVersions)
            : PartnerTable.forPeriod(warehouse, partnerVersion, period.start(), period.end());
    Dataset<Row> daily = warehouse.readVersion(Tables.PARTNER_DAILY, dailyVersion);
    List<PeriodCounts> counts = PeriodRollup.sums(daily, period);
    // Accepted appeals of the period take their records out (an exclusion per appealed metric,
    // even one that removes nothing); their version is an input then.
    long appealsVersion = warehouse.version(Tables.APPEALS);
    List<Appeal> appeals =
        appealsVersion < 0 ? List.of() : AppealsTable.at(warehouse, appealsVersion);
    Map<String, Map<MetricId, AppealExclusions.Exclusion>> exclusions =
        AppealExclusions.of(warehouse, ctx.config(), period, appeals, sourceVersions);
    if (!exclusions.isEmpty()) {
      sourceVersions.put(Tables.APPEALS, appealsVersion);
    }
    Map<String, Map<MetricId, Shrinkage>> frozen =
        close.map(ScorecardJob::frozenPriors).orElse(null);
    IntegrityChecks.Scored scored =
        IntegrityChecks.score(
            ctx.config(),
            period,
            counts,
            flagged ->
                PeriodScoring.compute(
                    ctx.config(),
                    period,
                    counts,
                    partners,
                    frozen,
                    gateOverridden,
                    exclusions,
                    flagged),
            () -> IntegrityChecks.measure(warehouse, ctx.config(), period, sourceVersions),
            () -> PeriodRollup.sums(daily, period.previous()));
    LOG.info(
        "{}: {} survey-integrity flags in {} s",
        period.label(),
        scored.flags().size(),
        String.format(java.util.Locale.ROOT, "%.1f", scored.seconds()));
    PeriodScoring.Computed computed = scored.computed();
    List<Scorecard> scorecards = computed.scorecards();

    Instant now = Instant.now();
    Map<String, StoredScorecard> latest = ScorecardTable.latestVersions(warehouse, period.label());
    List<StoredScorecard> versions =
        ScorecardVersioning.newVersions(
            scorecards,
            latest,
            period,
            ctx.runId(),
            ctx.config().hash(),
            sourceVersions,
            now,
            newlyApplied(warehouse, exclusions, latest));
    Map<String, Long> written = new TreeMap<>();
    long version = warehouse.version(Tables.SCORECARD);
    if (!versions.isEmpty()) {
      version = ScorecardTable.append(warehouse, versions);
    }
    written.put(Tables.SCORECARD, version);
    if (close.isEmpty()) {
      written.put(
          Tables.BENCHMARK,
          BenchmarkTable.replacePeriod(
              warehouse,
              period.label(),
              computed.benchmarks(),
              ctx.runId(),
              ctx.config().hash(),
              now));
    } else {
      LOG.info(
          "{} was closed at {}: scored against the frozen priors, peer figures unchanged",
          period.label(),
          close.get().closedAt());
    }
    written.put(
        Tables.INTEGRITY_FLAGS,
        IntegrityFlagsTable.replacePeriod(
            warehouse, period.label(), scored.flags(), ctx.runId(), ctx.config().hash(), now));
    if (!scorecards.isEmpty()) {
      ScorecardExport.write(
          warehouse, ctx.config(), period.label(), afterWrite(latest, versions), partners);
    }
    LOG.info(
        "{}: {} scorecards, {} new versions ({} unchanged)",
        period.label(),
        scorecards.size(),
        versions.size(),
        scorecards.size() - versions.size());
    StageResult stage =
        new StageResult(
            STAGE,
            counts.size(),
            versions.size(),
            0,
            (System.nanoTime() - start) / 1e9,
            sourceVersions,
            written);
    return new Outcome(stage, scorecards, versions.size(), computed.priors());
  }

  /**
   * partner -> the accepted appeals its scorecard now reflects and its latest stored version did
   * not (that version read the appeals as they stood at the ops/appeals version it recorded).
   */
  private static Map<String, List<Appeal>> newlyApplied(
      Warehouse warehouse,
      Map<String, Map<MetricId, AppealExclusions.Exclusion>> exclusions,
      Map<String, StoredScorecard> latest) {
    Map<String, List<Appeal>> out = new HashMap<>();
    Map<Long, List<Appeal>> appealsAt = new HashMap<>();
    exclusions.forEach(
        (partnerId, byMetric) -> {
          StoredScorecard before = latest.get(partnerId);
          Long version = before == null ? null : before.sourceVersions().get(Tables.APPEALS);
          java.util.Set<String> appliedBefore =
              version == null
                  ? java.util.Set.of()
                  : appealsAt.computeIfAbsent(version, v -> AppealsTable.at(warehouse, v)).stream()
                      .filter(a -> a.accepted() && a.partnerId().equals(partnerId))
                      .map(Appeal::id)
                      .collect(java.util.stream.Collectors.toSet());
          List<Appeal> fresh =
              byMetric.values().stream()
                  .flatMap(e -> e.appeals().stream())
                  .filter(a -> !appliedBefore.contains(a.id()))
                  .toList();
          if (!fresh.isEmpty()) {
            out.put(partnerId, fresh);
          }
        });
    return out;
  }

  /** The latest version of each partner once {@code written} is stored: no second read. */
  private static Map<String, StoredScorecard> afterWrite(
      Map<String, StoredScorecard> before, List<StoredScorecard> written) {
    Map<String, StoredScorecard> after = new HashMap<>(before);
    written.forEach(s -> after.put(s.scorecard().partnerId(), s));
    return after;
  }

  /**
   * What a close of the period records: the priors of the score run that preceded it and the
   * versions of the scorecards and peer figures it froze.
   */
  public static PeriodClose closing(
      RunContext ctx, Period period, Outcome scored, Instant closedAt) {
    Map<String, Double> means = new TreeMap<>();
    Map<String, Double> strengths = new TreeMap<>();
    scored
        .priors()
        .forEach(
            (program, priors) ->
                priors.forEach(
                    (metric, prior) -> {
                      String key = PeriodCloseTable.priorKey(program, metric.id());
                      means.put(key, prior.mean());
                      strengths.put(key, prior.strength());
                    }));
    Warehouse warehouse = ctx.warehouse();
    return new PeriodClose(
        period.label(),
        closedAt,
        ctx.runId(),
        ctx.config().hash(),
        warehouse.version(Tables.SCORECARD),
        warehouse.version(Tables.BENCHMARK),
        means,
        strengths);
  }

  /** The priors a close froze, by program and metric. */
  static Map<String, Map<MetricId, Shrinkage>> frozenPriors(PeriodClose close) {
    Map<String, Map<MetricId, Shrinkage>> out = new HashMap<>();
    close
        .priorMeans()
        .forEach(
            (key, mean) -> {
              int slash = key.lastIndexOf('/');
              MetricId metric = MetricId.byId(key.substring(slash + 1)).orElseThrow();
              out.computeIfAbsent(key.substring(0, slash), k -> new EnumMap<>(MetricId.class))
                  .put(metric, new Shrinkage(mean, close.priorStrengths().get(key)));
            });
    return out;
  }
}
