package com.partnercx.airflow;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which runs {@code listRuns} returns. Start with {@link #all()}; the client follows Airflow's
 * pages until {@code maxResults} runs are read or none are left.
 *
 * @param states only runs in one of these states; empty means any
 * @param logicalDateFrom only runs whose logical date is at or after this, or null
 * @param logicalDateTo only runs whose logical date is at or before this, or null
 * @param newestFirst order by newest first instead of Airflow's default order
 */
public record RunFilter(
    Set<DagRunState> states,
    Instant logicalDateFrom,
    Instant logicalDateTo,
    boolean newestFirst,
    int maxResults) {

  public RunFilter {
    states = Set.copyOf(states);
    if (maxResults < 1) {
      throw new IllegalArgumentException("maxResults must be at least 1, was " + maxResults);
    }
  }

  public static RunFilter all() {
    return new RunFilter(Set.of(), null, null, false, Integer.MAX_VALUE);
  }

  public RunFilter withStates(DagRunState first, DagRunState... more) {
    return new RunFilter(
        EnumSet.of(first, more), logicalDateFrom, logicalDateTo, newestFirst, maxResults);
  }

  /** Runs whose logical date lies in {@code [from, to]}; either end may be null (open). */
  public RunFilter withLogicalDateBetween(Instant from, Instant to) {
    return new RunFilter(states, from, to, newestFirst, maxResults);
  }

  public RunFilter sortedNewestFirst() {
    return new RunFilter(states, logicalDateFrom, logicalDateTo, true, maxResults);
  }

  /** At most {@code maxResults} runs; with {@link #sortedNewestFirst()}, the latest ones. */
  public RunFilter limit(int maxResults) {
    return new RunFilter(states, logicalDateFrom, logicalDateTo, newestFirst, maxResults);
  }
}
