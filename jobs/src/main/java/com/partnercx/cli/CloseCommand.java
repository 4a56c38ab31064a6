package com.partnercx.cli;

import com.partnercx.config.PcxConfig;
import com.partnercx.score.ScorecardJob;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "close",
    mixinStandardHelpOptions = true,
    description =
        "Closes a month or quarter: scores it one last time, then freezes its peer figures and shrinkage priors in ops/period_close. A later correction restates only the partners whose own inputs changed, scored against what was frozen; running it again on a closed period does just that. Exits 3 when the quality gate holds the period back.")
final class CloseCommand implements Callable<Integer> {
  @Mixin StageOptions options;

  @Mixin PeriodOption periodOption;

  @Mixin PeriodScoringOptions scoring;

  @Override
  public Integer call() {
    PcxConfig config = options.loadConfig();
    return options.run(
        options.openExisting(config),
        pipeline -> {
          ScorecardJob.Outcome outcome =
              pipeline.close(
                  periodOption.period, scoring.allowFailedGate, scoring.allowConfigChange);
          System.out.print(ScoreSummary.render(config, outcome.scorecards()));
          System.out.println(
              periodOption.period.label()
                  + " closed: "
                  + outcome.scorecards().size()
                  + " scorecards; peer figures and priors as frozen in ops/period_close.");
          return StageOptions.Ending.DONE;
        });
  }
}
