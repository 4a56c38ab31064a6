package com.partnercx.tables;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import com.partnercx.schema.LineageColumns;
import com.partnercx.warehouse.Warehouse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code ops/quarantine}: rows set aside by ingest or conform, with where they came from, the rule
 * they broke and their raw text. The one builder of its rows and the queries over it.
 */
public final class QuarantineTable {
  private QuarantineTable() {}

  /** The run that set the row aside. */
  public static final String RUN_ID = "run_id";

  /** ingest or conform. */
  public static final String STAGE = "stage";

  /** The feed the row came from. */
  public static final String FEED_ID = "feed_id";

  /** The landing date folder of its file. */
  public static final String DELIVERY_DATE = "delivery_date";

  /** The file it came from. */
  public static final String SOURCE_FILE = "source_file";

  /** Its record number in that file. */
  public static final String SOURCE_ROW = "source_row";

  /** The name of the rule it broke (malformed_row, missing_key, ...). */
  public static final String RULE = "rule";

  /** What exactly was wrong: the field and the offending value. */
  public static final String DETAIL = "detail";

  /** The raw row as delivered (JSON of the source columns). */
  public static final String RAW = "raw";

  /** When it was set aside. */
  public static final String QUARANTINED_AT = "quarantined_at";

  /**
   * The day the row's period field gives, in its feed's time zone: the period the row belongs to.
   * Null when the row has no readable period field (a row that does not split, an empty or
   * unparseable timestamp); such a row belongs to the period of its delivery date.
   */
  public static final String EVENT_DAY = "event_day";

  /** The partner id the row names, as delivered; null when it names none or could not be read. */
  public static final String PARTNER_ID = "partner_id";

  /**
   * Quarantine rows for {@code rejected}, whose lineage columns ({@link LineageColumns}) say where
   * each row came from.
   *
   * @param stage the stage that sets the rows aside
   * @param feedId the feed, as a column of {@code rejected} or a literal
   * @param rule the rule broken
   * @param detail what exactly was wrong
   * @param raw the row as delivered
   * @param at when the rows were set aside
   * @param partnerId the partner the row names (a string column), or a null literal
   * @param eventDay the day of the row's period field (a date column), or a null literal
   */
  public static Dataset<Row> rows(
      Dataset<Row> rejected,
      String runId,
      String stage,
      Column feedId,
      Column rule,
      Column detail,
      Column raw,
      Column at,
      Column partnerId,
      Column eventDay) {
    return rejected.select(
        lit(runId).as(RUN_ID),
        lit(stage).as(STAGE),
        feedId.as(FEED_ID),
        col(LineageColumns.DELIVERY_DATE).as(DELIVERY_DATE),
        col(LineageColumns.SOURCE_FILE).as(SOURCE_FILE),
        col(LineageColumns.SOURCE_ROW).as(SOURCE_ROW),
        rule.as(RULE),
        detail.as(DETAIL),
        raw.as(RAW),
        at.as(QUARANTINED_AT),
        partnerId.cast(DataTypes.StringType).as(PARTNER_ID),
        eventDay.cast(DataTypes.DateType).as(EVENT_DAY));
  }

  /** The predicate of the rows a stage set aside for some feeds and delivery dates. */
  public static String writtenBy(String stage, List<String> feedIds, List<LocalDate> days) {
    return STAGE
        + " = '"
        + stage
        + "' AND "
        + FEED_ID
        + " IN ("
        + feedIds.stream().map(f -> "'" + f + "'").collect(Collectors.joining(", "))
        + ") AND "
        + DELIVERY_DATE
        + " IN ("
        + days.stream().map(d -> "DATE'" + d + "'").collect(Collectors.joining(", "))
        + ")";
  }

  /** Whether any stored row matches the predicate. */
  public static boolean any(Warehouse warehouse, String predicate) {
    return warehouse
        .readIfExists(Tables.QUARANTINE)
        .map(t -> !t.filter(predicate).isEmpty())
        .orElse(false);
  }

  /**
   * Quarantine rows a stage holds until its end, to write them in one commit rather than one per
   * feed or entity: each batch's rows replace what its predicate selects (the rows an earlier run
   * of the same stage set aside from the same deliveries). Rows beyond {@link #MAX_HELD} are not
   * held on the driver: such a batch is written at once.
   */
  public static final class Pending {
    /** The most rows held on the driver. */
    public static final long MAX_HELD = 50_000;

    private final java.util.List<Row> rows = new java.util.ArrayList<>();
    private final java.util.List<String> predicates = new java.util.ArrayList<>();
    private org.apache.spark.sql.types.StructType schema;

    /**
     * Holds {@code quarantine} ({@code count} rows, as {@link QuarantineTable#rows} builds them) to
     * replace the rows {@code predicate} selects; writes it at once when holding it would pass
     * {@link #MAX_HELD}, recording the version in {@code versionsWritten}.
     */
    public void add(
        Warehouse warehouse,
        Dataset<Row> quarantine,
        long count,
        String predicate,
        Map<String, Long> versionsWritten) {
      if (rows.size() + count > MAX_HELD) {
        versionsWritten.put(
            Tables.QUARANTINE, warehouse.replaceWhere(Tables.QUARANTINE, quarantine, predicate));
        return;
      }
      schema = quarantine.schema();
      if (count > 0) {
        rows.addAll(quarantine.collectAsList());
      }
      predicates.add(predicate);
    }

    /**
     * Writes what is held in one commit; nothing when no row is held and none of the predicates
     * selects a stored row.
     */
    public void write(Warehouse warehouse, Map<String, Long> versionsWritten) {
      if (predicates.isEmpty()) {
        return;
      }
      String predicate =
          predicates.size() == 1
              ? predicates.get(0)
              : "(" + String.join(") OR (", predicates) + ")";
      if (rows.isEmpty() && !any(warehouse, predicate)) {
        return;
      }
      versionsWritten.put(
          Tables.QUARANTINE,
          warehouse.replaceWhere(
              Tables.QUARANTINE, warehouse.spark().createDataFrame(rows, schema), predicate));
      rows.clear();
      predicates.clear();
    }
  }

  /**
   * Rows set aside per feed, delivery date and rule for these delivery dates, read at the latest
   * version (recorded in {@code versionsRead}).
   */
  public static Map<FeedDay, Map<String, Long>> countsByRule(
      Warehouse warehouse, List<LocalDate> days, Map<String, Long> versionsRead) {
    Map<FeedDay, Map<String, Long>> out = new HashMap<>();
    Optional<Dataset<Row>> quarantine = warehouse.readLatest(Tables.QUARANTINE, versionsRead);
    if (quarantine.isEmpty()) {
      return out;
    }
    quarantine
        .get()
        .filter(col(DELIVERY_DATE).isin(FeedDay.dates(days)))
        .groupBy(FEED_ID, DELIVERY_DATE, RULE)
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

  /**
   * A reason rows were set aside, with how many were.
   *
   * @param feedId the feed
   * @param rule the rule they broke
   * @param detail the detail, which names the field and the value found
   * @param rows how many rows of these delivery dates share it
   */
  public record Reason(String feedId, String rule, String detail, long rows) {}

  /**
   * The {@code perFeed} most frequent rule and detail pairs of each feed for these delivery dates
   * (the values an unmapped or unparseable field holds most often), most frequent first.
   */
  public static List<Reason> mostFrequent(Warehouse warehouse, List<LocalDate> days, int perFeed) {
    Optional<Dataset<Row>> quarantine = warehouse.readIfExists(Tables.QUARANTINE);
    if (quarantine.isEmpty()) {
      return List.of();
    }
    return quarantine
        .get()
        .filter(col(DELIVERY_DATE).isin(FeedDay.dates(days)))
        .groupBy(FEED_ID, RULE, DETAIL)
        .agg(count(lit(1)).as("rows"))
        .withColumn(
            "rank",
            org.apache
                .spark
                .sql
                .functions
                .row_number()
                .over(
                    org.apache.spark.sql.expressions.Window.partitionBy(FEED_ID)
                        .orderBy(col("rows").desc(), col(RULE), col(DETAIL))))
        .filter(col("rank").leq(perFeed))
        .orderBy(col(FEED_ID), col("rank"))
        .collectAsList()
        .stream()
        .map(r -> new Reason(r.getString(0), r.getString(1), r.getString(2), r.getLong(3)))
        .toList();
  }
}
