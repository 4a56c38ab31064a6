package com.partnercx.cli;

import com.partnercx.config.PcxConfig;
import com.partnercx.pipeline.Pipeline;
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
    try (Pipeline pipeline = options.open(config)) {
      for (List<LocalDate> batch : dates.batches()) {
        pipeline.conform(batch);
      }
    }
    return 0;
  }
}
