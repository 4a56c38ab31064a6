package com.partnercx.cli;

import com.partnercx.config.PcxConfig;
import com.partnercx.pipeline.Pipeline;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    description = {
      "ingest -> conform -> daily score for a delivery date, or for each date of a backfill.",
      "Re-running a date changes nothing that was already right."
    })
final class NightlyCommand implements Callable<Integer> {
  @Mixin StageOptions options;

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  DateRange dates;

  @Override
  public Integer call() {
    PcxConfig config = options.loadConfig();
    List<LocalDate> days = dates.days(spec.commandLine());
    try (Pipeline pipeline = options.open(config)) {
      int i = 0;
      for (LocalDate day : days) {
        System.out.printf(
            "== %s (%d/%d), run %s%n", day, ++i, days.size(), pipeline.context().runId());
        pipeline.nightly(day);
      }
    }
    return 0;
  }
}
