package com.partnercx.config;

import com.partnercx.errors.ConfigProblem;
import com.partnercx.errors.PcxException;
import com.partnercx.schema.Period;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the optional review notes: one CSV per period in {@value #DIR}, named after the period
 * ({@code 2026-Q3.csv}, {@code 2026-09.csv}), one row per commitment or agreed action. Every cell
 * is checked (partner, metric, date), with the file, row and column of each problem.
 */
final class ReviewNotesReader {
  static final String DIR = "review_notes";
  static final List<String> COLUMNS =
      List.of("partner_id", "metric", "commitment", "action", "owner", "due");

  private final List<ConfigProblem> problems;

  ReviewNotesReader(List<ConfigProblem> problems) {
    this.problems = problems;
  }

  /** Every valid note of every period file, by file name then line. */
  List<ReviewNote> read(Path configDir, Set<String> partnerIds) {
    Path dir = configDir.resolve(DIR);
    List<ReviewNote> notes = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return notes;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      problems.add(new ConfigProblem(DIR, "", "cannot be listed: " + e.getMessage()));
      return notes;
    }
    for (Path file : files) {
      String name = DIR + "/" + file.getFileName();
      String base = file.getFileName().toString();
      if (base.startsWith(".")) {
        continue;
      }
      String period = base.endsWith(".csv") ? base.substring(0, base.length() - 4) : base;
      try {
        period = Period.parse(period).label();
      } catch (PcxException e) {
        problems.add(
            new ConfigProblem(
                name,
                "",
                "expected a file named after its period, such as 2026-Q3.csv or 2026-09.csv"));
        continue;
      }
      readFile(file, name, period, partnerIds, notes);
    }
    return notes;
  }

  private void readFile(
      Path file, String name, String period, Set<String> partnerIds, List<ReviewNote> notes) {
    CSVFormat format =
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(reader, format)) {
      List<String> unknown =
          parser.getHeaderNames().stream().filter(c -> !COLUMNS.contains(c)).toList();
      if (!parser.getHeaderMap().containsKey("partner_id") || !unknown.isEmpty()) {
        problems.add(
            new ConfigProblem(
                name,
                "header",
                (unknown.isEmpty() ? "missing column partner_id" : "unknown columns " + unknown)
                    + "; expected columns "
                    + COLUMNS
                    + " (all but partner_id optional)"));
        return;
      }
      for (CSVRecord record : parser) {
        note(record, name, period, partnerIds).ifPresent(notes::add);
      }
    } catch (IOException | RuntimeException e) {
      problems.add(new ConfigProblem(name, "", "cannot be read as CSV: " + e.getMessage()));
    }
  }

  private Optional<ReviewNote> note(
      CSVRecord record, String name, String period, Set<String> partnerIds) {
    long line = record.getRecordNumber() + 1;
    int before = problems.size();
    String partner = value(record, "partner_id");
    if (!partnerIds.contains(partner)) {
      problem(
          name,
          line,
          "partner_id",
          "unknown partner '" + partner + "'; expected an id of partners.csv");
    }
    String metricText = value(record, "metric");
    Optional<MetricId> metric = Optional.empty();
    if (!metricText.isEmpty()) {
      metric = MetricId.byId(metricText);
      if (metric.isEmpty()) {
        problem(
            name,
            line,
            "metric",
            "unknown metric '"
                + metricText
                + "'; expected one of "
                + Arrays.stream(MetricId.values()).map(MetricId::id).toList());
      }
    }
    String commitment = value(record, "commitment");
    String action = value(record, "action");
    if (commitment.isEmpty() && action.isEmpty()) {
      problem(
          name, line, "commitment", "both commitment and action are empty; expected one of them");
    }
    Optional<LocalDate> due = Optional.empty();
    String dueText = value(record, "due");
    if (!dueText.isEmpty()) {
      try {
        due = Optional.of(LocalDate.parse(dueText));
      } catch (DateTimeParseException e) {
        problem(name, line, "due", "expected a date yyyy-mm-dd, found '" + dueText + "'");
      }
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new ReviewNote(
            period, line, partner, metric, commitment, action, value(record, "owner"), due));
  }

  private static String value(CSVRecord record, String column) {
    return record.isMapped(column) && record.isSet(column) ? record.get(column).trim() : "";
  }

  private void problem(String file, long line, String column, String message) {
    problems.add(new ConfigProblem(file, "row " + line + ", column " + column, message));
  }
}
