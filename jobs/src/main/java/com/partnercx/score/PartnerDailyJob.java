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

import com.partnercx.config.PcxConfig;
import com.partnercx.pipeline.RunContext;
import com.partnercx.pipeline.StageResult;
import com.partnercx.quality.DeliveryStatus;
import com.partnercx.quality.DqColumns;
import com.partnercx.schema.Entity;
import com.partnercx.schema.LineageColumns;
import com.partnercx.schema.ServiceEventColumns;
import com.partnercx.warehouse.Tables;
import com.partnercx.warehouse.Warehouse;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * silver -> gold/partner_daily: additive counts and sums per partner and UTC day over all six
 * entities, so any period is a cheap roll-up. Recomputes whole days, so a re-run or a late
 * correction replaces the day.
 */
public final class PartnerDailyJob {
  public static final String STAGE = "score-daily";

  private PartnerDailyJob() {}

  /** Recomputes gold/partner_daily for the days {@code [from, to)}. */
  public static StageResult run(RunContext ctx, LocalDate from, LocalDate to) {
    return run(ctx, from.datesUntil(to).toList());
  }

  /** The tables partner_daily is computed from: the six silver entities and ops/dq_results. */
  public static final List<String> INPUTS;

  static {
    List<String> inputs = new ArrayList<>();
    for (Entity entity : Entity.values()) {
      inputs.add(Tables.silver(entity));
    }
    inputs.add(Tables.DQ_RESULTS);
    INPUTS = List.copyOf(inputs);
  }

  /**
   * partner_daily rows of these days from the input tables at the given versions (a table absent
   * from {@code versions} is not read): the latest for a nightly run, recorded ones for {@code pcx
   * reproduce}. Empty when no silver table is given.
   */
  public static Optional<Dataset<Row>> compute(
      Warehouse warehouse, PcxConfig config, List<LocalDate> days, Map<String, Long> versions) {
    Object[] dates = days.stream().map(Date::valueOf).toArray();
    Map<Entity, Dataset<Row>> silver = new EnumMap<>(Entity.class);
    for (Entity entity : Entity.values()) {
      Long version = versions.get(Tables.silver(entity));
      if (version == null) {
        continue;
      }
      Column day = to_date(col(entity.periodField()));
      silver.put(
          entity, warehouse.readVersion(Tables.silver(entity), version).filter(day.isin(dates)));
    }
    if (silver.isEmpty()) {
      return Optional.empty();
    }
    Dataset<Row> deliveries = null;
    Long dqVersion = versions.get(Tables.DQ_RESULTS);
    if (dqVersion != null) {
      deliveries =
          perPartner(
              warehouse
                  .readVersion(Tables.DQ_RESULTS, dqVersion)
                  .filter(col(DqColumns.DELIVERY_DATE).isin(dates)),
              FeedPartners.of(warehouse.spark(), config));
    }
    return Optional.of(
        partnerDaily(
            silver, deliveries, PartnerDimension.of(warehouse.spark(), config), asOf(silver)));
  }

  /** Recomputes gold/partner_daily for these days, and only these. */
  public static StageResult run(RunContext ctx, List<LocalDate> days) {
    long start = System.nanoTime();
    Warehouse warehouse = ctx.warehouse();
    warehouse
        .spark()
        .sparkContext()
        .setJobGroup(
            STAGE,
            "partner_daily "
                + days.get(0)
                + ".."
                + days.get(days.size() - 1)
                + " ("
                + days.size()
                + " days)",
            false);
    Map<String, Long> versionsRead = new TreeMap<>();
    for (String table : INPUTS) {
      long version = warehouse.version(table);
      if (version >= 0) {
        versionsRead.put(table, version);
      }
    }
    Optional<Dataset<Row>> computed = compute(warehouse, ctx.config(), days, versionsRead);
    if (computed.isEmpty()) {
      return new StageResult(STAGE, 0, 0, 0, 0, Map.of(), Map.of());
    }
    Dataset<Row> daily = computed.get().cache();
    try {
      long rows = daily.count();
      String predicate =
          PartnerDailyColumns.DAY
              + " IN ("
              + days.stream().map(d -> "DATE'" + d + "'").collect(Collectors.joining(", "))
              + ")";
      long version = warehouse.replaceWhere(Tables.PARTNER_DAILY, daily, predicate);
      return new StageResult(
          STAGE,
          rows,
          rows,
          0,
          (System.nanoTime() - start) / 1e9,
          versionsRead,
          Map.of(Tables.PARTNER_DAILY, version));
    } finally {
      daily.unpersist();
    }
  }

  /**
   * The moment SLA deadlines are judged against: midnight UTC of the latest delivery date in the
   * data read, so the same data always gives the same figures.
   */
  static Timestamp asOf(Map<Entity, Dataset<Row>> silver) {
    Dataset<Row> deliveries = null;
    for (Dataset<Row> rows : silver.values()) {
      Dataset<Row> dates = rows.select(LineageColumns.DELIVERY_DATE);
      deliveries = deliveries == null ? dates : deliveries.union(dates);
    }
    Row latest = deliveries.agg(functions.max(LineageColumns.DELIVERY_DATE)).first();
    return latest.isNullAt(0)
        ? new Timestamp(0)
        : Timestamp.from(latest.getDate(0).toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC));
  }

  /**
   * Silver rows of each entity -> one row per partner, program and day with every measure of {@link
   * PartnerDailyColumns#MEASURES}. Rows of partners not in the master data for that day are left
   * out (they cannot be scored against a program).
   */
  static Dataset<Row> partnerDaily(
      Map<Entity, Dataset<Row>> silver,
      Dataset<Row> deliveries,
      Dataset<Row> partners,
      Timestamp asOf) {
    List<Dataset<Row>> parts = new ArrayList<>();
    silver.forEach(
        (entity, rows) -> {
          Column[] measures = measures(entity, asOf);
          parts.add(
              withPartner(
                      rows.withColumn(PartnerDailyColumns.DAY, to_date(col(entity.periodField()))),
                      partners)
                  .groupBy(
                      col(Entity.PARTNER_ID).as(PartnerDailyColumns.PARTNER_ID),
                      col(PartnerDimension.PROGRAM_ID).as(PartnerDailyColumns.PROGRAM_ID),
                      col(PartnerDailyColumns.DAY))
                  .agg(measures[0], Arrays.copyOfRange(measures, 1, measures.length)));
        });
    if (deliveries != null) {
      Column counted = col(DqColumns.DELIVERY).isin(COUNTED_DELIVERIES);
      Column onTime = col(DqColumns.DELIVERY).equalTo(DeliveryStatus.ON_TIME.label());
      parts.add(
          withPartner(
                  deliveries
                      .filter(counted)
                      .withColumn(PartnerDailyColumns.DAY, col(DqColumns.DELIVERY_DATE)),
                  partners)
              .groupBy(
                  col(Entity.PARTNER_ID).as(PartnerDailyColumns.PARTNER_ID),
                  col(PartnerDimension.PROGRAM_ID).as(PartnerDailyColumns.PROGRAM_ID),
                  col(PartnerDailyColumns.DAY))
              .agg(
                  count(lit(1)).as(PartnerDailyColumns.DELIVERIES_DUE),
                  count(when(onTime, 1)).as(PartnerDailyColumns.DELIVERIES_ON_TIME)));
    }
    Dataset<Row> all = parts.get(0);
    for (Dataset<Row> part : parts.subList(1, parts.size())) {
      all = all.unionByName(part, true);
    }
    for (String measure : PartnerDailyColumns.MEASURES) {
      if (!Arrays.asList(all.columns()).contains(measure)) {
        all = all.withColumn(measure, lit(null).cast("long"));
      }
    }
    Column[] totals =
        PartnerDailyColumns.MEASURES.stream()
            .map(m -> coalesce(sum(col(m)), lit(0)).cast(isSum(m) ? "double" : "long").as(m))
            .toArray(Column[]::new);
    return all.groupBy(
            PartnerDailyColumns.PARTNER_ID, PartnerDailyColumns.PROGRAM_ID, PartnerDailyColumns.DAY)
        .agg(totals[0], Arrays.copyOfRange(totals, 1, totals.length));
  }

  /** Measures that add up values rather than count rows. */
  static boolean isSum(String measure) {
    return measure.endsWith("_sum") || measure.equals(PartnerDailyColumns.DELAY_MINUTES);
  }

  /** Rows with a day, joined to the partner master-data version valid on that day. */
  private static Dataset<Row> withPartner(Dataset<Row> rows, Dataset<Row> partners) {
    return rows.join(
        functions.broadcast(partners),
        col(Entity.PARTNER_ID)
            .equalTo(col(PartnerDimension.PARTNER_ID))
            .and(col(PartnerDailyColumns.DAY).geq(col(PartnerDimension.VALID_FROM)))
            .and(
                col(PartnerDimension.VALID_TO)
                    .isNull()
                    .or(col(PartnerDailyColumns.DAY).leq(col(PartnerDimension.VALID_TO)))));
  }

  /** Statuses that count as an expected extract for feed_timeliness. */
  private static final Object[] COUNTED_DELIVERIES =
      java.util.Arrays.stream(DeliveryStatus.values())
          .filter(DeliveryStatus::counted)
          .map(DeliveryStatus::label)
          .toArray();

  /** One row per feed-day and partner of the feed: a delivery is owed by every partner in it. */
  static Dataset<Row> perPartner(Dataset<Row> dq, Dataset<Row> feedPartners) {
    return dq.join(functions.broadcast(feedPartners), DqColumns.FEED_ID);
  }

  /** The measures one entity contributes, as aggregate expressions over its rows of a day. */
  static Column[] measures(Entity entity, Timestamp asOf) {
    long asOfSeconds = asOf.toInstant().getEpochSecond();
    return switch (entity) {
      case SERVICE_EVENT -> {
        Column completed =
            col(ServiceEventColumns.STATUS).equalTo(ServiceEventColumns.STATUS_COMPLETED);
        Column timed =
            completed
                .and(col(ServiceEventColumns.PROMISED_AT).isNotNull())
                .and(col(ServiceEventColumns.FULFILLED_AT).isNotNull());
        Column lateSeconds =
            unix_seconds(col(ServiceEventColumns.FULFILLED_AT))
                .minus(unix_seconds(col(ServiceEventColumns.PROMISED_AT)));
        Column onTime =
            timed.and(lateSeconds.leq(col(PartnerDimension.GRACE_MINUTES).multiply(60)));
        yield new Column[] {
          count(when(col(ServiceEventColumns.STATUS).isin("completed", "cancelled", "failed"), 1))
              .as(PartnerDailyColumns.EVENTS),
          count(when(completed, 1)).as(PartnerDailyColumns.COMPLETED),
          count(when(col(ServiceEventColumns.STATUS).equalTo("cancelled"), 1))
              .as(PartnerDailyColumns.CANCELLED),
          count(when(timed, 1)).as(PartnerDailyColumns.TIMED),
          count(when(onTime, 1)).as(PartnerDailyColumns.ON_TIME),
          coalesce(sum(when(timed, greatest(lateSeconds, lit(0L)).divide(60.0))), lit(0.0))
              .as(PartnerDailyColumns.DELAY_MINUTES),
          count(when(completed.and(col(ServiceEventColumns.FIRST_TIME_FIX).isNotNull()), 1))
              .as(PartnerDailyColumns.FTF_N),
          count(when(completed.and(col(ServiceEventColumns.FIRST_TIME_FIX)), 1))
              .as(PartnerDailyColumns.FTF_YES),
          count(when(completed.and(col(ServiceEventColumns.CONDITION_ISSUE).isNotNull()), 1))
              .as(PartnerDailyColumns.CONDITION_N),
          count(when(completed.and(col(ServiceEventColumns.CONDITION_ISSUE)), 1))
              .as(PartnerDailyColumns.CONDITION_YES)
        };
      }
      case SURVEY_RESPONSE ->
          new Column[] {
            count(col("nps")).as(PartnerDailyColumns.NPS_N),
            count(when(col("nps").geq(9), 1)).as(PartnerDailyColumns.NPS_PROMOTERS),
            count(when(col("nps").leq(6), 1)).as(PartnerDailyColumns.NPS_DETRACTORS),
            count(col("csat")).as(PartnerDailyColumns.CSAT_N),
            count(when(col("csat").geq(4), 1)).as(PartnerDailyColumns.CSAT_TOP2),
            count(col("ces")).as(PartnerDailyColumns.CES_N),
            coalesce(sum(col("ces")), lit(0)).cast("double").as(PartnerDailyColumns.CES_SUM)
          };
      case COMPLAINT -> {
        Column deadline =
            unix_seconds(col("opened_at"))
                .plus(col(PartnerDimension.COMPLAINT_SLA_HOURS).multiply(3600));
        Column resolved = col("resolved_at").isNotNull();
        yield new Column[] {
          count(lit(1)).as(PartnerDailyColumns.COMPLAINTS),
          count(when(resolved.or(deadline.leq(asOfSeconds)), 1))
              .as(PartnerDailyColumns.COMPLAINT_SLA_DUE),
          count(when(resolved.and(unix_seconds(col("resolved_at")).leq(deadline)), 1))
              .as(PartnerDailyColumns.COMPLAINT_SLA_MET),
          count(when(resolved.and(col("contacts").isNotNull()), 1)).as(PartnerDailyColumns.FCR_N),
          count(when(resolved.and(col("contacts").equalTo(1)), 1)).as(PartnerDailyColumns.FCR_YES)
        };
      }
      case SOCIAL_MENTION ->
          new Column[] {
            count(col("sentiment")).as(PartnerDailyColumns.MENTIONS),
            coalesce(sum(col("sentiment")), lit(0.0)).as(PartnerDailyColumns.SENTIMENT_SUM)
          };
      case DIGITAL_SESSION ->
          new Column[] {
            count(when(col("added_to_cart"), 1)).as(PartnerDailyColumns.CARTED),
            count(
                    when(
                        col("added_to_cart")
                            .and(coalesce(col("ordered"), lit(false)).equalTo(false)),
                        1))
                .as(PartnerDailyColumns.ABANDONED)
          };
      case HANDOFF -> {
        Column deadline =
            unix_seconds(col("sent_at"))
                .plus(col(PartnerDimension.HANDOFF_SLA_HOURS).multiply(3600));
        Column acknowledged = col("acknowledged_at").isNotNull();
        yield new Column[] {
          count(when(acknowledged.or(deadline.leq(asOfSeconds)), 1))
              .as(PartnerDailyColumns.HANDOFF_DUE),
          count(
                  when(
                      acknowledged
                          .and(unix_seconds(col("acknowledged_at")).leq(deadline))
                          .and(coalesce(col("applied"), lit(false))),
                      1))
              .as(PartnerDailyColumns.HANDOFF_OK)
        };
      }
    };
  }
}
