package com.partnercx.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.partnercx.errors.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A mapping inside a YAML file, read key by key. Every accessor records a {@link ConfigProblem}
 * (file, dotted key path, expectation) instead of throwing, so one pass reports every problem.
 *
 * <p>Every accessor also remembers the key it was asked for, so the keys a section allows are the
 * keys its reader reads: {@link #read} reports any other key as unknown, and a new key needs no
 * second list to be accepted.
 */
final class YamlSection {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final String file;
  private final String path;
  private final JsonNode node;
  private final List<ConfigProblem> problems;
  private final Set<String> asked = new HashSet<>();

  YamlSection(String file, String path, JsonNode node, List<ConfigProblem> problems) {
    this.file = file;
    this.path = path;
    this.node = node;
    this.problems = problems;
  }

  /**
   * The top-level mapping of {@code dir/fileName}, or empty after recording why there is none
   * (missing, unreadable, not YAML, or not a mapping).
   */
  static Optional<YamlSection> ofFile(Path dir, String fileName, List<ConfigProblem> problems) {
    Path file = dir.resolve(fileName);
    if (!Files.isRegularFile(file)) {
      problems.add(new ConfigProblem(fileName, "", "file missing"));
      return Optional.empty();
    }
    try {
      JsonNode node = YAML.readTree(file.toFile());
      if (node == null || !node.isObject()) {
        problems.add(new ConfigProblem(fileName, "", "expected a YAML mapping at the top level"));
        return Optional.empty();
      }
      return Optional.of(new YamlSection(fileName, "", node, problems));
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr();
      problems.add(
          new ConfigProblem(fileName, where, "is not valid YAML: " + e.getOriginalMessage()));
    } catch (IOException e) {
      problems.add(new ConfigProblem(fileName, "", "cannot be read: " + e.getMessage()));
    }
    return Optional.empty();
  }

  /**
   * Reads this section with {@code reader}, then reports each key present here that the reader
   * never asked for: a misspelt key must not be silently ignored. The unknown keys are listed
   * before the problems the reader found, since a misspelt key often explains them ({@code wieght}
   * unknown, then {@code weight} missing). Mappings whose keys are data (program ids, column
   * mappings) are not read this way, so any key is fine there.
   */
  <T> T read(Function<YamlSection, T> reader) {
    int start = problems.size();
    T result = reader.apply(this);
    // Reads of nested sections end before this one and insert at or after start, so start still
    // marks where this section's problems begin.
    List<ConfigProblem> unknown = new ArrayList<>();
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!asked.contains(name)) {
                unknown.add(
                    new ConfigProblem(
                        file,
                        keyPath(name),
                        "unknown key; expected one of " + new TreeSet<>(asked)));
              }
            });
    problems.addAll(start, unknown);
    return result;
  }

  String keyPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  void problem(String key, String message) {
    problems.add(new ConfigProblem(file, key == null ? path : keyPath(key), message));
  }

  /** The value under {@code key}, or null; the key counts as read (see {@link #read}). */
  private JsonNode value(String key) {
    asked.add(key);
    return node.get(key);
  }

  boolean has(String key) {
    JsonNode value = value(key);
    return value != null && !value.isNull();
  }

  /** Whether the value under {@code key} is a mapping. */
  boolean isMapping(String key) {
    JsonNode value = value(key);
    return value != null && value.isObject();
  }

  /**
   * Whether the value under {@code key} is the scalar {@code word} (e.g. {@code partners: all}).
   */
  boolean isWord(String key, String word) {
    JsonNode value = value(key);
    return value != null && value.isValueNode() && word.equals(value.asText());
  }

  /**
   * The entries of an optional nested mapping whose values are mappings of scalars (e.g. a value
   * mapping per field); keys and values as text.
   */
  Map<String, Map<String, String>> scalarMaps(String key, String what) {
    String entry = "a mapping of source value to canonical value";
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    mappings(key, false, what, entry).forEach((k, section) -> out.put(k, section.entries(entry)));
    return out;
  }

  String requiredString(String key, String what) {
    if (!has(key)) {
      problem(key, "missing; expected " + what);
      return null;
    }
    return string(key, null, what);
  }

  String string(String key, String defaultValue, String what) {
    JsonNode value = value(key);
    if (value == null || value.isNull()) {
      return defaultValue;
    }
    if (!value.isValueNode() || value.asText().isBlank()) {
      problem(key, "expected " + what + ", found " + describe(value));
      return defaultValue;
    }
    return value.asText();
  }

  /**
   * An IANA time zone: {@code defaultValue} when the key is absent, null (with a problem) when the
   * name is unknown or, with a null default, missing.
   */
  ZoneId zone(String key, ZoneId defaultValue) {
    String what = "an IANA time zone such as Europe/Berlin";
    String text = defaultValue == null ? requiredString(key, what) : string(key, null, what);
    if (text == null) {
      return defaultValue;
    }
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      problem(key, "unknown time zone '" + text + "'; expected an IANA name such as Europe/Berlin");
      return null;
    }
  }

  Double requiredNumber(String key, double min, double max, String what) {
    if (!has(key)) {
      problem(key, "missing; expected " + what);
      return null;
    }
    return number(key, null, min, max, what);
  }

  Double number(String key, Double defaultValue, double min, double max, String what) {
    JsonNode value = value(key);
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
    JsonNode value = value(key);
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
    JsonNode value = value(key);
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
    JsonNode value = value(key);
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

  /**
   * A nested mapping that may be left out. Absent, or not a mapping (a problem), it reads as an
   * empty mapping, so each key in it takes its default.
   */
  YamlSection optionalSection(String key, String what) {
    YamlSection section = section(key, false, what);
    return section != null
        ? section
        : new YamlSection(file, keyPath(key), JsonNodeFactory.instance.objectNode(), problems);
  }

  /** A nested mapping; a missing one is a problem only when {@code required}. */
  private YamlSection section(String key, boolean required, String what) {
    JsonNode value = value(key);
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
    return mappings(key, true, what, "a mapping");
  }

  /**
   * The entries of the mapping under {@code key} whose values are mappings; any other value is a
   * problem ("expected {@code entryWhat}"), and so is an empty required mapping.
   */
  private Map<String, YamlSection> mappings(
      String key, boolean required, String what, String entryWhat) {
    YamlSection parent = section(key, required, what);
    Map<String, YamlSection> out = new LinkedHashMap<>();
    if (parent == null) {
      return out;
    }
    if (required && parent.node.isEmpty()) {
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
                parent.problem(
                    e.getKey(), "expected " + entryWhat + ", found " + describe(e.getValue()));
              }
            });
    return out;
  }

  /** The entries of a nested mapping whose values are scalars (e.g. a column mapping). */
  Map<String, String> scalars(String key, boolean required, String what) {
    YamlSection parent = section(key, required, what);
    return parent == null ? new LinkedHashMap<>() : parent.entries(what);
  }

  /** This mapping's entries, whose values must be scalars ({@code what} names the mapping). */
  private Map<String, String> entries(String what) {
    Map<String, String> out = new LinkedHashMap<>();
    node.properties()
        .forEach(
            e -> {
              if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
              } else {
                problem(e.getKey(), "expected " + what + ", found " + describe(e.getValue()));
              }
            });
    return out;
  }

  /** The items of a list of mappings (e.g. the tier ladder). */
  List<YamlSection> sectionList(String key, String what) {
    JsonNode value = value(key);
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
