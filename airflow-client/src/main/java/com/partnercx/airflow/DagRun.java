package com.partnercx.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of a DAG.
 *
 * @param logicalDate the date the run covers; null for an Airflow 3 run triggered without one
 * @param runAfter when the run may start (Airflow 3); null on Airflow 2
 * @param runType {@code manual}, {@code scheduled}, {@code backfill}, ... as Airflow names it
 */
public record DagRun(
    String dagId,
    String runId,
    DagRunState state,
    String runType,
    Instant logicalDate,
    Instant runAfter,
    Instant queuedAt,
    Instant startDate,
    Instant endDate,
    Map<String, Object> conf,
    String note) {

  public DagRun {
    conf = Collections.unmodifiableMap(new LinkedHashMap<>(conf));
  }

  /** True once the run succeeded or failed. */
  public boolean isFinished() {
    return state.isFinished();
  }

  /** Reads Airflow 3's and Airflow 2's run, whose logical date was once {@code execution_date}. */
  static DagRun fromJson(JsonNode node) {
    return new DagRun(
        Json.text(node, "dag_id"),
        Json.text(node, "dag_run_id", "run_id"),
        DagRunState.of(Json.text(node, "state")),
        Json.text(node, "run_type"),
        Json.instant(node, "logical_date", "execution_date"),
        Json.instant(node, "run_after"),
        Json.instant(node, "queued_at"),
        Json.instant(node, "start_date"),
        Json.instant(node, "end_date"),
        Json.object(node, "conf"),
        Json.text(node, "note"));
  }
}
