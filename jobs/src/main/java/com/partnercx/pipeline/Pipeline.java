package com.partnercx.pipeline;

import com.partnercx.config.PcxConfig;
import com.partnercx.conform.ConformJob;
import com.partnercx.conform.PartnerMasterJob;
import com.partnercx.errors.PcxErrors;
import com.partnercx.ingest.IngestJob;
import com.partnercx.publish.ReportJob;
import com.partnercx.quality.DataQualityJob;
import com.partnercx.schema.Period;
import com.partnercx.score.Appeals;
import com.partnercx.score.PartnerDailyJob;
import com.partnercx.score.ScorecardJob;
import com.partnercx.spark.SparkSessions;
import com.partnercx.stage.RunContext;
import com.partnercx.stage.StageResult;
import com.partnercx.tables.Appeal;
import com.partnercx.tables.AppealsTable;
import com.partnercx.tables.Deliveries;
import com.partnercx.tables.FeedDayQuality;
import com.partnercx.tables.PartnerDailyTable;
import com.partnercx.tables.PeriodCloseTable;
import com.partnercx.tables.PeriodCloseTable.PeriodClose;
import com.partnercx.tables.RunsTable;
import com.partnercx.tables.SilverTable;
import com.partnercx.tables.Tables;
import com.partnercx.warehouse.LandingZone;
import com.partnercx.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the stages for the CLI and the Airflow tasks: one SparkSession, one run id, one ops/runs row
 * per stage, and a log line per stage through {@code progress}.
 */
public final class Pipeline implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Pipeline.class);
  private final SparkSession spark;
  private final RunContext ctx;
  private final Consumer<String> progress;
  private final boolean ownsSession;
  private Deliveries logRead;
  private List<LocalDate> sizedDays;

  private Pipeline(
      SparkSession spark, RunContext ctx, Consumer<String> progress, boolean ownsSession) {
    this.spark = spark;
    this.ctx = ctx;
    this.progress = progress;
    this.ownsSession = ownsSession;
  }

  public static Pipeline open(
      PcxConfig config,
      String landing,
      String warehouse,
      String master,
      Map<String, String> sparkConf,
      Consumer<String> progress) {
    return open(config, landing, warehouse, master, sparkConf, null, progress);
  }

  /** A pipeline on its own session, its rows recorded under {@code runId} (null: a new id). */
  public static Pipeline open(
      PcxConfig config,
      String landing,
      String warehouse,
      String master,
      Map<String, String> sparkConf,
      String runId,
      Consumer<String> progress) {
    SparkSession spark = SparkSessions.create("partner-cx", master, sparkConf);
    return new Pipeline(
        spark,
        RunContext.start(config, new Warehouse(spark, warehouse), landing, runId),
        progress,
        true);
  }

  /** A pipeline on a session the caller owns (and stops). */
  public static Pipeline on(
      SparkSession spark,
      PcxConfig config,
      String landing,
      String warehouse,
      Consumer<String> progress) {
    return new Pipeline(
        spark, RunContext.start(config, new Warehouse(spark, warehouse), landing), progress, false);
  }

  public RunContext context() {
    return ctx;
  }

  /** landing -> bronze for the files delivered on these dates. */
  public StageResult ingest(List<LocalDate> days) {
    return ingest(days, Set.of());
  }

  /** landing -> bronze for some feeds only (empty: all), e.g. to re-run one feed's delivery. */
  public StageResult ingest(List<LocalDate> days, Set<String> feeds) {
    return ingest(days, feeds, false);
  }

  /**
   * {@link #ingest(List, Set)}; with {@code retryRejected}, files rejected before are read again,
   * e.g. once their feed's configuration is fixed.
   */
  public StageResult ingest(List<LocalDate> days, Set<String> feeds, boolean retryRejected) {
    Map<String, String> params = new TreeMap<>(dateParams(days));
    if (!feeds.isEmpty()) {
      params.put("feeds", String.join(",", new TreeSet<>(feeds)));
    }
    if (retryRejected) {
      params.put("retry_rejected", "true");
    }
    sizeFor(days);
    return record(IngestJob.run(ctx, days, feeds, retryRejected), params);
  }

  /** bronze -> silver for the rows delivered on these dates. */
  public StageResult conform(List<LocalDate> days) {
    sizeFor(days);
    record(PartnerMasterJob.run(ctx), Map.of());
    return record(ConformJob.run(ctx, days, delivered(days).feedsWithRows()), dateParams(days));
  }

  /** The ingest log of these delivery dates, read once while no stage writes to the log. */
  private Deliveries delivered(List<LocalDate> days) {
    long version = ctx.warehouse().version(Tables.INGEST_LOG);
    if (logRead == null || logRead.logVersion() != version || !logRead.days().equals(days)) {
      logRead = Deliveries.read(ctx.warehouse(), days);
    }
    return logRead;
  }

  /**
   * Sizes the session's evaluation for the work on these delivery dates: a small delivery's plans
   * are interpreted rather than compiled (see {@link SparkSessions#generateCodeFor}).
   */
  private void sizeFor(List<LocalDate> days) {
    if (days.equals(sizedDays)) {
      return;
    }
    sizedDays = List.copyOf(days);
    long bytes;
    try {
      bytes =
          new LandingZone(ctx.landingRoot(), spark.sparkContext().hadoopConfiguration())
              .bytesDelivered(ctx.config().feeds().keySet(), days);
    } catch (com.partnercx.errors.PcxException e) {
      // A stage that does not read the landing zone (dq, score-daily) must not fail on it.
      LOG.warn("cannot size the deliveries ({}); plans are compiled", e.getMessage());
      SparkSessions.generateCodeFor(spark, Long.MAX_VALUE);
      return;
    }
    LOG.info(
        "{} MiB delivered on {} date(s): plans are {}",
        String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0)),
        days.size(),
        SparkSessions.generateCodeFor(spark, bytes)
            .map(generated -> generated ? "compiled to generated code" : "interpreted")
            .orElse("evaluated as the operator's spark.sql.codegen settings say"));
  }

  /**
   * Recomputes gold/partner_daily for the event days that these deliveries touched, and for the
   * delivery dates themselves (where feed_timeliness counts each scheduled delivery).
   */
  public StageResult scoreDaily(List<LocalDate> deliveries) {
    return scoreDaily(deliveries, List.of());
  }

  /**
   * {@link #scoreDaily(List)}, leaving out the {@code held} delivery dates (failed by the quality
   * gate) and every day they carry rows of: those days wait until their data passes.
   */
  private StageResult scoreDaily(List<LocalDate> deliveries, List<LocalDate> held) {
    sizeFor(deliveries);
    TreeSet<LocalDate> touched =
        withZoneNeighbours(
            SilverTable.daysDelivered(
                ctx.warehouse(), deliveries, delivered(deliveries).entitiesWithRows(ctx.config())));
    if (ctx.warehouse().exists(Tables.DQ_RESULTS)) {
      touched.addAll(deliveries);
    }
    if (!held.isEmpty()) {
      touched.removeAll(held);
      touched.removeAll(
          withZoneNeighbours(
              SilverTable.daysDelivered(
                  ctx.warehouse(), held, delivered(held).entitiesWithRows(ctx.config()))));
    }
    List<LocalDate> days = List.copyOf(touched);
    if (days.isEmpty()) {
      return record(
          new StageResult(PartnerDailyJob.STAGE, 0, 0, 0, 0, Map.of(), Map.of()),
          dateParams(deliveries));
    }
    Map<String, String> params = new TreeMap<>(dateParams(deliveries));
    params.put("days", days.get(0) + ".." + days.get(days.size() - 1) + " (" + days.size() + ")");
    return record(PartnerDailyJob.run(ctx, days), params);
  }

  /**
   * The days as given, and, when a program keeps another time zone than UTC, the day before and
   * after each: a row of a UTC day may belong to either neighbour in the program's zone.
   */
  private TreeSet<LocalDate> withZoneNeighbours(List<LocalDate> utcDays) {
    TreeSet<LocalDate> days = new TreeSet<>(utcDays);
    boolean zoned =
        ctx.config().programs().values().stream()
            .anyMatch(p -> !p.timeZone().normalized().equals(java.time.ZoneOffset.UTC));
    if (zoned) {
      utcDays.forEach(d -> days.addAll(List.of(d.minusDays(1), d.plusDays(1))));
    }
    return days;
  }

  /**
   * The daily score of delivery dates checked by the quality gate before (by {@link #nightly} or
   * {@link #checkQuality}); dates never checked are checked now. Dates that failed the gate are
   * held back and returned, not scored.
   */
  public Nightly scoreDailyIfPassed(List<LocalDate> days) {
    List<FeedDayQuality> stored = DataQualityJob.read(ctx.warehouse(), days);
    Set<LocalDate> checked =
        stored.stream().map(FeedDayQuality::deliveryDate).collect(Collectors.toSet());
    List<LocalDate> unchecked = days.stream().filter(d -> !checked.contains(d)).toList();
    List<FeedDayQuality> results = new ArrayList<>(stored);
    List<StageResult> stages = new ArrayList<>();
    if (!unchecked.isEmpty()) {
      DataQualityJob.Outcome fresh = checkQuality(unchecked);
      stages.add(fresh.stage());
      results.addAll(fresh.results());
    }
    return scorePassed(days, results, stages);
  }

  /** Data-quality figures and the quality gate for these delivery dates, into ops/dq_results. */
  public DataQualityJob.Outcome checkQuality(List<LocalDate> days) {
    sizeFor(days);
    DataQualityJob.Outcome outcome = DataQualityJob.run(ctx, delivered(days));
    record(outcome.stage(), dateParams(days));
    return outcome;
  }

  /**
   * What a nightly run did.
   *
   * @param stages the stages that ran, in order
   * @param quality the data-quality figures of the dates, one per feed and date
   * @param held delivery dates whose daily score waits because a feed failed the gate
   */
  public record Nightly(
      List<StageResult> stages, List<FeedDayQuality> quality, List<LocalDate> held) {}

  /**
   * ingest -> conform -> quality gate -> daily score for one delivery date, or a batch of them. A
   * date on which some feed fails the gate is not scored: its figures wait for a fix.
   */
  public Nightly nightly(List<LocalDate> days) {
    // Refuses before ingest writes anything when conform could not protect customer data.
    ConformJob.requireSalt();
    List<StageResult> stages = new ArrayList<>(List.of(ingest(days), conform(days)));
    DataQualityJob.Outcome quality = checkQuality(days);
    stages.add(quality.stage());
    return scorePassed(days, quality.results(), stages);
  }

  private Nightly scorePassed(
      List<LocalDate> days, List<FeedDayQuality> quality, List<StageResult> stages) {
    Set<LocalDate> failed =
        quality.stream()
            .filter(q -> !q.gatePassed())
            .map(FeedDayQuality::deliveryDate)
            .collect(Collectors.toSet());
    List<LocalDate> passed = days.stream().filter(d -> !failed.contains(d)).toList();
    List<LocalDate> held = days.stream().filter(failed::contains).toList();
    if (!held.isEmpty()) {
      progress.accept(
          String.format(
              java.util.Locale.ROOT,
              "%-12s held back by the quality gate for %d delivery date(s): %s",
              PartnerDailyJob.STAGE,
              held.size(),
              held));
    }
    if (!passed.isEmpty()) {
      // Every delivery that ever failed the gate, not only today's, keeps its days waiting.
      List<LocalDate> failedBefore =
          DataQualityJob.failures(ctx.warehouse()).stream()
              .map(FeedDayQuality::deliveryDate)
              .distinct()
              .toList();
      stages.add(scoreDaily(passed, failedBefore));
    }
    return new Nightly(List.copyOf(stages), quality, held);
  }

  private static Map<String, String> dateParams(List<LocalDate> days) {
    return days.size() == 1
        ? Map.of("date", days.get(0).toString())
        : Map.of(
            "dates", days.get(0) + ".." + days.get(days.size() - 1) + " (" + days.size() + ")");
  }

  /** {@link #score(Period, boolean)} that waits for a failed quality gate. */
  public ScorecardJob.Outcome score(Period period) {
    return score(period, false);
  }

  /**
   * Rebuilds partner_daily over the period, then writes the period's scorecards. Refuses, with
   * {@link com.partnercx.errors.ErrorCode#QUALITY_GATE_HELD}, while a feed-day that failed the
   * quality gate delivered rows of the period, unless {@code allowFailedGate}.
   */
  public ScorecardJob.Outcome score(Period period, boolean allowFailedGate) {
    return score(period, allowFailedGate, false);
  }

  /**
   * {@link #score(Period, boolean)}; a closed period is scored only under the configuration it was
   * closed with, unless {@code allowConfigChange}: new rules would restate every partner.
   */
  public ScorecardJob.Outcome score(
      Period period, boolean allowFailedGate, boolean allowConfigChange) {
    Optional<PeriodClose> closed = PeriodCloseTable.find(ctx.warehouse(), period.label());
    if (closed.isPresent()
        && !allowConfigChange
        && !closed.get().configHash().equals(ctx.config().hash())) {
      throw PcxErrors.closedUnderOtherConfig(
          period.label(), closed.get().configHash(), ctx.config().hash());
    }
    List<FeedDayQuality> failures = gateFailuresTouching(period);
    if (!failures.isEmpty()) {
      if (!allowFailedGate) {
        throw PcxErrors.qualityGateHeld(
            period.label(),
            failures.stream().map(FeedDayQuality::gateSentence).toList(),
            failures.get(0).deliveryDate(),
            failures.get(0).feedId());
      }
      progress.accept(
          "warning: scoring "
              + period.label()
              + " although "
              + failures.size()
              + " feed-day(s) failed the quality gate (--allow-failed-gate)");
    }
    // partners.csv as it is now, so the period is scored on the master data it says.
    record(PartnerMasterJob.run(ctx), Map.of());
    StageResult daily = dailyFor(period);
    ScorecardJob.Outcome outcome =
        ScorecardJob.run(ctx, period, daily.versionsRead(), !failures.isEmpty());
    if (outcome.scorecards().isEmpty()) {
      throw PcxErrors.noDataForPeriod(period.label(), ctx.warehouse().root());
    }
    record(
        outcome.stage(),
        failures.isEmpty()
            ? Map.of("period", period.label())
            : Map.of("period", period.label(), "allow_failed_gate", "true"));
    return outcome;
  }

  /**
   * gold/partner_daily over the period: recomputed, unless its latest write recomputed every day of
   * the period from the inputs as they are now (see {@link PartnerDailyJob#currentInputs}).
   */
  private StageResult dailyFor(Period period) {
    long start = System.nanoTime();
    Optional<Map<String, Long>> current =
        PartnerDailyJob.currentInputs(ctx, period.start(), period.end());
    if (current.isEmpty()) {
      return record(
          PartnerDailyJob.run(ctx, period.start(), period.end()), Map.of("period", period.label()));
    }
    long version = ctx.warehouse().version(Tables.PARTNER_DAILY);
    progress.accept(
        String.format(
            java.util.Locale.ROOT,
            "%-12s %s: %s version %d holds every day of the period computed from the inputs"
                + " as they are now; not recomputed",
            PartnerDailyJob.STAGE,
            period.label(),
            Tables.PARTNER_DAILY,
            version));
    return record(
        new StageResult(
            PartnerDailyJob.STAGE,
            0,
            0,
            0,
            (System.nanoTime() - start) / 1e9,
            current.get(),
            Map.of()),
        Map.of("period", period.label(), "current_as_of", String.valueOf(version)));
  }

  /**
   * Scores the period one last time and closes it: its shrinkage priors and peer figures are frozen
   * in ops/period_close. A period closed already is scored again against what was frozen (restating
   * only partners whose own inputs changed) and stays closed as it was.
   */
  public ScorecardJob.Outcome close(
      Period period, boolean allowFailedGate, boolean allowConfigChange) {
    Optional<PeriodClose> closed = PeriodCloseTable.find(ctx.warehouse(), period.label());
    if (closed.isPresent()) {
      progress.accept(
          period.label()
              + " was closed at "
              + closed.get().closedAt()
              + " (run "
              + closed.get().runId()
              + "): scoring it against the figures frozen then");
      return score(period, allowFailedGate, allowConfigChange);
    }
    ScorecardJob.Outcome scored = score(period, allowFailedGate);
    if (scored.scorecards().isEmpty()) {
      throw PcxErrors.noScorecards(period.label(), ctx.warehouse().root());
    }
    PeriodClose close = ScorecardJob.closing(ctx, period, scored, java.time.Instant.now());
    long version = PeriodCloseTable.append(ctx.warehouse(), close);
    record(
        new StageResult(
            "close",
            scored.scorecards().size(),
            1,
            0,
            0,
            Map.of(
                Tables.SCORECARD, close.scorecardVersion(),
                Tables.BENCHMARK, close.benchmarkVersion()),
            Map.of(Tables.PERIOD_CLOSE, version)),
        Map.of("period", period.label()));
    return scored;
  }

  /**
   * Failed feed-days whose deliveries carry rows of the period. Rows of a rejected file have no
   * readable dates: they are taken to be of the delivery date and the day before, the data a
   * nightly delivery carries.
   */
  public List<FeedDayQuality> gateFailuresTouching(Period period) {
    List<FeedDayQuality> failures = DataQualityJob.failures(ctx.warehouse());
    if (failures.isEmpty()) {
      return List.of();
    }
    List<LocalDate> failedDates =
        failures.stream().map(FeedDayQuality::deliveryDate).distinct().sorted().toList();
    Map<LocalDate, Set<LocalDate>> touched =
        SilverTable.daysByDelivery(
            ctx.warehouse(), failedDates, delivered(failedDates).entitiesWithRows(ctx.config()));
    return failures.stream()
        .filter(
            f -> {
              Set<LocalDate> days =
                  new java.util.TreeSet<>(touched.getOrDefault(f.deliveryDate(), Set.of()));
              if (f.rowsRefused() > 0) {
                days.add(f.deliveryDate());
                days.add(f.deliveryDate().minusDays(1));
              }
              return withZoneNeighbours(List.copyOf(days)).stream().anyMatch(period::contains);
            })
        .toList();
  }

  /** Every appeal as it stands now, in the order filed. */
  public List<Appeal> appeals() {
    return AppealsTable.all(ctx.warehouse());
  }

  /** Files an appeal by the program's rules (see {@link Appeals}); returns it with its id. */
  public Appeal fileAppeal(Appeals.Request request) {
    long start = System.nanoTime();
    Appeal appeal = Appeals.file(ctx.warehouse(), ctx.config(), request, java.time.Instant.now());
    recordAppeal(appeal, "filed", start);
    return appeal;
  }

  /** The ops/runs row of a change of an appeal. */
  private void recordAppeal(Appeal appeal, String change, long startNanos) {
    record(
        new StageResult(
            "appeal",
            0,
            1,
            0,
            (System.nanoTime() - startNanos) / 1e9,
            Map.of(),
            Map.of(Tables.APPEALS, ctx.warehouse().version(Tables.APPEALS))),
        Map.of("appeal", appeal.id(), "change", change, "partner", appeal.partnerId()));
  }

  /**
   * An appeal as decided, and for an accepted one the score run that restated its period.
   *
   * @param appeal the appeal with its decision
   * @param rescored the period's score run after an acceptance; null for a rejection
   */
  public record AppealDecision(Appeal appeal, ScorecardJob.Outcome rescored) {}

  /**
   * Records the decision on an appeal. An accepted appeal's period is scored again at once, so its
   * records leave the metric and the partner's scorecard is restated; the decision stands even if
   * that score run is held back (the next score or close of the period applies it).
   */
  public AppealDecision decideAppeal(String id, boolean accept, String by, String note) {
    return decideAppeal(id, accept, by, note, false, false);
  }

  /**
   * {@link #decideAppeal(String, boolean, String, String)}, scoring the accepted appeal's period
   * with the overrides of {@link #score(Period, boolean, boolean)}.
   */
  public AppealDecision decideAppeal(
      String id,
      boolean accept,
      String by,
      String note,
      boolean allowFailedGate,
      boolean allowConfigChange) {
    long start = System.nanoTime();
    Appeal appeal = Appeals.decide(ctx.warehouse(), id, accept, by, note, java.time.Instant.now());
    recordAppeal(appeal, appeal.decision(), start);
    if (!appeal.accepted()) {
      return new AppealDecision(appeal, null);
    }
    progress.accept(
        id + " accepted and recorded; scoring " + appeal.period() + " again without its records");
    return new AppealDecision(
        appeal, score(Period.parse(appeal.period()), allowFailedGate, allowConfigChange));
  }

  /**
   * Renders again the PDFs of every partner with an appeal decided since its PDFs were last
   * rendered (its partner, internal and brief editions), and the portfolio of each period
   * concerned; appeals whose PDFs all rendered are marked re-issued in ops/appeals.
   *
   * @return the report runs, one per partner and period, then one portfolio per period
   */
  public List<ReportJob.Outcome> reissueAppealed(Path outDir) {
    List<Appeal> waiting = Appeals.awaitingReissue(ctx.warehouse());
    Map<String, Set<String>> partnersByPeriod = new TreeMap<>();
    waiting.forEach(
        a -> partnersByPeriod.computeIfAbsent(a.period(), p -> new TreeSet<>()).add(a.partnerId()));
    List<ReportJob.Outcome> outcomes = new ArrayList<>();
    Set<String> failed = new TreeSet<>();
    partnersByPeriod.forEach(
        (label, partners) -> {
          Period period = Period.parse(label);
          for (String partner : partners) {
            progress.accept("re-issuing the PDFs of " + partner + " for " + label);
            ReportJob.Outcome outcome =
                report(
                    period,
                    partner,
                    java.util.EnumSet.of(
                        com.partnercx.reports.Audience.PARTNER,
                        com.partnercx.reports.Audience.INTERNAL,
                        com.partnercx.reports.Audience.BRIEF),
                    outDir);
            outcomes.add(outcome);
            if (!outcome.failures().isEmpty()) {
              failed.add(label + "/" + partner);
            }
          }
          ReportJob.Outcome portfolio =
              report(
                  period,
                  null,
                  java.util.EnumSet.of(com.partnercx.reports.Audience.EXECUTIVE),
                  outDir);
          outcomes.add(portfolio);
          if (!portfolio.failures().isEmpty()) {
            partners.forEach(partner -> failed.add(label + "/" + partner));
          }
        });
    Appeals.reissued(
        ctx.warehouse(),
        waiting.stream().filter(a -> !failed.contains(a.period() + "/" + a.partnerId())).toList(),
        ctx.runId(),
        java.time.Instant.now());
    return outcomes;
  }

  /** Renders every PDF of the period: both scorecard audiences and the portfolio. */
  public ReportJob.Outcome report(Period period, String partnerId, Path outDir) {
    return report(
        period, partnerId, java.util.EnumSet.allOf(com.partnercx.reports.Audience.class), outDir);
  }

  public ReportJob.Outcome report(
      Period period, String partnerId, Set<com.partnercx.reports.Audience> audiences, Path outDir) {
    ReportJob.Outcome outcome = ReportJob.run(ctx, period, partnerId, audiences, outDir);
    Map<String, String> settings = new java.util.LinkedHashMap<>();
    settings.put("period", period.label());
    settings.put("out", outDir.toString());
    settings.put(
        "audiences",
        audiences.stream()
            .map(com.partnercx.reports.Audience::id)
            .collect(java.util.stream.Collectors.joining(",")));
    if (partnerId != null) {
      settings.put("partner", partnerId);
    }
    record(outcome.stage(), settings);
    return outcome;
  }

  /** The shortest retention: Delta refuses to VACUUM files younger than seven days. */
  public static final int MIN_RETAIN_DAYS = 7;

  /**
   * Housekeeping of every table of the warehouse: compacts small files and removes the files no
   * version of the last {@code retainDays} days needs; time travel, and so {@code pcx reproduce},
   * keeps working for every version written in that window. Returns table id -> [files before,
   * files after].
   */
  public Map<String, long[]> maintain(int retainDays) {
    if (retainDays < MIN_RETAIN_DAYS) {
      throw new IllegalArgumentException("retainDays " + retainDays + " < " + MIN_RETAIN_DAYS);
    }
    long start = System.nanoTime();
    Map<String, long[]> files = new TreeMap<>();
    Map<String, Long> written = new TreeMap<>();
    List<String> tables = ctx.warehouse().tables();
    for (String table : tables) {
      spark.sparkContext().setJobGroup("maintain:" + table, "maintain " + table, false);
      long before = ctx.warehouse().fileCount(table);
      ctx.warehouse().maintain(table, retainDays);
      files.put(table, new long[] {before, ctx.warehouse().fileCount(table)});
      written.put(table, ctx.warehouse().version(table));
    }
    long filesBefore = files.values().stream().mapToLong(f -> f[0]).sum();
    long filesAfter = files.values().stream().mapToLong(f -> f[1]).sum();
    record(
        new StageResult(
            "maintain",
            filesBefore,
            filesAfter,
            0,
            (System.nanoTime() - start) / 1e9,
            Map.of(),
            written),
        Map.of("retain_days", String.valueOf(retainDays), "tables", String.valueOf(tables.size())));
    return files;
  }

  /** Every delivery date in the landing zone, over all configured feeds. */
  public List<LocalDate> deliveryDates() {
    LandingZone landing =
        new LandingZone(ctx.landingRoot(), spark.sparkContext().hadoopConfiguration());
    TreeSet<LocalDate> dates = new TreeSet<>(Comparator.naturalOrder());
    ctx.config().feeds().keySet().forEach(feed -> dates.addAll(landing.deliveryDates(feed)));
    return List.copyOf(dates);
  }

  /** The quarters that gold/partner_daily has days of customer activity in, oldest first. */
  public List<Period> scoredQuarters() {
    return PartnerDailyTable.activeDays(ctx.warehouse()).stream()
        .map(Period::quarterOf)
        .distinct()
        .toList();
  }

  /**
   * Takes the warehouse for this run until the returned lock is closed; throws, naming the holder,
   * when another run has it.
   */
  public com.partnercx.warehouse.WarehouseLock lock(String command) {
    return com.partnercx.warehouse.WarehouseLock.acquire(
        ctx.warehouse().root(),
        spark.sparkContext().hadoopConfiguration(),
        ctx.runId(),
        command,
        progress);
  }

  /**
   * Closes a command with its outcome: the row of stage {@value RunsTable#COMMAND_STAGE} under the
   * run id, which a scheduler reads when the exit code does not reach it.
   */
  public void recordCommand(
      String command, int exitCode, RunsTable.Outcome outcome, String message) {
    java.time.Instant finished = java.time.Instant.now();
    RunsTable.append(
        ctx.warehouse(),
        new RunsTable.Entry(
            ctx.runId(),
            RunsTable.COMMAND_STAGE,
            Map.of("command", command, "exit_code", String.valueOf(exitCode)),
            ctx.config().hash(),
            ctx.startedAt(),
            finished,
            0,
            0,
            0,
            Map.of(),
            Map.of(),
            outcome,
            message));
  }

  private StageResult record(StageResult result, Map<String, String> params) {
    java.time.Instant finished = java.time.Instant.now();
    RunsTable.append(
        ctx.warehouse(),
        new RunsTable.Entry(
            ctx.runId(),
            result.stage(),
            params,
            ctx.config().hash(),
            finished.minusMillis((long) (result.seconds() * 1000)),
            finished,
            result.rowsRead(),
            result.rowsWritten(),
            result.rowsQuarantined(),
            result.versionsRead(),
            result.versionsWritten(),
            RunsTable.Outcome.SUCCEEDED,
            null));
    progress.accept(result.logLine());
    return result;
  }

  @Override
  public void close() {
    if (ownsSession) {
      spark.stop();
    }
  }
}
