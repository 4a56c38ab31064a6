package com.partnercx.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A backfill that was started.
 *
 * @param id Airflow 3's backfill id; null on Airflow 2, which has no backfill API
 * @param triggeredRunIds the runs the client triggered itself on Airflow 2, one per date that had
 *     none; empty on Airflow 3, whose scheduler creates the runs
 * @param completedAt null while the backfill runs
 */
public record Backfill(
    Long id,
    String dagId,
    Instant fromDate,
    Instant toDate,
    ReprocessBehavior reprocessBehavior,
    int maxActiveRuns,
    boolean paused,
    Instant createdAt,
    Instant completedAt,
    List<String> triggeredRunIds) {

  public Backfill {
    triggeredRunIds = List.copyOf(triggeredRunIds);
  }

  static Backfill fromJson(JsonNode node) {
    JsonNode id = node.path("id");
    return new Backfill(
        id.canConvertToLong() ? id.asLong() : null,
        Json.text(node, "dag_id"),
        Json.instant(node, "from_date"),
        Json.instant(node, "to_date"),
        ReprocessBehavior.of(Json.text(node, "reprocess_behavior")),
        Json.integer(node, "max_active_runs", 0),
        Json.bool(node, "is_paused", false),
        Json.instant(node, "created_at"),
        Json.instant(node, "completed_at"),
        List.of());
  }
}
