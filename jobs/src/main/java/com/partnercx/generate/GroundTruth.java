package com.partnercx.generate;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the generator planted, counted per feed, delivery date and kind, and written as
 * ground_truth.csv next to the data so tests can check the pipeline against it.
 */
final class GroundTruth {
  /** Data records in files that should be ingested (malformed and duplicate lines included). */
  static final String ROWS = "rows";

  /** Lines that do not split into the file's columns. */
  static final String MALFORMED_ROW = "malformed_row";

  /** Rows without their natural key. */
  static final String MISSING_KEY = "missing_key";

  /** Service events fulfilled before they were created. */
  static final String FULFILLED_BEFORE_CREATED = "fulfilled_before_created";

  /** A line repeated verbatim right after itself. */
  static final String DUPLICATE_ROW = "duplicate_row";

  /** Rows of an earlier day sent again with a changed value (same key). */
  static final String CORRECTION = "correction";

  /** A file whose bytes were already delivered under another name. */
  static final String DUPLICATE_FILE = "duplicate_file";

  /** A day on which the feed delivered nothing. */
  static final String MISSING_DELIVERY = "missing_delivery";

  /** A file lacking a required column (rejected whole). */
  static final String MISSING_COLUMN_FILE = "missing_column_file";

  /** Rows inside the file lacking a required column. */
  static final String REJECTED_ROWS = "rejected_rows";

  /** A zero-byte file. */
  static final String EMPTY_FILE = "empty_file";

  /** Free-text values holding an e-mail address or phone number. */
  static final String PII_IN_TEXT = "pii_in_text";

  static final String HEADER = "feed_id,delivery_date,defect,count";

  private final Map<String, Long> counts = new ConcurrentHashMap<>();

  void add(String feed, LocalDate delivery, String kind, long n) {
    if (n != 0) {
      counts.merge(feed + "," + delivery + "," + kind, n, Long::sum);
    }
  }

  long total(String kind) {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().endsWith("," + kind))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  void write(Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(HEADER + "\n");
      for (Map.Entry<String, Long> e : new TreeMap<>(counts).entrySet()) {
        out.write(e.getKey() + "," + e.getValue() + "\n");
      }
    }
  }
}
