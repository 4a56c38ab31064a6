package com.partnercx.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import com.partnercx.config.Feed;
import com.partnercx.schema.CanonicalField;
import com.partnercx.schema.Entity;
import com.partnercx.schema.LineageColumns;
import com.partnercx.stage.RunContext;
import com.partnercx.stage.StageResult;
import com.partnercx.tables.BronzeTable;
import com.partnercx.tables.QuarantineTable;
import com.partnercx.tables.SilverDaysTable;
import com.partnercx.tables.SilverTable;
import com.partnercx.tables.Tables;
import com.partnercx.warehouse.Warehouse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * bronze -> silver for a set of delivery days: maps each feed's rows to its canonical entity, sets
 * rows that break a rule aside in ops/quarantine, and MERGEs the rest on the natural key, so a
 * corrected re-delivery updates its row and a re-run changes nothing.
 */
public final class ConformJob {
  public static final String STAGE = "conform";
  private static final Logger LOG = LoggerFactory.getLogger(ConformJob.class);

  private static volatile boolean warnedAboutSalt;

  private ConformJob() {}

  /**
   * Throws when conform could not hash customer identifiers with a secret salt ({@link
   * PiiProtection#salt()}), so a nightly can refuse before it writes anything.
   */
  public static void requireSalt() {
    PiiProtection.salt();
  }

  /**
   * Conforms the rows delivered on these dates of the entities that have any: {@code feedsWithRows}
   * are the feeds the ingest log says wrote rows to bronze on them, so an entity none of whose
   * feeds delivered is not read at all.
   */
  public static StageResult run(RunContext ctx, List<LocalDate> days, Set<String> feedsWithRows) {
    long start = System.nanoTime();
    Warehouse warehouse = ctx.warehouse();
    String salt = PiiProtection.salt();
    if (PiiProtection.usingDevelopmentSalt() && !warnedAboutSalt) {
      warnedAboutSalt = true;
      LOG.warn(
          "{} is not set: customer keys are hashed with the development salt. Set it in production.",
          PiiProtection.SALT_ENV);
    }
    long read = 0;
    long written = 0;
    long quarantined = 0;
    Map<String, Long> versionsRead = new TreeMap<>();
    Map<String, Long> versionsWritten = new TreeMap<>();
    List<Row> indexed = new java.util.ArrayList<>();
    QuarantineTable.Pending quarantine = new QuarantineTable.Pending();
    Dataset<Row> calendar = PartnerCalendar.of(ctx.config()).toDataset(warehouse.spark());
    Map<Entity, List<Feed>> byEntity =
        ctx.config().feeds().values().stream()
            .filter(feed -> !feed.isReference() && feedsWithRows.contains(feed.id()))
            .collect(Collectors.groupingBy(Feed::entity, TreeMap::new, Collectors.toList()));
    if (!byEntity.isEmpty()) {
      // The index of silver's days is brought up to date first, so the days this run appends
      // after its merges complete it rather than start it.
      SilverDaysTable.read(warehouse, ctx.runId());
    }
    for (Map.Entry<Entity, List<Feed>> entry : byEntity.entrySet()) {
      Entity entity = entry.getKey();
      String silver = Tables.silver(entity);
      warehouse
          .spark()
          .sparkContext()
          .setJobGroup(STAGE + ":" + entity.id(), "conform " + silver + " " + days, false);
      Dataset<Row> mapped = null;
      for (Feed feed : entry.getValue()) {
        Dataset<Row> bronze =
            Lookups.apply(
                warehouse,
                feed,
                BronzeTable.delivered(warehouse, feed.id(), days, versionsRead),
                versionsRead);
        Dataset<Row> feedRows = FeedMapping.conform(bronze, feed, salt, calendar);
        mapped = mapped == null ? feedRows : mapped.unionByName(feedRows);
      }
      mapped = mapped.cache();
      try {
        // One pass gives the rows and rule breaks per feed, and the days the good rows are of.
        List<Row> counts =
            mapped
                .groupBy(
                    col(SilverTable.FEED_ID),
                    to_date(col(entity.periodField())),
                    col(LineageColumns.DELIVERY_DATE))
                .agg(count(lit(1)), count(col(FeedMapping.VIOLATION)))
                .collectAsList();
        Map<String, long[]> perFeed = new TreeMap<>();
        for (Row r : counts) {
          long[] feedCounts = perFeed.computeIfAbsent(r.getString(0), k -> new long[2]);
          feedCounts[0] += r.getLong(3);
          feedCounts[1] += r.getLong(4);
        }
        long rows = perFeed.values().stream().mapToLong(c -> c[0]).sum();
        long bad = perFeed.values().stream().mapToLong(c -> c[1]).sum();
        if (rows == 0) {
          continue;
        }
        perFeed.forEach(
            (feedId, c) ->
                LOG.info("{} -> {}: {} rows, {} quarantined", feedId, silver, c[0], c[1]));
        // Replaces what an earlier conform of these deliveries set aside, so a re-run does not
        // quarantine a row twice and a fixed rule releases nothing twice.
        quarantine.add(
            warehouse,
            toQuarantine(mapped.filter(col(FeedMapping.VIOLATION).isNotNull()), ctx.runId()),
            bad,
            quarantinedBefore(entry.getValue(), days),
            versionsWritten);
        Dataset<Row> good =
            FeedMapping.latestPerKey(
                    mapped.filter(col(FeedMapping.VIOLATION).isNull()), entity.keyFields())
                .drop(
                    FeedMapping.VIOLATION,
                    FeedMapping.VIOLATION_DETAIL,
                    FeedMapping.RAW,
                    FeedMapping.EVENT_DAY)
                .withColumn(LineageColumns.RUN_ID, lit(ctx.runId()));
        Warehouse.MergeResult merged =
            warehouse.merge(silver, good, entity.keyFields(), changed(entity));
        versionsWritten.put(silver, merged.version());
        for (Row r : counts) {
          if (r.getLong(3) > r.getLong(4)) {
            indexed.add(
                SilverDaysTable.row(
                    entity,
                    r.isNullAt(1) ? null : r.getDate(1),
                    r.isNullAt(2) ? null : r.getDate(2),
                    merged.version(),
                    ctx.runId()));
          }
        }
        read += rows;
        written += merged.inserted() + merged.updated();
        quarantined += bad;
        LOG.info(
            "{}: {} new, {} updated by a later delivery, {} unchanged or duplicates",
            silver,
            merged.inserted(),
            merged.updated(),
            rows - bad - merged.inserted() - merged.updated());
      } finally {
        mapped.unpersist();
      }
    }
    // One commit for every entity's days; an entity merged but not indexed (a run stopped in
    // between) is indexed again from silver when the index is next read.
    SilverDaysTable.append(warehouse, indexed);
    quarantine.write(warehouse, versionsWritten);
    return new StageResult(
        STAGE,
        read,
        written,
        quarantined,
        (System.nanoTime() - start) / 1e9,
        versionsRead,
        versionsWritten);
  }

  /** The quarantine rows an earlier conform of these feeds and deliveries wrote. */
  static String quarantinedBefore(List<Feed> feeds, List<LocalDate> days) {
    return QuarantineTable.writtenBy(STAGE, feeds.stream().map(Feed::id).toList(), days);
  }

  /**
   * The MERGE update condition: the incoming row is from the same or a later delivery and differs
   * in some canonical field. An identical re-run therefore rewrites nothing.
   */
  static String changed(Entity entity) {
    String same =
        entity.fields().stream()
            .map(CanonicalField::name)
            .map(f -> "t.`" + f + "` <=> s.`" + f + "`")
            .collect(Collectors.joining(" AND "));
    return "s.`"
        + LineageColumns.DELIVERY_DATE
        + "` >= t.`"
        + LineageColumns.DELIVERY_DATE
        + "` AND NOT ("
        + same
        + ")";
  }

  static Dataset<Row> toQuarantine(Dataset<Row> bad, String runId) {
    return QuarantineTable.rows(
        bad,
        runId,
        STAGE,
        col(SilverTable.FEED_ID),
        col(FeedMapping.VIOLATION),
        col(FeedMapping.VIOLATION_DETAIL),
        col(FeedMapping.RAW),
        current_timestamp(),
        col(Entity.PARTNER_ID),
        col(FeedMapping.EVENT_DAY));
  }
}
