package com.partnercx.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnercx.config.ConfigLoader;
import com.partnercx.config.Feed;
import com.partnercx.config.FeedFormat;
import com.partnercx.config.PcxConfig;
import com.partnercx.schema.Entity;
import com.partnercx.schema.Period;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
  private static Path planted;
  private static SampleGenerator.Summary summary;

  @BeforeAll
  static void generate() throws IOException {
    first = dir.resolve("first");
    summary = SampleGenerator.generate(settings(first), line -> {});
    planted = dir.resolve("planted");
    SampleGenerator.generate(plantedSettings(planted), line -> {});
  }

  private static SampleGenerator.Settings settings(Path out) {
    return new SampleGenerator.Settings(out, 21, LocalDate.of(2026, 7, 1), 12, 7, 20);
  }

  /** Every integrity pattern planted, over days of 2026-Q2 and 2026-Q3 (eight each). */
  private static SampleGenerator.Settings plantedSettings(Path out) {
    return new SampleGenerator.Settings(
        out,
        35,
        LocalDate.of(2026, 6, 23),
        16,
        11,
        20,
        Set.copyOf(SampleGenerator.INTEGRITY_FLAGS));
  }

  @Test
  void theSameArgumentsGiveByteIdenticalFiles() throws IOException {
    Path second = dir.resolve("second");
    SampleGenerator.generate(settings(second), line -> {});
    assertSameFiles(first, second);
    assertTrue(files(first).size() > 150, "files: " + files(first).size());
    Path plantedAgain = dir.resolve("planted-again");
    SampleGenerator.generate(plantedSettings(plantedAgain), line -> {});
    assertSameFiles(planted, plantedAgain);
  }

  private static void assertSameFiles(Path one, Path other) throws IOException {
    List<Path> files = files(one);
    assertEquals(
        files.stream().map(f -> one.relativize(f)).toList(),
        files(other).stream().map(f -> other.relativize(f)).toList());
    for (Path file : files) {
      assertArrayEquals(
          Files.readAllBytes(file),
          Files.readAllBytes(other.resolve(one.relativize(file))),
          file.toString());
    }
  }

  @Test
  void eachIntegrityFlagIsPlantedInOneMidQualityPartnerOfItsOwnProgram() throws IOException {
    List<String> lines = Files.readAllLines(planted.resolve("ground_truth_integrity.csv"));
    assertEquals("partner_id,period,flag", lines.get(0));
    List<String[]> rows = lines.stream().skip(1).map(line -> line.split(",")).toList();
    assertEquals(6, rows.size(), lines.toString());
    assertEquals(
        Set.copyOf(SampleGenerator.INTEGRITY_FLAGS),
        rows.stream().map(r -> r[2]).collect(Collectors.toSet()));
    assertEquals(6, rows.stream().map(r -> r[0]).distinct().count(), "one plant per partner");
    assertEquals(
        6,
        rows.stream().map(r -> r[0].substring(0, r[0].indexOf('-'))).distinct().count(),
        "one plant per program");
    for (String[] row : rows) {
      assertEquals("2026-Q3", row[1], String.join(",", row));
      int n = Integer.parseInt(row[0].substring(row[0].indexOf('-') + 1));
      assertTrue(Set.of(2, 3, 5).contains(n % 7), "mid-quality partner: " + row[0]);
    }
    assertFalse(
        Files.exists(first.resolve("ground_truth_integrity.csv")), "no plants, no integrity file");
  }

  /**
   * Days within one quarter leave out the rate drop; a roster without mid-quality partners plants
   * nothing, and its integrity file holds just the header.
   */
  @Test
  void aFlagWithoutAFittingPartnerOrQuarterIsNotPlanted() throws IOException {
    Set<String> all = Set.copyOf(SampleGenerator.INTEGRITY_FLAGS);
    Path oneQuarter = dir.resolve("one-quarter");
    SampleGenerator.generate(
        new SampleGenerator.Settings(oneQuarter, 14, LocalDate.of(2026, 7, 1), 3, 11, 4, all),
        line -> {});
    List<String> rows =
        Files.readAllLines(oneQuarter.resolve("ground_truth_integrity.csv")).subList(1, 6);
    assertEquals(5, rows.stream().map(r -> r.split(",")[0]).distinct().count(), rows.toString());
    assertTrue(rows.stream().noneMatch(r -> r.endsWith(",response_rate_drop")), rows.toString());
    Path noneFits = dir.resolve("none-fits");
    SampleGenerator.generate(
        new SampleGenerator.Settings(noneFits, 7, LocalDate.of(2026, 6, 30), 2, 11, 4, all),
        line -> {});
    assertEquals(
        List.of("partner_id,period,flag"),
        Files.readAllLines(noneFits.resolve("ground_truth_integrity.csv")));
  }

  @Test
  void everyProgramFlagsIntegrityWithTheSolicitationPhrases() throws IOException {
    String programs = Files.readString(planted.resolve("config").resolve("programs.yaml"));
    assertEquals(7, count(programs, "    integrity_action: flag\n"), programs);
    assertEquals(
        7,
        count(
            programs,
            "    integrity: {phrases: [\"rate us 10\", \"give us 5 stars\","
                + " \"please score us 10\"]}\n"),
        programs);
  }

  @Test
  void anUnknownIntegrityFlagIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SampleGenerator.Settings(
                    dir, 7, LocalDate.of(2026, 7, 1), 1, 1, 1, Set.of("too_good")));
    assertTrue(e.getMessage().contains("'too_good' is not an integrity flag"), e.getMessage());
  }

  @Test
  void thePlantedPatternsAreInTheFilesAndNoOtherPartnerShowsThem() throws IOException {
    Map<String, String> plantOf = new TreeMap<>();
    for (String line :
        Files.readAllLines(planted.resolve("ground_truth_integrity.csv")).subList(1, 7)) {
      String[] row = line.split(",");
      plantOf.put(row[2], row[0]);
    }
    Raw raw = Raw.read(planted);

    String top = plantOf.get("top_score_share");
    assertTrue(raw.responses(top, "2026-Q3").size() >= 30);
    assertEquals(
        Set.of(10),
        raw.responses(top, null).stream().map(Response::nps).collect(Collectors.toSet()),
        "every response of " + top + " gives NPS 10");

    String csat = plantOf.get("csat_contradicts_complaints");
    assertTrue(raw.responses(csat, "2026-Q3").size() >= 30);
    assertTrue(raw.responses(csat, null).stream().allMatch(r -> r.csat() >= 4));
    String program = csat.substring(0, 2);
    double others =
        (double)
                raw.complaints.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(program) && !e.getKey().equals(csat))
                    .mapToLong(Map.Entry::getValue)
                    .sum()
            / raw.completed.entrySet().stream()
                .filter(e -> e.getKey().startsWith(program) && !e.getKey().startsWith(csat + "|"))
                .mapToLong(Map.Entry::getValue)
                .sum();
    double own =
        (double) raw.complaints.getOrDefault(csat, 0L)
            / (raw.completed.getOrDefault(csat + "|2026-Q2", 0L)
                + raw.completed.getOrDefault(csat + "|2026-Q3", 0L));
    assertTrue(own > 3 * others, csat + " complaints per event " + own + " vs " + others);

    String drop = plantOf.get("response_rate_drop");
    assertTrue(raw.responses(drop, "2026-Q2").size() >= 30);
    assertTrue(
        raw.responseRate(drop, "2026-Q3") < 0.3 * raw.responseRate(drop, "2026-Q2"),
        drop
            + ": "
            + raw.responseRate(drop, "2026-Q2")
            + " -> "
            + raw.responseRate(drop, "2026-Q3"));

    String solicitation = plantOf.get("score_solicitation");
    for (String partner : raw.partners()) {
      long quoting =
          raw.responses(partner, "2026-Q3").stream()
              .filter(
                  r ->
                      r.comment() != null
                          && Stream.of("rate us 10", "give us 5 stars", "please score us 10")
                              .anyMatch(r.comment().toLowerCase(Locale.ROOT)::contains))
              .count();
      assertTrue(
          partner.equals(solicitation) ? quoting >= 2 : quoting == 0, partner + ": " + quoting);
    }

    String bursts = plantOf.get("response_bursts");
    String concentrated = plantOf.get("concentrated_customers");
    for (String partner : raw.partners()) {
      List<Response> responses = raw.responses(partner, "2026-Q3");
      if (responses.size() < 30) {
        assertTrue(
            !plantOf.containsValue(partner) || partner.equals(drop),
            partner + ": " + responses.size());
        continue;
      }
      double inBursts = shareInBursts(responses);
      assertTrue(
          partner.equals(bursts) ? inBursts > 0.5 : inBursts < 0.1, partner + ": " + inBursts);
      List<String> customers =
          responses.stream()
              .map(r -> raw.customers.get(partner + "|" + r.eventId()))
              .filter(c -> c != null)
              .toList();
      if (customers.size() >= 30 || partner.equals(concentrated)) {
        double topThree =
            customers.stream()
                    .collect(Collectors.groupingBy(c -> c, Collectors.counting()))
                    .values()
                    .stream()
                    .sorted(Comparator.reverseOrder())
                    .limit(3)
                    .mapToLong(Long::longValue)
                    .sum()
                / (double) customers.size();
        assertTrue(
            partner.equals(concentrated)
                ? customers.size() >= 30 && topThree > 0.3
                : topThree < 0.2,
            partner + ": " + topThree + " of " + customers.size());
      }
    }
  }

  /** Share of responses in runs of five or more, each within 60 seconds of the one before. */
  private static double shareInBursts(List<Response> responses) {
    List<Instant> times = responses.stream().map(Response::at).sorted().toList();
    int inBursts = 0;
    int run = 1;
    for (int i = 1; i <= times.size(); i++) {
      if (i < times.size()
          && times.get(i).getEpochSecond() - times.get(i - 1).getEpochSecond() <= 60) {
        run++;
      } else {
        inBursts += run >= 5 ? run : 0;
        run = 1;
      }
    }
    return inBursts / (double) times.size();
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  /**
   * A valid survey response as written.
   *
   * @param partner partner id
   * @param eventId the service event it names
   * @param at when it was given
   * @param nps NPS, or null
   * @param csat CSAT, or null
   * @param comment free text, or null
   */
  private record Response(
      String partner, String eventId, Instant at, Integer nps, Integer csat, String comment) {}

  /**
   * What the daily files of the planted dataset hold: valid responses, completed service events per
   * partner and quarter, customers of service events, and complaints per partner. Re-sent,
   * correction and late files are left out, and a repeated row counts once.
   */
  private static final class Raw {
    final List<Response> responses = new ArrayList<>();
    final Map<String, Long> completed = new TreeMap<>();
    final Map<String, String> customers = new HashMap<>();
    final Map<String, Long> complaints = new TreeMap<>();

    static Raw read(Path root) throws IOException {
      Raw raw = new Raw();
      for (FeedSpec feed : FeedSpec.all()) {
        for (Map<String, String> row : rows(root, feed)) {
          String partner = row.get("partner_id");
          switch (feed.entity()) {
            case SURVEY_RESPONSE -> {
              Integer nps = integer(row.get("nps"));
              Integer csat = integer(row.get("csat"));
              Integer ces = integer(row.get("ces"));
              if ((nps == null || nps <= 10)
                  && (csat == null || csat <= 5)
                  && (ces == null || ces <= 7)) {
                raw.responses.add(
                    new Response(
                        partner,
                        row.get("event_id"),
                        instant(feed, row.get("responded_at")),
                        nps,
                        csat,
                        row.get("comment")));
              }
            }
            case SERVICE_EVENT -> {
              raw.customers.put(partner + "|" + row.get("event_id"), row.get("customer_key"));
              if ("completed".equals(row.get("status"))) {
                raw.completed.merge(
                    partner + "|" + quarter(instant(feed, row.get("created_at"))), 1L, Long::sum);
              }
            }
            case COMPLAINT -> raw.complaints.merge(partner, 1L, Long::sum);
            default -> {}
          }
        }
      }
      return raw;
    }

    /** A partner's responses in a quarter, or in all days when {@code quarter} is null. */
    List<Response> responses(String partner, String quarter) {
      return responses.stream()
          .filter(r -> r.partner().equals(partner))
          .filter(r -> quarter == null || quarter(r.at()).equals(quarter))
          .toList();
    }

    double responseRate(String partner, String quarter) {
      return responses(partner, quarter).size()
          / (double) completed.getOrDefault(partner + "|" + quarter, 0L);
    }

    Set<String> partners() {
      return responses.stream()
          .map(Response::partner)
          .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String quarter(Instant at) {
      return Period.quarterOf(LocalDate.ofInstant(at, ZoneOffset.UTC)).label();
    }

    private static Integer integer(String text) {
      return text == null || text.isEmpty() ? null : Integer.valueOf(text);
    }

    private static Instant instant(FeedSpec feed, String text) {
      return feed.formatter().parse(text, Instant::from);
    }

    /** The rows of a feed's daily files by canonical field, one per key. */
    private static Collection<Map<String, String>> rows(Path root, FeedSpec feed)
        throws IOException {
      Map<String, String> canonical = new HashMap<>();
      feed.columns().forEach((field, column) -> canonical.put(column, field));
      String key = feed.entity().keyFields().get(1);
      Map<String, Map<String, String>> byKey = new LinkedHashMap<>();
      for (Path file : files(root.resolve("landing").resolve(feed.id()))) {
        if (!file.getFileName().toString().equals(feed.fileName(""))) {
          continue;
        }
        byte[] raw = Files.readAllBytes(file);
        byte[] bytes =
            feed.gzip() ? new GZIPInputStream(new ByteArrayInputStream(raw)).readAllBytes() : raw;
        String text = new String(bytes, Charset.forName(feed.encoding()));
        List<Map<String, String>> records = new ArrayList<>();
        if (feed.jsonLines()) {
          for (String line : text.split("\n")) {
            try {
              Map<String, String> record = new HashMap<>();
              JSON.readTree(line)
                  .properties()
                  .forEach(
                      e ->
                          record.put(
                              canonical.get(e.getKey()),
                              e.getValue().isNull() ? null : e.getValue().asText()));
              records.add(record);
            } catch (IOException e) {
              // a malformed line: not a row
            }
          }
        } else {
          List<CSVRecord> all =
              CSVFormat.DEFAULT
                  .builder()
                  .setDelimiter(feed.delimiter())
                  .get()
                  .parse(new StringReader(text))
                  .getRecords();
          List<String> header = all.get(0).toList();
          for (CSVRecord r : all.subList(1, all.size())) {
            if (r.size() == header.size()) {
              Map<String, String> record = new HashMap<>();
              for (int i = 0; i < header.size(); i++) {
                record.put(canonical.get(header.get(i)), r.get(i).isEmpty() ? null : r.get(i));
              }
              records.add(record);
            }
          }
        }
        for (Map<String, String> record : records) {
          if (record.get(key) != null && record.keySet().containsAll(feed.columns().keySet())) {
            byKey.put(record.get("partner_id") + "|" + record.get(key), record);
          }
        }
      }
      return byKey.values();
    }
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
