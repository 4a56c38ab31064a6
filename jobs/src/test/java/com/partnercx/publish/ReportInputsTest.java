package com.partnercx.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.partnercx.config.ConfigLoader;
import com.partnercx.config.PcxConfig;
import com.partnercx.reports.PortfolioReport.FeedCoverage;
import com.partnercx.schema.CanonicalField;
import com.partnercx.schema.Entity;
import com.partnercx.schema.Period;
import com.partnercx.spark.SparkTestBase;
import com.partnercx.tables.DqResultsTable;
import com.partnercx.tables.QuarantineTable;
import com.partnercx.tables.SilverTable;
import com.partnercx.tables.Tables;
import com.partnercx.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A period's complaint themes and feed deliveries count its own days only: the last day in, the
 * next period's first day out, in the program's time zone.
 */
class ReportInputsTest extends SparkTestBase {
  private static final Period Q3 = Period.parse("2026-Q3");

  @TempDir Path dir;

  private PcxConfig config(String zone) throws IOException {
    Path folder = dir.resolve("config-" + zone.replace('/', '-'));
    Files.createDirectories(folder.resolve("feeds"));
    Files.writeString(
        folder.resolve("programs.yaml"),
        """
        programs:
          p:
            name: P
            currency: EUR
            timezone: %s
            metrics:
              on_time_rate: {weight: 1, direction: higher_is_better, floor: 0.5, target: 1.0}
            tiers:
              - {name: all, min_composite: 0, payout_pct: 0}
        """
            .formatted(zone));
    Files.writeString(
        folder.resolve("partners.csv"),
        "partner_id,name,program,region,base_incentive,valid_from\nX,X,p,N,0,2026-01-01\n");
    Files.writeString(
        folder.resolve("feeds/f.yaml"),
        "entity: service_event\npartners: [X]\ntimezone: UTC\n"
            + "columns: {partner_id: p, event_id: e, created_at: c}\n");
    return new ConfigLoader().load(folder);
  }

  private Warehouse warehouse() {
    Warehouse warehouse = new Warehouse(spark, dir.resolve("warehouse").toString());
    if (warehouse.exists(Tables.silver(Entity.COMPLAINT))) {
      return warehouse;
    }
    StructType schema = new StructType();
    for (CanonicalField field : Entity.COMPLAINT.fields()) {
      DataType type =
          switch (field.type()) {
            case TIMESTAMP -> DataTypes.TimestampType;
            case INTEGER -> DataTypes.IntegerType;
            default -> DataTypes.StringType;
          };
      schema = schema.add(field.name(), type);
    }
    List<Row> rows = new ArrayList<>();
    String[] opened = {
      "2026-06-30 21:30:00", // 30 June in UTC, 30 June 23:30 in Berlin: Q2 either way
      "2026-06-30 23:30:00", // 30 June in UTC (Q2), 1 July 01:30 in Berlin (Q3)
      "2026-07-01 00:00:00", // the first day of Q3
      "2026-09-30 21:59:00", // the last day of Q3 either way
      "2026-09-30 22:30:00", // 30 September in UTC (Q3), 1 October 00:30 in Berlin (Q4)
      "2026-10-01 00:00:00" // the first day of Q4
    };
    for (int i = 0; i < opened.length; i++) {
      rows.add(
          RowFactory.create(
              "X", "c" + i, null, Timestamp.valueOf(opened[i]), null, null, "late", "low", 1));
    }
    warehouse.append(Tables.silver(Entity.COMPLAINT), spark.createDataFrame(rows, schema));
    StructType dq =
        new StructType()
            .add(DqResultsTable.FEED_ID, DataTypes.StringType)
            .add(DqResultsTable.DELIVERY_DATE, DataTypes.DateType)
            .add(DqResultsTable.DELIVERY, DataTypes.StringType)
            .add(DqResultsTable.ROWS_DELIVERED, DataTypes.LongType)
            .add(DqResultsTable.ROWS_QUARANTINED, DataTypes.LongType);
    warehouse.append(
        Tables.DQ_RESULTS,
        spark.createDataFrame(
            List.of(
                RowFactory.create("f", Date.valueOf("2026-06-30"), "missing", 0L, 0L),
                RowFactory.create("f", Date.valueOf("2026-07-01"), "on_time", 10L, 1L),
                RowFactory.create("f", Date.valueOf("2026-09-30"), "late", 20L, 2L),
                RowFactory.create("f", Date.valueOf("2026-10-01"), "rejected", 40L, 4L)),
            dq));
    // Rows of feed f, all delivered on 2 October in one file: counted by their own days.
    StructType events =
        new StructType()
            .add(Entity.PARTNER_ID, DataTypes.StringType)
            .add("event_id", DataTypes.StringType)
            .add("created_at", DataTypes.TimestampType)
            .add(SilverTable.FEED_ID, DataTypes.StringType);
    List<Row> eventRows = new ArrayList<>();
    String[] created = {
      "2025-08-01 12:00:00", // a year before
      "2026-06-30 23:59:00", // Q2
      "2026-07-01 00:00:00", // Q3
      "2026-09-30 23:59:00", // Q3
      "2026-10-01 00:00:00" // Q4
    };
    for (int i = 0; i < created.length; i++) {
      eventRows.add(RowFactory.create("X", "e" + i, Timestamp.valueOf(created[i]), "f"));
    }
    // A second partner of the same feed: two events of Q3.
    eventRows.add(RowFactory.create("Y", "y1", Timestamp.valueOf("2026-08-01 10:00:00"), "f"));
    eventRows.add(RowFactory.create("Y", "y2", Timestamp.valueOf("2026-08-02 10:00:00"), "f"));
    warehouse.append(Tables.silver(Entity.SERVICE_EVENT), spark.createDataFrame(eventRows, events));
    StructType quarantine =
        new StructType()
            .add(QuarantineTable.FEED_ID, DataTypes.StringType)
            .add(QuarantineTable.DELIVERY_DATE, DataTypes.DateType)
            .add(QuarantineTable.EVENT_DAY, DataTypes.DateType)
            .add(QuarantineTable.PARTNER_ID, DataTypes.StringType);
    warehouse.append(
        Tables.QUARANTINE,
        spark.createDataFrame(
            List.of(
                // a row of X of 15 July delivered in October: Q3
                RowFactory.create("f", Date.valueOf("2026-10-02"), Date.valueOf("2026-07-15"), "X"),
                // a row of X of 30 June delivered in July: Q2
                RowFactory.create("f", Date.valueOf("2026-07-01"), Date.valueOf("2026-06-30"), "X"),
                // rows without a readable day: the period of their delivery (Q3, Q4)
                RowFactory.create("f", Date.valueOf("2026-07-01"), null, null),
                RowFactory.create("f", Date.valueOf("2026-10-01"), null, "Y")),
            quarantine));
    return warehouse;
  }

  @Test
  void complaintsOfTheLastDayCountAndTheNextPeriodsFirstDayDoesNot() throws IOException {
    Warehouse warehouse = warehouse();
    assertEquals(
        Map.of("X", Map.of("late", 3L)),
        ReportInputs.complaints(warehouse, config("UTC"), Q3, new HashMap<>()),
        "UTC: 1 July 00:00, 30 September 21:59 and 22:30");
    assertEquals(
        Map.of("X", Map.of("late", 3L)),
        ReportInputs.complaints(warehouse, config("Europe/Berlin"), Q3, new HashMap<>()),
        "Berlin: 30 June 23:30 UTC (1 July local), 1 July 00:00, 30 September 21:59");
  }

  @Test
  void deliveriesOfTheLastDayCountAndTheNextPeriodsFirstDayDoesNot() throws IOException {
    FeedCoverage f = ReportInputs.feeds(warehouse(), config("UTC"), Q3, new HashMap<>()).get("f");
    assertEquals(2, f.due(), "1 July on time and 30 September late; 1 October is Q4's");
    assertEquals(1, f.onTime());
    assertEquals(1, f.late());
    assertEquals(0, f.rejected());
    // Rows by their own days: four events (two of X, two of Y) and two set-aside rows of Q3,
    // whatever their delivery.
    assertEquals(6, f.rowsDelivered());
    assertEquals(2, f.rowsQuarantined());
  }

  @Test
  void eachPartnerIsToldItsOwnRowsNotTheFeeds() throws IOException {
    Map<String, Map<String, ReportInputs.RowCounts>> rows =
        ReportInputs.byPartner(
            ReportInputs.rowsOfPeriod(warehouse(), config("UTC"), Q3, new HashMap<>()));
    // X: e2 and e3 used, the row of 15 July set aside; Y: y1 and y2, its set-aside row is Q4's.
    // The set-aside row naming no partner is the feed's alone.
    assertEquals(
        Map.of(
            "X", Map.of("f", new ReportInputs.RowCounts(2, 1)),
            "Y", Map.of("f", new ReportInputs.RowCounts(2, 0))),
        rows);
  }
}
