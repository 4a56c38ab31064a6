package com.partnercx.cli;

import com.partnercx.config.PcxConfig;
import com.partnercx.pipeline.Pipeline;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    description = {
      "ingest -> conform -> daily score for a delivery date, or for each date of a backfill.",
      "Re-running a date changes nothing that was already right."
    })
final class NightlyCommand implements Callable<Integer> {
  @Mixin StageOptions options;

  @Mixin DeliveryDates dates;

  @Override
  public Integer call() {
    PcxConfig config = options.loadConfig();
    List<List<LocalDate>> batches = dates.batches();
    try (Pipeline pipeline = options.open(config)) {
      int i = 0;
      for (List<LocalDate> batch : batches) {
        System.out.printf(
            "== %s (batch %d/%d, %d dates), run %s%n",
            batch.size() == 1 ? batch.get(0) : batch.get(0) + ".." + batch.get(batch.size() - 1),
            ++i,
            batches.size(),
            batch.size(),
            pipeline.context().runId());
        pipeline.nightly(batch);
      }
    }
    return 0;
  }
}
