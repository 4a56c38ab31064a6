package com.partnercx.reports;

/**
 * Where a partner's composite stands among its program's partners for the period.
 *
 * @param partners partners of the program with a composite
 * @param suppressed whether the group is below the program's minimum and no figures are shown
 * @param p25 the group's 25th percentile composite, or null
 * @param median the group's median composite, or null
 * @param p75 the group's 75th percentile composite, or null
 * @param percentileRank the partner's percentile rank (100 = best), or null
 * @param rank the partner's rank by composite (1 = best), or null; printed on internal PDFs only
 */
public record PeerStanding(
    int partners,
    boolean suppressed,
    Double p25,
    Double median,
    Double p75,
    Double percentileRank,
    Integer rank) {

  /** Whether there are peer figures to show. */
  public boolean comparable() {
    return !suppressed && median != null && partners > 1;
  }
}
