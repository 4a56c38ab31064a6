package com.partnercx.cli;

import com.partnercx.config.PcxConfig;
import com.partnercx.conform.PiiProtection;
import com.partnercx.pipeline.Pipeline;
import com.partnercx.publish.ReportJob;
import com.partnercx.schema.Period;
import com.partnercx.score.ScorecardJob;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Runs the whole pipeline over the sample data: every delivery date through ingest, conform and daily scoring, then each quarter's scorecards and PDFs. Prints where the PDFs are.")
final class DemoCommand implements Callable<Integer> {
  /** Delivery dates run as one nightly batch: the sample is small enough to take in one pass. */
  private static final int BATCH_DATES = 366;

  @Mixin StageOptions options;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output folder for the PDFs. Default: out/reports")
  Path out;

  @Override
  public Integer call() {
    // The demo runs the sample, whose customers are made up: the development salt will do.
    System.setProperty(PiiProtection.DEVELOPMENT_SALT_PROPERTY, "true");
    PcxConfig config = options.loadConfig();
    Path reports = out == null ? Defaults.reports() : out;
    return options.run(options.open(config), pipeline -> demo(config, reports, pipeline));
  }

  private StageOptions.Ending demo(PcxConfig config, Path reports, Pipeline pipeline) {
    int exit = 0;
    List<LocalDate> dates = pipeline.deliveryDates();
    System.out.printf(
        "Run %s: %d delivery dates in %s%n",
        pipeline.context().runId(), dates.size(), pipeline.context().landingRoot());
    List<List<LocalDate>> batches = DateRange.batches(dates, BATCH_DATES);
    int i = 0;
    for (List<LocalDate> batch : batches) {
      System.out.printf(
          "== nightly %s..%s (batch %d/%d)%n",
          batch.get(0), batch.get(batch.size() - 1), ++i, batches.size());
      pipeline.nightly(batch);
    }
    for (Period quarter : pipeline.scoredQuarters()) {
      System.out.printf("== scorecards %s%n", quarter.label());
      ScorecardJob.Outcome scored = pipeline.score(quarter);
      System.out.print(ScoreSummary.render(config, scored.scorecards()));
      ReportJob.Outcome rendered = pipeline.report(quarter, null, reports);
      exit = Math.max(exit, ReportSummary.print(rendered));
    }
    System.out.printf("%nPDF scorecards are in %s%n", reports.toAbsolutePath());
    return new StageOptions.Ending(exit, exit == 0 ? null : "some PDFs failed to render");
  }
}
