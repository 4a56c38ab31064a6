package com.partnercx.stage;

import java.util.Map;

/**
 * What a stage did, for the log line, ops/runs and the CLI summary.
 *
 * @param stage ingest, conform, score-daily, score, report
 * @param rowsRead rows read from the stage's inputs
 * @param rowsWritten rows written to its outputs
 * @param rowsQuarantined rows set aside in ops/quarantine
 * @param seconds wall time
 * @param versionsRead Delta version of each table read
 * @param versionsWritten Delta version of each table written
 */
public record StageResult(
    String stage,
    long rowsRead,
    long rowsWritten,
    long rowsQuarantined,
    double seconds,
    Map<String, Long> versionsRead,
    Map<String, Long> versionsWritten) {

  public StageResult {
    versionsRead = Map.copyOf(versionsRead);
    versionsWritten = Map.copyOf(versionsWritten);
  }

  public String logLine() {
    return String.format(
        java.util.Locale.ROOT,
        "%-12s read %,d  written %,d  quarantined %,d  in %.1f s",
        stage,
        rowsRead,
        rowsWritten,
        rowsQuarantined,
        seconds);
  }
}
