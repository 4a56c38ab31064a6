package com.partnercx.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.config.ConfigLoader;
import com.partnercx.spark.SparkTestBase;
import com.partnercx.stage.RunContext;
import com.partnercx.tables.Tables;
import com.partnercx.warehouse.Warehouse;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** partners.csv edits become SCD type 2 rows in silver/partner. */
class PartnerMasterJobTest extends SparkTestBase {
  @TempDir Path dir;

  private static final String PROGRAMS =
      """
      programs:
        p:
          name: P
          currency: EUR
          metrics:
            nps: {weight: 1, direction: higher_is_better, floor: 0, target: 50}
          tiers:
            - {name: gold, min_composite: 70, payout_pct: 100}
            - {name: bronze, min_composite: 0, payout_pct: 0}
        q:
          name: Q
          currency: EUR
          metrics:
            nps: {weight: 1, direction: higher_is_better, floor: 0, target: 50}
          tiers:
            - {name: gold, min_composite: 70, payout_pct: 100}
            - {name: bronze, min_composite: 0, payout_pct: 0}
      """;

  private static final String FEED =
      """
      entity: survey_response
      partners: [A-1]
      format: csv
      timezone: UTC
      timestamp_formats: ["yyyy-MM-dd HH:mm"]
      columns: {partner_id: shop, response_id: id, responded_at: at, nps: nps}
      """;

  private Warehouse run(String partnersCsv) throws IOException {
    Path config = dir.resolve("config");
    Files.createDirectories(config.resolve("feeds"));
    Files.writeString(config.resolve("programs.yaml"), PROGRAMS);
    Files.writeString(config.resolve("feeds/surveys.yaml"), FEED);
    Files.writeString(config.resolve("partners.csv"), partnersCsv);
    Warehouse warehouse = new Warehouse(spark, dir.resolve("warehouse").toString());
    PartnerMasterJob.run(
        RunContext.start(
            new ConfigLoader().load(config), warehouse, dir.resolve("landing").toString()));
    return warehouse;
  }

  private static List<Row> versions(Warehouse warehouse) {
    return warehouse.read(Tables.PARTNER).orderBy("partner_id", "valid_from").collectAsList();
  }

  @Test
  void aProgramChangeIsANewVersionACorrectionIsNotAndNothingIsDeleted() throws IOException {
    String header = "partner_id,name,program,region,base_incentive,valid_from,valid_to\n";
    Warehouse warehouse =
        run(
            header
                + "A-1,Alpha,p,North,1000.00,2026-01-01,\n"
                + "B-1,Bravo,p,South,2000.00,2026-01-01,\n"
                + "C-1,Charlie,p,East,3000.00,2026-01-01,\n");
    assertEquals(3, versions(warehouse).size());
    long first = warehouse.version(Tables.PARTNER);

    run(
        header
            + "A-1,Alpha,p,North,1000.00,2026-01-01,2026-06-30\n"
            + "A-1,Alpha,q,North,1500.00,2026-07-01,\n"
            + "B-1,Bravo Stores,p,South,2000.00,2026-01-01,\n");
    List<Row> rows = versions(warehouse);
    assertEquals(4, rows.size());

    Row alphaOld = rows.get(0);
    assertEquals(Date.valueOf("2026-06-30"), alphaOld.getAs("valid_to"));
    assertFalse(alphaOld.<Boolean>getAs("is_current"));
    assertEquals("p", alphaOld.getAs("program_id"));
    Row alphaNew = rows.get(1);
    assertEquals(Date.valueOf("2026-07-01"), alphaNew.getAs("valid_from"));
    assertNull(alphaNew.getAs("valid_to"));
    assertTrue(alphaNew.<Boolean>getAs("is_current"));
    assertEquals("q", alphaNew.getAs("program_id"));
    assertEquals(0, new BigDecimal("1500.00").compareTo(alphaNew.getAs("base_incentive")));

    Row bravo = rows.get(2);
    assertEquals("Bravo Stores", bravo.getAs("name"), "corrected in place");
    assertFalse(bravo.<Boolean>getAs("removed"));

    Row charlie = rows.get(3);
    assertTrue(charlie.<Boolean>getAs("removed"), "taken out of partners.csv, kept as removed");
    assertFalse(charlie.<Boolean>getAs("is_current"));

    // The first load is still there by time travel.
    assertEquals(
        "Bravo",
        warehouse
            .readVersion(Tables.PARTNER, first)
            .filter("partner_id = 'B-1'")
            .first()
            .getAs("name"));

    List<Row> before = versions(warehouse);
    run(
        header
            + "A-1,Alpha,p,North,1000.00,2026-01-01,2026-06-30\n"
            + "A-1,Alpha,q,North,1500.00,2026-07-01,\n"
            + "B-1,Bravo Stores,p,South,2000.00,2026-01-01,\n");
    assertEquals(before, versions(warehouse), "an unchanged partners.csv changes no row");
  }
}
