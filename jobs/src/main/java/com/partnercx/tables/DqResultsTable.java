package com.partnercx.tables;

import static org.apache.spark.sql.functions.col;

import com.partnercx.config.QualityGate;
import com.partnercx.warehouse.Warehouse;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code ops/dq_results}: the data-quality figures and gate verdict per feed and delivery date (row
 * type {@link FeedDayQuality}). Its schema, row mapping and the queries over it.
 */
public final class DqResultsTable {
  private DqResultsTable() {}

  public static final String FEED_ID = "feed_id";

  /** The landing date folder the results are for. */
  public static final String DELIVERY_DATE = "delivery_date";

  /** The canonical entity the feed maps to. */
  public static final String ENTITY = "entity";

  /** Whether the feed's schedule expects a delivery on this date. */
  public static final String EXPECTED = "expected";

  /** What became of the expected delivery: one of {@link DeliveryStatus}, lower case. */
  public static final String DELIVERY = "delivery";

  /** When the delivery was due (UTC): the schedule's deadline, in the feed's zone. */
  public static final String DUE_AT = "due_at";

  public static final String FILES_INGESTED = "files_ingested";
  public static final String FILES_REJECTED = "files_rejected";
  public static final String FILES_DUPLICATE = "files_duplicate";

  /** Rows in the files ingested: bronze plus malformed. */
  public static final String ROWS_DELIVERED = "rows_delivered";

  public static final String ROWS_BRONZE = "rows_bronze";

  /**
   * Rows of the rejected files (ops/ingest_log.refused_rows): the gate counts them as rejected, so
   * reject_rate = (rows_quarantined + rows_refused) / (rows_delivered + rows_refused).
   */
  public static final String ROWS_REFUSED = "rows_refused";

  /** Rows set aside in ops/quarantine, by any rule. */
  public static final String ROWS_QUARANTINED = "rows_quarantined";

  /** Rows of this delivery that silver holds now (a later correction moves a row on). */
  public static final String ROWS_SILVER = "rows_silver";

  /** Quarantined rows by rule name. */
  public static final String QUARANTINED_BY_RULE = "quarantined_by_rule";

  /** See {@link #ROWS_REFUSED}; 0 when nothing was delivered. */
  public static final String REJECT_RATE = "reject_rate";

  /** The feed's quality.max_reject_rate when the row was written. */
  public static final String MAX_REJECT_RATE = "max_reject_rate";

  /** The feed's quality.min_rejected_rows when the row was written. */
  public static final String MIN_REJECTED_ROWS = "min_rejected_rows";

  /** pass or fail. */
  public static final String GATE = "gate";

  /** Why each rejected file was rejected, one per line. */
  public static final String FILE_ERRORS = "file_errors";

  public static final String RUN_ID = "run_id";
  public static final String CHECKED_AT = "checked_at";

  public static final String GATE_PASS = "pass";
  public static final String GATE_FAIL = "fail";

  static final StructType SCHEMA =
      new StructType()
          .add(FEED_ID, DataTypes.StringType, false)
          .add(DELIVERY_DATE, DataTypes.DateType, false)
          .add(ENTITY, DataTypes.StringType, false)
          .add(EXPECTED, DataTypes.BooleanType, false)
          .add(DELIVERY, DataTypes.StringType, false)
          .add(DUE_AT, DataTypes.TimestampType, false)
          .add(FILES_INGESTED, DataTypes.LongType, false)
          .add(FILES_REJECTED, DataTypes.LongType, false)
          .add(FILES_DUPLICATE, DataTypes.LongType, false)
          .add(ROWS_DELIVERED, DataTypes.LongType, false)
          .add(ROWS_BRONZE, DataTypes.LongType, false)
          .add(ROWS_QUARANTINED, DataTypes.LongType, false)
          .add(ROWS_SILVER, DataTypes.LongType, false)
          .add(
              QUARANTINED_BY_RULE,
              DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType),
              false)
          .add(REJECT_RATE, DataTypes.DoubleType, false)
          .add(MAX_REJECT_RATE, DataTypes.DoubleType, false)
          .add(MIN_REJECTED_ROWS, DataTypes.IntegerType, false)
          .add(GATE, DataTypes.StringType, false)
          .add(FILE_ERRORS, DataTypes.StringType, true)
          .add(RUN_ID, DataTypes.StringType, false)
          .add(CHECKED_AT, DataTypes.TimestampType, false)
          .add(ROWS_REFUSED, DataTypes.LongType, true);

  /**
   * Replaces the rows of these delivery dates with {@code results}, so a re-check gives the current
   * verdict; returns the version written.
   */
  public static long replaceDates(
      Warehouse warehouse, List<LocalDate> days, List<FeedDayQuality> results, String runId) {
    Timestamp now = new Timestamp(System.currentTimeMillis());
    Dataset<Row> rows =
        warehouse
            .spark()
            .createDataFrame(results.stream().map(r -> toRow(r, runId, now)).toList(), SCHEMA);
    String predicate =
        DELIVERY_DATE
            + " IN ("
            + days.stream().map(d -> "DATE'" + d + "'").collect(Collectors.joining(", "))
            + ")";
    return warehouse.replaceWhere(Tables.DQ_RESULTS, rows, predicate);
  }

  private static Row toRow(FeedDayQuality q, String runId, Timestamp checkedAt) {
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
        q.gatePassed() ? GATE_PASS : GATE_FAIL,
        q.fileErrors(),
        runId,
        checkedAt,
        q.rowsRefused());
  }

  /** The stored results for some delivery dates, by feed then date. */
  public static List<FeedDayQuality> read(Warehouse warehouse, List<LocalDate> days) {
    return warehouse
        .readIfExists(Tables.DQ_RESULTS)
        .map(
            dq ->
                dq
                    .filter(col(DELIVERY_DATE).isin(FeedDay.dates(days)))
                    .orderBy(FEED_ID, DELIVERY_DATE)
                    .collectAsList()
                    .stream()
                    .map(DqResultsTable::fromRow)
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
                    .filter(col(GATE).equalTo(GATE_FAIL))
                    .orderBy(DELIVERY_DATE, FEED_ID)
                    .collectAsList()
                    .stream()
                    .map(DqResultsTable::fromRow)
                    .toList())
        .orElse(List.of());
  }

  /** What an earlier check found of each delivery of these dates. */
  public static Map<FeedDay, DeliveryStatus> statuses(Warehouse warehouse, List<LocalDate> days) {
    Map<FeedDay, DeliveryStatus> out = new HashMap<>();
    warehouse
        .readIfExists(Tables.DQ_RESULTS)
        .ifPresent(
            dq ->
                dq.filter(col(DELIVERY_DATE).isin(FeedDay.dates(days)))
                    .select(FEED_ID, DELIVERY_DATE, DELIVERY)
                    .collectAsList()
                    .forEach(
                        r ->
                            out.put(
                                new FeedDay(r.getString(0), r.getDate(1).toLocalDate()),
                                DeliveryStatus.of(r.getString(2)))));
    return out;
  }

  /** Rows written before the table had {@link #ROWS_REFUSED} hold none. */
  private static long refused(Row r) {
    int i = java.util.Arrays.asList(r.schema().fieldNames()).indexOf(ROWS_REFUSED);
    return i < 0 || r.isNullAt(i) ? 0 : r.getLong(i);
  }

  private static FeedDayQuality fromRow(Row r) {
    return new FeedDayQuality(
        r.getAs(FEED_ID),
        r.<Date>getAs(DELIVERY_DATE).toLocalDate(),
        r.getAs(ENTITY),
        r.<Boolean>getAs(EXPECTED),
        DeliveryStatus.of(r.getAs(DELIVERY)),
        r.<Timestamp>getAs(DUE_AT).toInstant(),
        r.<Long>getAs(FILES_INGESTED),
        r.<Long>getAs(FILES_REJECTED),
        r.<Long>getAs(FILES_DUPLICATE),
        r.<Long>getAs(ROWS_DELIVERED),
        r.<Long>getAs(ROWS_BRONZE),
        refused(r),
        r.<String, Long>getJavaMap(r.fieldIndex(QUARANTINED_BY_RULE)),
        r.<Long>getAs(ROWS_SILVER),
        new QualityGate(r.<Double>getAs(MAX_REJECT_RATE), r.<Integer>getAs(MIN_REJECTED_ROWS)),
        r.getAs(FILE_ERRORS));
  }
}
