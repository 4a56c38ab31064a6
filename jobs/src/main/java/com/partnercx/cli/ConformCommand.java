package com.partnercx.cli;

import com.partnercx.config.PcxConfig;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "conform",
    mixinStandardHelpOptions = true,
    description = "bronze -> silver: maps, types, checks and merges the rows delivered on a date.")
final class ConformCommand implements Callable<Integer> {
  @Mixin StageOptions options;

  @Mixin DeliveryDates dates;

  @Override
  public Integer call() {
    PcxConfig config = options.loadConfig();
    return options.run(
        options.open(config),
        pipeline -> {
          for (List<LocalDate> batch : dates.batches()) {
            pipeline.conform(batch);
          }
          return StageOptions.Ending.DONE;
        });
  }
}
