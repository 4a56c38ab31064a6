package com.partnercx.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnercx.config.ConfigLoader;
import com.partnercx.config.Feed;
import com.partnercx.config.FeedFormat;
import com.partnercx.config.PcxConfig;
import com.partnercx.schema.Entity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator against an independent reading of what it wrote: every count in ground_truth.csv is
 * recounted here straight from the files.
 */
class SampleGeneratorTest {
  private static final Pattern PII =
      Pattern.compile("[\\w.+-]+@[\\w-]+\\.[a-z]{2,}|\\+\\d{2} \\d{3} \\d{7}");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static Path first;
  private static SampleGenerator.Summary summary;

  @BeforeAll
  static void generate() throws IOException {
    first = dir.resolve("first");
    summary = SampleGenerator.generate(settings(first), line -> {});
  }

  private static SampleGenerator.Settings settings(Path out) {
    return new SampleGenerator.Settings(out, 21, LocalDate.of(2026, 7, 1), 12, 7, 20);
  }

  @Test
  void theSameArgumentsGiveByteIdenticalFiles() throws IOException {
    Path second = dir.resolve("second");
    SampleGenerator.generate(settings(second), line -> {});
    List<Path> files = files(first);
    assertEquals(
        files.stream().map(f -> first.relativize(f)).toList(),
        files(second).stream().map(f -> second.relativize(f)).toList());
    for (Path file : files) {
      assertArrayEquals(
          Files.readAllBytes(file),
          Files.readAllBytes(second.resolve(first.relativize(file))),
          file.toString());
    }
    assertTrue(files.size() > 150, "files: " + files.size());
  }

  @Test
  void everyPartnerTypeAndEntityIsPresentAndTheConfigurationIsValid() {
    PcxConfig config = new ConfigLoader().load(first.resolve("config"));
    assertEquals(
        Set.of("delivery", "installer", "dealership", "franchise", "broker", "retail", "fintech"),
        config.programs().keySet());
    for (String program : config.programs().keySet()) {
      assertEquals(
          3,
          config.partners().stream()
              .filter(p -> p.programId().equals(program))
              .map(p -> p.partnerId())
              .distinct()
              .count(),
          program);
    }
    assertEquals(
        Set.of(Entity.values()),
        config.feeds().values().stream().map(Feed::entity).collect(Collectors.toSet()));
    assertEquals(
        2,
        config.partners().stream().filter(p -> p.partnerId().equals("A-001")).count(),
        "one partner moved region (SCD2)");
    Set<String> formats =
        config.feeds().values().stream()
            .map(f -> f.format() + " " + f.csv().delimiter() + " " + f.csv().encoding())
            .collect(Collectors.toSet());
    assertTrue(
        formats.containsAll(
            Set.of(
                "CSV , UTF-8",
                "CSV ; UTF-8",
                "CSV | UTF-8",
                "CSV \t UTF-8",
                "CSV ; ISO-8859-1",
                "JSONL , UTF-8")),
        formats.toString());
  }

  @Test
  void groundTruthMatchesACountOfTheFiles() throws Exception {
    PcxConfig config = new ConfigLoader().load(first.resolve("config"));
    Map<String, Long> counted = new TreeMap<>();
    for (Feed feed : config.feeds().values()) {
      Set<String> checksums = new HashSet<>();
      for (Path file : files(first.resolve("landing").resolve(feed.id()))) {
        String delivery = file.getParent().getFileName().toString();
        byte[] raw = Files.readAllBytes(file);
        if (raw.length == 0 && feed.format() == FeedFormat.CSV) {
          add(counted, feed, delivery, GroundTruth.EMPTY_FILE, 1);
          continue;
        }
        byte[] bytes =
            file.toString().endsWith(".gz")
                ? new GZIPInputStream(new ByteArrayInputStream(raw)).readAllBytes()
                : raw;
        String text = new String(bytes, Charset.forName(feed.csv().encoding()));
        List<Map<String, String>> records = new ArrayList<>();
        List<String> header = parse(feed, text, records);
        if (!records.isEmpty() && !header.containsAll(feed.columns().values())) {
          add(counted, feed, delivery, GroundTruth.MISSING_COLUMN_FILE, 1);
          add(counted, feed, delivery, GroundTruth.REJECTED_ROWS, records.size());
          continue;
        }
        if (records.isEmpty()) {
          continue; // a day with nothing to report
        }
        if (!checksums.add(
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)))) {
          add(counted, feed, delivery, GroundTruth.DUPLICATE_FILE, 1);
          continue;
        }
        add(counted, feed, delivery, GroundTruth.ROWS, records.size());
        if (file.getFileName().toString().contains("_corrections")) {
          add(counted, feed, delivery, GroundTruth.CORRECTION, records.size());
        }
        Map<String, String> previous = null;
        for (Map<String, String> record : records) {
          if (record == null) {
            add(counted, feed, delivery, GroundTruth.MALFORMED_ROW, 1);
            previous = null;
            continue;
          }
          if (record.equals(previous)) {
            add(counted, feed, delivery, GroundTruth.DUPLICATE_ROW, 1);
          }
          previous = record;
          countRowDefects(feed, delivery, record, counted);
        }
      }
    }
    assertEquals(groundTruth(), counted);
    assertTrue(
        counted.keySet().stream()
            .map(k -> k.substring(k.lastIndexOf(',') + 1))
            .collect(Collectors.toSet())
            .containsAll(
                Set.of(
                    "rows",
                    "malformed_row",
                    "missing_key",
                    "fulfilled_before_created",
                    "duplicate_row",
                    "correction",
                    "duplicate_file",
                    "missing_column_file",
                    "empty_file",
                    "pii_in_text")),
        counted.keySet().toString());
    assertEquals(
        summary.rows(),
        groundTruth().entrySet().stream()
            .filter(e -> e.getKey().endsWith(",rows"))
            .mapToLong(Map.Entry::getValue)
            .sum());
  }

  @Test
  void eachFeedMissesExactlyOneDelivery() {
    Map<String, Long> truth = groundTruthWithMissingDays();
    PcxConfig config = new ConfigLoader().load(first.resolve("config"));
    for (Feed feed : config.feeds().values()) {
      List<String> missing =
          truth.keySet().stream()
              .filter(k -> k.startsWith(feed.id() + ",") && k.endsWith(",missing_delivery"))
              .toList();
      assertEquals(1, missing.size(), feed.id());
      String day = missing.get(0).split(",")[1];
      assertTrue(
          !Files.exists(
              first.resolve("landing").resolve(feed.id()).resolve(day).resolve(fileNameOf(feed))),
          feed.id() + " " + day);
    }
  }

  private static String fileNameOf(Feed feed) {
    return FeedSpec.all().stream()
        .filter(f -> f.id().equals(feed.id()))
        .findFirst()
        .orElseThrow()
        .fileName("");
  }

  private static void countRowDefects(
      Feed feed, String delivery, Map<String, String> record, Map<String, Long> counted) {
    Map<String, String> c = feed.columns();
    String key = c.get(feed.entity().keyFields().get(1));
    if (blank(record.get(key))) {
      add(counted, feed, delivery, GroundTruth.MISSING_KEY, 1);
    }
    if (feed.entity() == Entity.SERVICE_EVENT
        && c.containsKey("fulfilled_at")
        && !blank(record.get(c.get("fulfilled_at")))) {
      if (instant(feed, record.get(c.get("fulfilled_at")))
          .isBefore(instant(feed, record.get(c.get("created_at"))))) {
        add(counted, feed, delivery, GroundTruth.FULFILLED_BEFORE_CREATED, 1);
      }
    }
    int[][] ranges = {{0, 10}, {1, 5}, {1, 7}};
    String[] scores = {"nps", "csat", "ces"};
    for (int i = 0; i < scores.length; i++) {
      String column = c.get(scores[i]);
      if (column != null && !blank(record.get(column))) {
        int v = Integer.parseInt(record.get(column));
        if (v < ranges[i][0] || v > ranges[i][1]) {
          add(counted, feed, delivery, scores[i] + "_out_of_range", 1);
        }
      }
    }
    if (c.containsKey("sentiment")
        && Math.abs(Double.parseDouble(record.get(c.get("sentiment")))) > 1) {
      add(counted, feed, delivery, "sentiment_out_of_range", 1);
    }
    for (String textField : List.of("comment", "text")) {
      String value = c.containsKey(textField) ? record.get(c.get(textField)) : null;
      if (value != null && PII.matcher(value).find()) {
        add(counted, feed, delivery, GroundTruth.PII_IN_TEXT, 1);
      }
    }
  }

  /** Parses a file into records by column name; a record that cannot be parsed is null. */
  private static List<String> parse(Feed feed, String text, List<Map<String, String>> records)
      throws IOException {
    if (feed.format() == FeedFormat.JSONL) {
      List<String> header = new ArrayList<>(feed.columns().values());
      for (String line : text.split("\n")) {
        if (line.isEmpty()) {
          continue;
        }
        try {
          JsonNode node = JSON.readTree(line);
          Map<String, String> record = new TreeMap<>();
          node.properties()
              .forEach(
                  e -> record.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
          records.add(record);
          if (records.size() == 1) {
            header = new ArrayList<>(record.keySet());
          }
        } catch (IOException e) {
          records.add(null);
        }
      }
      return header;
    }
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(feed.csv().delimiter()).get();
    List<CSVRecord> all = format.parse(new StringReader(text)).getRecords();
    List<String> header = all.get(0).toList();
    for (CSVRecord r : all.subList(1, all.size())) {
      if (r.size() != header.size()) {
        records.add(null);
        continue;
      }
      Map<String, String> record = new TreeMap<>();
      for (int i = 0; i < header.size(); i++) {
        record.put(header.get(i), r.get(i));
      }
      records.add(record);
    }
    return header;
  }

  private static Instant instant(Feed feed, String text) {
    return DateTimeFormatter.ofPattern(feed.timestampFormats().get(0), Locale.ROOT)
        .withZone(feed.timeZone())
        .parse(text, Instant::from);
  }

  private static boolean blank(String value) {
    return value == null || value.isEmpty();
  }

  private static void add(
      Map<String, Long> counted, Feed feed, String delivery, String kind, long n) {
    if (n != 0) {
      counted.merge(feed.id() + "," + delivery + "," + kind, n, Long::sum);
    }
  }

  /** ground_truth.csv without the days that have no file to count. */
  private static Map<String, Long> groundTruth() {
    Map<String, Long> truth = groundTruthWithMissingDays();
    truth.keySet().removeIf(k -> k.endsWith(",missing_delivery"));
    return truth;
  }

  private static Map<String, Long> groundTruthWithMissingDays() {
    try {
      return Files.readAllLines(first.resolve("ground_truth.csv")).stream()
          .skip(1)
          .collect(
              Collectors.toMap(
                  line -> line.substring(0, line.lastIndexOf(',')),
                  line -> Long.parseLong(line.substring(line.lastIndexOf(',') + 1)),
                  (a, b) -> a,
                  TreeMap::new));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
