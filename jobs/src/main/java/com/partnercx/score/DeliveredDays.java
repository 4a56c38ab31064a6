package com.partnercx.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_date;

import com.partnercx.schema.Entity;
import com.partnercx.schema.LineageColumns;
import com.partnercx.warehouse.Tables;
import com.partnercx.warehouse.Warehouse;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Which event days a delivery touched, so the nightly run recomputes exactly those days. */
public final class DeliveredDays {
  private DeliveredDays() {}

  /** The distinct UTC days of the rows of any entity delivered on those dates. */
  public static List<LocalDate> of(Warehouse warehouse, List<LocalDate> deliveries) {
    TreeSet<LocalDate> days = new TreeSet<>();
    byDelivery(warehouse, deliveries).values().forEach(days::addAll);
    return List.copyOf(days);
  }

  /** Per delivery date, the distinct UTC event days of the rows it delivered to silver. */
  public static Map<LocalDate, Set<LocalDate>> byDelivery(
      Warehouse warehouse, List<LocalDate> deliveries) {
    Object[] dates = deliveries.stream().map(Date::valueOf).toArray();
    Map<LocalDate, Set<LocalDate>> days = new TreeMap<>();
    for (Entity entity : Entity.values()) {
      String silver = Tables.silver(entity);
      if (!warehouse.exists(silver)) {
        continue;
      }
      warehouse
          .read(silver)
          .filter(col(LineageColumns.DELIVERY_DATE).isin(dates))
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
