package com.partnercx.pipeline;

import com.partnercx.config.PcxConfig;
import com.partnercx.conform.ConformJob;
import com.partnercx.errors.PcxErrors;
import com.partnercx.ingest.IngestJob;
import com.partnercx.quality.DataQualityJob;
import com.partnercx.quality.FeedDayQuality;
import com.partnercx.report.ReportJob;
import com.partnercx.score.DeliveredDays;
import com.partnercx.score.PartnerDailyJob;
import com.partnercx.score.Period;
import com.partnercx.score.ScorecardJob;
import com.partnercx.spark.SparkSessions;
import com.partnercx.warehouse.LandingZone;
import com.partnercx.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the stages for the CLI and the Airflow tasks: one SparkSession, one run id, one ops/runs row
 * per stage, and a log line per stage through {@code progress}.
 */
public final class Pipeline implements AutoCloseable {
  private final SparkSession spark;
  private final RunContext ctx;
  private final Consumer<String> progress;
  private final boolean ownsSession;

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
    SparkSession spark = SparkSessions.create("partner-cx", master, sparkConf);
    return new Pipeline(
        spark, RunContext.start(config, new Warehouse(spark, warehouse), landing), progress, true);
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
    return record(IngestJob.run(ctx, days), dateParams(days));
  }

  /** bronze -> silver for the rows delivered on these dates. */
  public StageResult conform(List<LocalDate> days) {
    return record(ConformJob.run(ctx, days), dateParams(days));
  }

  /** Recomputes gold/partner_daily for the event days that these deliveries touched. */
  public StageResult scoreDaily(List<LocalDate> deliveries) {
    List<LocalDate> days = DeliveredDays.of(ctx.warehouse(), deliveries);
    if (days.isEmpty()) {
      return record(
          new StageResult(PartnerDailyJob.STAGE, 0, 0, 0, 0, Map.of(), Map.of()),
          dateParams(deliveries));
    }
    Map<String, String> params = new java.util.TreeMap<>(dateParams(deliveries));
    params.put("days", days.get(0) + ".." + days.get(days.size() - 1) + " (" + days.size() + ")");
    return record(PartnerDailyJob.run(ctx, days), params);
  }

  /** Data-quality figures and the quality gate for these delivery dates, into ops/dq_results. */
  public DataQualityJob.Outcome checkQuality(List<LocalDate> days) {
    DataQualityJob.Outcome outcome = DataQualityJob.run(ctx, days);
    record(outcome.stage(), dateParams(days));
    return outcome;
  }

  /**
   * What a nightly run did.
   *
   * @param stages the stages that ran, in order
   * @param quality the data-quality check of the dates
   * @param held delivery dates whose daily score waits because a feed failed the gate
   */
  public record Nightly(
      List<StageResult> stages, DataQualityJob.Outcome quality, List<LocalDate> held) {}

  /**
   * ingest -> conform -> quality gate -> daily score for one delivery date, or a batch of them. A
   * date on which some feed fails the gate is not scored: its figures wait for a fix.
   */
  public Nightly nightly(List<LocalDate> days) {
    List<StageResult> stages = new ArrayList<>(List.of(ingest(days), conform(days)));
    DataQualityJob.Outcome quality = checkQuality(days);
    stages.add(quality.stage());
    List<LocalDate> passed = days.stream().filter(d -> !quality.heldDates().contains(d)).toList();
    List<LocalDate> held = days.stream().filter(d -> quality.heldDates().contains(d)).toList();
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
      stages.add(scoreDaily(passed));
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
    List<FeedDayQuality> failures = gateFailuresTouching(period);
    if (!failures.isEmpty()) {
      if (!allowFailedGate) {
        throw PcxErrors.qualityGateHeld(period.label(), failures);
      }
      progress.accept(
          "warning: scoring "
              + period.label()
              + " although "
              + failures.size()
              + " feed-day(s) failed the quality gate (--allow-failed-gate)");
    }
    StageResult daily =
        record(
            PartnerDailyJob.run(ctx, period.start(), period.end()),
            Map.of("period", period.label()));
    ScorecardJob.Outcome outcome = ScorecardJob.run(ctx, period, daily.versionsRead());
    record(
        outcome.stage(),
        failures.isEmpty()
            ? Map.of("period", period.label())
            : Map.of("period", period.label(), "allow_failed_gate", "true"));
    return outcome;
  }

  /** Failed feed-days whose deliveries carry rows of the period. */
  public List<FeedDayQuality> gateFailuresTouching(Period period) {
    List<FeedDayQuality> failures = DataQualityJob.failures(ctx.warehouse());
    if (failures.isEmpty()) {
      return List.of();
    }
    Map<LocalDate, java.util.Set<LocalDate>> touched =
        DeliveredDays.byDelivery(
            ctx.warehouse(),
            failures.stream().map(FeedDayQuality::deliveryDate).distinct().toList());
    return failures.stream()
        .filter(
            f ->
                touched.getOrDefault(f.deliveryDate(), java.util.Set.of()).stream()
                    .anyMatch(period::contains))
        .toList();
  }

  public ReportJob.Outcome report(Period period, String partnerId, Path outDir) {
    ReportJob.Outcome outcome = ReportJob.run(ctx, period, partnerId, outDir);
    record(
        outcome.stage(),
        partnerId == null
            ? Map.of("period", period.label(), "out", outDir.toString())
            : Map.of("period", period.label(), "out", outDir.toString(), "partner", partnerId));
    return outcome;
  }

  /** Every delivery date in the landing zone, over all configured feeds. */
  public List<LocalDate> deliveryDates() {
    LandingZone landing =
        new LandingZone(ctx.landingRoot(), spark.sparkContext().hadoopConfiguration());
    TreeSet<LocalDate> dates = new TreeSet<>(Comparator.naturalOrder());
    ctx.config().feeds().keySet().forEach(feed -> dates.addAll(landing.deliveryDates(feed)));
    return List.copyOf(dates);
  }

  /** The quarters that gold/partner_daily has days in, oldest first. */
  public List<Period> scoredQuarters() {
    return ctx.warehouse()
        .readIfExists(com.partnercx.warehouse.Tables.PARTNER_DAILY)
        .map(
            daily ->
                daily
                    .select(com.partnercx.score.PartnerDailyColumns.DAY)
                    .distinct()
                    .collectAsList()
                    .stream()
                    .map(r -> Period.quarterOf(r.getDate(0).toLocalDate()))
                    .distinct()
                    .sorted(Comparator.comparing(Period::start))
                    .toList())
        .orElse(List.of());
  }

  private StageResult record(StageResult result, Map<String, String> params) {
    RunLog.record(ctx, params, result);
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
