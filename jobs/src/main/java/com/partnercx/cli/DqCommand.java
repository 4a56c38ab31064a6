package com.partnercx.cli;

import com.partnercx.config.PcxConfig;
import com.partnercx.pipeline.Pipeline;
import com.partnercx.quality.DataQualityJob;
import com.partnercx.tables.FeedDayQuality;
import com.partnercx.tables.QuarantineTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "dq",
    mixinStandardHelpOptions = true,
    description =
        "Prints ops/dq_results for delivery dates: per feed, what was delivered, what bronze, quarantine and silver hold, whether the scheduled delivery came, and the quality gate. --recheck recomputes the figures first (after a threshold change or a re-delivery).")
final class DqCommand implements Callable<Integer> {
  /** How many of each feed's most frequent quarantine reasons are listed. */
  static final int REASONS_PER_FEED = 5;

  @Mixin StageOptions options;

  @Mixin DeliveryDates dates;

  @Option(names = "--feed", paramLabel = "FEED", description = "Only this feed")
  String feed;

  @Option(
      names = "--recheck",
      description = "Recompute the figures and the gate from the tables before printing")
  boolean recheck;

  @Override
  public Integer call() {
    PcxConfig config = options.loadConfig();
    if (feed != null) {
      StageOptions.requireFeeds(config, List.of(feed), dates.spec.commandLine());
    }
    List<FeedDayQuality> results = new ArrayList<>();
    List<QuarantineTable.Reason> reasons = new ArrayList<>();
    try (Pipeline pipeline = options.openExisting(config)) {
      List<LocalDate> all = new ArrayList<>();
      for (List<LocalDate> batch : dates.batches()) {
        results.addAll(
            recheck
                ? pipeline.checkQuality(batch).results()
                : DataQualityJob.read(pipeline.context().warehouse(), batch));
        all.addAll(batch);
      }
      reasons.addAll(
          QuarantineTable.mostFrequent(pipeline.context().warehouse(), all, REASONS_PER_FEED));
    }
    List<FeedDayQuality> shown =
        results.stream().filter(r -> feed == null || r.feedId().equals(feed)).toList();
    if (shown.isEmpty()) {
      System.out.println(
          "No data-quality results for these dates. Run `pcx nightly` for them first, or add"
              + " --recheck to compute them from the tables.");
      return 0;
    }
    System.out.print(QualityTable.perFeedDay(shown));
    long failed = shown.stream().filter(r -> !r.gatePassed()).count();
    System.out.printf("%n%d feed-day(s), %d failed the quality gate%n", shown.size(), failed);
    List<QuarantineTable.Reason> shownReasons =
        reasons.stream().filter(r -> feed == null || r.feedId().equals(feed)).toList();
    if (!shownReasons.isEmpty()) {
      System.out.printf(
          "%nMost frequent reasons rows were quarantined (up to %d per feed):%n", REASONS_PER_FEED);
      for (QuarantineTable.Reason r : shownReasons) {
        System.out.printf(
            java.util.Locale.ROOT,
            "  %-24s %-28s %,8d  %s%n",
            r.feedId(),
            r.rule(),
            r.rows(),
            r.detail());
      }
    }
    return 0;
  }
}
