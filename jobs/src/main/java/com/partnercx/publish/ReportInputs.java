package com.partnercx.publish;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import com.partnercx.config.Partner;
import com.partnercx.config.PcxConfig;
import com.partnercx.reports.CustomerComment;
import com.partnercx.reports.PortfolioReport.FeedCoverage;
import com.partnercx.schema.ComplaintColumns;
import com.partnercx.schema.Entity;
import com.partnercx.schema.Period;
import com.partnercx.schema.SurveyResponseColumns;
import com.partnercx.tables.Appeal;
import com.partnercx.tables.AppealsTable;
import com.partnercx.tables.BenchmarkTable;
import com.partnercx.tables.BenchmarkTable.PeerStats;
import com.partnercx.tables.DeliveryStatus;
import com.partnercx.tables.DqResultsTable;
import com.partnercx.tables.IntegrityFlagsTable;
import com.partnercx.tables.PartnerTable;
import com.partnercx.tables.PeriodCloseTable;
import com.partnercx.tables.PeriodCloseTable.PeriodClose;
import com.partnercx.tables.QuarantineTable;
import com.partnercx.tables.Scorecard;
import com.partnercx.tables.ScorecardTable;
import com.partnercx.tables.StoredScorecard;
import com.partnercx.tables.Tables;
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
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What the PDFs of a period need from the warehouse, read once and collected to the driver: a few
 * rows per partner (scorecards, the composites of earlier periods, complaint counts per category),
 * a few per program (benchmarks) and per feed (deliveries). Nothing unbounded is collected.
 *
 * @param scorecardVersion the gold/scorecard version read
 * @param scorecards the latest scorecard of every partner for the period, by partner id
 * @param previous the latest published scorecard of every partner for the previous period
 * @param peers the values the peer ranks are taken from: the period's latest scorecards, or the
 *     ones frozen when the period was closed
 * @param partners each partner's master data for the period (silver/partner)
 * @param closedAt when the period was closed, null while open
 * @param composites partner id -> period label -> composite (null when insufficient), for the trend
 *     periods
 * @param trendPeriods up to four periods ending with the reported one, oldest first
 * @param benchmarks program id -> metric id (or "composite") -> benchmark row
 * @param complaints partner id -> category -> complaints opened in the period
 * @param comments partner id -> up to five comments from its survey responses of the period
 * @param feeds feed id -> deliveries over the period
 * @param appeals partner id -> the decided appeals against the period's scorecard, in order filed
 * @param integrity partner id -> its survey-integrity flags of the period (gold/integrity_flags)
 * @param readVersions the versions of the other tables read
 */
record ReportInputs(
    long scorecardVersion,
    Map<String, StoredScorecard> scorecards,
    Map<String, StoredScorecard> previous,
    PeerRanks peers,
    Map<String, Partner> partners,
    java.time.Instant closedAt,
    Map<String, Map<String, Double>> composites,
    List<Period> trendPeriods,
    Map<String, Map<String, PeerStats>> benchmarks,
    Map<String, Map<String, Long>> complaints,
    Map<String, List<CustomerComment>> comments,
    Map<String, FeedCoverage> feeds,
    Map<String, Map<String, RowCounts>> partnerRows,
    Map<String, List<Appeal>> appeals,
    Map<String, List<IntegrityFlagsTable.Flag>> integrity,
    Map<String, Long> readVersions) {

  /**
   * Rows of the period of one feed and partner.
   *
   * @param used rows in silver
   * @param quarantined rows set aside in ops/quarantine
   */
  record RowCounts(long used, long quarantined) {
    static final RowCounts NONE = new RowCounts(0, 0);

    RowCounts plus(RowCounts other) {
      return new RowCounts(used + other.used, quarantined + other.quarantined);
    }

    long delivered() {
      return used + quarantined;
    }
  }

  static final int TREND_PERIODS = 4;

  /** Reads the inputs of the period's PDFs from gold/scorecard at {@code scorecardVersion}. */
  static ReportInputs read(
      Warehouse warehouse, PcxConfig config, Period period, long scorecardVersion) {
    List<Period> trend = new ArrayList<>();
    Period p = period;
    for (int i = 0; i < TREND_PERIODS; i++) {
      trend.add(0, p);
      p = p.previous();
    }
    Map<String, StoredScorecard> scorecards = new TreeMap<>();
    Map<String, StoredScorecard> previous = new HashMap<>();
    Map<String, Map<String, Double>> composites = new HashMap<>();
    for (StoredScorecard stored :
        ScorecardTable.latestOf(
            warehouse, scorecardVersion, trend.stream().map(Period::label).toList())) {
      Scorecard card = stored.scorecard();
      composites
          .computeIfAbsent(card.partnerId(), k -> new HashMap<>())
          .put(card.period(), card.composite());
      if (card.period().equals(period.label())) {
        scorecards.put(card.partnerId(), stored);
      } else if (card.period().equals(period.previous().label())) {
        previous.put(card.partnerId(), stored);
      }
    }
    Map<String, Long> versions = new LinkedHashMap<>();
    Map<String, Map<String, RowCounts>> rows = rowsOfPeriod(warehouse, config, period, versions);
    Optional<PeriodClose> close = PeriodCloseTable.find(warehouse, period.label());
    List<Scorecard> peerCards =
        close
            .map(
                c ->
                    ScorecardTable.latestOf(
                            warehouse, c.scorecardVersion(), List.of(period.label()))
                        .stream()
                        .map(StoredScorecard::scorecard)
                        .toList())
            .orElse(scorecards.values().stream().map(StoredScorecard::scorecard).toList());
    Map<String, Partner> partners =
        new HashMap<>(PartnerTable.forPeriod(warehouse, period.start(), period.end(), versions));
    for (String id : scorecards.keySet()) {
      if (!partners.containsKey(id)) {
        config
            .partnerOn(id, period.end().minusDays(1))
            .or(() -> config.latestPartner(id))
            .ifPresent(version -> partners.put(id, version));
      }
    }
    return new ReportInputs(
        scorecardVersion,
        scorecards,
        previous,
        PeerRanks.of(config, peerCards),
        partners,
        close.map(PeriodClose::closedAt).orElse(null),
        composites,
        List.copyOf(trend),
        BenchmarkTable.ofPeriod(warehouse, period.label(), versions),
        complaints(warehouse, config, period, versions),
        comments(warehouse, config, period, versions),
        feeds(warehouse, period, versions, rows),
        byPartner(rows),
        decidedAppeals(warehouse, period, versions),
        IntegrityFlagsTable.ofPeriod(warehouse, period.label(), versions),
        versions);
  }

  /** Partner id -> the decided appeals of the period, as ops/appeals holds them now. */
  static Map<String, List<Appeal>> decidedAppeals(
      Warehouse warehouse, Period period, Map<String, Long> versions) {
    long version = warehouse.version(Tables.APPEALS);
    if (version < 0) {
      return Map.of();
    }
    versions.put(Tables.APPEALS, version);
    Map<String, List<Appeal>> out = new HashMap<>();
    for (Appeal a : AppealsTable.at(warehouse, version)) {
      if (a.decided() && a.period().equals(period.label())) {
        out.computeIfAbsent(a.partnerId(), k -> new ArrayList<>()).add(a);
      }
    }
    return out;
  }

  /** Partner id -> feed id -> the partner's rows of the period, from {@link #rowsOfPeriod}. */
  static Map<String, Map<String, RowCounts>> byPartner(Map<String, Map<String, RowCounts>> rows) {
    Map<String, Map<String, RowCounts>> out = new HashMap<>();
    rows.forEach(
        (feed, partners) ->
            partners.forEach(
                (partner, counts) -> {
                  if (!partner.isEmpty()) {
                    out.computeIfAbsent(partner, k -> new TreeMap<>()).put(feed, counts);
                  }
                }));
    return out;
  }

  /** Complaints opened in the period (the days of each partner's program zone), by category. */
  static Map<String, Map<String, Long>> complaints(
      Warehouse warehouse, PcxConfig config, Period period, Map<String, Long> versions) {
    Map<String, Map<String, Long>> out = new HashMap<>();
    Optional<Dataset<Row>> complaints =
        warehouse.readLatest(Tables.silver(Entity.COMPLAINT), versions);
    if (complaints.isEmpty()) {
      return out;
    }
    List<Row> counts =
        inPeriod(complaints.get(), ComplaintColumns.OPENED_AT, warehouse, config, period)
            .filter(col(ComplaintColumns.CATEGORY).isNotNull())
            .groupBy(Entity.PARTNER_ID, ComplaintColumns.CATEGORY)
            .agg(count(lit(1)).as("complaints"))
            .collectAsList();
    for (Row row : counts) {
      out.computeIfAbsent(row.getString(0), k -> new HashMap<>())
          .put(row.getString(1), row.getLong(2));
    }
    return out;
  }

  private static final String ZONE_PARTNER = "_zone_partner_id";
  private static final String ZONE = "_zone";

  /** Each partner's program time zone ({@link #ZONE_PARTNER}, {@link #ZONE}), to broadcast. */
  private static Dataset<Row> zones(Warehouse warehouse, PcxConfig config) {
    List<Row> zones =
        config.partners().stream()
            .map(Partner::partnerId)
            .distinct()
            .map(
                id ->
                    RowFactory.create(
                        id,
                        config
                            .latestPartner(id)
                            .map(p -> config.program(p.programId()).timeZone().getId())
                            .orElse("UTC")))
            .toList();
    return warehouse
        .spark()
        .createDataFrame(
            zones,
            new StructType()
                .add(ZONE_PARTNER, DataTypes.StringType, false)
                .add(ZONE, DataTypes.StringType, false));
  }

  private static final String DAY = "_day";

  /**
   * The rows of {@code rows} whose {@code timestamp} falls in the period, on the calendar of the
   * partner's program zone, with that day as {@link #DAY}.
   */
  private static Dataset<Row> inPeriod(
      Dataset<Row> rows, String timestamp, Warehouse warehouse, PcxConfig config, Period period) {
    return rows.join(
            broadcast(zones(warehouse, config)), col(Entity.PARTNER_ID).equalTo(col(ZONE_PARTNER)))
        .withColumn(DAY, to_date(from_utc_timestamp(col(timestamp), col(ZONE))))
        .filter(
            col(DAY)
                .geq(Date.valueOf(period.start()))
                .and(col(DAY).lt(Date.valueOf(period.end()))));
  }

  static final int COMMENTS = 5;

  /**
   * Up to {@link #COMMENTS} comments per partner from its survey responses of the period (PII
   * masked at conform), the lowest scores first (NPS, CSAT and effort each on a 0..1 scale of how
   * bad it is, the worst of them), then the latest.
   */
  static Map<String, List<CustomerComment>> comments(
      Warehouse warehouse, PcxConfig config, Period period, Map<String, Long> versions) {
    Map<String, List<CustomerComment>> out = new HashMap<>();
    Optional<Dataset<Row>> responses =
        warehouse.readLatest(Tables.silver(Entity.SURVEY_RESPONSE), versions);
    if (responses.isEmpty()) {
      return out;
    }
    Column badness =
        greatest(
            lit(1).minus(col(SurveyResponseColumns.NPS).divide(10)),
            lit(1).minus(col(SurveyResponseColumns.CSAT).minus(1).divide(4)),
            col(SurveyResponseColumns.CES).minus(1).divide(6));
    WindowSpec worstFirst =
        Window.partitionBy(Entity.PARTNER_ID)
            .orderBy(
                badness.desc_nulls_last(),
                col(SurveyResponseColumns.RESPONDED_AT).desc(),
                col(SurveyResponseColumns.RESPONSE_ID));
    List<Row> rows =
        inPeriod(responses.get(), SurveyResponseColumns.RESPONDED_AT, warehouse, config, period)
            .filter(trim(col(SurveyResponseColumns.COMMENT)).notEqual(""))
            .withColumn("_rank", row_number().over(worstFirst))
            .filter(col("_rank").leq(COMMENTS))
            .select(
                col(Entity.PARTNER_ID),
                col(DAY),
                col(SurveyResponseColumns.NPS),
                col(SurveyResponseColumns.CSAT),
                col(SurveyResponseColumns.CES),
                col(SurveyResponseColumns.COMMENT),
                col("_rank"))
            .orderBy(col(Entity.PARTNER_ID), col("_rank"))
            .collectAsList();
    for (Row row : rows) {
      out.computeIfAbsent(row.getString(0), k -> new ArrayList<>())
          .add(
              new CustomerComment(
                  row.getDate(1).toLocalDate(),
                  row.isNullAt(2) ? null : row.getInt(2),
                  row.isNullAt(3) ? null : row.getInt(3),
                  row.isNullAt(4) ? null : row.getInt(4),
                  row.getString(5)));
    }
    return out;
  }

  /**
   * Per feed: its deliveries due in the period (by delivery date) and its rows of the period (by
   * the day of their own period field in the feed's zone, whatever delivery brought them, so a
   * history delivered in one file counts towards each period it covers): rows used (in silver) and
   * rows set aside (in ops/quarantine). A set-aside row without a readable day counts towards the
   * period of its delivery date.
   */
  static Map<String, FeedCoverage> feeds(
      Warehouse warehouse, PcxConfig config, Period period, Map<String, Long> versions) {
    return feeds(warehouse, period, versions, rowsOfPeriod(warehouse, config, period, versions));
  }

  private static Map<String, FeedCoverage> feeds(
      Warehouse warehouse,
      Period period,
      Map<String, Long> versions,
      Map<String, Map<String, RowCounts>> rows) {
    Map<String, FeedCoverage> out = new TreeMap<>();
    Optional<Dataset<Row>> dq = warehouse.readLatest(Tables.DQ_RESULTS, versions);
    if (dq.isEmpty()) {
      return out;
    }
    Map<String, RowCounts> rowsOfPeriod = new TreeMap<>();
    rows.forEach(
        (feed, partners) ->
            rowsOfPeriod.put(
                feed, partners.values().stream().reduce(RowCounts.NONE, RowCounts::plus)));
    Column delivery = col(DqResultsTable.DELIVERY);
    List<Row> deliveries =
        dq.get()
            .filter(
                col(DqResultsTable.DELIVERY_DATE)
                    .geq(Date.valueOf(period.start()))
                    .and(col(DqResultsTable.DELIVERY_DATE).lt(Date.valueOf(period.end()))))
            .groupBy(DqResultsTable.FEED_ID)
            .agg(
                count(when(delivery.equalTo(DeliveryStatus.ON_TIME.label()), 1)),
                count(when(delivery.equalTo(DeliveryStatus.LATE.label()), 1)),
                count(when(delivery.equalTo(DeliveryStatus.MISSING.label()), 1)),
                count(when(delivery.equalTo(DeliveryStatus.REJECTED.label()), 1)))
            .collectAsList();
    for (Row r : deliveries) {
      RowCounts used = rowsOfPeriod.getOrDefault(r.getString(0), RowCounts.NONE);
      out.put(
          r.getString(0),
          new FeedCoverage(
              r.getString(0),
              r.getLong(1) + r.getLong(2) + r.getLong(3) + r.getLong(4),
              r.getLong(1),
              r.getLong(2),
              r.getLong(3),
              r.getLong(4),
              used.delivered(),
              used.quarantined()));
    }
    rowsOfPeriod.forEach(
        (feed, used) ->
            out.putIfAbsent(
                feed, new FeedCoverage(feed, 0, 0, 0, 0, 0, used.delivered(), used.quarantined())));
    return out;
  }

  /**
   * Feed id -> partner id -> its rows of the period (by their own day, see {@link #feeds}); a
   * set-aside row that names no partner counts under "".
   */
  static Map<String, Map<String, RowCounts>> rowsOfPeriod(
      Warehouse warehouse, PcxConfig config, Period period, Map<String, Long> versions) {
    Map<String, Map<String, RowCounts>> out = new TreeMap<>();
    Date start = Date.valueOf(period.start());
    Date end = Date.valueOf(period.end());
    for (Entity entity : Entity.values()) {
      Optional<Dataset<Row>> silver = warehouse.readLatest(Tables.silver(entity), versions);
      if (silver.isEmpty()) {
        continue;
      }
      Column day = null;
      for (com.partnercx.config.Feed feed : config.feeds().values()) {
        if (feed.entity() == entity) {
          Column local =
              to_date(from_utc_timestamp(col(entity.periodField()), feed.timeZone().getId()));
          Column mine = col(com.partnercx.tables.SilverTable.FEED_ID).equalTo(feed.id());
          day = day == null ? when(mine, local) : day.when(mine, local);
        }
      }
      if (day == null) {
        continue;
      }
      silver
          .get()
          .withColumn("_day", day)
          .filter(col("_day").geq(start).and(col("_day").lt(end)))
          .groupBy(col(com.partnercx.tables.SilverTable.FEED_ID), col(Entity.PARTNER_ID))
          .agg(count(lit(1)))
          .collectAsList()
          .forEach(r -> add(out, r.getString(0), r.getString(1), new RowCounts(r.getLong(2), 0)));
    }
    Optional<Dataset<Row>> quarantine = warehouse.readLatest(Tables.QUARANTINE, versions);
    if (quarantine.isPresent()) {
      Dataset<Row> q = quarantine.get();
      List<String> columns = java.util.Arrays.asList(q.columns());
      Column day =
          columns.contains(QuarantineTable.EVENT_DAY)
              ? functions.coalesce(
                  col(QuarantineTable.EVENT_DAY), col(QuarantineTable.DELIVERY_DATE))
              : col(QuarantineTable.DELIVERY_DATE);
      Column partner =
          columns.contains(QuarantineTable.PARTNER_ID)
              ? col(QuarantineTable.PARTNER_ID)
              : lit(null).cast(DataTypes.StringType);
      q.withColumn("_day", day)
          .filter(col("_day").geq(start).and(col("_day").lt(end)))
          .groupBy(col(QuarantineTable.FEED_ID), partner.as("_partner"))
          .agg(count(lit(1)))
          .collectAsList()
          .forEach(r -> add(out, r.getString(0), r.getString(1), new RowCounts(0, r.getLong(2))));
    }
    return out;
  }

  private static void add(
      Map<String, Map<String, RowCounts>> out, String feed, String partner, RowCounts counts) {
    out.computeIfAbsent(feed, k -> new TreeMap<>())
        .merge(partner == null ? "" : partner, counts, RowCounts::plus);
  }
}
