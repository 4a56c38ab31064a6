package com.partnercx.airflow;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Runs for a range of dates, both ends included, each date meaning midnight UTC. Start with {@link
 * #of(String, LocalDate, LocalDate)}.
 *
 * @param conf parameters for every run
 * @param reprocessBehavior which dates that already have a run are run again (Airflow 3; Airflow 2
 *     skips every date that has a run)
 * @param maxActiveRuns how many of the runs may run at once (Airflow 3)
 */
public record BackfillRequest(
    String dagId,
    LocalDate from,
    LocalDate to,
    boolean runBackwards,
    Map<String, Object> conf,
    ReprocessBehavior reprocessBehavior,
    int maxActiveRuns) {

  public BackfillRequest {
    Objects.requireNonNull(dagId, "dagId");
    Objects.requireNonNull(reprocessBehavior, "reprocessBehavior");
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from " + from + " is after to " + to);
    }
    if (maxActiveRuns < 1) {
      throw new IllegalArgumentException("maxActiveRuns must be at least 1, was " + maxActiveRuns);
    }
    conf = Collections.unmodifiableMap(new LinkedHashMap<>(conf));
  }

  /** Forwards, empty conf, dates that have a run are left alone, at most 10 runs at once. */
  public static BackfillRequest of(String dagId, LocalDate from, LocalDate to) {
    return new BackfillRequest(dagId, from, to, false, Map.of(), ReprocessBehavior.NONE, 10);
  }

  public BackfillRequest backwards() {
    return new BackfillRequest(dagId, from, to, true, conf, reprocessBehavior, maxActiveRuns);
  }

  public BackfillRequest withConf(Map<String, ?> conf) {
    return new BackfillRequest(
        dagId,
        from,
        to,
        runBackwards,
        new LinkedHashMap<String, Object>(conf),
        reprocessBehavior,
        maxActiveRuns);
  }

  public BackfillRequest withReprocessBehavior(ReprocessBehavior reprocessBehavior) {
    return new BackfillRequest(
        dagId, from, to, runBackwards, conf, reprocessBehavior, maxActiveRuns);
  }

  public BackfillRequest withMaxActiveRuns(int maxActiveRuns) {
    return new BackfillRequest(
        dagId, from, to, runBackwards, conf, reprocessBehavior, maxActiveRuns);
  }
}
