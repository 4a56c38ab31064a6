package com.partnercx.config;

import com.partnercx.errors.ConfigProblem;
import com.partnercx.schema.CanonicalField;
import com.partnercx.schema.Entity;
import com.partnercx.schema.FieldType;
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
import java.util.ArrayList;
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
  static final LocalTime DEFAULT_DEADLINE = DeliverySchedule.DEFAULT_DEADLINE;
  static final List<String> DEFAULT_TIMESTAMP_FORMATS =
      List.of("yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss");
  static final List<String> DEFAULT_DATE_FORMATS = List.of("yyyy-MM-dd");

  private static final String FOLDER = ConfigLoader.FEEDS_DIR + "/";

  private final List<ConfigProblem> problems;

  /** A reader that adds what is wrong with the feed files to {@code problems}. */
  FeedConfigReader(List<ConfigProblem> problems) {
    this.problems = problems;
  }

  /**
   * The feeds by id; each may only name partners in {@code partners}, and a file of a feed must
   * carry the columns the metrics of its partners' {@code programs} are computed from.
   */
  Map<String, Feed> read(Path configDir, List<Partner> partners, Map<String, Program> programs) {
    Map<String, Feed> feeds = new LinkedHashMap<>();
    Roster roster = new Roster(partners, programs);
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
          .flatMap(root -> root.read(f -> readFeed(id, f, roster)))
          .ifPresent(feed -> feeds.put(id, feed));
    }
    resolveLookups(feeds);
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

  /** The partners of partners.csv and the metrics their programs score. */
  private record Roster(List<Partner> partners, Map<String, Program> programs) {
    List<String> ids() {
      return partners.stream().map(Partner::partnerId).distinct().sorted().toList();
    }

    /** The canonical fields of {@code entity} the metrics of these partners' programs read. */
    Set<String> metricInputs(Entity entity, List<String> partnerIds) {
      Set<String> ids = Set.copyOf(partnerIds);
      return partners.stream()
          .filter(p -> ids.contains(p.partnerId()))
          .map(p -> programs.get(p.programId()))
          .filter(java.util.Objects::nonNull)
          .flatMap(program -> program.metrics().stream())
          .flatMap(m -> m.metric().inputs().getOrDefault(entity, List.of()).stream())
          .collect(Collectors.toCollection(java.util.TreeSet::new));
    }
  }

  /** The feed, or empty when a part it cannot be built without is missing or invalid. */
  private static Optional<Feed> readFeed(String id, YamlSection f, Roster roster) {
    List<String> entities = new ArrayList<>(Entity.ids());
    entities.add(Feed.REFERENCE);
    String entityId = f.requiredString("entity", "one of " + entities);
    Entity entity = entityId == null ? null : Entity.byId(entityId).orElse(null);
    boolean reference = Feed.REFERENCE.equals(entityId);
    if (entityId != null && entity == null && !reference) {
      f.problem("entity", "unknown entity '" + entityId + "'; expected one of " + entities);
    }
    List<String> partners = reference ? List.of() : readPartners(f, roster);
    String formatText = f.string("format", "csv", "csv or jsonl");
    FeedFormat format = FeedFormat.byId(formatText).orElse(null);
    if (format == null) {
      f.problem("format", "expected csv or jsonl, found '" + formatText + "'");
    }
    CsvOptions csv =
        f.optionalSection("csv", "a mapping of CSV options").read(FeedConfigReader::readCsvOptions);
    ZoneId zone = f.zone("timezone", reference ? java.time.ZoneOffset.UTC : null);
    List<String> timestampFormats =
        patterns(f, "timestamp_formats", DEFAULT_TIMESTAMP_FORMATS, "date-time patterns");
    List<String> dateFormats = patterns(f, "date_formats", DEFAULT_DATE_FORMATS, "date patterns");
    List<String> dateOnly = f.stringList("date_only", List.of(), "timestamp fields");
    Map<String, String> columns =
        f.scalars("columns", !reference, "a mapping of canonical field to source column");
    if (reference && !columns.isEmpty()) {
      f.problem(
          "columns",
          "a reference feed is not mapped to an entity; the feeds that look it up take its"
              + " columns under lookups");
    }
    List<Lookup> lookups = readLookups(f, id);
    Map<String, String> constants =
        f.scalars("constants", false, "a mapping of canonical field to a constant value");
    Map<String, Map<String, String>> values =
        f.scalarMaps(
            "values",
            "a mapping of canonical field to a mapping of source value to canonical value");
    List<String> optional = f.stringList("optional_columns", List.of(), "source column names");
    if (entity != null) {
      checkMapping(f, entity, columns, constants, partners);
      checkValues(f, entity, columns, values);
      checkDateOnly(f, entity, columns, dateOnly);
    }
    for (String column : optional) {
      if (!columns.containsValue(column)) {
        f.problem("optional_columns", "'" + column + "' is not a source column under columns");
      }
    }
    Set<String> lookedUp = Lookup.takenColumns(lookups);
    List<String> required = new ArrayList<>();
    lookups.forEach(l -> required.addAll(l.on().keySet()));
    if (entity != null) {
      requiredColumns(entity, columns, roster.metricInputs(entity, partners)).stream()
          .filter(c -> !optional.contains(c) && !lookedUp.contains(c))
          .forEach(required::add);
    }
    DeliverySchedule schedule =
        f.isWord("schedule", "none")
            ? null
            : f.optionalSection("schedule", "a mapping with days and deadline, or 'none'")
                .read(FeedConfigReader::readSchedule);
    QualityGate gate =
        f.optionalSection("quality", "a mapping with max_reject_rate and min_rejected_rows")
            .read(FeedConfigReader::readQualityGate);
    Plausibility plausible =
        f.optionalSection("plausible", "a mapping with earliest, days_ahead and max_abs_number")
            .read(FeedConfigReader::readPlausibility);
    if ((entity == null && !reference) || format == null || csv == null || zone == null) {
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
            dateFormats,
            Set.copyOf(dateOnly),
            columns,
            constants,
            values,
            required.stream().distinct().toList(),
            lookups,
            schedule,
            gate,
            plausible));
  }

  /**
   * The feed's {@code lookups}: each names a feed, the columns compared ({@code on}: one column
   * name both sides carry, or a mapping of this feed's column to the other's) and the columns taken
   * ({@code take}: the other feed's column to the name it gets here).
   */
  private static List<Lookup> readLookups(YamlSection f, String id) {
    if (!f.has("lookups")) {
      return List.of();
    }
    List<Lookup> lookups = new ArrayList<>();
    for (YamlSection l :
        f.sectionList("lookups", "lookups {feed, on, take} (see docs/configuration.md)")) {
      Lookup lookup = l.read(section -> readLookup(section, id));
      if (lookup != null) {
        lookups.add(lookup);
      }
    }
    return lookups;
  }

  private static Lookup readLookup(YamlSection l, String id) {
    String feed = l.requiredString("feed", "the id of the feed whose rows are looked up");
    if (id.equals(feed)) {
      l.problem("feed", "a feed cannot look up its own rows");
    }
    Map<String, String> on = new LinkedHashMap<>();
    if (l.has("on")) {
      String single = l.isMapping("on") ? null : l.string("on", null, "a column name");
      if (single != null) {
        on.put(single, single);
      } else {
        on.putAll(
            l.scalars(
                "on",
                true,
                "a column both feeds carry, or a mapping of this feed's column to"
                    + " the looked-up feed's column"));
      }
    } else {
      l.problem(
          "on",
          "missing; expected the column both feeds carry (e.g. order_id), or a mapping of this"
              + " feed's column to the looked-up feed's column");
    }
    Map<String, String> take =
        l.scalars(
            "take",
            true,
            "a mapping of the looked-up feed's column to its name on this feed's rows");
    if (l.has("take") && take.isEmpty()) {
      l.problem("take", "is empty; name at least one column to take");
    }
    if (feed == null || on.isEmpty() || take.isEmpty()) {
      return null;
    }
    return new Lookup(feed, on, take);
  }

  /**
   * Checks that each lookup names a configured feed, and makes every looked-up feed require the
   * columns its lookups compare and take.
   */
  private void resolveLookups(Map<String, Feed> feeds) {
    Map<String, java.util.Set<String>> needed = new LinkedHashMap<>();
    for (Feed feed : feeds.values()) {
      for (int i = 0; i < feed.lookups().size(); i++) {
        Lookup lookup = feed.lookups().get(i);
        if (!feeds.containsKey(lookup.feed())) {
          problems.add(
              new ConfigProblem(
                  FOLDER + feed.id() + ".yaml",
                  "lookups[" + i + "].feed",
                  "unknown feed '"
                      + lookup.feed()
                      + "'; expected one of "
                      + new java.util.TreeSet<>(feeds.keySet())));
          continue;
        }
        java.util.Set<String> columns =
            needed.computeIfAbsent(lookup.feed(), k -> new java.util.LinkedHashSet<>());
        columns.addAll(lookup.on().values());
        columns.addAll(lookup.take().keySet());
      }
    }
    needed.forEach(
        (id, columns) -> {
          Feed feed = feeds.get(id);
          List<String> required = new ArrayList<>(feed.requiredColumns());
          columns.stream().filter(c -> !required.contains(c)).forEach(required::add);
          feeds.put(id, feed.withRequiredColumns(required));
        });
  }

  /** The partner ids under {@code partners}: a list of ids of partners.csv, or {@code all}. */
  private static List<String> readPartners(YamlSection f, Roster roster) {
    if (f.isWord("partners", "all")) {
      return roster.ids();
    }
    if (!f.has("partners")) {
      f.problem(
          "partners",
          "missing; expected the list of partner ids that deliver this feed, or 'all' for every"
              + " partner of "
              + ConfigLoader.PARTNERS_FILE);
      return List.of();
    }
    List<String> partners =
        f.stringList("partners", List.of(), "partner ids (or the word 'all' instead of a list)");
    Set<String> known = Set.copyOf(roster.ids());
    for (String partner : partners) {
      if (!known.isEmpty() && !known.contains(partner)) {
        f.problem("partners", "partner '" + partner + "' is not in " + ConfigLoader.PARTNERS_FILE);
      }
    }
    return partners;
  }

  /** Date-time patterns under {@code key}, each checked to be a valid pattern. */
  private static List<String> patterns(
      YamlSection f, String key, List<String> defaults, String what) {
    List<String> patterns = f.stringList(key, defaults, what);
    for (String pattern : patterns) {
      try {
        DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
      } catch (IllegalArgumentException e) {
        f.problem(key, "invalid pattern '" + pattern + "': " + e.getMessage());
      }
    }
    return patterns;
  }

  /**
   * The source columns a file must carry: those of the entity's key and period fields and of the
   * fields the programs' metrics read; every other mapped column may be absent from a file.
   */
  static List<String> requiredColumns(
      Entity entity, Map<String, String> columns, Set<String> metricInputs) {
    Set<String> fields = new java.util.LinkedHashSet<>(entity.keyFields());
    fields.add(entity.periodField());
    fields.addAll(metricInputs);
    return columns.entrySet().stream()
        .filter(e -> fields.contains(e.getKey()))
        .map(Map.Entry::getValue)
        .distinct()
        .toList();
  }

  /**
   * Checks each value mapping: its field is mapped under columns, each canonical value is one the
   * field accepts, and no two source values that differ only in case map to different values.
   */
  private static void checkValues(
      YamlSection f,
      Entity entity,
      Map<String, String> columns,
      Map<String, Map<String, String>> values) {
    values.forEach(
        (field, mapping) -> {
          String key = "values." + field;
          Optional<CanonicalField> canonical = entity.field(field);
          if (canonical.isEmpty()) {
            checkIsField(f, entity, "values", field);
            return;
          }
          if (!columns.containsKey(field)) {
            f.problem(key, "'" + field + "' is not mapped under columns; map its source column");
          }
          if (canonical.get().type() == FieldType.TIMESTAMP) {
            f.problem(key, "timestamps cannot be mapped by value; use timestamp_formats");
            return;
          }
          Map<String, String> seen = new LinkedHashMap<>();
          mapping.forEach(
              (source, target) -> {
                String problem = canonicalValueProblem(canonical.get(), target);
                if (problem != null) {
                  f.problem(key + "." + source, problem);
                }
                String previous = seen.put(source.strip().toLowerCase(Locale.ROOT), target);
                if (previous != null && !previous.equals(target)) {
                  f.problem(
                      key + "." + source,
                      "source values are compared ignoring case, and this one is mapped twice ('"
                          + previous
                          + "' and '"
                          + target
                          + "')");
                }
              });
        });
  }

  /** Why {@code value} is not a value {@code field} can hold, or null when it is. */
  static String canonicalValueProblem(CanonicalField field, String value) {
    if (!field.allowedValues().isEmpty() && !field.allowedValues().contains(value)) {
      return "'"
          + value
          + "' is not a value of "
          + field.name()
          + "; expected one of "
          + field.allowedValues();
    }
    return switch (field.type()) {
      case BOOLEAN ->
          Set.of("true", "false").contains(value.toLowerCase(Locale.ROOT))
              ? null
              : "'" + value + "' is not a value of " + field.name() + "; expected true or false";
      case INTEGER ->
          parses(value, Integer::parseInt)
              ? null
              : "expected a whole number, found '" + value + "'";
      case DOUBLE ->
          parses(value, Double::parseDouble) ? null : "expected a number, found '" + value + "'";
      default -> null;
    };
  }

  private static boolean parses(String value, Function<String, ?> parser) {
    try {
      parser.apply(value.strip());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Checks that every field under date_only is a mapped timestamp field of the entity. */
  private static void checkDateOnly(
      YamlSection f, Entity entity, Map<String, String> columns, List<String> dateOnly) {
    for (String field : dateOnly) {
      Optional<CanonicalField> canonical = entity.field(field);
      if (canonical.isEmpty() || canonical.get().type() != FieldType.TIMESTAMP) {
        f.problem(
            "date_only",
            "'"
                + field
                + "' is not a timestamp field of "
                + entity.id()
                + "; expected some of "
                + entity.fields().stream()
                    .filter(c -> c.type() == FieldType.TIMESTAMP)
                    .map(CanonicalField::name)
                    .toList());
      } else if (!columns.containsKey(field)) {
        f.problem("date_only", "'" + field + "' is not mapped under columns");
      }
    }
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
