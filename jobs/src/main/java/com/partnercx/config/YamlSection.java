package com.partnercx.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A mapping inside a YAML file, read key by key. Every accessor records a {@link ConfigProblem}
 * (file, dotted key path, expectation) instead of throwing, so one pass reports every problem.
 */
final class YamlSection {
  private final String file;
  private final String path;
  private final JsonNode node;
  private final List<ConfigProblem> problems;

  YamlSection(String file, String path, JsonNode node, List<ConfigProblem> problems) {
    this.file = file;
    this.path = path;
    this.node = node;
    this.problems = problems;
  }

  String path() {
    return path;
  }

  String keyPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  void problem(String key, String message) {
    problems.add(new ConfigProblem(file, key == null ? path : keyPath(key), message));
  }

  boolean has(String key) {
    JsonNode value = node.get(key);
    return value != null && !value.isNull();
  }

  /** Reports every key not in {@code allowed}: a misspelt key must not be silently ignored. */
  void allowOnly(Set<String> allowed) {
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!allowed.contains(name)) {
                problem(name, "unknown key; expected one of " + new TreeSet<>(allowed));
              }
            });
  }

  String requiredString(String key, String what) {
    if (!has(key)) {
      problem(key, "missing; expected " + what);
      return null;
    }
    return string(key, null, what);
  }

  String string(String key, String defaultValue, String what) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return defaultValue;
    }
    if (!value.isValueNode() || value.asText().isBlank()) {
      problem(key, "expected " + what + ", found " + describe(value));
      return defaultValue;
    }
    return value.asText();
  }

  Double requiredNumber(String key, double min, double max, String what) {
    if (!has(key)) {
      problem(key, "missing; expected " + what);
      return null;
    }
    return number(key, null, min, max, what);
  }

  Double number(String key, Double defaultValue, double min, double max, String what) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return defaultValue;
    }
    if (!value.isNumber()) {
      problem(key, "expected " + what + ", found " + describe(value));
      return defaultValue;
    }
    double d = value.asDouble();
    if (d < min || d > max) {
      problem(key, "expected " + what + ", found " + value.asText());
      return defaultValue;
    }
    return d;
  }

  Integer integer(String key, Integer defaultValue, int min, String what) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return defaultValue;
    }
    if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > Integer.MAX_VALUE) {
      problem(key, "expected " + what + ", found " + describe(value));
      return defaultValue;
    }
    return value.asInt();
  }

  Boolean bool(String key, Boolean defaultValue) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return defaultValue;
    }
    if (!value.isBoolean()) {
      problem(key, "expected true or false, found " + describe(value));
      return defaultValue;
    }
    return value.asBoolean();
  }

  List<String> stringList(String key, List<String> defaultValue, String what) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return defaultValue;
    }
    if (!value.isArray()) {
      problem(key, "expected a list of " + what + ", found " + describe(value));
      return defaultValue;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!item.isValueNode() || item.asText().isBlank()) {
        problems.add(
            new ConfigProblem(
                file,
                keyPath(key) + "[" + i + "]",
                "expected " + what + ", found " + describe(item)));
      } else {
        out.add(item.asText());
      }
    }
    return out;
  }

  /** A nested mapping; a missing one is a problem only when {@code required}. */
  YamlSection section(String key, boolean required, String what) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      if (required) {
        problem(key, "missing; expected " + what);
      }
      return null;
    }
    if (!value.isObject()) {
      problem(key, "expected " + what + ", found " + describe(value));
      return null;
    }
    return new YamlSection(file, keyPath(key), value, problems);
  }

  /** The entries of a nested mapping whose values are themselves mappings (e.g. programs by id). */
  Map<String, YamlSection> sections(String key, String what) {
    YamlSection parent = section(key, true, what);
    Map<String, YamlSection> out = new LinkedHashMap<>();
    if (parent == null) {
      return out;
    }
    if (parent.node.isEmpty()) {
      problem(key, "is empty; expected " + what);
    }
    parent
        .node
        .properties()
        .forEach(
            e -> {
              if (e.getValue().isObject()) {
                out.put(
                    e.getKey(),
                    new YamlSection(file, parent.keyPath(e.getKey()), e.getValue(), problems));
              } else {
                parent.problem(e.getKey(), "expected a mapping, found " + describe(e.getValue()));
              }
            });
    return out;
  }

  /** The entries of a nested mapping whose values are scalars (e.g. a column mapping). */
  Map<String, String> scalars(String key, boolean required, String what) {
    YamlSection parent = section(key, required, what);
    Map<String, String> out = new LinkedHashMap<>();
    if (parent == null) {
      return out;
    }
    parent
        .node
        .properties()
        .forEach(
            e -> {
              if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
              } else {
                parent.problem(
                    e.getKey(), "expected " + what + ", found " + describe(e.getValue()));
              }
            });
    return out;
  }

  /** The items of a list of mappings (e.g. the tier ladder). */
  List<YamlSection> sectionList(String key, String what) {
    JsonNode value = node.get(key);
    List<YamlSection> out = new ArrayList<>();
    if (value == null || value.isNull()) {
      problem(key, "missing; expected " + what);
      return out;
    }
    if (!value.isArray() || value.isEmpty()) {
      problem(key, "expected a non-empty list of " + what + ", found " + describe(value));
      return out;
    }
    for (int i = 0; i < value.size(); i++) {
      String itemPath = keyPath(key) + "[" + i + "]";
      if (value.get(i).isObject()) {
        out.add(new YamlSection(file, itemPath, value.get(i), problems));
      } else {
        problems.add(
            new ConfigProblem(
                file, itemPath, "expected " + what + ", found " + describe(value.get(i))));
      }
    }
    return out;
  }

  static String describe(JsonNode value) {
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    return "'" + value.asText() + "'";
  }
}
