package com.partnercx.quality;

import com.partnercx.config.DeliverySchedule;
import com.partnercx.config.Feed;
import com.partnercx.config.PcxConfig;
import com.partnercx.stage.RunContext;
import com.partnercx.stage.StageResult;
import com.partnercx.tables.Deliveries;
import com.partnercx.tables.DeliveryStatus;
import com.partnercx.tables.DqResultsTable;
import com.partnercx.tables.FeedDay;
import com.partnercx.tables.FeedDayQuality;
import com.partnercx.tables.IngestLogTable;
import com.partnercx.tables.QuarantineTable;
import com.partnercx.tables.SilverTable;
import com.partnercx.tables.Tables;
import com.partnercx.warehouse.Warehouse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per feed and delivery date: files and rows in, bronze, quarantined by rule, silver, whether the
 * scheduled delivery came, and the quality gate. Writes ops/dq_results, replacing the dates it
 * checks, so a re-run after a fix or a changed threshold gives the current verdict.
 */
public final class DataQualityJob {
  public static final String STAGE = "dq";

  /**
   * What a check found.
   *
   * @param stage for the log line and ops/runs
   * @param results one per configured feed and date checked
   */
  public record Outcome(StageResult stage, List<FeedDayQuality> results) {
    public List<FeedDayQuality> gateFailures() {
      return results.stream().filter(r -> !r.gatePassed()).toList();
    }
  }

  private DataQualityJob() {}

  /**
   * Checks the delivery dates of {@code log} (the ingest log of those dates): quarantine and silver
   * are read only for what the deliveries wrote, so a night nothing arrived reads neither.
   */
  public static Outcome run(RunContext ctx, Deliveries log) {
    long start = System.nanoTime();
    List<LocalDate> days = log.days();
    Warehouse warehouse = ctx.warehouse();
    warehouse.spark().sparkContext().setJobGroup(STAGE, "data quality " + days, false);
    Map<String, Long> versionsRead = new TreeMap<>();
    if (log.logVersion() >= 0) {
      versionsRead.put(Tables.INGEST_LOG, log.logVersion());
    }
    Map<FeedDay, Map<String, Long>> quarantined =
        log.anyRows() ? QuarantineTable.countsByRule(warehouse, days, versionsRead) : Map.of();
    Map<FeedDay, Long> silver =
        SilverTable.rowsByFeedDay(
            warehouse, days, log.entitiesWithRows(ctx.config()), versionsRead);
    Map<FeedDay, DeliveryStatus> before = DqResultsTable.statuses(warehouse, days);
    Map<String, LocalDate> firstDelivery = IngestLogTable.firstDeliveries(warehouse);
    List<FeedDayQuality> results = new ArrayList<>();
    for (Feed feed : ctx.config().feeds().values()) {
      for (LocalDate day : days) {
        FeedDay key = new FeedDay(feed.id(), day);
        IngestLogTable.FeedDayFiles f = log.of(key);
        Instant due = dueAt(feed, day);
        boolean expected = expected(ctx.config(), feed, day, firstDelivery.get(feed.id()));
        results.add(
            new FeedDayQuality(
                feed.id(),
                day,
                feed.entityId(),
                expected,
                status(expected, f.ingested(), f.rejected(), due, ctx.startedAt(), before.get(key)),
                due,
                f.ingested(),
                f.rejected(),
                f.duplicate(),
                f.delivered(),
                f.bronze(),
                f.refused(),
                quarantined.getOrDefault(key, Map.of()),
                silver.getOrDefault(key, 0L),
                feed.quality(),
                f.errorText()));
      }
    }
    long version = DqResultsTable.replaceDates(warehouse, days, results, ctx.runId());
    long delivered = results.stream().mapToLong(FeedDayQuality::rowsReceived).sum();
    long rejected = results.stream().mapToLong(FeedDayQuality::rowsRejected).sum();
    StageResult stage =
        new StageResult(
            STAGE,
            delivered,
            results.size(),
            rejected,
            (System.nanoTime() - start) / 1e9,
            versionsRead,
            Map.of(Tables.DQ_RESULTS, version));
    return new Outcome(stage, List.copyOf(results));
  }

  /**
   * The status of a delivery. A delivery found missing (or rejected) by an earlier check that has
   * arrived since is late, and stays late however often the date is checked again.
   */
  static DeliveryStatus status(
      boolean expected,
      long filesIngested,
      long filesRejected,
      Instant due,
      Instant now,
      DeliveryStatus before) {
    if (filesIngested > 0) {
      if (before == DeliveryStatus.MISSING
          || before == DeliveryStatus.REJECTED
          || before == DeliveryStatus.LATE) {
        return DeliveryStatus.LATE;
      }
      return expected ? DeliveryStatus.ON_TIME : DeliveryStatus.NOT_EXPECTED;
    }
    if (!expected) {
      return DeliveryStatus.NOT_EXPECTED;
    }
    if (now.isBefore(due)) {
      return DeliveryStatus.PENDING;
    }
    return filesRejected > 0 ? DeliveryStatus.REJECTED : DeliveryStatus.MISSING;
  }

  /**
   * The schedule's deadline on the delivery date, in the feed's zone (for a feed without schedule,
   * the default deadline, which judges nothing since no delivery is expected).
   */
  static Instant dueAt(Feed feed, LocalDate day) {
    java.time.LocalTime deadline =
        feed.scheduled() ? feed.schedule().deadline() : DeliverySchedule.DEFAULT_DEADLINE;
    return day.atTime(deadline).atZone(feed.timeZone()).toInstant();
  }

  /**
   * Expected on the schedule's weekdays, from the schedule's first date (or the feed's first
   * delivery on record), while at least one of the feed's partners is active. Never for a feed with
   * {@code schedule: none}.
   */
  static boolean expected(PcxConfig config, Feed feed, LocalDate day, LocalDate firstDelivery) {
    if (!feed.scheduled()) {
      return false;
    }
    LocalDate from = feed.schedule().explicitFrom().orElse(firstDelivery);
    return from != null
        && !day.isBefore(from)
        && feed.schedule().days().contains(day.getDayOfWeek())
        && feed.partners().stream().anyMatch(p -> config.partnerOn(p, day).isPresent());
  }

  /** The stored results for some delivery dates, by feed then date. */
  public static List<FeedDayQuality> read(Warehouse warehouse, List<LocalDate> days) {
    return DqResultsTable.read(warehouse, days);
  }

  /** Every stored feed-day that failed the gate, oldest first. */
  public static List<FeedDayQuality> failures(Warehouse warehouse) {
    return DqResultsTable.failures(warehouse);
  }
}
