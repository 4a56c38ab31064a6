package com.partnercx.cli;

import com.partnercx.config.PcxConfig;
import com.partnercx.pipeline.Pipeline;
import com.partnercx.schema.Period;
import com.partnercx.score.ScorecardJob;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description =
        "--period: gold/partner_daily -> gold/scorecard for a month or quarter, then a summary per program. --date: the daily score (gold/partner_daily) of the days a delivery date touched, unless the quality gate failed for that date. Both exit 3 when the gate holds them back.")
final class ScoreCommand implements Callable<Integer> {
  @Mixin StageOptions options;

  @ArgGroup(exclusive = true, multiplicity = "1")
  What what;

  static final class What {
    @Option(
        names = "--period",
        paramLabel = "PERIOD",
        converter = PeriodConverter.class,
        description = "A quarter (2026-Q3) or a month (2026-09)")
    Period period;

    @Option(
        names = "--date",
        paramLabel = "yyyy-mm-dd",
        description = "A delivery date whose touched days are rescored in gold/partner_daily")
    LocalDate date;
  }

  @Mixin PeriodScoringOptions scoring;

  @Override
  public Integer call() {
    PcxConfig config = options.loadConfig();
    return options.run(
        options.openExisting(config),
        pipeline -> {
          if (what.date != null) {
            Pipeline.Nightly daily = pipeline.scoreDailyIfPassed(List.of(what.date));
            if (!daily.held().isEmpty()) {
              String message = GateMessage.of(daily.quality(), daily.held());
              System.err.println(message);
              return StageOptions.Ending.held(message);
            }
            return StageOptions.Ending.DONE;
          }
          ScorecardJob.Outcome outcome =
              pipeline.score(what.period, scoring.allowFailedGate, scoring.allowConfigChange);
          System.out.print(ScoreSummary.render(config, outcome.scorecards()));
          return StageOptions.Ending.DONE;
        });
  }
}
