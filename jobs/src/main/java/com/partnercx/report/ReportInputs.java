package com.partnercx.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import com.partnercx.quality.DeliveryStatus;
import com.partnercx.quality.DqColumns;
import com.partnercx.reports.PortfolioReport.FeedCoverage;
import com.partnercx.schema.Entity;
import com.partnercx.score.Period;
import com.partnercx.score.ScorecardColumns;
import com.partnercx.warehouse.Tables;
import com.partnercx.warehouse.Warehouse;
import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the PDFs of a period need from the warehouse, read once and collected to the driver: a few
 * rows per partner (scorecards, the composites of earlier periods, complaint counts per category),
 * a few per program (benchmarks) and per feed (deliveries). Nothing unbounded is collected.
 *
 * @param scorecardVersion the gold/scorecard version read
 * @param scorecards the latest scorecard of every partner for the period, by partner id
 * @param composites partner id -> period label -> composite (null when insufficient), for the trend
 *     periods
 * @param trendPeriods up to four periods ending with the reported one, oldest first
 * @param benchmarks program id -> metric id (or "composite") -> benchmark row
 * @param complaints partner id -> category -> complaints opened in the period
 * @param feeds feed id -> deliveries over the period
 * @param readVersions the versions of the other tables read
 */
record ReportInputs(
    long scorecardVersion,
    Map<String, Row> scorecards,
    Map<String, Map<String, Double>> composites,
    List<Period> trendPeriods,
    Map<String, Map<String, Row>> benchmarks,
    Map<String, Map<String, Long>> complaints,
    Map<String, FeedCoverage> feeds,
    Map<String, Long> readVersions) {

  static final int TREND_PERIODS = 4;

  /** Reads the inputs of the period's PDFs from gold/scorecard at {@code scorecardVersion}. */
  static ReportInputs read(Warehouse warehouse, Period period, long scorecardVersion) {
    List<Period> trend = new ArrayList<>();
    Period p = period;
    for (int i = 0; i < TREND_PERIODS; i++) {
      trend.add(0, p);
      p = p.previous();
    }
    Dataset<Row> all = warehouse.readVersion(Tables.SCORECARD, scorecardVersion);
    Dataset<Row> latest = latestVersions(all, trend.stream().map(Period::label).toList());
    Map<String, Row> scorecards = new TreeMap<>();
    Map<String, Map<String, Double>> composites = new HashMap<>();
    for (Row row : latest.collectAsList()) {
      String partner = row.getAs(ScorecardColumns.PARTNER_ID);
      String label = row.getAs(ScorecardColumns.PERIOD);
      composites
          .computeIfAbsent(partner, k -> new HashMap<>())
          .put(label, row.getAs(ScorecardColumns.COMPOSITE));
      if (label.equals(period.label())) {
        scorecards.put(partner, row);
      }
    }
    Map<String, Long> versions = new LinkedHashMap<>();
    return new ReportInputs(
        scorecardVersion,
        scorecards,
        composites,
        List.copyOf(trend),
        benchmarks(warehouse, period, versions),
        complaints(warehouse, period, versions),
        feeds(warehouse, period, versions),
        versions);
  }

  /** The highest version of each partner's scorecard for each of the periods. */
  static Dataset<Row> latestVersions(Dataset<Row> scorecards, List<String> periods) {
    Dataset<Row> wanted =
        scorecards.filter(col(ScorecardColumns.PERIOD).isin(periods.toArray(Object[]::new)));
    Dataset<Row> highest =
        wanted
            .groupBy(ScorecardColumns.PARTNER_ID, ScorecardColumns.PERIOD)
            .agg(max(ScorecardColumns.VERSION).as(ScorecardColumns.VERSION));
    return wanted.join(
        highest,
        scala.jdk.javaapi.CollectionConverters.asScala(
                List.of(
                    ScorecardColumns.PARTNER_ID, ScorecardColumns.PERIOD, ScorecardColumns.VERSION))
            .toSeq());
  }

  private static Map<String, Map<String, Row>> benchmarks(
      Warehouse warehouse, Period period, Map<String, Long> versions) {
    Map<String, Map<String, Row>> out = new HashMap<>();
    Optional<Dataset<Row>> benchmark = warehouse.readLatest(Tables.BENCHMARK, versions);
    if (benchmark.isEmpty()) {
      return out;
    }
    for (Row row :
        benchmark
            .get()
            .filter(col(ScorecardColumns.PERIOD).equalTo(period.label()))
            .collectAsList()) {
      out.computeIfAbsent(row.getAs(ScorecardColumns.PROGRAM_ID), k -> new HashMap<>())
          .put(row.getAs(ScorecardColumns.METRIC_ID), row);
    }
    return out;
  }

  private static Map<String, Map<String, Long>> complaints(
      Warehouse warehouse, Period period, Map<String, Long> versions) {
    Map<String, Map<String, Long>> out = new HashMap<>();
    Optional<Dataset<Row>> complaints =
        warehouse.readLatest(Tables.silver(Entity.COMPLAINT), versions);
    if (complaints.isEmpty()) {
      return out;
    }
    Column day = to_date(col("opened_at"));
    List<Row> counts =
        complaints
            .get()
            .filter(
                day.between(Date.valueOf(period.start()), Date.valueOf(period.end()))
                    .and(col("category").isNotNull()))
            .groupBy(Entity.PARTNER_ID, "category")
            .agg(count(lit(1)).as("complaints"))
            .collectAsList();
    for (Row row : counts) {
      out.computeIfAbsent(row.getString(0), k -> new HashMap<>())
          .put(row.getString(1), row.getLong(2));
    }
    return out;
  }

  private static Map<String, FeedCoverage> feeds(
      Warehouse warehouse, Period period, Map<String, Long> versions) {
    Map<String, FeedCoverage> out = new TreeMap<>();
    Optional<Dataset<Row>> dq = warehouse.readLatest(Tables.DQ_RESULTS, versions);
    if (dq.isEmpty()) {
      return out;
    }
    Column delivery = col(DqColumns.DELIVERY);
    List<Row> rows =
        dq.get()
            .filter(
                col(DqColumns.DELIVERY_DATE)
                    .between(Date.valueOf(period.start()), Date.valueOf(period.end())))
            .groupBy(DqColumns.FEED_ID)
            .agg(
                count(when(delivery.equalTo(DeliveryStatus.ON_TIME.label()), 1)),
                count(when(delivery.equalTo(DeliveryStatus.LATE.label()), 1)),
                count(when(delivery.equalTo(DeliveryStatus.MISSING.label()), 1)),
                count(when(delivery.equalTo(DeliveryStatus.REJECTED.label()), 1)),
                sum(col(DqColumns.ROWS_DELIVERED)),
                sum(col(DqColumns.ROWS_QUARANTINED)))
            .collectAsList();
    for (Row r : rows) {
      out.put(
          r.getString(0),
          new FeedCoverage(
              r.getString(0),
              r.getLong(1) + r.getLong(2) + r.getLong(3) + r.getLong(4),
              r.getLong(1),
              r.getLong(2),
              r.getLong(3),
              r.getLong(4),
              r.isNullAt(5) ? 0 : ((Number) r.get(5)).longValue(),
              r.isNullAt(6) ? 0 : ((Number) r.get(6)).longValue()));
    }
    return out;
  }
}
