package com.partnercx.tables;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import com.partnercx.schema.Entity;
import com.partnercx.schema.LineageColumns;
import com.partnercx.warehouse.Warehouse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code silver/<entity>}: canonical, typed rows, one per natural key. Each entity's fields are
 * declared by {@link Entity} (with a column class per entity in {@code com.partnercx.schema});
 * every row also keeps its lineage ({@link LineageColumns}) and {@link #FEED_ID}. The queries the
 * quality check and the daily score need.
 */
public final class SilverTable {
  private SilverTable() {}

  /** The feed a silver row came from. */
  public static final String FEED_ID = "_feed_id";

  /**
   * Rows of these deliveries that silver holds now, per feed-day, over the given entities (those
   * the deliveries wrote rows of; the others hold none).
   */
  public static Map<FeedDay, Long> rowsByFeedDay(
      Warehouse warehouse,
      List<LocalDate> days,
      Set<Entity> entities,
      Map<String, Long> versionsRead) {
    Dataset<Row> all = null;
    for (Entity entity : entities) {
      Optional<Dataset<Row>> silver = warehouse.readLatest(Tables.silver(entity), versionsRead);
      if (silver.isEmpty()) {
        continue;
      }
      Dataset<Row> feedDays =
          silver
              .get()
              .filter(col(LineageColumns.DELIVERY_DATE).isin(FeedDay.dates(days)))
              .select(col(FEED_ID), col(LineageColumns.DELIVERY_DATE));
      all = all == null ? feedDays : all.union(feedDays);
    }
    Map<FeedDay, Long> out = new HashMap<>();
    if (all == null) {
      return out;
    }
    all.groupBy(FEED_ID, LineageColumns.DELIVERY_DATE)
        .agg(count(lit(1)))
        .collectAsList()
        .forEach(
            r -> out.put(new FeedDay(r.getString(0), r.getDate(1).toLocalDate()), r.getLong(2)));
    return out;
  }

  /**
   * The distinct UTC days of the rows delivered on those dates, over the given entities (those the
   * deliveries wrote rows of).
   */
  public static List<LocalDate> daysDelivered(
      Warehouse warehouse, List<LocalDate> deliveries, Set<Entity> entities) {
    TreeSet<LocalDate> days = new TreeSet<>();
    daysByDelivery(warehouse, deliveries, entities).values().forEach(days::addAll);
    return List.copyOf(days);
  }

  /**
   * Per delivery date, the distinct UTC event days of the rows it delivered to silver, over the
   * given entities.
   */
  public static Map<LocalDate, Set<LocalDate>> daysByDelivery(
      Warehouse warehouse, List<LocalDate> deliveries, Set<Entity> entities) {
    Map<LocalDate, Set<LocalDate>> days = new TreeMap<>();
    for (Entity entity : entities) {
      String silver = Tables.silver(entity);
      if (!warehouse.exists(silver)) {
        continue;
      }
      warehouse
          .read(silver)
          .filter(col(LineageColumns.DELIVERY_DATE).isin(FeedDay.dates(deliveries)))
          .select(col(LineageColumns.DELIVERY_DATE), to_date(col(entity.periodField())).as("d"))
          .distinct()
          .collectAsList()
          .forEach(
              r ->
                  days.computeIfAbsent(r.getDate(0).toLocalDate(), k -> new TreeSet<>())
                      .add(r.getDate(1).toLocalDate()));
    }
    return days;
  }
}
