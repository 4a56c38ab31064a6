package com.partnercx.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A DAG file Airflow failed to import; its DAGs are missing until the file is fixed.
 *
 * @param bundleName the DAG bundle (Airflow 3); null on Airflow 2
 */
public record ImportError(
    long id, String filename, String bundleName, Instant timestamp, String stackTrace) {

  static ImportError fromJson(JsonNode node) {
    return new ImportError(
        node.path("import_error_id").asLong(),
        Json.text(node, "filename"),
        Json.text(node, "bundle_name"),
        Json.instant(node, "timestamp"),
        Json.text(node, "stack_trace"));
  }
}
