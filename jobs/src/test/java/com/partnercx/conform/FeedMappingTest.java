package com.partnercx.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.config.CsvOptions;
import com.partnercx.config.DeliverySchedule;
import com.partnercx.config.Feed;
import com.partnercx.config.FeedFormat;
import com.partnercx.config.QualityGate;
import com.partnercx.schema.Entity;
import com.partnercx.schema.LineageColumns;
import com.partnercx.spark.SparkTestBase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class FeedMappingTest extends SparkTestBase {
  private static final String SALT = "test-salt";
  private static final List<String> SOURCE =
      List.of("shop", "order_no", "email", "ordered", "eta", "delivered", "state", "issue");

  private static Feed feed() {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("partner_id", "shop");
    columns.put("event_id", "order_no");
    columns.put("customer_key", "email");
    columns.put("created_at", "ordered");
    columns.put("promised_at", "eta");
    columns.put("fulfilled_at", "delivered");
    columns.put("status", "state");
    columns.put("condition_issue", "issue");
    return new Feed(
        "orders",
        Entity.SERVICE_EVENT,
        List.of("D-1", "D-3"),
        FeedFormat.CSV,
        CsvOptions.DEFAULTS,
        ZoneId.of("Europe/Berlin"),
        List.of("dd.MM.yyyy HH:mm"),
        List.of("dd.MM.yyyy"),
        java.util.Set.of(),
        columns,
        Map.of("channel", "app"),
        Map.of(),
        List.copyOf(columns.values()),
        List.of(),
        new DeliverySchedule(EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(6, 0), null),
        QualityGate.DEFAULT,
        com.partnercx.config.Plausibility.DEFAULT);
  }

  /** {@link #feed()} with the source column "issue" carrying an order value instead. */
  private static Feed orderValueFeed() {
    Map<String, String> columns = new LinkedHashMap<>(feed().columns());
    columns.remove("condition_issue");
    columns.put("order_value", "issue");
    return feed().withColumns(columns);
  }

  /**
   * D-1 and D-3 deliver the feed; D-2 is a partner of partners.csv that does not; D-3 left the
   * program at the end of June (Berlin days).
   */
  private static final PartnerCalendar CALENDAR =
      new PartnerCalendar(
          List.of(
              new PartnerCalendar.Version("D-1", LocalDate.of(2025, 1, 1), null, "Europe/Berlin"),
              new PartnerCalendar.Version("D-2", LocalDate.of(2025, 1, 1), null, "Europe/Berlin"),
              new PartnerCalendar.Version(
                  "D-3", LocalDate.of(2025, 1, 1), LocalDate.of(2026, 6, 30), "Europe/Berlin")));

  private static Dataset<Row> conform(Dataset<Row> bronze, Feed feed) {
    return FeedMapping.conform(bronze, feed, SALT, CALENDAR.toDataset(spark));
  }

  @Test
  void numbersThatAreNotPlausibleAreQuarantined() {
    List<String[]> rows = new ArrayList<>();
    String[][] values = {{"V1", "12.50"}, {"V2", "NaN"}, {"V3", "Infinity"}, {"V4", "1e308"}};
    for (String[] v : values) {
      rows.add(
          new String[] {
            "D-1", v[0], "x@y.de", "01.07.2026 12:00", "01.07.2026 12:30", null, "cancelled", v[1]
          });
    }
    Dataset<Row> conformed = conform(bronze(rows), orderValueFeed()).cache();
    assertNull(only(conformed, "V1").getAs(FeedMapping.VIOLATION));
    assertEquals(12.5, only(conformed, "V1").<Double>getAs("order_value"), 1e-12);
    for (String id : List.of("V2", "V3", "V4")) {
      assertEquals("implausible_number", only(conformed, id).getAs(FeedMapping.VIOLATION), id);
    }
    assertEquals(
        "order_value NaN is not a number of at most 1,000,000,000,000 in magnitude (feed key"
            + " plausible)",
        only(conformed, "V2").getAs(FeedMapping.VIOLATION_DETAIL));
  }

  private static Dataset<Row> bronze(List<String[]> rows) {
    StructType schema = new StructType();
    for (String column : SOURCE) {
      schema = schema.add(column, DataTypes.StringType);
    }
    schema =
        schema
            .add(LineageColumns.SOURCE_ROW, DataTypes.LongType)
            .add(LineageColumns.SOURCE_FILE, DataTypes.StringType)
            .add(LineageColumns.DELIVERY_DATE, DataTypes.DateType)
            .add(LineageColumns.INGESTED_AT, DataTypes.TimestampType)
            .add(LineageColumns.RUN_ID, DataTypes.StringType);
    List<Row> out = new ArrayList<>();
    long row = 0;
    for (String[] values : rows) {
      Object[] all = new Object[SOURCE.size() + 5];
      System.arraycopy(values, 0, all, 0, values.length);
      all[SOURCE.size()] = ++row;
      all[SOURCE.size() + 1] = "file:/landing/orders/2026-07-06/orders.csv";
      all[SOURCE.size() + 2] = Date.valueOf("2026-07-06");
      all[SOURCE.size() + 3] = Timestamp.valueOf("2026-07-06 05:00:00");
      all[SOURCE.size() + 4] = "run-1";
      out.add(RowFactory.create(all));
    }
    return spark.createDataFrame(out, schema);
  }

  private static Row only(Dataset<Row> rows, String eventId) {
    return rows.filter(rows.col("event_id").equalTo(eventId)).first();
  }

  @Test
  void mapsCastsConvertsToUtcAndTagsEveryBrokenRule() throws Exception {
    Dataset<Row> conformed =
        conform(
                bronze(
                    List.of(
                        new String[] {
                          "D-1",
                          "A1",
                          " Jane@Example.com ",
                          "01.07.2026 12:00",
                          "01.07.2026 12:30",
                          "01.07.2026 12:29",
                          "completed",
                          "yes"
                        },
                        new String[] {
                          "D-1",
                          "",
                          "x@y.de",
                          "01.07.2026 12:00",
                          "01.07.2026 12:30",
                          "01.07.2026 12:29",
                          "completed",
                          "no"
                        },
                        new String[] {
                          "D-1",
                          "A3",
                          "x@y.de",
                          "2026-07-01 12:00",
                          "01.07.2026 12:30",
                          "01.07.2026 12:29",
                          "completed",
                          "no"
                        },
                        new String[] {
                          "D-1",
                          "A4",
                          "x@y.de",
                          "01.07.2026 12:00",
                          "01.07.2026 12:30",
                          "01.07.2026 11:00",
                          "completed",
                          "no"
                        },
                        new String[] {
                          "D-1",
                          "A5",
                          null,
                          "15.01.2026 12:00",
                          "15.01.2026 12:30",
                          null,
                          "cancelled",
                          null
                        },
                        new String[] {
                          "D-1",
                          "A6",
                          "x@y.de",
                          "01.07.2026 12:00",
                          "01.07.2026 12:30",
                          "01.07.2026 12:29",
                          "completed",
                          "maybe"
                        },
                        new String[] {
                          "D-1",
                          "A7",
                          "x@y.de",
                          "01.07.2026 12:00",
                          "01.07.2026 12:30",
                          "01.07.2026 12:29",
                          "lost",
                          "no"
                        },
                        // Parseable, but not plausible: years 9999 and 1900, a promise two years
                        // after the delivery of 2026-07-06 (one year ahead is the default).
                        new String[] {
                          "D-1",
                          "A8",
                          "x@y.de",
                          "31.12.9999 12:00",
                          "01.07.2026 12:30",
                          null,
                          "cancelled",
                          "no"
                        },
                        new String[] {
                          "D-1",
                          "A9",
                          "x@y.de",
                          "01.01.1900 12:00",
                          "01.07.2026 12:30",
                          null,
                          "cancelled",
                          "no"
                        },
                        new String[] {
                          "D-1",
                          "A10",
                          "x@y.de",
                          "01.07.2026 12:00",
                          "06.07.2028 12:30",
                          null,
                          "cancelled",
                          "no"
                        })),
                feed())
            .cache();

    Row valid = only(conformed, "A1");
    assertNull(valid.getAs(FeedMapping.VIOLATION));
    // Berlin is UTC+2 in July: 12:00 local = 10:00 UTC.
    assertEquals(Timestamp.valueOf("2026-07-01 10:00:00"), valid.getAs("created_at"));
    assertEquals(Timestamp.valueOf("2026-07-01 10:30:00"), valid.getAs("promised_at"));
    assertEquals(Timestamp.valueOf("2026-07-01 10:29:00"), valid.getAs("fulfilled_at"));
    assertEquals(Boolean.TRUE, valid.getAs("condition_issue"));
    assertEquals("app", valid.getAs("channel"));
    assertEquals(sha256(SALT + "jane@example.com"), valid.getAs("customer_key"));
    assertEquals(
        "{\"shop\":\"D-1\",\"order_no\":\"A1\",\"email\":\" Jane@Example.com \",\"ordered\":\"01.07.2026 12:00\",\"eta\":\"01.07.2026 12:30\",\"delivered\":\"01.07.2026 12:29\",\"state\":\"completed\",\"issue\":\"yes\"}",
        valid.getAs(FeedMapping.RAW));

    Row winter = only(conformed, "A5");
    assertNull(winter.getAs(FeedMapping.VIOLATION));
    // UTC+1 in January: 12:00 local = 11:00 UTC; a cancelled order has no delivery time.
    assertEquals(Timestamp.valueOf("2026-01-15 11:00:00"), winter.getAs("created_at"));
    assertNull(winter.getAs("fulfilled_at"));
    assertNull(winter.getAs("customer_key"));

    Row missingKey = conformed.filter(conformed.col("event_id").isNull()).first();
    assertEquals("missing_key", missingKey.getAs(FeedMapping.VIOLATION));
    assertEquals("event_id is empty", missingKey.getAs(FeedMapping.VIOLATION_DETAIL));

    for (String implausible : List.of("A8", "A9", "A10")) {
      Row row = only(conformed, implausible);
      assertEquals("implausible_timestamp", row.getAs(FeedMapping.VIOLATION), implausible);
      assertTrue(
          row.<String>getAs(FeedMapping.VIOLATION_DETAIL)
              .endsWith(
                  " is before 2000-01-01 or more than 366 days after the delivery date (feed key"
                      + " plausible)"),
          row.<String>getAs(FeedMapping.VIOLATION_DETAIL));
    }
    assertTrue(
        only(conformed, "A10")
            .<String>getAs(FeedMapping.VIOLATION_DETAIL)
            .startsWith("promised_at 2028-07-06"));

    Row badTime = only(conformed, "A3");
    assertEquals("unparseable_timestamp", badTime.getAs(FeedMapping.VIOLATION));
    assertEquals(
        "created_at: '2026-07-01 12:00' is not a valid timestamp in formats [dd.MM.yyyy HH:mm]"
            + " or date in formats [dd.MM.yyyy]",
        badTime.getAs(FeedMapping.VIOLATION_DETAIL));

    Row early = only(conformed, "A4");
    assertEquals("fulfilled_before_created", early.getAs(FeedMapping.VIOLATION));
    assertEquals(
        "fulfilled_at is earlier than created_at", early.getAs(FeedMapping.VIOLATION_DETAIL));

    Row badBoolean = only(conformed, "A6");
    assertEquals("unparseable_boolean", badBoolean.getAs(FeedMapping.VIOLATION));
    assertEquals(
        "condition_issue: 'maybe' is not a valid boolean (true/false, yes/no, 1/0)",
        badBoolean.getAs(FeedMapping.VIOLATION_DETAIL));

    Row badStatus = only(conformed, "A7");
    assertEquals("invalid_status", badStatus.getAs(FeedMapping.VIOLATION));
    assertEquals(
        "status: 'lost' is not one of [completed, cancelled, failed, open]; map the source's words"
            + " to these under values.status",
        badStatus.getAs(FeedMapping.VIOLATION_DETAIL));
    assertEquals(10, conformed.count());
  }

  private static String[] order(
      String partner, String id, String created, String promised, String fulfilled, String status) {
    return new String[] {partner, id, null, created, promised, fulfilled, status, "no"};
  }

  @Test
  void sourceWordsAreMappedAndAWordTheMappingDoesNotNameIsQuarantinedWithIt() {
    Map<String, String> words = new LinkedHashMap<>();
    words.put("delivered", "completed");
    words.put("shipped", "open");
    words.put("canceled", "cancelled");
    words.put("unavailable", "failed");
    Feed feed = feed().withValues(Map.of("status", words));
    Dataset<Row> conformed =
        conform(
                bronze(
                    List.of(
                        order(
                            "D-1",
                            "S1",
                            "01.07.2026 12:00",
                            null,
                            "01.07.2026 12:29",
                            " Delivered"),
                        order("D-1", "S2", "01.07.2026 12:00", null, null, "shipped"),
                        order("D-1", "S3", "01.07.2026 12:00", null, null, "CANCELED"),
                        order("D-1", "S4", "01.07.2026 12:00", null, null, "unavailable"),
                        order("D-1", "S5", "01.07.2026 12:00", null, null, "approved"),
                        order("D-1", "S6", "01.07.2026 12:00", null, null, "completed"))),
                feed)
            .cache();
    assertEquals("completed", only(conformed, "S1").getAs("status"));
    assertEquals("open", only(conformed, "S2").getAs("status"));
    assertNull(only(conformed, "S2").getAs(FeedMapping.VIOLATION));
    assertEquals("cancelled", only(conformed, "S3").getAs("status"));
    assertEquals("failed", only(conformed, "S4").getAs("status"));
    for (String unmapped : List.of("S5", "S6")) {
      assertEquals("unmapped_value", only(conformed, unmapped).getAs(FeedMapping.VIOLATION));
    }
    assertEquals(
        "status: 'approved' is not under values.status in feeds/orders.yaml; mapped there:"
            + " [canceled, delivered, shipped, unavailable]",
        only(conformed, "S5").getAs(FeedMapping.VIOLATION_DETAIL));
  }

  @Test
  void aDateWithoutTimeOfDayIsThePromisedDaysEndAndAnEventsStart() {
    Feed feed = feed().withDates(List.of("dd.MM.yyyy"), java.util.Set.of());
    Dataset<Row> conformed =
        conform(
                bronze(
                    List.of(
                        order(
                            "D-1",
                            "T1",
                            "01.07.2026",
                            "03.07.2026",
                            "03.07.2026 18:00",
                            "completed"),
                        order(
                            "D-1",
                            "T2",
                            "01.07.2026 09:15",
                            "03.07.2026",
                            "03.07.2026",
                            "completed"),
                        order("D-1", "T3", "01.07.2026 09:15", "03.07.2026 00:00", null, "open"))),
                feed)
            .cache();
    // Berlin is UTC+2 in July. A created date alone is the start of the day.
    assertEquals(
        Timestamp.valueOf("2026-06-30 22:00:00"), only(conformed, "T1").getAs("created_at"));
    // A promised date alone is the last microsecond of that day: 03.07 23:59:59.999999 Berlin.
    Timestamp endOfJuly3 = Timestamp.valueOf("2026-07-03 21:59:59.999999");
    assertEquals(endOfJuly3, only(conformed, "T1").getAs("promised_at"));
    assertEquals(
        Timestamp.valueOf("2026-07-03 16:00:00"), only(conformed, "T1").getAs("fulfilled_at"));
    // A completion date alone is the end of its day too, so a delivery on the due date is on time.
    assertEquals(endOfJuly3, only(conformed, "T2").getAs("fulfilled_at"));
    // Written with a midnight time, the promise is that moment unless the field is date_only.
    assertEquals(
        Timestamp.valueOf("2026-07-02 22:00:00"), only(conformed, "T3").getAs("promised_at"));
    Dataset<Row> dateOnly =
        conform(
            bronze(
                List.<String[]>of(
                    order("D-1", "T3", "01.07.2026 09:15", "03.07.2026 00:00", null, "open"))),
            feed().withDates(List.of("dd.MM.yyyy"), java.util.Set.of("promised_at")));
    assertEquals(endOfJuly3, only(dateOnly, "T3").getAs("promised_at"));
    for (String id : List.of("T1", "T2", "T3")) {
      assertNull(only(conformed, id).getAs(FeedMapping.VIOLATION), id);
    }
  }

  @Test
  void rowsOfPartnersTheFeedMayNotDeliverAreQuarantinedNamingThePartner() {
    Dataset<Row> conformed =
        conform(
                bronze(
                    List.of(
                        order("X-9", "P1", "01.07.2026 12:00", null, null, "cancelled"),
                        order("D-2", "P2", "01.07.2026 12:00", null, null, "cancelled"),
                        // D-3 is valid to 30 June (Berlin): 23:30 on the 30th is, 00:30 on the
                        // 1st (22:30 UTC on the 30th) is not.
                        order("D-3", "P3", "30.06.2026 23:30", null, null, "cancelled"),
                        order("D-3", "P4", "01.07.2026 00:30", null, null, "cancelled"),
                        order("D-1", "P5", "01.07.2026 00:30", null, null, "cancelled"))),
                feed())
            .cache();
    assertEquals("unknown_partner", only(conformed, "P1").getAs(FeedMapping.VIOLATION));
    assertEquals(
        "partner_id 'X-9' is not in partners.csv",
        only(conformed, "P1").getAs(FeedMapping.VIOLATION_DETAIL));
    assertEquals("partner_not_in_feed", only(conformed, "P2").getAs(FeedMapping.VIOLATION));
    assertEquals(
        "partner_id 'D-2' is not among the partners of feeds/orders.yaml",
        only(conformed, "P2").getAs(FeedMapping.VIOLATION_DETAIL));
    assertNull(only(conformed, "P3").getAs(FeedMapping.VIOLATION));
    assertEquals("partner_not_valid_on_date", only(conformed, "P4").getAs(FeedMapping.VIOLATION));
    assertEquals(
        "partner_id 'D-3' is not valid on the date of created_at 2026-06-30 22:30:00 UTC;"
            + " partners.csv has it valid 2025-01-01..2026-06-30",
        only(conformed, "P4").getAs(FeedMapping.VIOLATION_DETAIL));
    assertNull(only(conformed, "P5").getAs(FeedMapping.VIOLATION));
    assertEquals(5, conformed.count());
  }

  @Test
  void aMappedColumnAbsentFromEveryFileReadLeavesItsFieldEmpty() {
    Dataset<Row> withoutIssue =
        bronze(
                List.<String[]>of(
                    order("D-1", "C1", "01.07.2026 12:00", null, "01.07.2026 12:20", "completed")))
            .drop("issue");
    Row row = conform(withoutIssue, feed()).first();
    assertNull(row.getAs(FeedMapping.VIOLATION));
    assertNull(row.getAs("condition_issue"));
  }

  @Test
  void withoutASecretSaltConformRefusesUnlessTheDevelopmentSaltIsAllowed() {
    assertEquals("s3cret", PiiProtection.salt("s3cret", false));
    assertEquals("s3cret", PiiProtection.salt("s3cret", true));
    assertEquals(PiiProtection.DEVELOPMENT_SALT, PiiProtection.salt(null, true));
    for (String unset : new String[] {null, " "}) {
      com.partnercx.errors.PcxException refused =
          org.junit.jupiter.api.Assertions.assertThrows(
              com.partnercx.errors.PcxException.class, () -> PiiProtection.salt(unset, false));
      assertEquals(com.partnercx.errors.ErrorCode.CONFIG_INVALID, refused.code());
      assertTrue(
          refused.getMessage().startsWith("PCX_PII_SALT is not set: customer identifiers are"),
          refused.getMessage());
    }
  }

  @Test
  void theLatestDeliveryOfAKeyWins() {
    Dataset<Row> first =
        bronze(
            List.<String[]>of(
                new String[] {
                  "D-1",
                  "A1",
                  null,
                  "01.07.2026 12:00",
                  "01.07.2026 12:30",
                  "01.07.2026 12:50",
                  "completed",
                  "no"
                }));
    Dataset<Row> correction =
        bronze(
                List.<String[]>of(
                    new String[] {
                      "D-1",
                      "A1",
                      null,
                      "01.07.2026 12:00",
                      "01.07.2026 12:30",
                      "01.07.2026 12:30",
                      "completed",
                      "no"
                    }))
            .withColumn(
                LineageColumns.DELIVERY_DATE,
                org.apache.spark.sql.functions.lit(Date.valueOf("2026-07-13")));
    Dataset<Row> latest =
        FeedMapping.latestPerKey(
            conform(first.unionByName(correction), feed()), Entity.SERVICE_EVENT.keyFields());
    List<Row> rows = latest.collectAsList();
    assertEquals(1, rows.size());
    assertEquals(Timestamp.valueOf("2026-07-01 10:30:00"), rows.get(0).getAs("fulfilled_at"));
  }

  @Test
  void masksEmailAddressesAndPhoneNumbersInFreeText() {
    Dataset<Row> text =
        spark.createDataFrame(
            List.of(
                RowFactory.create(
                    "Call me on +49 170 1234567 or mail jane.doe@example.co.uk, thanks"),
                RowFactory.create("Order 12345 was late by 20 minutes"),
                RowFactory.create((Object) null),
                RowFactory.create("Ruf an: 0170/1234567, Mail j\u00f6rg@m\u00fcller.de"),
                RowFactory.create("write to anna(at)example.com or bo [at] shop [dot] de"),
                RowFactory.create("delivered 2026-07-01, promised 01.07.2026 and 1/7/2026")),
            new StructType().add("comment", DataTypes.StringType));
    List<Row> masked = text.select(PiiProtection.maskFreeText(text.col("comment"))).collectAsList();
    assertEquals("Call me on [phone] or mail [email], thanks", masked.get(0).getString(0));
    assertEquals("Order 12345 was late by 20 minutes", masked.get(1).getString(0));
    assertNull(masked.get(2).get(0));
    assertEquals("Ruf an: [phone], Mail [email]", masked.get(3).getString(0));
    assertEquals("write to [email] or [email]", masked.get(4).getString(0));
    assertEquals(
        "delivered 2026-07-01, promised 01.07.2026 and 1/7/2026",
        masked.get(5).getString(0),
        "dates are not phone numbers");
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
