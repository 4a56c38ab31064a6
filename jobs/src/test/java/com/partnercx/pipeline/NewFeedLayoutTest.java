package com.partnercx.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.partnercx.config.ConfigLoader;
import com.partnercx.config.PcxConfig;
import com.partnercx.schema.Entity;
import com.partnercx.spark.SparkTestBase;
import com.partnercx.tables.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Onboarding a partner whose extract looks like nothing the generator writes takes one YAML file:
 * no code. The layout: quoted fields with a backslash escape, US dates with AM/PM in New York time,
 * columns in another order, an extra column nobody maps, and a complaint entity.
 */
class NewFeedLayoutTest extends SparkTestBase {
  @TempDir Path dir;

  @Test
  void aNewLayoutNeedsOnlyAFeedYaml() throws IOException {
    Path config = dir.resolve("config");
    Files.createDirectories(config.resolve("feeds"));
    try (Stream<Path> sample = Files.list(Path.of("../data-samples/config"))) {
      for (Path file : sample.filter(Files::isRegularFile).toList()) {
        Files.copy(file, config.resolve(file.getFileName()));
      }
    }
    Files.writeString(
        config.resolve("feeds/harbor_helpdesk.yaml"),
        """
        # A retail partner's own help desk export, new to the brand.
        entity: complaint
        partners: [R-001]
        format: csv
        csv: {delimiter: ",", quote: "'", escape: "\\\\", encoding: UTF-8}
        timezone: America/New_York
        timestamp_formats: ["MM/dd/yyyy hh:mm a"]
        columns:
          contacts: touches
          resolved_at: closed_on
          complaint_id: ticket
          partner_id: store
          opened_at: opened_on
          category: topic
        constants:
          severity: medium
        """);
    Path day = dir.resolve("landing/harbor_helpdesk/2026-07-03");
    Files.createDirectories(day);
    Files.writeString(
        day.resolve("tickets.csv"),
        """
        ticket,opened_on,closed_on,store,topic,touches,agent_notes
        T-1,07/02/2026 09:15 PM,07/03/2026 10:00 AM,R-001,'late delivery',2,'customer said \\'never again\\''
        T-2,07/02/2026 11:00 AM,,R-001,billing,1,
        """);

    PcxConfig loaded = new ConfigLoader().load(config);
    Pipeline pipeline =
        Pipeline.on(
            spark,
            loaded,
            dir.resolve("landing").toString(),
            dir.resolve("warehouse").toString(),
            line -> {});
    pipeline.ingest(List.of(LocalDate.of(2026, 7, 3)));
    pipeline.conform(List.of(LocalDate.of(2026, 7, 3)));

    List<Row> rows =
        spark
            .read()
            .format("delta")
            .load(dir.resolve("warehouse").resolve(Tables.silver(Entity.COMPLAINT)).toString())
            .orderBy("complaint_id")
            .collectAsList();
    assertEquals(2, rows.size());
    Row first = rows.get(0);
    assertEquals("T-1", first.getAs("complaint_id"));
    assertEquals("R-001", first.getAs("partner_id"));
    // 9:15 PM EDT (UTC-4) on 2 July is 01:15 UTC on 3 July.
    assertEquals(Timestamp.valueOf("2026-07-03 01:15:00"), first.getAs("opened_at"));
    assertEquals(Timestamp.valueOf("2026-07-03 14:00:00"), first.getAs("resolved_at"));
    assertEquals("late delivery", first.getAs("category"));
    assertEquals("medium", first.getAs("severity"));
    assertEquals(2, first.<Integer>getAs("contacts"));
    Row second = rows.get(1);
    assertEquals(Timestamp.valueOf("2026-07-02 15:00:00"), second.getAs("opened_at"));
    assertNull(second.getAs("resolved_at"));
    assertEquals(
        "customer said 'never again'",
        spark
            .read()
            .format("delta")
            .load(dir.resolve("warehouse").resolve(Tables.bronze("harbor_helpdesk")).toString())
            .filter(col("ticket").equalTo("T-1"))
            .first()
            .getAs("agent_notes"));
  }
}
