package com.partnercx.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A DAG as Airflow's scheduler knows it.
 *
 * @param nextLogicalDate the logical date of the next scheduled run, or null
 * @param fileloc the DAG file's path on the Airflow side
 */
public record DagInfo(
    String dagId,
    String displayName,
    boolean paused,
    String description,
    List<String> tags,
    List<String> owners,
    boolean hasImportErrors,
    Instant nextLogicalDate,
    String fileloc) {

  public DagInfo {
    tags = List.copyOf(tags);
    owners = List.copyOf(owners);
  }

  static DagInfo fromJson(JsonNode node) {
    String dagId = Json.text(node, "dag_id");
    String displayName = Json.text(node, "dag_display_name");
    return new DagInfo(
        dagId,
        displayName == null ? dagId : displayName,
        Json.bool(node, "is_paused", false),
        Json.text(node, "description"),
        Json.names(node, "tags"),
        Json.names(node, "owners"),
        Json.bool(node, "has_import_errors", false),
        Json.instant(node, "next_dagrun_logical_date", "next_dagrun"),
        Json.text(node, "fileloc"));
  }
}
