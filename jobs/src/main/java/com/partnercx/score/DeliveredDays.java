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

  /** The distinct UTC days of created_at among service events delivered on those dates. */
  public static List<LocalDate> of(Warehouse warehouse, List<LocalDate> deliveries) {
    String silver = Tables.silver(Entity.SERVICE_EVENT);
    if (!warehouse.exists(silver)) {
      return List.of();
    }
    return warehouse
        .read(silver)
        .filter(
            col(LineageColumns.DELIVERY_DATE)
                .isin(deliveries.stream().map(Date::valueOf).toArray()))
        .select(to_date(col(Entity.SERVICE_EVENT.periodField())).as("d"))
        .distinct()
        .orderBy("d")
        .collectAsList()
        .stream()
        .map(r -> r.getDate(0).toLocalDate())
        .toList();
  }
}
