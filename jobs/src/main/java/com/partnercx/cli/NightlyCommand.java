package com.partnercx.cli;

import com.partnercx.config.PcxConfig;
import com.partnercx.pipeline.Pipeline;
import com.partnercx.tables.FeedDayQuality;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    description =
        "ingest -> conform -> quality gate -> daily score for a delivery date, or for each date of a backfill, then a data-quality summary per feed. Re-running a date changes nothing that was already right. Exits 3 when the quality gate held some date back.")
final class NightlyCommand implements Callable<Integer> {
  @Mixin StageOptions options;

  @Mixin DeliveryDates dates;

  @Override
  public Integer call() {
    PcxConfig config = options.loadConfig();
    List<List<LocalDate>> batches = dates.batches();
    return options.run(
        options.open(config),
        pipeline -> {
          List<FeedDayQuality> quality = new ArrayList<>();
          List<LocalDate> held = new ArrayList<>();
          int i = 0;
          for (List<LocalDate> batch : batches) {
            System.out.printf(
                "== %s (batch %d/%d, %d dates), run %s%n",
                batch.size() == 1
                    ? batch.get(0)
                    : batch.get(0) + ".." + batch.get(batch.size() - 1),
                ++i,
                batches.size(),
                batch.size(),
                pipeline.context().runId());
            Pipeline.Nightly night = pipeline.nightly(batch);
            quality.addAll(night.quality());
            held.addAll(night.held());
          }
          System.out.println();
          System.out.print(QualityTable.perFeed(quality));
          if (held.isEmpty()) {
            return StageOptions.Ending.DONE;
          }
          String message = GateMessage.of(quality, held);
          System.err.println(message);
          return StageOptions.Ending.held(message);
        });
  }
}
