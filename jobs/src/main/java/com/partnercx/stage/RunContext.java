package com.partnercx.stage;

import com.partnercx.config.PcxConfig;
import com.partnercx.warehouse.Warehouse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What every stage of one run shares: its id, the validated configuration, the warehouse and the
 * landing zone.
 *
 * @param runId recorded on every row the run writes
 * @param config the validated configuration
 * @param warehouse the storage seam
 * @param landingRoot URI of the landing zone (landing/&lt;feed&gt;/&lt;yyyy-mm-dd&gt;/files)
 * @param startedAt when the run started
 */
public record RunContext(
    String runId, PcxConfig config, Warehouse warehouse, String landingRoot, Instant startedAt) {

  private static final DateTimeFormatter RUN_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  public static RunContext start(PcxConfig config, Warehouse warehouse, String landingRoot) {
    Instant now = Instant.now();
    String runId =
        "run-"
            + RUN_ID_TIME.format(now)
            + "-"
            + String.format("%06x", ThreadLocalRandom.current().nextInt(0x1000000));
    return new RunContext(runId, config, warehouse, landingRoot, now);
  }
}
