package com.partnercx.score;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import com.partnercx.pipeline.RunContext;
import com.partnercx.pipeline.StageResult;
import com.partnercx.schema.Entity;
import com.partnercx.schema.ServiceEventColumns;
import com.partnercx.warehouse.Tables;
import com.partnercx.warehouse.Warehouse;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * silver -> gold/partner_daily: additive counts and sums per partner and UTC day, so any period is
 * a cheap roll-up. Recomputes whole days, so a re-run or a late correction replaces the day.
 */
public final class PartnerDailyJob {
  public static final String STAGE = "score-daily";
  private static final Logger LOG = LoggerFactory.getLogger(PartnerDailyJob.class);

  private PartnerDailyJob() {}

  /** Recomputes gold/partner_daily for the days {@code [from, to)}. */
  public static StageResult run(RunContext ctx, LocalDate from, LocalDate to) {
    long start = System.nanoTime();
    Warehouse warehouse = ctx.warehouse();
    String silver = Tables.silver(Entity.SERVICE_EVENT);
    if (!warehouse.exists(silver)) {
      LOG.warn("{} does not exist yet: run ingest and conform first; nothing to score", silver);
      return new StageResult(STAGE, 0, 0, 0, 0, Map.of(), Map.of());
    }
    warehouse.spark().sparkContext().setJobGroup(STAGE, "partner_daily " + from + ".." + to, false);
    long silverVersion = warehouse.version(silver);
    Dataset<Row> events =
        warehouse
            .readVersion(silver, silverVersion)
            .filter(
                to_date(col(ServiceEventColumns.CREATED_AT))
                    .geq(lit(Date.valueOf(from)))
                    .and(to_date(col(ServiceEventColumns.CREATED_AT)).lt(lit(Date.valueOf(to)))));
    Dataset<Row> daily =
        serviceEventDaily(events, PartnerDimension.of(warehouse.spark(), ctx.config())).cache();
    try {
      long rows = daily.count();
      String predicate =
          PartnerDailyColumns.DAY
              + " >= '"
              + from
              + "' AND "
              + PartnerDailyColumns.DAY
              + " < '"
              + to
              + "'";
      long version = warehouse.replaceWhere(Tables.PARTNER_DAILY, daily, predicate);
      return new StageResult(
          STAGE,
          rows,
          rows,
          0,
          (System.nanoTime() - start) / 1e9,
          Map.of(silver, silverVersion),
          Map.of(Tables.PARTNER_DAILY, version));
    } finally {
      daily.unpersist();
    }
  }

  /**
   * Service events -> one row per partner and day of created_at. Events of partners not in the
   * master data for that day are left out (they cannot be scored against a program).
   */
  static Dataset<Row> serviceEventDaily(Dataset<Row> events, Dataset<Row> partners) {
    Column day = to_date(col(ServiceEventColumns.CREATED_AT));
    Dataset<Row> joined =
        events
            .withColumn(PartnerDailyColumns.DAY, day)
            .join(
                partners,
                col(Entity.PARTNER_ID)
                    .equalTo(col(PartnerDimension.PARTNER_ID))
                    .and(col(PartnerDailyColumns.DAY).geq(col(PartnerDimension.VALID_FROM)))
                    .and(
                        col(PartnerDimension.VALID_TO)
                            .isNull()
                            .or(col(PartnerDailyColumns.DAY).leq(col(PartnerDimension.VALID_TO)))));
    Column completed =
        col(ServiceEventColumns.STATUS).equalTo(ServiceEventColumns.STATUS_COMPLETED);
    Column timed =
        completed
            .and(col(ServiceEventColumns.PROMISED_AT).isNotNull())
            .and(col(ServiceEventColumns.FULFILLED_AT).isNotNull());
    Column lateSeconds =
        unix_seconds(col(ServiceEventColumns.FULFILLED_AT))
            .minus(unix_seconds(col(ServiceEventColumns.PROMISED_AT)));
    Column onTime = timed.and(lateSeconds.leq(col(PartnerDimension.GRACE_MINUTES).multiply(60)));
    return joined
        .groupBy(
            col(Entity.PARTNER_ID).as(PartnerDailyColumns.PARTNER_ID),
            col(PartnerDimension.PROGRAM_ID).as(PartnerDailyColumns.PROGRAM_ID),
            col(PartnerDailyColumns.DAY))
        .agg(
            count(when(col(ServiceEventColumns.STATUS).isin("completed", "cancelled", "failed"), 1))
                .as(PartnerDailyColumns.EVENTS),
            count(when(completed, 1)).as(PartnerDailyColumns.COMPLETED),
            count(when(col(ServiceEventColumns.STATUS).equalTo("cancelled"), 1))
                .as(PartnerDailyColumns.CANCELLED),
            count(when(timed, 1)).as(PartnerDailyColumns.TIMED),
            count(when(onTime, 1)).as(PartnerDailyColumns.ON_TIME),
            coalesce(sum(when(timed, greatest(lateSeconds, lit(0L)).divide(60.0))), lit(0.0))
                .as(PartnerDailyColumns.DELAY_MINUTES));
  }
}
