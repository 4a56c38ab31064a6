package com.partnercx.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health of Airflow's components, by name: {@code metadatabase}, {@code scheduler}, {@code
 * triggerer}, {@code dag_processor}, and whatever a newer Airflow adds.
 */
public record Health(Map<String, Component> components) {

  public Health {
    components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
  }

  /**
   * One component.
   *
   * @param status {@code healthy}, {@code unhealthy}, or null when it does not report (e.g. no
   *     triggerer runs)
   * @param latestHeartbeat null for the metadatabase and silent components
   */
  public record Component(String status, Instant latestHeartbeat) {
    public boolean isHealthy() {
      return "healthy".equals(status);
    }
  }

  /** True when the metadatabase and the scheduler, which every run needs, are healthy. */
  public boolean isHealthy() {
    return isHealthy("metadatabase") && isHealthy("scheduler");
  }

  /** True when the named component reports healthy. */
  public boolean isHealthy(String component) {
    Component found = components.get(component);
    return found != null && found.isHealthy();
  }

  static Health fromJson(JsonNode node) {
    Map<String, Component> components = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (field.getValue().isObject()) {
        components.put(field.getKey(), componentOf(field.getValue()));
      }
    }
    return new Health(components);
  }

  /** Each component names its heartbeat after itself: {@code latest_scheduler_heartbeat}. */
  private static Component componentOf(JsonNode node) {
    Instant heartbeat = null;
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String name = field.getKey();
      if (heartbeat == null && name.startsWith("latest_") && name.endsWith("_heartbeat")) {
        heartbeat = Json.instant(node, name);
      }
    }
    return new Component(Json.text(node, "status"), heartbeat);
  }
}
