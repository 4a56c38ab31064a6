package com.partnercx.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One task of one DAG run.
 *
 * @param mapIndex -1 unless the task is mapped
 * @param tryNumber the current (or last) try; pass it to {@code getTaskLog} for that try's log
 * @param durationSeconds null until the task ran
 */
public record TaskInstance(
    String dagId,
    String runId,
    String taskId,
    int mapIndex,
    TaskState state,
    int tryNumber,
    int maxTries,
    Instant startDate,
    Instant endDate,
    Double durationSeconds,
    String operator,
    String hostname) {

  static TaskInstance fromJson(JsonNode node) {
    return new TaskInstance(
        Json.text(node, "dag_id"),
        Json.text(node, "dag_run_id", "run_id"),
        Json.text(node, "task_id"),
        Json.integer(node, "map_index", -1),
        TaskState.of(Json.text(node, "state")),
        Json.integer(node, "try_number", 0),
        Json.integer(node, "max_tries", 0),
        Json.instant(node, "start_date"),
        Json.instant(node, "end_date"),
        Json.decimal(node, "duration"),
        Json.text(node, "operator"),
        Json.text(node, "hostname"));
  }
}
