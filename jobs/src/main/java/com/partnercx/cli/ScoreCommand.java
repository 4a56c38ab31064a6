package com.partnercx.cli;

import com.partnercx.config.PcxConfig;
import com.partnercx.pipeline.Pipeline;
import com.partnercx.score.Period;
import com.partnercx.score.ScorecardJob;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description =
        "gold/partner_daily -> gold/scorecard for a month or quarter, then prints a summary per program.")
final class ScoreCommand implements Callable<Integer> {
  @Mixin StageOptions options;

  @Option(
      names = "--period",
      required = true,
      paramLabel = "PERIOD",
      converter = PeriodConverter.class,
      description = "A quarter (2026-Q3) or a month (2026-09)")
  Period period;

  @Option(
      names = "--allow-failed-gate",
      description =
          "Score even though feed-days that failed the quality gate delivered rows of the period")
  boolean allowFailedGate;

  @Override
  public Integer call() {
    PcxConfig config = options.loadConfig();
    try (Pipeline pipeline = options.open(config)) {
      ScorecardJob.Outcome outcome = pipeline.score(period, allowFailedGate);
      System.out.print(ScoreSummary.render(config, outcome.scorecards()));
    }
    return 0;
  }
}
