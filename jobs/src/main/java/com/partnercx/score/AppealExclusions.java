package com.partnercx.score;

import static org.apache.spark.sql.functions.col;

import com.partnercx.config.MetricId;
import com.partnercx.config.PcxConfig;
import com.partnercx.schema.Entity;
import com.partnercx.schema.Period;
import com.partnercx.tables.Appeal;
import com.partnercx.tables.PeriodCounts;
import com.partnercx.tables.Tables;
import com.partnercx.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What accepted appeals take out of a period: for each partner and appealed metric, the measures
 * that the named records contributed to the period, computed from silver by the same rules as
 * gold/partner_daily, so subtracting them from the period counts gives exactly the counts without
 * those records. Records named by two appeals against one metric are taken out once.
 */
public final class AppealExclusions {
  private AppealExclusions() {}

  /**
   * Records excluded from one metric of one partner.
   *
   * @param metric the metric they are excluded from
   * @param entity the entity the records are of
   * @param appeals the accepted appeals that name them, in the order filed
   * @param items every record named, once
   * @param excluded the measures the records contributed to the period
   */
  public record Exclusion(
      MetricId metric,
      Entity entity,
      List<Appeal> appeals,
      List<String> items,
      PeriodCounts excluded) {
    public Exclusion {
      appeals = List.copyOf(appeals);
      items = List.copyOf(items);
    }

    /** The scorecard's calculation line. */
    String explanation() {
      return String.format(
          Locale.ROOT,
          "%s: %d %s excluded by accepted appeal%s %s",
          metric.id(),
          items.size(),
          noun(entity, items.size()),
          appeals.size() == 1 ? "" : "s",
          String.join(", ", appeals.stream().map(a -> a.id() + " (" + a.reason() + ")").toList()));
    }
  }

  /** How a record of the entity is called on a scorecard. */
  public static String noun(Entity entity, int count) {
    String one =
        switch (entity) {
          case SERVICE_EVENT -> "service event";
          case SURVEY_RESPONSE -> "survey response";
          case COMPLAINT -> "complaint";
          case SOCIAL_MENTION -> "social mention";
          case DIGITAL_SESSION -> "session";
          case HANDOFF -> "hand-off";
        };
    return count == 1 ? one : one + "s";
  }

  /**
   * partner -> metric -> exclusion, from the accepted appeals of the period among {@code appeals},
   * reading silver and silver/partner at {@code versions} (a silver table absent there holds no
   * record, so its exclusions are empty).
   */
  static Map<String, Map<MetricId, Exclusion>> of(
      Warehouse warehouse,
      PcxConfig config,
      Period period,
      List<Appeal> appeals,
      Map<String, Long> versions) {
    Map<String, Map<MetricId, List<Appeal>>> accepted = new TreeMap<>();
    for (Appeal a : appeals) {
      if (a.accepted() && a.period().equals(period.label())) {
        MetricId metric = MetricId.byId(a.metric()).orElseThrow();
        accepted
            .computeIfAbsent(a.partnerId(), p -> new TreeMap<>())
            .computeIfAbsent(metric, m -> new ArrayList<>())
            .add(a);
      }
    }
    Map<String, Map<MetricId, Exclusion>> out = new HashMap<>();
    if (accepted.isEmpty()) {
      return out;
    }
    Dataset<Row> partners = PartnerDimension.at(warehouse, config, versions);
    accepted.forEach(
        (partnerId, byMetric) ->
            byMetric.forEach(
                (metric, mine) -> {
                  Entity entity = metric.appealedEntity().orElseThrow();
                  TreeSet<String> items = new TreeSet<>();
                  mine.forEach(a -> items.addAll(a.items()));
                  PeriodCounts excluded =
                      excluded(warehouse, entity, partnerId, items, period, versions, partners);
                  out.computeIfAbsent(partnerId, p -> new java.util.EnumMap<>(MetricId.class))
                      .put(
                          metric,
                          new Exclusion(metric, entity, mine, List.copyOf(items), excluded));
                }));
    return out;
  }

  /** The measures the partner's records {@code items} contributed to the period. */
  private static PeriodCounts excluded(
      Warehouse warehouse,
      Entity entity,
      String partnerId,
      TreeSet<String> items,
      Period period,
      Map<String, Long> versions,
      Dataset<Row> partners) {
    PeriodCounts none = new PeriodCounts(partnerId, null, Map.of());
    Long version = versions.get(Tables.silver(entity));
    if (version == null) {
      return none;
    }
    String key = entity.recordKey();
    Dataset<Row> rows =
        warehouse
            .readVersion(Tables.silver(entity), version)
            .filter(col(Entity.PARTNER_ID).equalTo(partnerId).and(col(key).isin(items.toArray())));
    Dataset<Row> daily = PartnerDailyJob.partnerDaily(Map.of(entity, rows), null, partners);
    return PeriodRollup.sums(daily, period).stream()
        .filter(c -> c.partnerId().equals(partnerId))
        .findFirst()
        .orElse(none);
  }
}
