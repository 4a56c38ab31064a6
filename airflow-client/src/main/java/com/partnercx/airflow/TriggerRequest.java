package com.partnercx.airflow;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A run to trigger. Start with {@link #of(String)} and add what you need; everything but the DAG id
 * is optional.
 *
 * @param runId the run's id; null lets Airflow generate one ({@code manual__<timestamp>})
 * @param logicalDate the date the run covers; null means none on Airflow 3 and "now" on Airflow 2
 * @param runAfter earliest start (Airflow 3 only; Airflow 2 ignores it)
 * @param conf parameters for the run's tasks
 * @param note a note shown with the run in Airflow's UI
 */
public record TriggerRequest(
    String dagId,
    String runId,
    Instant logicalDate,
    Instant runAfter,
    Map<String, Object> conf,
    String note) {

  public TriggerRequest {
    Objects.requireNonNull(dagId, "dagId");
    conf = Collections.unmodifiableMap(new LinkedHashMap<>(conf));
  }

  /** A run of {@code dagId} with no run id, no logical date, empty conf and no note. */
  public static TriggerRequest of(String dagId) {
    return new TriggerRequest(dagId, null, null, null, Map.of(), null);
  }

  public TriggerRequest withRunId(String runId) {
    return new TriggerRequest(dagId, runId, logicalDate, runAfter, conf, note);
  }

  public TriggerRequest withLogicalDate(Instant logicalDate) {
    return new TriggerRequest(dagId, runId, logicalDate, runAfter, conf, note);
  }

  public TriggerRequest withRunAfter(Instant runAfter) {
    return new TriggerRequest(dagId, runId, logicalDate, runAfter, conf, note);
  }

  public TriggerRequest withConf(Map<String, ?> conf) {
    return new TriggerRequest(
        dagId, runId, logicalDate, runAfter, new LinkedHashMap<String, Object>(conf), note);
  }

  public TriggerRequest withNote(String note) {
    return new TriggerRequest(dagId, runId, logicalDate, runAfter, conf, note);
  }

  /** How error messages name this request: the DAG plus its run id or logical date. */
  String describe() {
    String which =
        runId != null
            ? " as run '" + runId + "'"
            : logicalDate != null ? " for logical date " + logicalDate : "";
    return "trigger DAG '" + dagId + "'" + which;
  }
}
