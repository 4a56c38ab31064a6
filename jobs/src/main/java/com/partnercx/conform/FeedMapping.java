package com.partnercx.conform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_to_timestamp;
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

  private static final Set<String> BRONZE_LINEAGE =
      Set.of(
          LineageColumns.SOURCE_FILE,
          LineageColumns.SOURCE_ROW,
          LineageColumns.INGESTED_AT,
          LineageColumns.RUN_ID,
          LineageColumns.DELIVERY_DATE);
  private static final Set<String> FREE_TEXT_FIELDS =
      Set.of(SurveyResponseColumns.COMMENT, SocialMentionColumns.TEXT);
  private static final Set<String> TRUE_WORDS = Set.of("true", "t", "yes", "y", "1");
  private static final Set<String> FALSE_WORDS = Set.of("false", "f", "no", "n", "0");

  private FeedMapping() {}

  /**
   * Maps bronze rows to the feed's entity: renames, casts, applies constants, converts local times
   * to UTC, protects PII and evaluates the entity's expectations. Returns every canonical field,
   * the lineage columns, {@link #VIOLATION}, {@link #VIOLATION_DETAIL} and {@link #RAW}.
   */
  static Dataset<Row> conform(Dataset<Row> bronze, Feed feed, String salt) {
    Entity entity = feed.entity();
    List<Column> sourceColumns =
        Arrays.stream(bronze.columns())
            .filter(c -> !BRONZE_LINEAGE.contains(c))
            .map(c -> col("`" + c + "`"))
            .toList();
    List<Column> select = new ArrayList<>();
    List<Column> violations = new ArrayList<>();
    List<Column> details = new ArrayList<>();
    for (CanonicalField field : entity.fields()) {
      Column source = source(feed, field);
      Column typed = cast(source, field.type(), feed);
      if (field.key()) {
        violations.add(when(source.isNull(), lit("missing_key")));
        details.add(when(source.isNull(), lit(field.name() + " is empty")));
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
                    to_json(struct(sourceColumns.toArray(Column[]::new))).as(RAW),
                    coalesce(violations.toArray(Column[]::new)).as(VIOLATION),
                    coalesce(details.toArray(Column[]::new)).as(VIOLATION_DETAIL))));
    Column rule = col(VIOLATION);
    Column detail = col(VIOLATION_DETAIL);
    rule = coalesce(rule, when(periodMissing, lit("missing_timestamp")));
    detail = coalesce(detail, when(periodMissing, lit(entity.periodField() + " is empty")));
    for (Expectations.Expectation e : Expectations.of(entity)) {
      Column broken = coalesce(e.broken(), lit(false));
      rule = coalesce(rule, when(broken, lit(e.rule())));
      detail = coalesce(detail, when(broken, lit(e.detail())));
    }
    return typed.withColumn(VIOLATION, rule).withColumn(VIOLATION_DETAIL, detail);
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

  private static Column source(Feed feed, CanonicalField field) {
    String column = feed.columns().get(field.name());
    if (column != null) {
      return nullif(trim(col("`" + column + "`")), lit(""));
    }
    String constant = feed.constants().get(field.name());
    return constant != null ? lit(constant) : lit(null).cast(DataTypes.StringType);
  }

  private static Column cast(Column source, FieldType type, Feed feed) {
    return switch (type) {
      case STRING -> source;
      case INTEGER -> source.try_cast(DataTypes.IntegerType);
      case DOUBLE -> source.try_cast(DataTypes.DoubleType);
      case BOOLEAN ->
          when(lower(source).isin(TRUE_WORDS.toArray()), lit(true))
              .when(lower(source).isin(FALSE_WORDS.toArray()), lit(false));
      case TIMESTAMP -> timestamp(source, feed);
    };
  }

  /**
   * Tries the feed's patterns in order; local wall-clock times are converted from its zone to UTC.
   */
  private static Column timestamp(Column source, Feed feed) {
    Column[] attempts =
        feed.timestampFormats().stream()
            .map(
                pattern -> {
                  Column parsed = try_to_timestamp(source, lit(pattern));
                  return carriesOffset(pattern)
                      ? parsed
                      : to_utc_timestamp(parsed, feed.timeZone().getId());
                })
            .toArray(Column[]::new);
    return coalesce(attempts);
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
      case TIMESTAMP -> "timestamp in formats " + feed.timestampFormats();
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
