package com.partnercx.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.partnercx.errors.PcxErrors;
import com.partnercx.schema.CanonicalField;
import com.partnercx.schema.Entity;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Loads and validates a configuration folder (programs.yaml, partners.csv, feeds/*.yaml). It checks
 * everything before returning and reports every problem at once, each naming file, key and
 * expectation.
 */
public final class ConfigLoader {
  public static final String PROGRAMS_FILE = "programs.yaml";
  public static final String PARTNERS_FILE = "partners.csv";
  public static final String FEEDS_DIR = "feeds";

  static final double DEFAULT_MIN_WEIGHT_COVERAGE = 0.5;
  static final int DEFAULT_PEER_GROUP_MIN_SIZE = 5;
  static final int DEFAULT_MIN_SAMPLE = 30;
  static final int DEFAULT_COMPLAINT_SLA_HOURS = 48;
  static final int DEFAULT_HANDOFF_SLA_HOURS = 24;
  static final LocalTime DEFAULT_DEADLINE = LocalTime.of(6, 0);
  static final List<String> DEFAULT_TIMESTAMP_FORMATS =
      List.of("yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss");

  static final List<String> PARTNER_COLUMNS =
      List.of(
          "partner_id", "name", "program", "region", "base_incentive", "valid_from", "valid_to");

  private static final Set<String> PROGRAM_KEYS =
      Set.of(
          "name",
          "currency",
          "metrics",
          "tiers",
          "critical_cap_tier",
          "min_weight_coverage",
          "shrinkage",
          "on_time_grace_minutes",
          "sla_hours",
          "peer_group_min_size");
  private static final Set<String> METRIC_KEYS =
      Set.of("weight", "direction", "floor", "target", "min_n", "critical");
  private static final Set<String> TIER_KEYS = Set.of("name", "min_composite", "payout_pct");
  private static final Set<String> FEED_KEYS =
      Set.of(
          "entity",
          "partners",
          "format",
          "csv",
          "timezone",
          "timestamp_formats",
          "columns",
          "constants",
          "optional_columns",
          "schedule",
          "quality");
  private static final Set<String> CSV_KEYS =
      Set.of("delimiter", "quote", "escape", "header", "encoding");

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  /** Loads {@code configDir}, or throws a {@code PcxException} listing every problem found. */
  public PcxConfig load(Path configDir) {
    if (!Files.isDirectory(configDir)) {
      throw PcxErrors.configFolderMissing(configDir);
    }
    List<ConfigProblem> problems = new ArrayList<>();
    Set<String> declaredPrograms = new java.util.LinkedHashSet<>();
    Map<String, Program> programs = loadPrograms(configDir, declaredPrograms, problems);
    List<Partner> partners = loadPartners(configDir, declaredPrograms, problems);
    Map<String, Feed> feeds = loadFeeds(configDir, partners, problems);
    if (!problems.isEmpty()) {
      throw PcxErrors.invalidConfig(configDir, problems);
    }
    return new PcxConfig(programs, partners, feeds, hash(configDir));
  }

  // ---------------------------------------------------------------- programs.yaml

  /** Reads every program; {@code declared} receives every program id, valid or not. */
  private Map<String, Program> loadPrograms(
      Path dir, Set<String> declared, List<ConfigProblem> problems) {
    Map<String, Program> programs = new LinkedHashMap<>();
    YamlSection root = readYaml(dir, PROGRAMS_FILE, problems);
    if (root == null) {
      return programs;
    }
    root.allowOnly(Set.of("programs"));
    root.sections("programs", "a mapping of program id to its rules")
        .forEach(
            (id, section) -> {
              declared.add(id);
              Program program = readProgram(id, section);
              if (program != null) {
                programs.put(id, program);
              }
            });
    return programs;
  }

  private Program readProgram(String id, YamlSection p) {
    p.allowOnly(PROGRAM_KEYS);
    String name = p.requiredString("name", "the program's display name");
    String currency = p.requiredString("currency", "a three-letter ISO 4217 code such as EUR");
    if (currency != null && !currency.matches("[A-Z]{3}")) {
      p.problem(
          "currency",
          "expected a three-letter ISO 4217 code such as EUR, found '" + currency + "'");
    }
    double coverage =
        p.number(
            "min_weight_coverage",
            DEFAULT_MIN_WEIGHT_COVERAGE,
            0.0,
            1.0,
            "a share of total weight between 0 and 1");
    boolean shrinkage = p.bool("shrinkage", false);
    int grace = p.integer("on_time_grace_minutes", 0, 0, "whole minutes >= 0");
    int peerMin =
        p.integer("peer_group_min_size", DEFAULT_PEER_GROUP_MIN_SIZE, 1, "a whole number >= 1");
    int complaintSla = DEFAULT_COMPLAINT_SLA_HOURS;
    int handoffSla = DEFAULT_HANDOFF_SLA_HOURS;
    YamlSection sla = p.section("sla_hours", false, "a mapping with complaint and handoff hours");
    if (sla != null) {
      sla.allowOnly(Set.of("complaint", "handoff"));
      complaintSla = sla.integer("complaint", DEFAULT_COMPLAINT_SLA_HOURS, 1, "whole hours >= 1");
      handoffSla = sla.integer("handoff", DEFAULT_HANDOFF_SLA_HOURS, 1, "whole hours >= 1");
    }

    List<Tier> tiers = readTiers(p);
    List<MetricSpec> metrics = readMetrics(p);
    String capTier = p.string("critical_cap_tier", null, "the name of one of the program's tiers");
    boolean anyCritical = metrics.stream().anyMatch(MetricSpec::critical);
    if (capTier == null && anyCritical) {
      p.problem(
          "critical_cap_tier",
          "missing; a metric is marked critical, so name the tier it caps partners at");
    } else if (capTier != null
        && !tiers.isEmpty()
        && tiers.stream().noneMatch(t -> t.name().equals(capTier))) {
      p.problem(
          "critical_cap_tier",
          "'"
              + capTier
              + "' is not a tier of this program; expected one of "
              + tiers.stream().map(Tier::name).toList());
    }
    if (name == null || currency == null || tiers.isEmpty() || metrics.isEmpty()) {
      return null;
    }
    return new Program(
        id,
        name,
        currency,
        metrics,
        tiers,
        capTier,
        coverage,
        shrinkage,
        grace,
        complaintSla,
        handoffSla,
        peerMin);
  }

  private List<Tier> readTiers(YamlSection p) {
    List<Tier> tiers = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (YamlSection t :
        p.sectionList("tiers", "tiers {name, min_composite, payout_pct}, best first")) {
      t.allowOnly(TIER_KEYS);
      String name = t.requiredString("name", "the tier's name");
      Double min = t.requiredNumber("min_composite", 0, 100, "a composite index between 0 and 100");
      Double payout =
          t.requiredNumber("payout_pct", 0, 100, "a payout percentage between 0 and 100");
      if (name != null && !names.add(name)) {
        t.problem("name", "tier '" + name + "' appears twice; tier names must be unique");
      }
      if (name != null && min != null && payout != null) {
        if (!tiers.isEmpty() && min >= tiers.get(tiers.size() - 1).minComposite()) {
          t.problem(
              "min_composite",
              "expected tiers best first with strictly decreasing min_composite, found "
                  + fmt(min)
                  + " after "
                  + fmt(tiers.get(tiers.size() - 1).minComposite()));
        }
        tiers.add(new Tier(name, min, payout));
      }
    }
    if (!tiers.isEmpty() && tiers.get(tiers.size() - 1).minComposite() != 0.0) {
      p.problem(
          "tiers",
          "the last tier must start at min_composite 0 so every partner gets a tier, found "
              + fmt(tiers.get(tiers.size() - 1).minComposite()));
    }
    return tiers;
  }

  private List<MetricSpec> readMetrics(YamlSection p) {
    List<MetricSpec> metrics = new ArrayList<>();
    p.sections("metrics", "a mapping of metric id to {weight, direction, floor, target, min_n}")
        .forEach(
            (metricId, m) -> {
              m.allowOnly(METRIC_KEYS);
              Optional<MetricId> id = MetricId.byId(metricId);
              if (id.isEmpty()) {
                p.problem(
                    "metrics." + metricId, "unknown metric; expected one of " + MetricId.ids());
              }
              Double weight =
                  m.requiredNumber("weight", Double.MIN_VALUE, 1e6, "a positive weight");
              String dir = m.requiredString("direction", "higher_is_better or lower_is_better");
              Direction direction = null;
              if (dir != null) {
                direction =
                    Arrays.stream(Direction.values())
                        .filter(d -> d.id().equals(dir))
                        .findFirst()
                        .orElse(null);
                if (direction == null) {
                  m.problem(
                      "direction",
                      "expected higher_is_better or lower_is_better, found '" + dir + "'");
                }
              }
              Double floor = m.requiredNumber("floor", -1e9, 1e9, "the value that scores 0");
              Double target = m.requiredNumber("target", -1e9, 1e9, "the value that scores 100");
              int minN = m.integer("min_n", DEFAULT_MIN_SAMPLE, 1, "a sample size >= 1");
              boolean critical = m.bool("critical", false);
              if (direction != null && floor != null && target != null) {
                if (direction == Direction.HIGHER_IS_BETTER && !(target > floor)) {
                  m.problem(
                      "target",
                      "higher_is_better needs target > floor, found target "
                          + fmt(target)
                          + " and floor "
                          + fmt(floor));
                } else if (direction == Direction.LOWER_IS_BETTER && !(floor > target)) {
                  m.problem(
                      "floor",
                      "lower_is_better needs floor > target, found floor "
                          + fmt(floor)
                          + " and target "
                          + fmt(target));
                }
              }
              if (id.isPresent()
                  && weight != null
                  && direction != null
                  && floor != null
                  && target != null) {
                metrics.add(
                    new MetricSpec(id.get(), weight, direction, floor, target, minN, critical));
              }
            });
    return metrics;
  }

  // ---------------------------------------------------------------- partners.csv

  private List<Partner> loadPartners(Path dir, Set<String> programs, List<ConfigProblem> problems) {
    List<Partner> partners = new ArrayList<>();
    Path file = dir.resolve(PARTNERS_FILE);
    if (!Files.isRegularFile(file)) {
      problems.add(
          new ConfigProblem(
              PARTNERS_FILE, "", "file missing; expected a CSV with columns " + PARTNER_COLUMNS));
      return partners;
    }
    CSVFormat format =
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(reader, format)) {
      List<String> missing =
          PARTNER_COLUMNS.stream()
              .filter(c -> !c.equals("valid_to") && !parser.getHeaderMap().containsKey(c))
              .toList();
      if (!missing.isEmpty()) {
        problems.add(
            new ConfigProblem(
                PARTNERS_FILE,
                "header",
                "missing columns " + missing + "; expected columns " + PARTNER_COLUMNS));
        return partners;
      }
      for (CSVRecord record : parser) {
        Partner partner = readPartner(record, programs, problems);
        if (partner != null) {
          partners.add(partner);
        }
      }
    } catch (IOException | RuntimeException e) {
      problems.add(
          new ConfigProblem(PARTNERS_FILE, "", "cannot be read as CSV: " + e.getMessage()));
    }
    checkOverlaps(partners, problems);
    if (partners.isEmpty() && problems.stream().noneMatch(p -> p.file().equals(PARTNERS_FILE))) {
      problems.add(
          new ConfigProblem(PARTNERS_FILE, "", "has no partners; expected one row per partner"));
    }
    return partners;
  }

  private Partner readPartner(
      CSVRecord record, Set<String> programs, List<ConfigProblem> problems) {
    long row = record.getRecordNumber() + 1; // line in the file: the header is line 1
    int before = problems.size();
    java.util.function.BiConsumer<String, String> problem =
        (column, message) ->
            problems.add(
                new ConfigProblem(PARTNERS_FILE, "row " + row + ", column " + column, message));

    String id = value(record, "partner_id");
    if (id.isEmpty() || !id.matches("[A-Za-z0-9_.-]+")) {
      problem.accept(
          "partner_id", "expected an id of letters, digits, '_', '-' or '.', found '" + id + "'");
    }
    String name = value(record, "name");
    if (name.isEmpty()) {
      problem.accept("name", "missing; expected the partner's display name");
    }
    String program = value(record, "program");
    if (!programs.contains(program)) {
      problem.accept(
          "program",
          "unknown program '"
              + program
              + "'; expected one of "
              + programs
              + " from "
              + PROGRAMS_FILE);
    }
    String region = value(record, "region");
    if (region.isEmpty()) {
      problem.accept("region", "missing; expected the partner's sales region");
    }
    BigDecimal base = null;
    try {
      base = new BigDecimal(value(record, "base_incentive"));
      if (base.signum() < 0) {
        problem.accept("base_incentive", "expected an amount >= 0, found " + base.toPlainString());
      }
    } catch (NumberFormatException e) {
      problem.accept(
          "base_incentive",
          "expected a decimal amount such as 12000.00, found '"
              + value(record, "base_incentive")
              + "'");
    }
    LocalDate from = date(record, "valid_from", problem);
    if (from == null && value(record, "valid_from").isEmpty()) {
      problem.accept("valid_from", "missing; expected a date yyyy-mm-dd");
    }
    LocalDate to = value(record, "valid_to").isEmpty() ? null : date(record, "valid_to", problem);
    if (from != null && to != null && to.isBefore(from)) {
      problem.accept("valid_to", "is before valid_from " + from + "; expected a later date");
    }
    if (problems.size() > before) {
      return null;
    }
    return new Partner(id, name, program, region, base, from, Optional.ofNullable(to));
  }

  private static void checkOverlaps(List<Partner> partners, List<ConfigProblem> problems) {
    for (int i = 0; i < partners.size(); i++) {
      for (int j = i + 1; j < partners.size(); j++) {
        Partner a = partners.get(i);
        Partner b = partners.get(j);
        if (a.partnerId().equals(b.partnerId()) && overlap(a, b)) {
          problems.add(
              new ConfigProblem(
                  PARTNERS_FILE,
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

  private static String value(CSVRecord record, String column) {
    return record.isMapped(column) && record.isSet(column) ? record.get(column).trim() : "";
  }

  private static LocalDate date(
      CSVRecord record, String column, java.util.function.BiConsumer<String, String> problem) {
    String text = value(record, column);
    if (text.isEmpty()) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      problem.accept(column, "expected a date yyyy-mm-dd, found '" + text + "'");
      return null;
    }
  }

  // ---------------------------------------------------------------- feeds/*.yaml

  private Map<String, Feed> loadFeeds(
      Path dir, List<Partner> partners, List<ConfigProblem> problems) {
    Map<String, Feed> feeds = new LinkedHashMap<>();
    Path feedsDir = dir.resolve(FEEDS_DIR);
    if (!Files.isDirectory(feedsDir)) {
      problems.add(
          new ConfigProblem(
              FEEDS_DIR + "/", "", "folder missing; expected one <feed_id>.yaml per feed"));
      return feeds;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(feedsDir)) {
      files = list.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      problems.add(new ConfigProblem(FEEDS_DIR + "/", "", "cannot be listed: " + e.getMessage()));
      return feeds;
    }
    if (files.isEmpty()) {
      problems.add(
          new ConfigProblem(
              FEEDS_DIR + "/", "", "has no feeds; expected one <feed_id>.yaml per feed"));
    }
    Set<String> partnerIds = new HashSet<>();
    partners.forEach(p -> partnerIds.add(p.partnerId()));
    for (Path file : files) {
      String fileName = FEEDS_DIR + "/" + file.getFileName();
      String id = file.getFileName().toString().replaceFirst("\\.yaml$", "");
      if (!id.matches("[a-z0-9_]+")) {
        problems.add(
            new ConfigProblem(
                fileName,
                "",
                "feed id '" + id + "' (the file name) must be lower-case letters, digits and '_'"));
        continue;
      }
      YamlSection root = readYaml(dir, fileName, problems);
      if (root != null) {
        Feed feed = readFeed(id, root, partnerIds);
        if (feed != null) {
          feeds.put(id, feed);
        }
      }
    }
    return feeds;
  }

  private Feed readFeed(String id, YamlSection f, Set<String> partnerIds) {
    f.allowOnly(FEED_KEYS);
    String entityId = f.requiredString("entity", "one of " + Entity.ids());
    Entity entity = entityId == null ? null : Entity.byId(entityId).orElse(null);
    if (entityId != null && entity == null) {
      f.problem("entity", "unknown entity '" + entityId + "'; expected one of " + Entity.ids());
    }
    List<String> partners = f.stringList("partners", List.of(), "partner ids");
    if (!f.has("partners")) {
      f.problem("partners", "missing; expected the list of partner ids that deliver this feed");
    }
    for (String partner : partners) {
      if (!partnerIds.isEmpty() && !partnerIds.contains(partner)) {
        f.problem("partners", "partner '" + partner + "' is not in " + PARTNERS_FILE);
      }
    }
    String formatText = f.string("format", "csv", "csv or jsonl");
    FeedFormat format =
        Arrays.stream(FeedFormat.values())
            .filter(x -> x.id().equals(formatText))
            .findFirst()
            .orElse(null);
    if (format == null) {
      f.problem("format", "expected csv or jsonl, found '" + formatText + "'");
    }
    CsvOptions csv = readCsvOptions(f);
    ZoneId zone = null;
    String zoneText = f.requiredString("timezone", "an IANA time zone such as Europe/Berlin");
    if (zoneText != null) {
      try {
        zone = ZoneId.of(zoneText);
      } catch (DateTimeException e) {
        f.problem(
            "timezone",
            "unknown time zone '" + zoneText + "'; expected an IANA name such as Europe/Berlin");
      }
    }
    List<String> timestampFormats =
        f.stringList("timestamp_formats", DEFAULT_TIMESTAMP_FORMATS, "date-time patterns");
    for (String pattern : timestampFormats) {
      try {
        DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
      } catch (IllegalArgumentException e) {
        f.problem("timestamp_formats", "invalid pattern '" + pattern + "': " + e.getMessage());
      }
    }
    Map<String, String> columns =
        f.scalars("columns", true, "a mapping of canonical field to source column");
    Map<String, String> constants =
        f.scalars("constants", false, "a mapping of canonical field to a constant value");
    List<String> optional = f.stringList("optional_columns", List.of(), "source column names");
    if (entity != null) {
      checkMapping(f, entity, columns, constants, partners);
    }
    for (String column : optional) {
      if (!columns.containsValue(column)) {
        f.problem("optional_columns", "'" + column + "' is not a source column under columns");
      }
    }
    List<String> required =
        columns.values().stream().distinct().filter(c -> !optional.contains(c)).toList();
    DeliverySchedule schedule = readSchedule(f);
    QualityGate gate = QualityGate.DEFAULT;
    YamlSection quality =
        f.section("quality", false, "a mapping with max_reject_rate and min_rejected_rows");
    if (quality != null) {
      quality.allowOnly(Set.of("max_reject_rate", "min_rejected_rows"));
      gate =
          new QualityGate(
              quality.number(
                  "max_reject_rate",
                  QualityGate.DEFAULT.maxRejectRate(),
                  0.0,
                  1.0,
                  "a share between 0 and 1"),
              quality.integer(
                  "min_rejected_rows",
                  QualityGate.DEFAULT.minRejectedRows(),
                  1,
                  "a whole number of rows, at least 1"));
    }
    if (entity == null || format == null || csv == null || zone == null || schedule == null) {
      return null;
    }
    return new Feed(
        id,
        entity,
        partners,
        format,
        csv,
        zone,
        timestampFormats,
        columns,
        constants,
        required,
        schedule,
        gate);
  }

  private static void checkMapping(
      YamlSection f,
      Entity entity,
      Map<String, String> columns,
      Map<String, String> constants,
      List<String> partners) {
    for (String field : columns.keySet()) {
      if (entity.field(field).isEmpty()) {
        f.problem(
            "columns." + field,
            "'"
                + field
                + "' is not a field of "
                + entity.id()
                + "; expected one of "
                + entity.fields().stream().map(CanonicalField::name).toList());
      }
    }
    for (String field : constants.keySet()) {
      if (entity.field(field).isEmpty()) {
        f.problem(
            "constants." + field,
            "'"
                + field
                + "' is not a field of "
                + entity.id()
                + "; expected one of "
                + entity.fields().stream().map(CanonicalField::name).toList());
      } else if (columns.containsKey(field)) {
        f.problem("constants." + field, "is also mapped under columns; keep one of the two");
      }
    }
    for (String key : entity.keyFields()) {
      if (!columns.containsKey(key) && !constants.containsKey(key)) {
        f.problem(
            "columns",
            "no column mapped to key field '"
                + key
                + "' of "
                + entity.id()
                + "; expected columns."
                + key
                + ": <source column>");
      }
    }
    String constantPartner = constants.get(Entity.PARTNER_ID);
    if (constantPartner != null && !partners.contains(constantPartner)) {
      f.problem(
          "constants." + Entity.PARTNER_ID,
          "'" + constantPartner + "' is not listed under partners");
    }
    if (!columns.containsKey(entity.periodField())
        && !constants.containsKey(entity.periodField())) {
      f.problem(
          "columns",
          "no column mapped to '"
              + entity.periodField()
              + "', which places each "
              + entity.id()
              + " in its day and period");
    }
  }

  private static CsvOptions readCsvOptions(YamlSection f) {
    YamlSection c = f.section("csv", false, "a mapping of CSV options");
    if (c == null) {
      return CsvOptions.DEFAULTS;
    }
    c.allowOnly(CSV_KEYS);
    Character delimiter = singleChar(c, "delimiter", CsvOptions.DEFAULTS.delimiter());
    Character quote = singleChar(c, "quote", CsvOptions.DEFAULTS.quote());
    Character escape = singleChar(c, "escape", CsvOptions.DEFAULTS.escape());
    boolean header = c.bool("header", true);
    String encoding = c.string("encoding", "UTF-8", "a character set name such as UTF-8");
    try {
      Charset.forName(encoding);
    } catch (IllegalArgumentException e) {
      c.problem(
          "encoding",
          "unknown character set '" + encoding + "'; expected e.g. UTF-8 or ISO-8859-1");
      return null;
    }
    if (delimiter == null || quote == null || escape == null) {
      return null;
    }
    return new CsvOptions(delimiter, quote, escape, header, encoding);
  }

  private static Character singleChar(YamlSection c, String key, char defaultValue) {
    String text = c.has(key) ? c.string(key, null, "one character") : String.valueOf(defaultValue);
    if (text == null) {
      return null;
    }
    if (text.equals("tab") || text.equals("\\t")) {
      return '\t';
    }
    if (text.length() != 1) {
      c.problem(key, "expected one character (or 'tab'), found '" + text + "'");
      return null;
    }
    return text.charAt(0);
  }

  private static DeliverySchedule readSchedule(YamlSection f) {
    YamlSection s = f.section("schedule", false, "a mapping with days and deadline");
    if (s == null) {
      return new DeliverySchedule(EnumSet.allOf(DayOfWeek.class), DEFAULT_DEADLINE, null);
    }
    s.allowOnly(Set.of("days", "deadline", "from"));
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    List<String> dayNames =
        s.stringList("days", List.of("daily"), "weekday names (mon..sun) or 'daily'");
    for (String day : dayNames) {
      switch (day.toLowerCase(Locale.ROOT)) {
        case "daily" -> days.addAll(EnumSet.allOf(DayOfWeek.class));
        case "weekdays" -> days.addAll(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
        default -> {
          Optional<DayOfWeek> d =
              Arrays.stream(DayOfWeek.values())
                  .filter(w -> w.name().substring(0, 3).equalsIgnoreCase(day))
                  .findFirst();
          if (d.isPresent()) {
            days.add(d.get());
          } else {
            s.problem(
                "days", "unknown day '" + day + "'; expected mon..sun, 'weekdays' or 'daily'");
          }
        }
      }
    }
    LocalTime deadline = DEFAULT_DEADLINE;
    String text = s.string("deadline", null, "a local time HH:mm");
    if (text != null) {
      try {
        deadline = LocalTime.parse(text);
      } catch (DateTimeParseException e) {
        s.problem("deadline", "expected a local time HH:mm such as 06:00, found '" + text + "'");
        return null;
      }
    }
    LocalDate from = null;
    String fromText = s.string("from", null, "a date yyyy-mm-dd");
    if (fromText != null) {
      try {
        from = LocalDate.parse(fromText);
      } catch (DateTimeParseException e) {
        s.problem(
            "from", "expected a date yyyy-mm-dd such as 2026-04-01, found '" + fromText + "'");
        return null;
      }
    }
    return new DeliverySchedule(days, deadline, from);
  }

  // ---------------------------------------------------------------- helpers

  private YamlSection readYaml(Path dir, String fileName, List<ConfigProblem> problems) {
    Path file = dir.resolve(fileName);
    if (!Files.isRegularFile(file)) {
      problems.add(new ConfigProblem(fileName, "", "file missing"));
      return null;
    }
    try {
      JsonNode node = yaml.readTree(file.toFile());
      if (node == null || !node.isObject()) {
        problems.add(new ConfigProblem(fileName, "", "expected a YAML mapping at the top level"));
        return null;
      }
      return new YamlSection(fileName, "", node, problems);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr();
      problems.add(
          new ConfigProblem(fileName, where, "is not valid YAML: " + e.getOriginalMessage()));
      return null;
    } catch (IOException e) {
      problems.add(new ConfigProblem(fileName, "", "cannot be read: " + e.getMessage()));
      return null;
    }
  }

  /** SHA-256 over every configuration file's relative path and bytes, in a fixed order. */
  static String hash(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        digest.update(
            dir.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Files.readAllBytes(file));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
