package com.partnercx.config;

import com.partnercx.errors.ConfigProblem;
import com.partnercx.schema.CanonicalField;
import com.partnercx.schema.Entity;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads feeds/*.yaml, one file per feed named after the feed's id: the entity the feed delivers and
 * which partners send it, how its files are written (format, CSV options, time zone, timestamp
 * patterns), how its columns map to the entity's canonical fields, when a delivery is due and the
 * data-quality gate each delivery must pass.
 */
final class FeedConfigReader {
  static final LocalTime DEFAULT_DEADLINE = LocalTime.of(6, 0);
  static final List<String> DEFAULT_TIMESTAMP_FORMATS =
      List.of("yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss");

  private static final String FOLDER = ConfigLoader.FEEDS_DIR + "/";

  private final List<ConfigProblem> problems;

  /** A reader that adds what is wrong with the feed files to {@code problems}. */
  FeedConfigReader(List<ConfigProblem> problems) {
    this.problems = problems;
  }

  /** The feeds by id; each may only name partners in {@code partners}. */
  Map<String, Feed> read(Path configDir, List<Partner> partners) {
    Map<String, Feed> feeds = new LinkedHashMap<>();
    Set<String> partnerIds = partners.stream().map(Partner::partnerId).collect(Collectors.toSet());
    for (Path file : feedFiles(configDir.resolve(ConfigLoader.FEEDS_DIR))) {
      String fileName = FOLDER + file.getFileName();
      String id = file.getFileName().toString().replaceFirst("\\.yaml$", "");
      if (!id.matches("[a-z0-9_]+")) {
        problems.add(
            new ConfigProblem(
                fileName,
                "",
                "feed id '" + id + "' (the file name) must be lower-case letters, digits and '_'"));
        continue;
      }
      YamlSection.ofFile(configDir, fileName, problems)
          .flatMap(root -> root.read(f -> readFeed(id, f, partnerIds)))
          .ifPresent(feed -> feeds.put(id, feed));
    }
    return feeds;
  }

  /** The folder's *.yaml files by name; none, after recording why, if there are none to read. */
  private List<Path> feedFiles(Path feedsDir) {
    if (!Files.isDirectory(feedsDir)) {
      problems.add(
          new ConfigProblem(FOLDER, "", "folder missing; expected one <feed_id>.yaml per feed"));
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(feedsDir)) {
      files = list.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      problems.add(new ConfigProblem(FOLDER, "", "cannot be listed: " + e.getMessage()));
      return List.of();
    }
    if (files.isEmpty()) {
      problems.add(
          new ConfigProblem(FOLDER, "", "has no feeds; expected one <feed_id>.yaml per feed"));
    }
    return files;
  }

  /** The feed, or empty when a part it cannot be built without is missing or invalid. */
  private static Optional<Feed> readFeed(String id, YamlSection f, Set<String> partnerIds) {
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
        f.problem("partners", "partner '" + partner + "' is not in " + ConfigLoader.PARTNERS_FILE);
      }
    }
    String formatText = f.string("format", "csv", "csv or jsonl");
    FeedFormat format = FeedFormat.byId(formatText).orElse(null);
    if (format == null) {
      f.problem("format", "expected csv or jsonl, found '" + formatText + "'");
    }
    CsvOptions csv =
        f.optionalSection("csv", "a mapping of CSV options").read(FeedConfigReader::readCsvOptions);
    ZoneId zone = f.zone("timezone", null);
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
    DeliverySchedule schedule =
        f.optionalSection("schedule", "a mapping with days and deadline")
            .read(FeedConfigReader::readSchedule);
    QualityGate gate =
        f.optionalSection("quality", "a mapping with max_reject_rate and min_rejected_rows")
            .read(FeedConfigReader::readQualityGate);
    Plausibility plausible =
        f.optionalSection("plausible", "a mapping with earliest, days_ahead and max_abs_number")
            .read(FeedConfigReader::readPlausibility);
    if (entity == null || format == null || csv == null || zone == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Feed(
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
            gate,
            plausible));
  }

  /** Checks that the mapped fields belong to the entity and that its key fields are all mapped. */
  private static void checkMapping(
      YamlSection f,
      Entity entity,
      Map<String, String> columns,
      Map<String, String> constants,
      List<String> partners) {
    for (String field : columns.keySet()) {
      checkIsField(f, entity, "columns", field);
    }
    for (String field : constants.keySet()) {
      if (checkIsField(f, entity, "constants", field) && columns.containsKey(field)) {
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

  /**
   * Whether {@code field} (a key under {@code mapping}) is a field of the entity; if not, says so.
   */
  private static boolean checkIsField(YamlSection f, Entity entity, String mapping, String field) {
    if (entity.field(field).isPresent()) {
      return true;
    }
    f.problem(
        mapping + "." + field,
        "'"
            + field
            + "' is not a field of "
            + entity.id()
            + "; expected one of "
            + entity.fields().stream().map(CanonicalField::name).toList());
    return false;
  }

  /** The CSV options, each defaulting to {@link CsvOptions#DEFAULTS}; null if one is invalid. */
  private static CsvOptions readCsvOptions(YamlSection c) {
    Character delimiter = singleChar(c, "delimiter", CsvOptions.DEFAULTS.delimiter());
    Character quote = singleChar(c, "quote", CsvOptions.DEFAULTS.quote());
    Character escape = singleChar(c, "escape", CsvOptions.DEFAULTS.escape());
    boolean header = c.bool("header", CsvOptions.DEFAULTS.header());
    String encoding =
        c.string("encoding", CsvOptions.DEFAULTS.encoding(), "a character set name such as UTF-8");
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

  /** The delivery schedule: every day by {@link #DEFAULT_DEADLINE} unless it says otherwise. */
  private static DeliverySchedule readSchedule(YamlSection s) {
    Set<DayOfWeek> days = readDays(s);
    LocalTime deadline =
        dateTime(s, "deadline", DEFAULT_DEADLINE, LocalTime::parse, "a local time HH:mm", "06:00");
    LocalDate from = dateTime(s, "from", null, LocalDate::parse, "a date yyyy-mm-dd", "2026-04-01");
    return new DeliverySchedule(days, deadline, from);
  }

  private static Set<DayOfWeek> readDays(YamlSection s) {
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
    return days;
  }

  /**
   * The date or time under {@code key}, parsed by {@code parser}: {@code defaultValue} when the key
   * is absent or, after a problem naming {@code what} and an {@code example}, does not parse.
   */
  private static <T> T dateTime(
      YamlSection s,
      String key,
      T defaultValue,
      Function<String, T> parser,
      String what,
      String example) {
    String text = s.string(key, null, what);
    if (text == null) {
      return defaultValue;
    }
    try {
      return parser.apply(text);
    } catch (DateTimeParseException e) {
      s.problem(key, "expected " + what + " such as " + example + ", found '" + text + "'");
      return defaultValue;
    }
  }

  private static Plausibility readPlausibility(YamlSection p) {
    String earliest =
        p.string(
            "earliest", Plausibility.DEFAULT.earliest().toString(), "a date written yyyy-mm-dd");
    LocalDate date = Plausibility.DEFAULT.earliest();
    try {
      date = LocalDate.parse(earliest);
    } catch (java.time.format.DateTimeParseException e) {
      p.problem("earliest", "expected a date written yyyy-mm-dd, found '" + earliest + "'");
    }
    return new Plausibility(
        date,
        p.integer(
            "days_ahead",
            Plausibility.DEFAULT.daysAhead(),
            0,
            "a whole number of days after the delivery date, at least 0"),
        p.number(
            "max_abs_number",
            Plausibility.DEFAULT.maxAbsNumber(),
            0.0,
            Double.MAX_VALUE,
            "a positive number"));
  }

  private static QualityGate readQualityGate(YamlSection q) {
    return new QualityGate(
        q.number(
            "max_reject_rate",
            QualityGate.DEFAULT.maxRejectRate(),
            0.0,
            1.0,
            "a share between 0 and 1"),
        q.integer(
            "min_rejected_rows",
            QualityGate.DEFAULT.minRejectedRows(),
            1,
            "a whole number of rows, at least 1"));
  }
}
