package com.partnercx.cli;

import com.partnercx.config.PcxConfig;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "landing -> bronze: reads the files each feed delivered for a date, once per file content.")
final class IngestCommand implements Callable<Integer> {
  @Mixin StageOptions options;

  @Mixin DeliveryDates dates;

  @Option(
      names = "--feed",
      paramLabel = "FEED",
      description = "Only this feed (repeatable); default: every configured feed")
  Set<String> feeds = new TreeSet<>();

  @Option(
      names = "--retry-rejected",
      description =
          "Read again the files of these dates that were rejected (e.g. after fixing the feed's"
              + " configuration); files ingested before are still not read twice")
  boolean retryRejected;

  @Override
  public Integer call() {
    PcxConfig config = options.loadConfig();
    StageOptions.requireFeeds(config, feeds, dates.spec.commandLine());
    return options.run(
        options.open(config),
        pipeline -> {
          for (List<LocalDate> batch : dates.batches()) {
            pipeline.ingest(batch, feeds, retryRejected);
          }
          return StageOptions.Ending.DONE;
        });
  }
}
