package com.partnercx.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The log of one try of one task.
 *
 * @param lines in order; Airflow 3 sends structured lines, Airflow 2 one text split into lines
 * @param continuationToken where a later, partial read would resume; null when complete
 */
public record TaskLog(
    String dagId,
    String runId,
    String taskId,
    int tryNumber,
    List<Line> lines,
    String continuationToken) {

  public TaskLog {
    lines = List.copyOf(lines);
  }

  /**
   * One log line.
   *
   * @param timestamp null for Airflow 2's plain text
   * @param level e.g. {@code info}; null when Airflow does not say
   */
  public record Line(Instant timestamp, String level, String message) {

    /** The line as a person reads it: {@code 2024-05-01T00:00:01Z INFO Spark job done}. */
    public String render() {
      StringBuilder text = new StringBuilder();
      if (timestamp != null) {
        text.append(timestamp).append(' ');
      }
      if (level != null) {
        text.append(level.toUpperCase(Locale.ROOT)).append(' ');
      }
      return text.append(message).toString();
    }
  }

  /** The whole log, one rendered line per line. */
  public String text() {
    return lines.stream().map(Line::render).collect(Collectors.joining("\n"));
  }

  /** The last {@code count} lines, rendered: what usually explains a failure. */
  public String tail(int count) {
    return lines.subList(Math.max(0, lines.size() - count), lines.size()).stream()
        .map(Line::render)
        .collect(Collectors.joining("\n"));
  }

  /**
   * Reads the log endpoint's {@code content}: a list of structured messages ({@code event}, {@code
   * timestamp}, {@code level}, ...) or of strings (Airflow 3), or one string (Airflow 2).
   */
  static TaskLog fromJson(String dagId, String runId, String taskId, int tryNumber, JsonNode node) {
    List<Line> lines = new ArrayList<>();
    JsonNode content = node.path("content");
    if (content.isArray()) {
      for (JsonNode item : content) {
        lines.add(lineOf(item));
      }
    } else if (content.isTextual()) {
      content.asText().lines().forEach(text -> lines.add(new Line(null, null, text)));
    }
    return new TaskLog(
        dagId, runId, taskId, tryNumber, lines, Json.text(node, "continuation_token"));
  }

  private static Line lineOf(JsonNode item) {
    if (!item.isObject()) {
      return new Line(null, null, item.asText());
    }
    String event = Json.text(item, "event");
    String message = event == null ? item.toString() : event;
    // Airflow 3 puts a task's exception beside the event, as error_detail [{exc_type, exc_value}].
    for (JsonNode error : item.path("error_detail")) {
      String type = Json.text(error, "exc_type");
      String value = Json.text(error, "exc_value");
      if (type != null || value != null) {
        message += "\n  " + (type == null ? "" : type + ": ") + (value == null ? "" : value);
      }
    }
    return new Line(Json.instant(item, "timestamp"), Json.text(item, "level"), message);
  }
}
