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

  /** A run under a new id: run-&lt;UTC time&gt;-&lt;6 random hex digits&gt;. */
  public static RunContext start(PcxConfig config, Warehouse warehouse, String landingRoot) {
    return start(config, warehouse, landingRoot, null);
  }

  /** A run under the id a caller chose (e.g. a scheduler's task id), or a new one when null. */
  public static RunContext start(
      PcxConfig config, Warehouse warehouse, String landingRoot, String runId) {
    Instant now = Instant.now();
    String id =
        runId != null
            ? runId
            : "run-"
                + RUN_ID_TIME.format(now)
                + "-"
                + String.format("%06x", ThreadLocalRandom.current().nextInt(0x1000000));
    return new RunContext(id, config, warehouse, landingRoot, now);
  }
}
