package com.partnercx.tables;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import com.partnercx.schema.Entity;
import com.partnercx.schema.LineageColumns;
import com.partnercx.warehouse.Warehouse;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code ops/silver_days}: which UTC days of which entity each delivery date brought rows of, so
 * the daily score knows the silver tables a day has rows in without scanning silver. Conform
 * appends the days of every batch it merged, with the silver version the merge wrote; nothing is
 * removed, so the index may name a day silver has no row of (then a day is recomputed, or a table
 * read, for nothing), never the other way round. An entity whose silver table is at another version
 * than the index last recorded (a run stopped between its merge and the index, a warehouse older
 * than the index) is indexed again from silver when the index is next read.
 */
public final class SilverDaysTable {
  private SilverDaysTable() {}

  public static final String ENTITY = "entity";
  public static final String DAY = "day";
  public static final String DELIVERY_DATE = "delivery_date";

  /** The version of the entity's silver table the row was recorded for. */
  public static final String SILVER_VERSION = "silver_version";

  public static final String RUN_ID = "run_id";

  static final StructType SCHEMA =
      new StructType()
          .add(ENTITY, DataTypes.StringType, false)
          .add(DAY, DataTypes.DateType, true)
          .add(DELIVERY_DATE, DataTypes.DateType, true)
          .add(SILVER_VERSION, DataTypes.LongType, false)
          .add(RUN_ID, DataTypes.StringType, false);

  /**
   * The index rows of an entity's silver rows at {@code silverVersion}: the distinct UTC days and
   * delivery dates, collected (a few rows per delivery date).
   */
  static List<Row> daysOf(Entity entity, Dataset<Row> rows, long silverVersion, String runId) {
    return rows.select(
            lit(entity.id()).as(ENTITY),
            to_date(col(entity.periodField())).as(DAY),
            col(LineageColumns.DELIVERY_DATE).as(DELIVERY_DATE))
        .distinct()
        .withColumn(SILVER_VERSION, lit(silverVersion))
        .withColumn(RUN_ID, lit(runId))
        .collectAsList();
  }

  /** An index row: an entity's UTC day that a delivery date brought rows of. */
  public static Row row(Entity entity, Date day, Date delivery, long silverVersion, String runId) {
    return org.apache.spark.sql.RowFactory.create(entity.id(), day, delivery, silverVersion, runId);
  }

  /** Appends index rows, in one commit. */
  public static void append(Warehouse warehouse, List<Row> days) {
    if (!days.isEmpty()) {
      warehouse.append(Tables.SILVER_DAYS, warehouse.spark().createDataFrame(days, SCHEMA));
    }
  }

  /**
   * Records that an entity's silver table moved from {@code before} to {@code after} without a row
   * changing (compaction, a table property), so the index stays current: when the index was current
   * at {@code before}, a row naming no day carries it to {@code after}.
   */
  public static void sameRows(
      Warehouse warehouse, Entity entity, long before, long after, String runId) {
    if (before == after || !warehouse.exists(Tables.SILVER_DAYS)) {
      return;
    }
    Row latest =
        warehouse
            .read(Tables.SILVER_DAYS)
            .filter(col(ENTITY).equalTo(entity.id()))
            .agg(org.apache.spark.sql.functions.max(SILVER_VERSION))
            .first();
    if (!latest.isNullAt(0) && latest.getLong(0) == before) {
      append(
          warehouse,
          List.of(org.apache.spark.sql.RowFactory.create(entity.id(), null, null, after, runId)));
    }
  }

  /**
   * The index as it stands, each entity checked against its silver table's version and indexed
   * again from silver where they differ.
   */
  public static Index read(Warehouse warehouse, String runId) {
    Map<Entity, Long> silverVersions = new EnumMap<>(Entity.class);
    for (Entity entity : Entity.values()) {
      long version = warehouse.version(Tables.silver(entity));
      if (version >= 0) {
        silverVersions.put(entity, version);
      }
    }
    List<Row> rows =
        warehouse.exists(Tables.SILVER_DAYS)
            ? warehouse
                .read(Tables.SILVER_DAYS)
                .select(ENTITY, DAY, DELIVERY_DATE, SILVER_VERSION)
                .collectAsList()
            : List.of();
    Map<Entity, Long> indexed = new EnumMap<>(Entity.class);
    for (Row r : rows) {
      Entity.byId(r.getString(0)).ifPresent(e -> indexed.merge(e, r.getLong(3), Math::max));
    }
    List<Row> all = new ArrayList<>(rows);
    List<Row> rebuilt = new ArrayList<>();
    silverVersions.forEach(
        (entity, version) -> {
          if (!version.equals(indexed.get(entity))) {
            rebuilt.addAll(
                daysOf(
                    entity, warehouse.readVersion(Tables.silver(entity), version), version, runId));
          }
        });
    append(warehouse, rebuilt);
    all.addAll(rebuilt);
    return new Index(all);
  }

  /** The index, read: every (entity, day, delivery date) it names. */
  public static final class Index {
    private final List<Row> rows;

    private Index(List<Row> rows) {
      this.rows = List.copyOf(rows);
    }

    /** The entities whose silver tables hold (or may hold) rows of any of these UTC days. */
    public Set<Entity> entitiesOn(Collection<LocalDate> utcDays) {
      Set<Entity> entities = EnumSet.noneOf(Entity.class);
      for (Row r : rows) {
        if (date(r, 1).map(utcDays::contains).orElse(false)) {
          Entity.byId(r.getString(0)).ifPresent(entities::add);
        }
      }
      return entities;
    }

    private static Optional<LocalDate> date(Row r, int i) {
      return r.isNullAt(i) ? Optional.empty() : Optional.of(((Date) r.get(i)).toLocalDate());
    }
  }
}
