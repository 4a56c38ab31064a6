package com.partnercx.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.sum;

import com.partnercx.schema.Period;
import com.partnercx.tables.PartnerDailyTable;
import com.partnercx.tables.PeriodCounts;
import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** gold/partner_daily summed over a period per partner: the inputs of the period's metrics. */
final class PeriodRollup {
  private PeriodRollup() {}

  /** Sums every measure over the period per partner; the program is the one of its last day. */
  static List<PeriodCounts> sums(Dataset<Row> daily, Period period) {
    List<Column> sums = new ArrayList<>();
    sums.add(
        max_by(col(PartnerDailyTable.PROGRAM_ID), col(PartnerDailyTable.DAY))
            .as(PartnerDailyTable.PROGRAM_ID));
    for (String measure : PartnerDailyTable.MEASURES) {
      // Counts add up exactly as they are; sums of doubles through ExactSum.
      sums.add(
          (PartnerDailyTable.isSum(measure)
                  ? ExactSum.of(col(measure))
                  : sum(col(measure)).cast("double"))
              .as(measure));
    }
    return daily
        .filter(
            col(PartnerDailyTable.DAY)
                .geq(lit(Date.valueOf(period.start())))
                .and(col(PartnerDailyTable.DAY).lt(lit(Date.valueOf(period.end())))))
        .groupBy(col(PartnerDailyTable.PARTNER_ID))
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new))
        .orderBy(PartnerDailyTable.PARTNER_ID)
        .collectAsList()
        .stream()
        .map(
            r -> {
              Map<String, Double> values = new HashMap<>();
              for (String measure : PartnerDailyTable.MEASURES) {
                values.put(measure, r.<Double>getAs(measure));
              }
              return new PeriodCounts(
                  r.getAs(PartnerDailyTable.PARTNER_ID),
                  r.getAs(PartnerDailyTable.PROGRAM_ID),
                  values);
            })
        .toList();
  }
}
