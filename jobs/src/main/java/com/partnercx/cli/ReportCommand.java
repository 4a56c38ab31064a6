package com.partnercx.cli;

import com.partnercx.config.PcxConfig;
import com.partnercx.pipeline.Pipeline;
import com.partnercx.report.ReportJob;
import com.partnercx.score.Period;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "gold/scorecard -> one PDF scorecard per partner for a period, plus manifest.json.")
final class ReportCommand implements Callable<Integer> {
  @Mixin StageOptions options;

  @Option(
      names = "--period",
      required = true,
      paramLabel = "PERIOD",
      converter = PeriodConverter.class,
      description = "A quarter (2026-Q3) or a month (2026-09)")
  Period period;

  @Option(names = "--partner", paramLabel = "ID", description = "Render only this partner")
  String partner;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output folder; PDFs go to DIR/<period>/. Default: out/reports")
  Path out;

  @Override
  public Integer call() {
    PcxConfig config = options.loadConfig();
    try (Pipeline pipeline = options.open(config)) {
      ReportJob.Outcome outcome =
          pipeline.report(period, partner, out == null ? Defaults.reports() : out);
      return ReportSummary.print(outcome);
    }
  }
}
