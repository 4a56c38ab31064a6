package com.partnercx.cli;

import com.partnercx.config.PcxConfig;
import com.partnercx.tables.FeedDayQuality;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "gate",
    mixinStandardHelpOptions = true,
    description =
        "The quality gate on its own: recomputes ops/dq_results for delivery dates from the tables and exits 3 when a feed-day rejected more rows than its feed allows.")
final class GateCommand implements Callable<Integer> {
  @Mixin StageOptions options;

  @Mixin DeliveryDates dates;

  @Override
  public Integer call() {
    PcxConfig config = options.loadConfig();
    return options.run(
        options.openExisting(config),
        pipeline -> {
          List<FeedDayQuality> quality = new ArrayList<>();
          for (List<LocalDate> batch : dates.batches()) {
            quality.addAll(pipeline.checkQuality(batch).results());
          }
          System.out.print(QualityTable.perFeed(quality));
          List<LocalDate> held =
              quality.stream()
                  .filter(q -> !q.gatePassed())
                  .map(FeedDayQuality::deliveryDate)
                  .distinct()
                  .sorted()
                  .toList();
          if (held.isEmpty()) {
            return StageOptions.Ending.DONE;
          }
          String message = GateMessage.of(quality, held);
          System.err.println(message);
          return StageOptions.Ending.held(message);
        });
  }
}
