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

/** Which event days a delivery touched, so the nightly run recomputes exactly those days. */
public final class DeliveredDays {
  private DeliveredDays() {}

  /** The distinct UTC days of the rows of any entity delivered on those dates. */
  public static List<LocalDate> of(Warehouse warehouse, List<LocalDate> deliveries) {
    Object[] dates = deliveries.stream().map(Date::valueOf).toArray();
    java.util.TreeSet<LocalDate> days = new java.util.TreeSet<>();
    for (Entity entity : Entity.values()) {
      String silver = Tables.silver(entity);
      if (!warehouse.exists(silver)) {
        continue;
      }
      warehouse
          .read(silver)
          .filter(col(LineageColumns.DELIVERY_DATE).isin(dates))
          .select(to_date(col(entity.periodField())).as("d"))
          .distinct()
          .collectAsList()
          .forEach(r -> days.add(r.getDate(0).toLocalDate()));
    }
    return List.copyOf(days);
  }
}
