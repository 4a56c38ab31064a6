package com.partnercx.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import com.partnercx.config.Feed;
import com.partnercx.config.PcxConfig;
import com.partnercx.config.QualityGate;
import com.partnercx.conform.FeedMapping;
import com.partnercx.ingest.IngestLogColumns;
import com.partnercx.pipeline.QuarantineColumns;
import com.partnercx.pipeline.RunContext;
import com.partnercx.pipeline.StageResult;
import com.partnercx.schema.Entity;
import com.partnercx.schema.LineageColumns;
import com.partnercx.warehouse.Tables;
import com.partnercx.warehouse.Warehouse;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Per feed and delivery date: files and rows in, bronze, quarantined by rule, silver, whether the
 * scheduled delivery came, and the quality gate. Writes ops/dq_results, replacing the dates it
 * checks, so a re-run after a fix or a changed threshold gives the current verdict.
 */
public final class DataQualityJob {
  public static final String STAGE = "dq";

  static final StructType SCHEMA =
      new StructType()
          .add(DqColumns.FEED_ID, DataTypes.StringType, false)
          .add(DqColumns.DELIVERY_DATE, DataTypes.DateType, false)
          .add(DqColumns.ENTITY, DataTypes.StringType, false)
          .add(DqColumns.EXPECTED, DataTypes.BooleanType, false)
          .add(DqColumns.DELIVERY, DataTypes.StringType, false)
          .add(DqColumns.DUE_AT, DataTypes.TimestampType, false)
          .add(DqColumns.FILES_INGESTED, DataTypes.LongType, false)
          .add(DqColumns.FILES_REJECTED, DataTypes.LongType, false)
          .add(DqColumns.FILES_DUPLICATE, DataTypes.LongType, false)
          .add(DqColumns.ROWS_DELIVERED, DataTypes.LongType, false)
          .add(DqColumns.ROWS_BRONZE, DataTypes.LongType, false)
          .add(DqColumns.ROWS_QUARANTINED, DataTypes.LongType, false)
          .add(DqColumns.ROWS_SILVER, DataTypes.LongType, false)
          .add(
              DqColumns.QUARANTINED_BY_RULE,
              DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType),
              false)
          .add(DqColumns.REJECT_RATE, DataTypes.DoubleType, false)
          .add(DqColumns.MAX_REJECT_RATE, DataTypes.DoubleType, false)
          .add(DqColumns.MIN_REJECTED_ROWS, DataTypes.IntegerType, false)
          .add(DqColumns.GATE, DataTypes.StringType, false)
          .add(DqColumns.FILE_ERRORS, DataTypes.StringType, true)
          .add(DqColumns.RUN_ID, DataTypes.StringType, false)
          .add(DqColumns.CHECKED_AT, DataTypes.TimestampType, false);

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

  private record FeedDay(String feedId, LocalDate day) {}

  private DataQualityJob() {}

  public static Outcome run(RunContext ctx, List<LocalDate> days) {
    long start = System.nanoTime();
    Warehouse warehouse = ctx.warehouse();
    warehouse.spark().sparkContext().setJobGroup(STAGE, "data quality " + days, false);
    Object[] dates = days.stream().map(Date::valueOf).toArray();
    Map<String, Long> versionsRead = new TreeMap<>();
    Map<FeedDay, FileLog> files = fileLog(warehouse, dates, versionsRead);
    Map<FeedDay, Map<String, Long>> quarantined = quarantineCounts(warehouse, dates, versionsRead);
    Map<FeedDay, Long> silver = silverCounts(warehouse, dates, versionsRead);
    Map<FeedDay, DeliveryStatus> before = previousStatus(warehouse, dates);
    Map<String, LocalDate> firstDelivery = firstDeliveries(warehouse);
    List<FeedDayQuality> results = new ArrayList<>();
    for (Feed feed : ctx.config().feeds().values()) {
      for (LocalDate day : days) {
        FeedDay key = new FeedDay(feed.id(), day);
        FileLog f = files.getOrDefault(key, new FileLog());
        Instant due = dueAt(feed, day);
        boolean expected = expected(ctx.config(), feed, day, firstDelivery.get(feed.id()));
        results.add(
            new FeedDayQuality(
                feed.id(),
                day,
                feed.entity().id(),
                expected,
                status(expected, f.ingested, f.rejected, due, ctx.startedAt(), before.get(key)),
                due,
                f.ingested,
                f.rejected,
                f.duplicate,
                f.delivered,
                f.bronze,
                quarantined.getOrDefault(key, Map.of()),
                silver.getOrDefault(key, 0L),
                feed.quality(),
                f.errorText()));
      }
    }
    Dataset<Row> rows =
        warehouse
            .spark()
            .createDataFrame(results.stream().map(r -> toRow(r, ctx.runId())).toList(), SCHEMA);
    String predicate =
        DqColumns.DELIVERY_DATE
            + " IN ("
            + days.stream().map(d -> "DATE'" + d + "'").collect(Collectors.joining(", "))
            + ")";
    long version = warehouse.replaceWhere(Tables.DQ_RESULTS, rows, predicate);
    long delivered = results.stream().mapToLong(FeedDayQuality::rowsDelivered).sum();
    long rejected = results.stream().mapToLong(FeedDayQuality::rowsQuarantined).sum();
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

  /** The schedule's deadline on the delivery date, in the feed's zone. */
  static Instant dueAt(Feed feed, LocalDate day) {
    return day.atTime(feed.schedule().deadline()).atZone(feed.timeZone()).toInstant();
  }

  /**
   * Expected on the schedule's weekdays, from the schedule's first date (or the feed's first
   * delivery on record), while at least one of the feed's partners is active.
   */
  static boolean expected(PcxConfig config, Feed feed, LocalDate day, LocalDate firstDelivery) {
    LocalDate from = feed.schedule().explicitFrom().orElse(firstDelivery);
    return from != null
        && !day.isBefore(from)
        && feed.schedule().days().contains(day.getDayOfWeek())
        && feed.partners().stream().anyMatch(p -> config.partnerOn(p, day).isPresent());
  }

  /** The first delivery date each feed has in ops/ingest_log, whatever its outcome. */
  private static Map<String, LocalDate> firstDeliveries(Warehouse warehouse) {
    Map<String, LocalDate> out = new HashMap<>();
    warehouse
        .readIfExists(Tables.INGEST_LOG)
        .ifPresent(
            log ->
                log.groupBy(IngestLogColumns.FEED_ID)
                    .agg(functions.min(IngestLogColumns.DELIVERY_DATE))
                    .collectAsList()
                    .forEach(r -> out.put(r.getString(0), r.getDate(1).toLocalDate())));
    return out;
  }

  /**
   * One feed-day of ops/ingest_log: files ingested, rejected and duplicate, rows delivered, rows
   * written to bronze (the count of the same Dataset the ingest wrote), and why each rejected file
   * was rejected.
   */
  private static final class FileLog {
    long ingested;
    long rejected;
    long duplicate;
    long delivered;
    long bronze;
    final TreeSet<String> errors = new TreeSet<>();

    String errorText() {
      return errors.isEmpty() ? null : String.join("\n", errors);
    }
  }

  /** The ingest log of these dates per feed-day, in one read. */
  private static Map<FeedDay, FileLog> fileLog(
      Warehouse warehouse, Object[] dates, Map<String, Long> versionsRead) {
    Map<FeedDay, FileLog> out = new HashMap<>();
    Optional<Dataset<Row>> log = warehouse.readLatest(Tables.INGEST_LOG, versionsRead);
    if (log.isEmpty()) {
      return out;
    }
    log.get()
        .filter(col(IngestLogColumns.DELIVERY_DATE).isin(dates))
        .select(
            IngestLogColumns.FEED_ID,
            IngestLogColumns.DELIVERY_DATE,
            IngestLogColumns.OUTCOME,
            IngestLogColumns.ROWS,
            IngestLogColumns.QUARANTINED,
            IngestLogColumns.ERROR)
        .collectAsList()
        .forEach(
            r -> {
              FileLog f =
                  out.computeIfAbsent(
                      new FeedDay(r.getString(0), r.getDate(1).toLocalDate()), k -> new FileLog());
              switch (r.getString(2)) {
                case IngestLogColumns.OUTCOME_INGESTED -> {
                  f.ingested++;
                  f.delivered += r.getLong(3) + r.getLong(4);
                  f.bronze += r.getLong(3);
                }
                case IngestLogColumns.OUTCOME_REJECTED -> {
                  f.rejected++;
                  f.errors.add(r.getString(5));
                }
                default -> f.duplicate++;
              }
            });
    return out;
  }

  /** Rows of each delivery that silver holds, over all entities. */
  private static Map<FeedDay, Long> silverCounts(
      Warehouse warehouse, Object[] dates, Map<String, Long> versionsRead) {
    Dataset<Row> all = null;
    for (Entity entity : Entity.values()) {
      Optional<Dataset<Row>> silver = warehouse.readLatest(Tables.silver(entity), versionsRead);
      if (silver.isEmpty()) {
        continue;
      }
      Dataset<Row> days =
          silver
              .get()
              .filter(col(LineageColumns.DELIVERY_DATE).isin(dates))
              .select(
                  col(FeedMapping.FEED_ID).as("feed"), col(LineageColumns.DELIVERY_DATE).as("day"));
      all = all == null ? days : all.union(days);
    }
    return all == null ? Map.of() : countByFeedDay(all);
  }

  private static Map<FeedDay, Long> countByFeedDay(Dataset<Row> feedDays) {
    Map<FeedDay, Long> out = new HashMap<>();
    feedDays
        .groupBy("feed", "day")
        .agg(count(lit(1)))
        .collectAsList()
        .forEach(
            r -> out.put(new FeedDay(r.getString(0), r.getDate(1).toLocalDate()), r.getLong(2)));
    return out;
  }

  private static Map<FeedDay, Map<String, Long>> quarantineCounts(
      Warehouse warehouse, Object[] dates, Map<String, Long> versionsRead) {
    Map<FeedDay, Map<String, Long>> out = new HashMap<>();
    Optional<Dataset<Row>> quarantine = warehouse.readLatest(Tables.QUARANTINE, versionsRead);
    if (quarantine.isEmpty()) {
      return out;
    }
    quarantine
        .get()
        .filter(col(QuarantineColumns.DELIVERY_DATE).isin(dates))
        .groupBy(QuarantineColumns.FEED_ID, QuarantineColumns.DELIVERY_DATE, QuarantineColumns.RULE)
        .agg(count(lit(1)))
        .collectAsList()
        .forEach(
            r ->
                out.computeIfAbsent(
                        new FeedDay(r.getString(0), r.getDate(1).toLocalDate()),
                        k -> new TreeMap<>())
                    .put(r.getString(2), r.getLong(3)));
    return out;
  }

  private static Map<FeedDay, DeliveryStatus> previousStatus(Warehouse warehouse, Object[] dates) {
    Map<FeedDay, DeliveryStatus> out = new HashMap<>();
    warehouse
        .readIfExists(Tables.DQ_RESULTS)
        .ifPresent(
            dq ->
                dq.filter(col(DqColumns.DELIVERY_DATE).isin(dates))
                    .select(DqColumns.FEED_ID, DqColumns.DELIVERY_DATE, DqColumns.DELIVERY)
                    .collectAsList()
                    .forEach(
                        r ->
                            out.put(
                                new FeedDay(r.getString(0), r.getDate(1).toLocalDate()),
                                DeliveryStatus.of(r.getString(2)))));
    return out;
  }

  private static Row toRow(FeedDayQuality q, String runId) {
    return RowFactory.create(
        q.feedId(),
        Date.valueOf(q.deliveryDate()),
        q.entity(),
        q.expected(),
        q.delivery().label(),
        Timestamp.from(q.dueAt()),
        q.filesIngested(),
        q.filesRejected(),
        q.filesDuplicate(),
        q.rowsDelivered(),
        q.rowsBronze(),
        q.rowsQuarantined(),
        q.rowsSilver(),
        q.quarantinedByRule(),
        q.rejectRate(),
        q.gate().maxRejectRate(),
        q.gate().minRejectedRows(),
        q.gatePassed() ? DqColumns.GATE_PASS : DqColumns.GATE_FAIL,
        q.fileErrors(),
        runId,
        new Timestamp(System.currentTimeMillis()));
  }

  /** The stored results for some delivery dates, by feed then date. */
  public static List<FeedDayQuality> read(Warehouse warehouse, List<LocalDate> days) {
    Object[] dates = days.stream().map(Date::valueOf).toArray();
    return warehouse
        .readIfExists(Tables.DQ_RESULTS)
        .map(
            dq ->
                dq
                    .filter(col(DqColumns.DELIVERY_DATE).isin(dates))
                    .orderBy(DqColumns.FEED_ID, DqColumns.DELIVERY_DATE)
                    .collectAsList()
                    .stream()
                    .map(DataQualityJob::fromRow)
                    .toList())
        .orElse(List.of());
  }

  /** Every stored feed-day that failed the gate, oldest first. */
  public static List<FeedDayQuality> failures(Warehouse warehouse) {
    return warehouse
        .readIfExists(Tables.DQ_RESULTS)
        .map(
            dq ->
                dq
                    .filter(col(DqColumns.GATE).equalTo(DqColumns.GATE_FAIL))
                    .orderBy(DqColumns.DELIVERY_DATE, DqColumns.FEED_ID)
                    .collectAsList()
                    .stream()
                    .map(DataQualityJob::fromRow)
                    .toList())
        .orElse(List.of());
  }

  private static FeedDayQuality fromRow(Row r) {
    return new FeedDayQuality(
        r.getAs(DqColumns.FEED_ID),
        r.<Date>getAs(DqColumns.DELIVERY_DATE).toLocalDate(),
        r.getAs(DqColumns.ENTITY),
        r.<Boolean>getAs(DqColumns.EXPECTED),
        DeliveryStatus.of(r.getAs(DqColumns.DELIVERY)),
        r.<Timestamp>getAs(DqColumns.DUE_AT).toInstant(),
        r.<Long>getAs(DqColumns.FILES_INGESTED),
        r.<Long>getAs(DqColumns.FILES_REJECTED),
        r.<Long>getAs(DqColumns.FILES_DUPLICATE),
        r.<Long>getAs(DqColumns.ROWS_DELIVERED),
        r.<Long>getAs(DqColumns.ROWS_BRONZE),
        r.<String, Long>getJavaMap(r.fieldIndex(DqColumns.QUARANTINED_BY_RULE)),
        r.<Long>getAs(DqColumns.ROWS_SILVER),
        new QualityGate(
            r.<Double>getAs(DqColumns.MAX_REJECT_RATE),
            r.<Integer>getAs(DqColumns.MIN_REJECTED_ROWS)),
        r.getAs(DqColumns.FILE_ERRORS));
  }
}
