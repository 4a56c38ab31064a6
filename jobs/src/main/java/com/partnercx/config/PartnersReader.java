package com.partnercx.config;

import com.partnercx.errors.ConfigProblem;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads partners.csv: one row per version of a partner's master data. Rows are checked column by
 * column, each against the programs declared in programs.yaml, and the versions of one partner must
 * not be valid on the same day, so every day has exactly one version to score with.
 */
final class PartnersReader {
  static final List<String> COLUMNS =
      List.of(
          "partner_id", "name", "program", "region", "base_incentive", "valid_from", "valid_to");

  private static final String FILE = ConfigLoader.PARTNERS_FILE;

  private final List<ConfigProblem> problems;

  /** A reader that adds what is wrong with the file to {@code problems}. */
  PartnersReader(List<ConfigProblem> problems) {
    this.problems = problems;
  }

  /** The rows without a problem of their own, in file order. */
  List<Partner> read(Path configDir, Set<String> programIds) {
    List<Partner> partners = new ArrayList<>();
    Path file = configDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      problems.add(
          new ConfigProblem(FILE, "", "file missing; expected a CSV with columns " + COLUMNS));
      return partners;
    }
    CSVFormat format =
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(reader, format)) {
      List<String> missing =
          COLUMNS.stream()
              .filter(c -> !c.equals("valid_to") && !parser.getHeaderMap().containsKey(c))
              .toList();
      if (!missing.isEmpty()) {
        problems.add(
            new ConfigProblem(
                FILE, "header", "missing columns " + missing + "; expected columns " + COLUMNS));
        return partners;
      }
      for (CSVRecord record : parser) {
        readPartner(new Row(record), programIds).ifPresent(partners::add);
      }
    } catch (IOException | RuntimeException e) {
      problems.add(new ConfigProblem(FILE, "", "cannot be read as CSV: " + e.getMessage()));
    }
    checkOverlaps(partners);
    if (partners.isEmpty() && problems.stream().noneMatch(p -> p.file().equals(FILE))) {
      problems.add(new ConfigProblem(FILE, "", "has no partners; expected one row per partner"));
    }
    return partners;
  }

  private Optional<Partner> readPartner(Row row, Set<String> programIds) {
    String id = row.value("partner_id");
    if (id.isEmpty() || !id.matches("[A-Za-z0-9_.-]+")) {
      row.problem(
          "partner_id", "expected an id of letters, digits, '_', '-' or '.', found '" + id + "'");
    }
    String name = row.value("name");
    if (name.isEmpty()) {
      row.problem("name", "missing; expected the partner's display name");
    }
    String program = row.value("program");
    if (!programIds.contains(program)) {
      row.problem(
          "program",
          "unknown program '"
              + program
              + "'; expected one of "
              + programIds
              + " from "
              + ConfigLoader.PROGRAMS_FILE);
    }
    String region = row.value("region");
    if (region.isEmpty()) {
      row.problem("region", "missing; expected the partner's sales region");
    }
    BigDecimal base = null;
    try {
      base = new BigDecimal(row.value("base_incentive"));
      if (base.signum() < 0) {
        row.problem("base_incentive", "expected an amount >= 0, found " + base.toPlainString());
      }
    } catch (NumberFormatException e) {
      row.problem(
          "base_incentive",
          "expected a decimal amount such as 12000.00, found '"
              + row.value("base_incentive")
              + "'");
    }
    LocalDate from = row.date("valid_from");
    if (from == null && row.value("valid_from").isEmpty()) {
      row.problem("valid_from", "missing; expected a date yyyy-mm-dd");
    }
    LocalDate to = row.value("valid_to").isEmpty() ? null : row.date("valid_to");
    if (from != null && to != null && to.isBefore(from)) {
      row.problem("valid_to", "is before valid_from " + from + "; expected a later date");
    }
    if (row.hasProblems()) {
      return Optional.empty();
    }
    return Optional.of(new Partner(id, name, program, region, base, from, Optional.ofNullable(to)));
  }

  private void checkOverlaps(List<Partner> partners) {
    for (int i = 0; i < partners.size(); i++) {
      for (int j = i + 1; j < partners.size(); j++) {
        Partner a = partners.get(i);
        Partner b = partners.get(j);
        if (a.partnerId().equals(b.partnerId()) && overlap(a, b)) {
          problems.add(
              new ConfigProblem(
                  FILE,
                  "partner_id " + a.partnerId(),
                  "two rows valid on the same days (from "
                      + a.validFrom()
                      + " and from "
                      + b.validFrom()
                      + "); close the older one with valid_to"));
        }
      }
    }
  }

  private static boolean overlap(Partner a, Partner b) {
    LocalDate aTo = a.validTo().orElse(LocalDate.MAX);
    LocalDate bTo = b.validTo().orElse(LocalDate.MAX);
    return !a.validFrom().isAfter(bTo) && !b.validFrom().isAfter(aTo);
  }

  /** One data row: its trimmed values by column, and its problems keyed "row N, column C". */
  private final class Row {
    private final CSVRecord record;
    private final long line;
    private final int problemsBefore;

    Row(CSVRecord record) {
      this.record = record;
      this.line = record.getRecordNumber() + 1; // line in the file: the header is line 1
      this.problemsBefore = problems.size();
    }

    /** The value in {@code column}, or "" when the row has no such cell. */
    String value(String column) {
      return record.isMapped(column) && record.isSet(column) ? record.get(column).trim() : "";
    }

    /** The date in {@code column}, or null when the cell is empty or (a problem) not a date. */
    LocalDate date(String column) {
      String text = value(column);
      if (text.isEmpty()) {
        return null;
      }
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        problem(column, "expected a date yyyy-mm-dd, found '" + text + "'");
        return null;
      }
    }

    void problem(String column, String message) {
      problems.add(new ConfigProblem(FILE, "row " + line + ", column " + column, message));
    }

    boolean hasProblems() {
      return problems.size() > problemsBefore;
    }
  }
}
