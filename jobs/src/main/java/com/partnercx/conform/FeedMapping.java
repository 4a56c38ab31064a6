package com.partnercx.conform;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import com.partnercx.config.Feed;
import com.partnercx.schema.CanonicalField;
import com.partnercx.schema.Entity;
import com.partnercx.schema.FieldType;
import com.partnercx.schema.LineageColumns;
import com.partnercx.schema.ServiceEventColumns;
import com.partnercx.schema.SocialMentionColumns;
import com.partnercx.schema.SurveyResponseColumns;
import com.partnercx.tables.SilverTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * The pure transforms of conform: bronze rows of one feed -> typed canonical rows, each either
 * valid or tagged with the first rule it breaks.
 */
public final class FeedMapping {
  /** Name of the rule a row breaks; null for a valid row. */
  static final String VIOLATION = "_violation";

  /** What exactly is wrong with the row. */
  static final String VIOLATION_DETAIL = "_violation_detail";

  /** The row as delivered, as JSON, for the quarantine. */
  static final String RAW = "_raw";

  /** The date of the row's period field in the feed's time zone: the period the row belongs to. */
  static final String EVENT_DAY = "_event_day";

  private static final Set<String> BRONZE_LINEAGE =
      Set.of(
          LineageColumns.SOURCE_FILE,
          LineageColumns.SOURCE_ROW,
          LineageColumns.INGESTED_AT,
          LineageColumns.RUN_ID,
          LineageColumns.DELIVERY_DATE,
          LineageColumns.LOOKUP_SOURCE,
          Lookups.PROBLEM);
  private static final Set<String> FREE_TEXT_FIELDS =
      Set.of(SurveyResponseColumns.COMMENT, SocialMentionColumns.TEXT);
  private static final Set<String> TRUE_WORDS = Set.of("true", "t", "yes", "y", "1");
  private static final Set<String> FALSE_WORDS = Set.of("false", "f", "no", "n", "0");

  private FeedMapping() {}

  /**
   * Maps bronze rows to the feed's entity: renames, casts, applies constants, converts local times
   * to UTC, protects PII and evaluates the entity's expectations. Returns every canonical field,
   * the lineage columns, {@link #VIOLATION}, {@link #VIOLATION_DETAIL}, {@link #RAW} and {@link
   * #EVENT_DAY}. {@code calendar} is {@link PartnerCalendar#toDataset}, built once per run.
   */
  static Dataset<Row> conform(Dataset<Row> bronze, Feed feed, String salt, Dataset<Row> calendar) {
    Entity entity = feed.entity();
    Set<String> delivered =
        Arrays.stream(bronze.columns())
            .map(c -> c.toLowerCase(Locale.ROOT))
            .collect(java.util.stream.Collectors.toSet());
    List<Column> sourceColumns =
        Arrays.stream(bronze.columns())
            .filter(c -> !BRONZE_LINEAGE.contains(c))
            .map(c -> col("`" + c + "`"))
            .toList();
    List<Column> select = new ArrayList<>();
    List<Column> violations = new ArrayList<>();
    List<Column> details = new ArrayList<>();
    Column periodValue = lit(null).cast(DataTypes.TimestampType);
    boolean lookedUp = delivered.contains(Lookups.PROBLEM);
    if (lookedUp) {
      violations.add(when(col(Lookups.PROBLEM).isNotNull(), lit("lookup_not_found")));
      details.add(col(Lookups.PROBLEM));
    }
    for (CanonicalField field : entity.fields()) {
      Column raw = source(feed, field, delivered);
      Column source = mapValues(feed, field, raw);
      Column typed = cast(source, field, feed);
      if (field.key()) {
        violations.add(when(source.isNull(), lit("missing_key")));
        details.add(when(source.isNull(), lit(field.name() + " is empty")));
      }
      Map<String, String> mapping = feed.values().get(field.name());
      if (mapping != null) {
        Column unmapped = raw.isNotNull().and(source.isNull());
        violations.add(when(unmapped, lit("unmapped_value")));
        details.add(
            when(
                unmapped,
                concat(
                    lit(field.name() + ": '"),
                    raw,
                    lit(
                        "' is not under values."
                            + field.name()
                            + " in feeds/"
                            + feed.id()
                            + ".yaml; mapped there: "
                            + new java.util.TreeSet<>(mapping.keySet())))));
      }
      implausible(field, typed, feed.plausible())
          .ifPresent(
              broken -> {
                violations.add(when(broken, lit(implausibleRule(field.type()))));
                details.add(when(broken, implausibleDetail(field, typed, feed.plausible())));
              });
      if (field.type() != FieldType.STRING) {
        Column unparseable = source.isNotNull().and(typed.isNull());
        violations.add(when(unparseable, lit("unparseable_" + field.type().name().toLowerCase())));
        details.add(
            when(
                unparseable,
                concat(
                    lit(field.name() + ": '"),
                    source,
                    lit("' is not a valid " + describe(field.type(), feed)))));
      }
      select.add(protect(field, typed, salt).as(field.name()));
      if (field.name().equals(entity.periodField())) {
        periodValue = typed;
      }
    }
    Column periodMissing = col(entity.periodField()).isNull();
    Dataset<Row> typed =
        bronze.select(
            concatAll(
                select,
                List.of(
                    lit(feed.id()).as(SilverTable.FEED_ID),
                    col(LineageColumns.SOURCE_FILE),
                    col(LineageColumns.SOURCE_ROW),
                    col(LineageColumns.DELIVERY_DATE),
                    (lookedUp
                            ? col(LineageColumns.LOOKUP_SOURCE)
                            : lit(null).cast(DataTypes.StringType))
                        .as(LineageColumns.LOOKUP_SOURCE),
                    to_json(struct(sourceColumns.toArray(Column[]::new))).as(RAW),
                    to_date(from_utc_timestamp(periodValue, feed.timeZone().getId())).as(EVENT_DAY),
                    coalesce(violations.toArray(Column[]::new)).as(VIOLATION),
                    coalesce(details.toArray(Column[]::new)).as(VIOLATION_DETAIL))));
    typed =
        typed.join(
            broadcast(calendar),
            col(Entity.PARTNER_ID).equalTo(col(PartnerCalendar.PARTNER_ID)),
            "left");
    Column rule = col(VIOLATION);
    Column detail = col(VIOLATION_DETAIL);
    rule = coalesce(rule, when(periodMissing, lit("missing_timestamp")));
    detail = coalesce(detail, when(periodMissing, lit(entity.periodField() + " is empty")));
    for (Expectations.Expectation e : partnerRules(feed, entity)) {
      rule = coalesce(rule, when(e.broken(), lit(e.rule())));
      detail = coalesce(detail, when(e.broken(), e.detail()));
    }
    for (Expectations.Expectation e : Expectations.of(entity)) {
      Column broken = coalesce(e.broken(), lit(false));
      rule = coalesce(rule, when(broken, lit(e.rule())));
      detail = coalesce(detail, when(broken, e.detail()));
    }
    return typed
        .withColumn(VIOLATION, rule)
        .withColumn(VIOLATION_DETAIL, detail)
        .drop(PartnerCalendar.PARTNER_ID, PartnerCalendar.SPANS, PartnerCalendar.DESCRIPTION);
  }

  /**
   * Whose rows a feed may hold: a partner of partners.csv ({@code unknown_partner}), one the feed
   * lists ({@code partner_not_in_feed}), on a day one of its master-data versions is valid, that
   * day being the row's period field's date in the time zone of the version's program ({@code
   * partner_not_valid_on_date}). Judged on rows joined to {@link PartnerCalendar#toDataset}.
   */
  private static List<Expectations.Expectation> partnerRules(Feed feed, Entity entity) {
    Column partner = col(Entity.PARTNER_ID);
    Column known = col(PartnerCalendar.SPANS).isNotNull();
    Column at = col(entity.periodField());
    Column validOnDay =
        exists(
            col(PartnerCalendar.SPANS),
            span -> {
              Column day = to_date(from_utc_timestamp(at, span.getField(PartnerCalendar.ZONE)));
              return day.geq(span.getField(PartnerCalendar.FROM))
                  .and(
                      span.getField(PartnerCalendar.TO)
                          .isNull()
                          .or(day.leq(span.getField(PartnerCalendar.TO))));
            });
    return List.of(
        new Expectations.Expectation(
            "unknown_partner",
            known.equalTo(false),
            concat(lit("partner_id '"), partner, lit("' is not in partners.csv"))),
        new Expectations.Expectation(
            "partner_not_in_feed",
            partner.isin(feed.partners().toArray()).equalTo(false),
            concat(
                lit("partner_id '"),
                partner,
                lit("' is not among the partners of feeds/" + feed.id() + ".yaml"))),
        new Expectations.Expectation(
            "partner_not_valid_on_date",
            at.isNotNull().and(validOnDay.equalTo(false)),
            concat(
                lit("partner_id '"),
                partner,
                lit("' is not valid on the date of " + entity.periodField() + " "),
                at.cast(DataTypes.StringType),
                lit(" UTC; partners.csv has it valid "),
                col(PartnerCalendar.DESCRIPTION))));
  }

  /**
   * Keeps one row per natural key: the latest delivery wins, and within a file the last row, so a
   * corrected re-delivery replaces the original.
   */
  static Dataset<Row> latestPerKey(Dataset<Row> rows, List<String> keys) {
    return rows.withColumn(
            "_rank",
            row_number()
                .over(
                    Window.partitionBy(keys.stream().map(k -> col(k)).toArray(Column[]::new))
                        .orderBy(
                            col(LineageColumns.DELIVERY_DATE).desc(),
                            col(LineageColumns.SOURCE_FILE).desc(),
                            col(LineageColumns.SOURCE_ROW).desc())))
        .filter(col("_rank").equalTo(1))
        .drop("_rank");
  }

  /**
   * When a typed value is outside what the feed may plausibly hold: a timestamp before the earliest
   * date or more than the allowed days after its delivery date, a number that is NaN, infinite or
   * too large. Empty for other types.
   */
  private static java.util.Optional<Column> implausible(
      CanonicalField field, Column typed, com.partnercx.config.Plausibility plausible) {
    return switch (field.type()) {
      case TIMESTAMP ->
          java.util.Optional.of(
              typed
                  .lt(lit(java.sql.Timestamp.valueOf(plausible.earliest().atStartOfDay())))
                  .or(
                      typed.geq(
                          org.apache
                              .spark
                              .sql
                              .functions
                              .date_add(
                                  col(LineageColumns.DELIVERY_DATE), plausible.daysAhead() + 1)
                              .cast(DataTypes.TimestampType))));
      case DOUBLE, INTEGER ->
          java.util.Optional.of(
              org.apache
                  .spark
                  .sql
                  .functions
                  .isnan(typed.cast(DataTypes.DoubleType))
                  .or(
                      org.apache
                          .spark
                          .sql
                          .functions
                          .abs(typed.cast(DataTypes.DoubleType))
                          .gt(plausible.maxAbsNumber())));
      default -> java.util.Optional.empty();
    };
  }

  private static String implausibleRule(FieldType type) {
    return type == FieldType.TIMESTAMP ? "implausible_timestamp" : "implausible_number";
  }

  private static Column implausibleDetail(
      CanonicalField field, Column typed, com.partnercx.config.Plausibility plausible) {
    String range =
        field.type() == FieldType.TIMESTAMP
            ? " is before "
                + plausible.earliest()
                + " or more than "
                + plausible.daysAhead()
                + " days after the delivery date (feed key plausible)"
            : " is not a number of at most "
                + String.format(java.util.Locale.ROOT, "%,.0f", plausible.maxAbsNumber())
                + " in magnitude (feed key plausible)";
    return concat(lit(field.name() + " "), typed.cast(DataTypes.StringType), lit(range));
  }

  /**
   * The field's value as delivered, trimmed, empty text as null; null when its column is mapped but
   * absent from every file read (a column no metric needs may be left out of a file).
   */
  private static Column source(Feed feed, CanonicalField field, Set<String> delivered) {
    String column = feed.columns().get(field.name());
    if (column != null) {
      if (!delivered.contains(column.toLowerCase(Locale.ROOT))) {
        return lit(null).cast(DataTypes.StringType);
      }
      return nullif(trim(col("`" + column + "`")), lit(""));
    }
    String constant = feed.constants().get(field.name());
    return constant != null ? lit(constant) : lit(null).cast(DataTypes.StringType);
  }

  /**
   * The delivered value in canonical words when the feed maps the field's values (compared ignoring
   * case); null for a value the mapping does not name. Unchanged without a mapping.
   */
  private static Column mapValues(Feed feed, CanonicalField field, Column raw) {
    Map<String, String> mapping = feed.values().get(field.name());
    if (mapping == null || mapping.isEmpty()) {
      return raw;
    }
    Column key = lower(raw);
    Column mapped = null;
    for (Map.Entry<String, String> e : mapping.entrySet()) {
      Column match = key.equalTo(lit(e.getKey().strip().toLowerCase(Locale.ROOT)));
      mapped =
          mapped == null ? when(match, lit(e.getValue())) : mapped.when(match, lit(e.getValue()));
    }
    return mapped;
  }

  private static Column cast(Column source, CanonicalField field, Feed feed) {
    return switch (field.type()) {
      case STRING -> source;
      case INTEGER -> source.try_cast(DataTypes.IntegerType);
      case DOUBLE -> source.try_cast(DataTypes.DoubleType);
      case BOOLEAN ->
          when(lower(source).isin(TRUE_WORDS.toArray()), lit(true))
              .when(lower(source).isin(FALSE_WORDS.toArray()), lit(false));
      case TIMESTAMP -> timestamp(source, field, feed);
    };
  }

  /**
   * Tries the feed's timestamp patterns in order (local wall-clock times are converted from its
   * zone to UTC), then its date patterns: a value that is a date only stands for the start of that
   * day in the feed's zone, or its last microsecond for a field whose date means the end of the day
   * (a promised or actual completion date). A field under {@code date_only} is always taken as its
   * date in the feed's zone, whatever time of day it is written with.
   */
  private static Column timestamp(Column source, CanonicalField field, Feed feed) {
    String zone = feed.timeZone().getId();
    Column instant =
        coalesce(
            feed.timestampFormats().stream()
                .map(
                    pattern -> {
                      Column parsed = try_to_timestamp(source, lit(pattern));
                      return carriesOffset(pattern) ? parsed : to_utc_timestamp(parsed, zone);
                    })
                .toArray(Column[]::new));
    Column date =
        coalesce(
            feed.dateFormats().stream()
                .map(pattern -> to_date(try_to_timestamp(source, lit(pattern))))
                .toArray(Column[]::new));
    if (feed.dateOnlyFields().contains(field.name())) {
      return dayMoment(coalesce(date, to_date(from_utc_timestamp(instant, zone))), field, zone);
    }
    return coalesce(instant, dayMoment(date, field, zone));
  }

  /** The UTC moment a date of the feed's zone stands for: its start, or its end for some fields. */
  private static Column dayMoment(Column date, CanonicalField field, String zone) {
    Column local =
        field.dateMeansEndOfDay()
            ? timestamp_micros(
                unix_micros(date_add(date, 1).cast(DataTypes.TimestampType)).minus(1))
            : date.cast(DataTypes.TimestampType);
    return to_utc_timestamp(local, zone);
  }

  private static boolean carriesOffset(String pattern) {
    String unquoted = pattern.replaceAll("'[^']*'", "");
    return unquoted.matches(".*[XxZVO].*");
  }

  private static Column protect(CanonicalField field, Column typed, String salt) {
    if (field.name().equals(ServiceEventColumns.CUSTOMER_KEY)) {
      return PiiProtection.hashIdentifier(typed, salt);
    }
    if (FREE_TEXT_FIELDS.contains(field.name())) {
      return PiiProtection.maskFreeText(typed);
    }
    return typed;
  }

  private static String describe(FieldType type, Feed feed) {
    return switch (type) {
      case TIMESTAMP ->
          "timestamp in formats "
              + feed.timestampFormats()
              + " or date in formats "
              + feed.dateFormats();
      case BOOLEAN -> "boolean (true/false, yes/no, 1/0)";
      case INTEGER -> "whole number";
      case DOUBLE -> "number";
      case STRING -> "text";
    };
  }

  private static Column[] concatAll(List<Column> a, List<Column> b) {
    List<Column> all = new ArrayList<>(a);
    all.addAll(b);
    return all.toArray(Column[]::new);
  }
}
