package com.partnercx.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.config.ConfigLoader;
import com.partnercx.config.PcxConfig;
import com.partnercx.schema.CanonicalField;
import com.partnercx.schema.Entity;
import com.partnercx.schema.LineageColumns;
import com.partnercx.spark.SparkTestBase;
import com.partnercx.tables.DqResultsTable;
import com.partnercx.tables.PartnerDailyTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** partner_daily's measures on a handful of silver rows per entity, counted by hand. */
class PartnerDailyJobTest extends SparkTestBase {
  private static final String DAY = "2026-07-06";

  @TempDir Path dir;

  private static Timestamp at(String time) {
    return Timestamp.valueOf(DAY + " " + time);
  }

  private static Dataset<Row> silver(Entity entity, Object[]... rows) {
    StructType schema = new StructType();
    for (CanonicalField field : entity.fields()) {
      DataType type =
          switch (field.type()) {
            case STRING -> DataTypes.StringType;
            case TIMESTAMP -> DataTypes.TimestampType;
            case BOOLEAN -> DataTypes.BooleanType;
            case INTEGER -> DataTypes.IntegerType;
            case DOUBLE -> DataTypes.DoubleType;
          };
      schema = schema.add(field.name(), type);
    }
    schema = schema.add(LineageColumns.DELIVERY_DATE, DataTypes.DateType);
    List<Row> out = new ArrayList<>();
    for (Object[] values : rows) {
      Object[] all = java.util.Arrays.copyOf(values, values.length + 1);
      all[values.length] = Date.valueOf("2026-07-08");
      out.add(RowFactory.create(all));
    }
    return spark.createDataFrame(out, schema);
  }

  private PcxConfig config(String zone) throws IOException {
    Files.writeString(
        dir.resolve("programs.yaml"),
        """
        programs:
          p:
            name: P
            currency: EUR
            timezone: %s
            on_time_grace_minutes: 5
            sla_hours: {complaint: 24, handoff: 4}
            metrics:
              on_time_rate: {weight: 1, direction: higher_is_better, floor: 0.5, target: 0.9}
            tiers:
              - {name: all, min_composite: 0, payout_pct: 0}
        """
            .formatted(zone));
    Files.writeString(
        dir.resolve("partners.csv"),
        "partner_id,name,program,region,base_incentive,valid_from\nX,X,p,N,0,2026-01-01\n");
    Files.createDirectories(dir.resolve("feeds"));
    Files.writeString(
        dir.resolve("feeds/f.yaml"),
        "entity: service_event\npartners: [X]\ntimezone: UTC\ncolumns: {partner_id: p, event_id: e, created_at: c}\n");
    return new ConfigLoader().load(dir);
  }

  @Test
  void aWritesCoverageIsKeptAsRangesOfDaysAndReadBack() {
    java.time.LocalDate jul1 = java.time.LocalDate.of(2026, 7, 1);
    PartnerDailyJob.Coverage written =
        PartnerDailyJob.Coverage.of(
            "config-hash",
            Map.of("silver/service_event", 3L, "ops/dq_results", 7L),
            List.of(jul1.plusDays(2), jul1, jul1.plusDays(1), jul1.plusDays(4)));
    PartnerDailyJob.Coverage read = PartnerDailyJob.Coverage.parse(written.note()).orElseThrow();
    assertEquals("config-hash", read.configHash());
    assertEquals(PartnerDailyJob.Build.SHA, read.code());
    assertEquals(64, read.code().length(), "SHA-256 of the build, in hex");
    assertEquals(Map.of("silver/service_event", 3L, "ops/dq_results", 7L), read.inputs());
    assertEquals(2, read.days().size(), "July 1-3 and July 5");
    for (int d : new int[] {0, 1, 2, 4}) {
      assertTrue(read.covers(jul1.plusDays(d)), "day " + d);
    }
    assertFalse(read.covers(jul1.plusDays(3)));
    assertFalse(read.covers(jul1.minusDays(1)));
    assertEquals(java.util.Optional.empty(), PartnerDailyJob.Coverage.parse("not json"));
    assertEquals(
        java.util.Optional.empty(), PartnerDailyJob.Coverage.parse("{\"kind\": \"other\"}"));
  }

  @Test
  void countsAndSumsEveryMeasureOfADay() throws IOException {
    Map<Entity, Dataset<Row>> silver = new EnumMap<>(Entity.class);
    silver.put(
        Entity.SERVICE_EVENT,
        silver(
            Entity.SERVICE_EVENT,
            // on time (5 min late, within the 5 min grace), fixed first time, no issue
            new Object[] {
              "X",
              "e1",
              null,
              null,
              null,
              at("10:00:00"),
              at("11:00:00"),
              at("11:05:00"),
              "completed",
              true,
              false,
              10.0
            },
            // 30 min late, not fixed first time, condition issue
            new Object[] {
              "X",
              "e2",
              null,
              null,
              null,
              at("10:00:00"),
              at("11:00:00"),
              at("11:30:00"),
              "completed",
              false,
              true,
              10.0
            },
            // early: on time, delay counts as 0
            new Object[] {
              "X",
              "e3",
              null,
              null,
              null,
              at("10:00:00"),
              at("11:00:00"),
              at("10:50:00"),
              "completed",
              null,
              null,
              10.0
            },
            new Object[] {
              "X",
              "e4",
              null,
              null,
              null,
              at("12:00:00"),
              at("13:00:00"),
              null,
              "cancelled",
              null,
              null,
              10.0
            },
            new Object[] {
              "X", "e5", null, null, null, at("12:00:00"), null, null, "failed", null, null, 10.0
            }));
    silver.put(
        Entity.SURVEY_RESPONSE,
        silver(
            Entity.SURVEY_RESPONSE,
            new Object[] {"X", "r1", "e1", at("12:00:00"), 10, 5, 2, null},
            new Object[] {"X", "r2", "e2", at("12:00:00"), 6, 3, 6, "slow"},
            new Object[] {"X", "r3", "e3", at("12:00:00"), 8, null, null, null}));
    silver.put(
        Entity.COMPLAINT,
        silver(
            Entity.COMPLAINT,
            // resolved in 2 h with one contact: met
            new Object[] {
              "X", "c1", "e1", at("09:00:00"), at("09:30:00"), at("11:00:00"), "late", "low", 1
            },
            // resolved after 30 h: due, missed; three contacts
            new Object[] {
              "X",
              "c2",
              "e2",
              at("09:00:00"),
              at("10:00:00"),
              Timestamp.valueOf("2026-07-07 15:00:00"),
              "late",
              "high",
              3
            },
            // unresolved, deadline 2026-07-07 09:00 passed by the end of July: due, missed
            new Object[] {"X", "c3", "e3", at("09:00:00"), null, null, "late", "low", 2},
            // unresolved, opened 23:30: deadline 2026-07-07 23:30, also passed
            new Object[] {"X", "c4", "e4", at("23:30:00"), null, null, "late", "low", null}));
    silver.put(
        Entity.SOCIAL_MENTION,
        silver(
            Entity.SOCIAL_MENTION,
            new Object[] {"X", "m1", at("08:00:00"), "x", 0.5, "nice"},
            new Object[] {"X", "m2", at("08:00:00"), "x", -0.25, "meh"}));
    silver.put(
        Entity.DIGITAL_SESSION,
        silver(
            Entity.DIGITAL_SESSION,
            new Object[] {"X", "s1", at("08:00:00"), 30.0, true, true},
            new Object[] {"X", "s2", at("08:00:00"), 30.0, true, false},
            new Object[] {"X", "s3", at("08:00:00"), 30.0, true, null},
            new Object[] {"X", "s4", at("08:00:00"), 30.0, false, false}));
    silver.put(
        Entity.HANDOFF,
        silver(
            Entity.HANDOFF,
            // acknowledged after 1 h and applied: ok
            new Object[] {"X", "h1", null, at("08:00:00"), at("09:00:00"), true},
            // acknowledged after 5 h (SLA 4 h): due, not ok
            new Object[] {"X", "h2", null, at("08:00:00"), at("13:00:00"), true},
            // acknowledged in time but not applied: due, not ok
            new Object[] {"X", "h3", null, at("08:00:00"), at("08:10:00"), false},
            // never acknowledged, deadline long passed: due, not ok
            new Object[] {"X", "h4", null, at("08:00:00"), null, false}));

    // Feed-days of that date: X owes a delivery on each feed, Y is not in the master data.
    StructType dqSchema =
        new StructType()
            .add(DqResultsTable.FEED_ID, DataTypes.StringType)
            .add(DqResultsTable.DELIVERY_DATE, DataTypes.DateType)
            .add(DqResultsTable.DELIVERY, DataTypes.StringType);
    List<Row> feedDays = new ArrayList<>();
    String[] statuses = {"on_time", "late", "missing", "rejected", "pending", "not_expected"};
    for (int i = 0; i < statuses.length; i++) {
      feedDays.add(RowFactory.create("f" + i, Date.valueOf(DAY), statuses[i]));
    }
    List<Row> owners = new ArrayList<>();
    for (int i = 0; i < statuses.length; i++) {
      owners.add(RowFactory.create("f" + i, "X"));
      owners.add(RowFactory.create("f" + i, "Y"));
    }
    Dataset<Row> deliveries =
        PartnerDailyJob.perPartner(
            spark.createDataFrame(feedDays, dqSchema),
            spark.createDataFrame(owners, FeedPartners.SCHEMA));
    List<Row> rows =
        PartnerDailyJob.partnerDaily(silver, deliveries, PartnerDimension.of(spark, config("UTC")))
            .collectAsList();
    assertEquals(1, rows.size());
    Row r = rows.get(0);
    assertEquals("p", r.getAs(PartnerDailyTable.PROGRAM_ID));
    assertEquals(Date.valueOf(DAY), r.getAs(PartnerDailyTable.DAY));
    long[] expected = {
      5,
      3,
      1,
      3,
      2,
      -1,
      2,
      1,
      2,
      1, // events completed cancelled timed on_time (delay) ftf_n ftf_yes cond_n cond_yes
      3,
      1,
      1,
      2,
      1,
      2,
      -1, // nps_n promoters detractors csat_n top2 ces_n (ces_sum)
      4,
      4,
      1,
      2,
      1, // complaints due met fcr_n fcr_yes
      2,
      -1, // mentions (sentiment_sum)
      3,
      2, // carted abandoned
      4,
      1, // handoff due ok
      4,
      1 // deliveries due (on time, late, missing, rejected), on time
    };
    for (int i = 0; i < expected.length; i++) {
      String measure = PartnerDailyTable.MEASURES.get(i);
      if (expected[i] >= 0) {
        assertEquals(expected[i], r.<Long>getAs(measure), measure);
      }
    }
    assertEquals(
        35.0, r.<Double>getAs(PartnerDailyTable.DELAY_MINUTES), 1e-9); // 5 + 30 + 0 (early)
    assertEquals(8.0, r.<Double>getAs(PartnerDailyTable.CES_SUM), 1e-9); // 2 + 6
    assertEquals(0.25, r.<Double>getAs(PartnerDailyTable.SENTIMENT_SUM), 1e-9); // 0.5 - 0.25
  }

  /**
   * Sums of doubles are the same to the last bit whatever the order of the rows: added as doubles,
   * 0.1 + 0.2 + 0.3 is 0.6000000000000001 and 0.3 + 0.2 + 0.1 is 0.6. A day's sentiment sum and a
   * period's sum over days are 0.6 both ways, so recomputing either from files laid out otherwise
   * cannot change a figure.
   */
  @Test
  void sumsOfDoublesDoNotDependOnTheOrderOfTheRows() throws IOException {
    Dataset<Row> partners = PartnerDimension.of(spark, config("UTC"));
    double[] sentiments = {0.1, 0.2, 0.3};
    // The same three values as the sums of three days of one month.
    Object[][] spread = new Object[3][];
    for (int i = 0; i < 3; i++) {
      Timestamp posted = Timestamp.valueOf("2026-07-0" + (6 + i) + " 08:00:00");
      spread[i] = new Object[] {"X", "m" + i, posted, "x", sentiments[i], "t"};
    }
    Map<Entity, Dataset<Row>> threeDays = new EnumMap<>(Entity.class);
    threeDays.put(Entity.SOCIAL_MENTION, silver(Entity.SOCIAL_MENTION, spread));
    Dataset<Row> daily = PartnerDailyJob.partnerDaily(threeDays, null, partners);
    List<Row> days = daily.orderBy(PartnerDailyTable.DAY).collectAsList();
    assertEquals(3, days.size());
    for (boolean reversed : new boolean[] {false, true}) {
      Object[][] mentions = new Object[3][];
      for (int i = 0; i < 3; i++) {
        int k = reversed ? 2 - i : i;
        mentions[i] = new Object[] {"X", "m" + k, at("08:00:00"), "x", sentiments[k], "t"};
      }
      Map<Entity, Dataset<Row>> silver = new EnumMap<>(Entity.class);
      // One partition, so the rows are added in the order given.
      silver.put(Entity.SOCIAL_MENTION, silver(Entity.SOCIAL_MENTION, mentions).coalesce(1));
      Row day = PartnerDailyJob.partnerDaily(silver, null, partners).collectAsList().get(0);
      assertEquals(0.6, day.<Double>getAs(PartnerDailyTable.SENTIMENT_SUM), "reversed " + reversed);

      List<Row> inOrder = new ArrayList<>(days);
      if (reversed) {
        java.util.Collections.reverse(inOrder);
      }
      Dataset<Row> ordered = spark.createDataFrame(inOrder, daily.schema()).coalesce(1);
      List<com.partnercx.tables.PeriodCounts> month =
          PeriodRollup.sums(ordered, com.partnercx.schema.Period.parse("2026-07"));
      assertEquals(
          0.6, month.get(0).get(PartnerDailyTable.SENTIMENT_SUM), "days reversed " + reversed);
    }
  }

  /**
   * Days are calendar days of the program's zone, and an SLA item is judged at the end of the month
   * it was opened in, whatever the data's latest delivery.
   */
  @Test
  void daysAndSlaDeadlinesFollowTheProgramsZone() throws IOException {
    Map<Entity, Dataset<Row>> silver = new EnumMap<>(Entity.class);
    silver.put(
        Entity.COMPLAINT,
        silver(
            Entity.COMPLAINT,
            // 2026-07-30 23:30 UTC is 31 July 01:30 in Berlin; the 24 h deadline, 1 August 01:30
            // Berlin, falls after the end of July in Berlin: open, not yet due in July
            new Object[] {
              "X", "c1", null, Timestamp.valueOf("2026-07-30 23:30:00"), null, null, "a", "l", 1
            },
            // 30 July 20:00 UTC (22:00 Berlin): deadline 31 July 22:00 Berlin, before the end of
            // July: due and missed
            new Object[] {
              "X", "c2", null, Timestamp.valueOf("2026-07-30 20:00:00"), null, null, "a", "l", 1
            },
            // 31 July 22:30 UTC is 1 August 00:30 in Berlin: an August complaint, resolved in
            // 2 h: due and met
            new Object[] {
              "X",
              "c3",
              null,
              Timestamp.valueOf("2026-07-31 22:30:00"),
              null,
              Timestamp.valueOf("2026-08-01 00:30:00"),
              "a",
              "l",
              1
            }));
    Map<String, long[]> byDay = new java.util.TreeMap<>();
    for (Row r :
        PartnerDailyJob.partnerDaily(
                silver, null, PartnerDimension.of(spark, config("Europe/Berlin")))
            .collectAsList()) {
      byDay.put(
          r.getAs(PartnerDailyTable.DAY).toString(),
          new long[] {
            r.<Long>getAs(PartnerDailyTable.COMPLAINTS),
            r.<Long>getAs(PartnerDailyTable.COMPLAINT_SLA_DUE),
            r.<Long>getAs(PartnerDailyTable.COMPLAINT_SLA_MET)
          });
    }
    assertEquals(List.of("2026-07-30", "2026-07-31", "2026-08-01"), List.copyOf(byDay.keySet()));
    assertEquals(List.of(1L, 1L, 0L), asList(byDay.get("2026-07-30")), "c2: due, missed");
    assertEquals(List.of(1L, 0L, 0L), asList(byDay.get("2026-07-31")), "c1: not yet due");
    assertEquals(List.of(1L, 1L, 1L), asList(byDay.get("2026-08-01")), "c3: met");
  }

  private static List<Long> asList(long[] values) {
    return java.util.Arrays.stream(values).boxed().toList();
  }
}
