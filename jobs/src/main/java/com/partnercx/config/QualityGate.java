package com.partnercx.config;

/**
 * When a feed-day fails the data-quality gate: its rejected rows pass {@code maxRejectRate} of the
 * rows delivered and number at least {@code minRejectedRows}. The minimum keeps one bad row on a
 * small day from holding every scorecard back; such rows are still quarantined and reported.
 *
 * @param maxRejectRate the share of rejected rows a feed-day may have (quality.max_reject_rate)
 * @param minRejectedRows the fewest rejected rows that can fail the gate
 *     (quality.min_rejected_rows)
 */
public record QualityGate(double maxRejectRate, int minRejectedRows) {
  public static final QualityGate DEFAULT = new QualityGate(0.05, 3);

  /** Whether a feed-day with these counts passes. */
  public boolean passes(long rejected, long delivered) {
    return rejected < minRejectedRows || rejected <= maxRejectRate * delivered;
  }
}
