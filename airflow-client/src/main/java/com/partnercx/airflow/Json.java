package com.partnercx.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tolerant reading of Airflow's JSON. Results are read field by field from the tree, so fields a
 * newer Airflow adds are ignored, and a missing or null field becomes the documented fallback
 * instead of an error.
 */
final class Json {

  /** Writes dates as ISO-8601 strings, e.g. a {@code LocalDate} inside a run's conf. */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private Json() {}

  /** The first of {@code fields} holding a non-null value, as text; null if none does. */
  static String text(JsonNode node, String... fields) {
    for (String field : fields) {
      JsonNode value = node.path(field);
      if (!value.isMissingNode() && !value.isNull()) {
        return value.isValueNode() ? value.asText() : value.toString();
      }
    }
    return null;
  }

  /** The first of {@code fields} holding a parseable timestamp; null if none does. */
  static Instant instant(JsonNode node, String... fields) {
    for (String field : fields) {
      Instant parsed = parseInstant(text(node, field));
      if (parsed != null) {
        return parsed;
      }
    }
    return null;
  }

  static int integer(JsonNode node, String field, int fallback) {
    JsonNode value = node.path(field);
    return value.canConvertToInt() ? value.asInt() : fallback;
  }

  static Double decimal(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isNumber() ? value.asDouble() : null;
  }

  static boolean bool(JsonNode node, String field, boolean fallback) {
    JsonNode value = node.path(field);
    return value.isBoolean() ? value.asBoolean() : fallback;
  }

  /** A JSON object field as a map of plain Java values; empty when absent or not an object. */
  static Map<String, Object> object(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isObject()) {
      return Map.of();
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      map.put(entry.getKey(), MAPPER.convertValue(entry.getValue(), Object.class));
    }
    return map;
  }

  /**
   * A list of names: plain strings, or objects with a {@code name} (Airflow's tags are objects in
   * both API versions).
   */
  static List<String> names(JsonNode node, String field) {
    List<String> names = new ArrayList<>();
    for (JsonNode item : node.path(field)) {
      String name = item.isObject() ? text(item, "name") : item.asText(null);
      if (name != null) {
        names.add(name);
      }
    }
    return List.copyOf(names);
  }

  /**
   * Parses Airflow's timestamps: {@code 2024-05-01T00:00:00+00:00}, with or without fraction, or
   * {@code Z}; a timestamp without offset is taken as UTC, Airflow's storage zone.
   */
  static Instant parseInstant(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notWithOffset) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException unparseable) {
        return null;
      }
    }
  }
}
