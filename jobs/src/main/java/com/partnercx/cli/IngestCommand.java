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
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "landing -> bronze: reads the files each feed delivered for a date, once per file content.")
final class IngestCommand implements Callable<Integer> {
  @Mixin StageOptions options;

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  DateRange dates;

  @Option(
      names = "--batch-days",
      paramLabel = "N",
      defaultValue = "31",
      description = "Delivery dates processed together in a backfill (default: ${DEFAULT-VALUE})")
  int batchDays;

  @Override
  public Integer call() {
    PcxConfig config = options.loadConfig();
    try (Pipeline pipeline = options.open(config)) {
      for (List<LocalDate> batch : DateRange.batches(dates.days(spec.commandLine()), batchDays)) {
        pipeline.ingest(batch);
      }
    }
    return 0;
  }
}
