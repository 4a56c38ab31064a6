package com.partnercx.reports;

import java.time.Instant;

/**
 * Where a PDF's figures come from, printed in every page's footer.
 *
 * @param runId the run that computed the figures
 * @param configHash SHA-256 of the configuration used
 * @param tableVersions the Delta versions read, e.g. "gold/partner_daily@12, gold/scorecard@4"
 * @param generatedAt when the PDF was rendered
 */
public record Provenance(
    String runId, String configHash, String tableVersions, Instant generatedAt) {

  /**
   * The partner edition's footer: run, configuration and time, enough to reproduce the figures; the
   * table versions stay in the internal edition and in ops/runs under the run.
   */
  public String compactFooter() {
    return "Run "
        + runId
        + " \u00b7 config "
        + shortHash()
        + " \u00b7 generated "
        + ScorecardFormat.timestamp(generatedAt);
  }

  private String shortHash() {
    return configHash.length() > 12 ? configHash.substring(0, 12) : configHash;
  }

  /** The footer line. */
  public String footer() {
    return "Run "
        + runId
        + " \u00b7 config "
        + shortHash()
        + " \u00b7 "
        + tableVersions
        + " \u00b7 generated "
        + ScorecardFormat.timestamp(generatedAt);
  }
}
