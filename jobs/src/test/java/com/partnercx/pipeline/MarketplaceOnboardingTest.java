package com.partnercx.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.config.ConfigLoader;
import com.partnercx.config.PcxConfig;
import com.partnercx.schema.Entity;
import com.partnercx.schema.LineageColumns;
import com.partnercx.schema.Period;
import com.partnercx.spark.SparkTestBase;
import com.partnercx.tables.DeliveryStatus;
import com.partnercx.tables.FeedDayQuality;
import com.partnercx.tables.IngestLogTable;
import com.partnercx.tables.MetricResult;
import com.partnercx.tables.QuarantineTable;
import com.partnercx.tables.Scorecard;
import com.partnercx.tables.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A marketplace's order export, onboarded by configuration alone: sellers from partners.csv ({@code
 * partners: all}), statuses in the source's words, promised dates exported with a midnight time, no
 * delivery schedule, a mapped column the file lacks, and rows of an unknown seller and of a seller
 * outside its contract dates. Every figure below is worked out by hand from the rows.
 */
class MarketplaceOnboardingTest extends SparkTestBase {
  private static final LocalDate DELIVERY = LocalDate.of(2025, 10, 2);

  @TempDir Path dir;

  private Path config() throws IOException {
    Path config = dir.resolve("config");
    Files.createDirectories(config.resolve("feeds"));
    Files.writeString(
        config.resolve("programs.yaml"),
        """
        programs:
          market:
            name: Marketplace sellers
            currency: BRL
            timezone: America/Sao_Paulo
            metrics:
              on_time_rate: {weight: 0.5, direction: higher_is_better, floor: 0.5, target: 1.0, min_n: 1}
              avg_delay_min: {weight: 0.25, direction: lower_is_better, floor: 1440, target: 0, min_n: 1}
              cancellation_rate: {weight: 0.15, direction: lower_is_better, floor: 0.5, target: 0.0, min_n: 1}
              csat: {weight: 0.1, direction: higher_is_better, floor: 0.5, target: 1.0, min_n: 1}
            tiers:
              - {name: gold, min_composite: 70, payout_pct: 10}
              - {name: base, min_composite: 0, payout_pct: 0}
        """);
    Files.writeString(
        config.resolve("partners.csv"),
        """
        partner_id,name,program,region,base_incentive,valid_from,valid_to
        S-1,Loja Um,market,SP,3000.00,2024-01-01,
        S-2,Loja Dois,market,RJ,3000.00,2024-01-01,2025-08-31
        """);
    Files.writeString(
        config.resolve("feeds/market_items.yaml"),
        """
        # Which seller sold what in each order: looked up by the other feeds.
        entity: reference
        schedule: none
        """);
    Files.writeString(
        config.resolve("feeds/market_orders.yaml"),
        """
        entity: service_event
        partners: all
        timezone: America/Sao_Paulo
        lookups:
          - feed: market_items
            on: order_id
            take: {seller_id: seller_id}
        columns:
          partner_id: seller_id
          event_id: order_id
          customer_key: customer_unique_id
          created_at: order_purchase_timestamp
          promised_at: order_estimated_delivery_date
          fulfilled_at: order_delivered_customer_date
          status: order_status
          order_value: price
        values:
          status:
            delivered: completed
            canceled: cancelled
            unavailable: failed
            shipped: open
        date_only: [promised_at]
        schedule: none
        quality: {max_reject_rate: 0.5}
        """);
    Files.writeString(
        config.resolve("feeds/market_reviews.yaml"),
        """
        entity: survey_response
        partners: all
        timezone: America/Sao_Paulo
        lookups:
          - {feed: market_items, on: {review_order: order_id}, take: {seller_id: seller}}
        columns:
          partner_id: seller
          response_id: review_id
          event_id: review_order
          responded_at: review_creation_date
          csat: review_score
          comment: review_comment_message
        schedule: none
        """);
    return config;
  }

  private void deliver() throws IOException {
    Path landing = dir.resolve("landing");
    // No price column: order_value is mapped, but no metric of the program reads it. No seller
    // either: the items say who sold what.
    write(
        landing.resolve("market_orders/" + DELIVERY + "/orders.csv"),
        """
        order_id,customer_unique_id,order_status,order_purchase_timestamp,order_estimated_delivery_date,order_delivered_customer_date
        o1,c1,delivered,2025-07-01 10:00:00,2025-07-10 00:00:00,2025-07-10 18:30:00
        o2,c2,delivered,2025-07-02 09:00:00,2025-07-08 00:00:00,2025-07-09 10:00:00
        o3,c3,DELIVERED,2025-07-03 09:00:00,2025-07-20 00:00:00,2025-07-15 08:00:00
        o4,c4,canceled,2025-07-04 09:00:00,2025-07-20 00:00:00,
        o5,c5,shipped,2025-09-28 09:00:00,2025-10-10 00:00:00,
        o6,c6,unavailable,2025-07-05 09:00:00,2025-07-20 00:00:00,
        o7,c7,approved_by_bank,2025-07-06 09:00:00,2025-07-20 00:00:00,
        o8,c8,delivered,2025-07-06 09:00:00,2025-07-20 00:00:00,2025-07-10 09:00:00
        o9,c9,delivered,2025-09-05 09:00:00,2025-09-20 00:00:00,2025-09-10 09:00:00
        o10,c10,delivered,2025-08-20 09:00:00,2025-08-30 00:00:00,2025-08-30 23:00:00
        o11,c11,delivered,2025-08-21 09:00:00,2025-08-30 00:00:00,2025-08-25 12:00:00
        o12,c12,delivered,2024-11-05 09:00:00,2024-11-12 00:00:00,2024-11-13 01:30:00
        """);
    // o2 holds two items of S-1 (one order for S-1); o10 one item each of S-1 and S-2 (an order
    // for each); o8's seller is not in partners.csv; o11 has no item at all.
    write(
        landing.resolve("market_items/" + DELIVERY + "/items.csv"),
        """
        order_id,order_item_id,seller_id,price
        o1,1,S-1,10.00
        o2,1,S-1,10.00
        o2,2,S-1,12.00
        o3,1,S-1,10.00
        o4,1,S-1,10.00
        o5,1,S-1,10.00
        o6,1,S-1,10.00
        o7,1,S-1,10.00
        o8,1,S-404,10.00
        o9,1,S-2,10.00
        o10,1,S-1,10.00
        o10,2,S-2,10.00
        o12,1,S-1,10.00
        """);
    write(
        landing.resolve("market_reviews/" + DELIVERY + "/reviews.csv"),
        """
        review_id,review_order,review_score,review_creation_date,review_comment_message
        r1,o1,5,2025-07-11 00:00:00,muito bom
        r2,o2,3,2025-07-10 00:00:00,atrasou
        r3,o10,4,2025-08-31 00:00:00,
        """);
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void aMarketplaceExportIsScoredFromItsYamlAlone() throws IOException {
    PcxConfig loaded = new ConfigLoader().load(config());
    deliver();
    Pipeline pipeline =
        Pipeline.on(
            spark,
            loaded,
            dir.resolve("landing").toString(),
            dir.resolve("warehouse").toString(),
            line -> {});
    Pipeline.Nightly nightly = pipeline.nightly(List.of(DELIVERY));
    assertEquals(List.of(), nightly.held());

    // No schedule: the delivery is neither on time nor late, and nothing is missing.
    FeedDayQuality quality =
        nightly.quality().stream()
            .filter(q -> q.feedId().equals("market_orders"))
            .findFirst()
            .orElseThrow();
    assertEquals(DeliveryStatus.NOT_EXPECTED, quality.delivery());
    assertEquals(12, quality.rowsDelivered());
    assertEquals(
        Map.of(
            "unmapped_value",
            1L,
            "unknown_partner",
            1L,
            "partner_not_valid_on_date",
            1L,
            "lookup_not_found",
            1L),
        quality.quarantinedByRule());
    assertEquals(3, nightly.quality().size());

    // The file was read without its price column, and the log says so.
    Row log =
        spark
            .read()
            .format("delta")
            .load(table(Tables.INGEST_LOG))
            .filter(col(IngestLogTable.FEED_ID).equalTo("market_orders"))
            .first();
    assertEquals(IngestLogTable.OUTCOME_INGESTED, log.getAs(IngestLogTable.OUTCOME));
    assertEquals(12L, log.<Long>getAs(IngestLogTable.ROWS));
    assertTrue(
        log.<String>getAs(IngestLogTable.ERROR)
            .endsWith(
                "orders.csv: loaded without column(s) [price], which no configured metric"
                    + " needs; their fields are empty"),
        log.<String>getAs(IngestLogTable.ERROR));

    Map<String, String> reasons =
        QuarantineTable.mostFrequent(pipeline.context().warehouse(), List.of(DELIVERY), 5).stream()
            .collect(
                Collectors.toMap(QuarantineTable.Reason::rule, QuarantineTable.Reason::detail));
    assertEquals(
        "status: 'approved_by_bank' is not under values.status in feeds/market_orders.yaml;"
            + " mapped there: [canceled, delivered, shipped, unavailable]",
        reasons.get("unmapped_value"));
    assertEquals("partner_id 'S-404' is not in partners.csv", reasons.get("unknown_partner"));
    assertTrue(
        reasons
            .get("partner_not_valid_on_date")
            .startsWith("partner_id 'S-2' is not valid on the date of created_at 2025-09-05"),
        reasons.get("partner_not_valid_on_date"));

    Dataset<Row> silver =
        spark.read().format("delta").load(table(Tables.silver(Entity.SERVICE_EVENT)));
    // o1-o6, o12 and o10 twice (S-1 and S-2); o2's two items of one seller make one row.
    assertEquals(9, silver.count());
    assertEquals(
        List.of("S-1", "S-2"),
        silver.filter(col("event_id").equalTo("o10")).orderBy("partner_id").collectAsList().stream()
            .map(r -> r.<String>getAs("partner_id"))
            .toList());
    Row o2 = silver.filter(col("event_id").equalTo("o2")).first();
    assertTrue(
        o2.<String>getAs(LineageColumns.LOOKUP_SOURCE).matches("market_items file:.*items\\.csv#2"),
        o2.<String>getAs(LineageColumns.LOOKUP_SOURCE));
    assertEquals("open", silver.filter(col("event_id").equalTo("o5")).first().getAs("status"));
    assertEquals(0, silver.filter(col("order_value").isNotNull()).count());

    List<Scorecard> cards = pipeline.score(Period.parse("2025-Q3")).scorecards();
    Map<String, MetricResult> s1 = metrics(cards, "S-1");
    // Completed: o1 (delivered 18:30 on its due date), o2 (due 8 July, delivered 9 July 10:00:
    // 600 minutes after the end of the due date), o3 (early), o10 (23:00 on its due date). The
    // open o5 counts nowhere.
    assertEquals(3.0 / 4, s1.get("on_time_rate").value(), 1e-12);
    assertEquals(4, s1.get("on_time_rate").n());
    assertEquals(600.0 / 4, s1.get("avg_delay_min").value(), 1e-6);
    // o4 cancelled of o1-o4, o6 and o10: 1 of 6.
    assertEquals(1.0 / 6, s1.get("cancellation_rate").value(), 1e-12);
    assertEquals(6, s1.get("cancellation_rate").n());
    // Reviews of o1 (5), o2 (3) and o10 (4): two of three in the top two boxes.
    assertEquals(2.0 / 3, s1.get("csat").value(), 1e-12);
    assertEquals(3, s1.get("csat").n());

    // S-2 is scored on o10 alone (delivered 23:00 on its due date); o9 falls after its contract.
    Map<String, MetricResult> s2 = metrics(cards, "S-2");
    assertEquals(1.0, s2.get("on_time_rate").value(), 1e-12);
    assertEquals(0.0, s2.get("avg_delay_min").value(), 1e-12);
    assertEquals(1, s2.get("cancellation_rate").n());
    assertEquals(1.0, s2.get("csat").value(), 1e-12);
    assertEquals(2, cards.size());

    // The same delivery held a year-old order: it is scored in its own quarter. Due 12 November,
    // delivered 13 November 01:30: 90 minutes after the end of the due date.
    List<Scorecard> earlier = pipeline.score(Period.parse("2024-Q4")).scorecards();
    Map<String, MetricResult> s1Earlier = metrics(earlier, "S-1");
    assertEquals(0.0, s1Earlier.get("on_time_rate").value(), 1e-12);
    assertEquals(1, s1Earlier.get("on_time_rate").n());
    assertEquals(90.0, s1Earlier.get("avg_delay_min").value(), 1e-6);
  }

  private String table(String name) {
    return dir.resolve("warehouse").resolve(name).toString();
  }

  private static Map<String, MetricResult> metrics(List<Scorecard> cards, String partner) {
    return cards.stream()
        .filter(c -> c.partnerId().equals(partner))
        .findFirst()
        .orElseThrow()
        .metrics()
        .stream()
        .collect(Collectors.toMap(MetricResult::metricId, m -> m));
  }
}
