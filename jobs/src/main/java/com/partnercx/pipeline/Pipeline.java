package com.partnercx.pipeline;

import com.partnercx.config.PcxConfig;
import com.partnercx.conform.ConformJob;
import com.partnercx.ingest.IngestJob;
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
    LocalDate from = days.get(0);
    LocalDate to = days.get(days.size() - 1).plusDays(1);
    Map<String, String> params = new java.util.TreeMap<>(dateParams(deliveries));
    params.put("from", from.toString());
    params.put("to", to.toString());
    return record(PartnerDailyJob.run(ctx, from, to), params);
  }

  /** ingest -> conform -> daily score for one delivery date, or a batch of them. */
  public List<StageResult> nightly(List<LocalDate> days) {
    return List.of(ingest(days), conform(days), scoreDaily(days));
  }

  private static Map<String, String> dateParams(List<LocalDate> days) {
    return days.size() == 1
        ? Map.of("date", days.get(0).toString())
        : Map.of(
            "dates", days.get(0) + ".." + days.get(days.size() - 1) + " (" + days.size() + ")");
  }

  /** Rebuilds partner_daily over the period, then writes the period's scorecards. */
  public ScorecardJob.Outcome score(Period period) {
    StageResult daily =
        record(
            PartnerDailyJob.run(ctx, period.start(), period.end()),
            Map.of("period", period.label()));
    ScorecardJob.Outcome outcome = ScorecardJob.run(ctx, period, daily.versionsRead());
    record(outcome.stage(), Map.of("period", period.label()));
    return outcome;
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
