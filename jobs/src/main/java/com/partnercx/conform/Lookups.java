package com.partnercx.conform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import com.partnercx.config.Feed;
import com.partnercx.config.Lookup;
import com.partnercx.schema.LineageColumns;
import com.partnercx.tables.Tables;
import com.partnercx.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Adds to a feed's bronze rows the columns its {@code lookups} take from other feeds' rows: every
 * looked-up row delivered so far whose key matches gives one row (one-to-many: an order of two
 * sellers becomes one row per seller; the same seller twice counts once). A row that matches
 * nothing keeps its place with the reason in {@link #PROBLEM}, and conform quarantines it.
 */
final class Lookups {
  /** Why a row found no match, naming the key and the feed; null when every lookup matched. */
  static final String PROBLEM = "_lookup_problem";

  private Lookups() {}

  /**
   * The rows with the looked-up columns, {@link #PROBLEM} and {@link LineageColumns#LOOKUP_SOURCE};
   * unchanged for a feed without lookups. The looked-up tables' versions go to {@code
   * versionsRead}.
   */
  static Dataset<Row> apply(
      Warehouse warehouse, Feed feed, Dataset<Row> bronze, Map<String, Long> versionsRead) {
    if (feed.lookups().isEmpty()) {
      return bronze;
    }
    Dataset<Row> rows = bronze;
    List<Column> problems = new ArrayList<>();
    List<Column> sources = new ArrayList<>();
    List<String> markers = new ArrayList<>();
    for (int i = 0; i < feed.lookups().size(); i++) {
      Lookup lookup = feed.lookups().get(i);
      String marker = "_lookup_" + i + "_source";
      for (String name : lookup.take().values()) {
        if (has(rows, name)) {
          rows = rows.drop(name);
        }
      }
      String table = Tables.bronze(lookup.feed());
      if (warehouse.exists(table)) {
        long version = warehouse.version(table);
        versionsRead.put(table, version);
        rows = join(rows, warehouse.readVersion(table, version), lookup, i, marker);
      } else {
        for (String name : lookup.take().values()) {
          rows = rows.withColumn(name, lit(null).cast(DataTypes.StringType));
        }
        rows = rows.withColumn(marker, lit(null).cast(DataTypes.StringType));
      }
      problems.add(when(col(marker).isNull(), notFound(lookup, i)));
      sources.add(col(marker));
      markers.add(marker);
    }
    return rows.withColumn(PROBLEM, coalesce(problems.toArray(Column[]::new)))
        .withColumn(LineageColumns.LOOKUP_SOURCE, concat_ws("; ", sources.toArray(Column[]::new)))
        .drop(markers.toArray(String[]::new));
  }

  /**
   * {@code rows} left-joined to the distinct (key, taken values) of the looked-up rows, each with
   * the first file and row that carried it (lineage).
   */
  private static Dataset<Row> join(
      Dataset<Row> rows, Dataset<Row> other, Lookup lookup, int index, String marker) {
    List<Column> keys = new ArrayList<>();
    List<String> keyNames = new ArrayList<>();
    Column matches = null;
    int j = 0;
    for (Map.Entry<String, String> on : lookup.on().entrySet()) {
      String name = "_lookup_" + index + "_on_" + j++;
      keys.add(trim(col("`" + on.getValue() + "`")).as(name));
      keyNames.add(name);
      Column equal = trim(rows.col("`" + on.getKey() + "`")).equalTo(col(name));
      matches = matches == null ? equal : matches.and(equal);
    }
    List<Column> grouping = new ArrayList<>(keys);
    lookup.take().forEach((column, name) -> grouping.add(col("`" + column + "`").as(name)));
    Column origin =
        concat(
            lit(lookup.feed() + " "),
            col(LineageColumns.SOURCE_FILE),
            lit("#"),
            col(LineageColumns.SOURCE_ROW).cast(DataTypes.StringType));
    Column present =
        keyNames.stream().map(k -> col(k).isNotNull()).reduce(Column::and).orElseThrow();
    Dataset<Row> distinct =
        other
            .select(concatAll(grouping, List.of(origin.as(marker))).toArray(Column[]::new))
            .filter(present)
            .groupBy(
                concatAll(
                        keyNames.stream().map(k -> col(k)).toList(),
                        lookup.take().values().stream().map(n -> col("`" + n + "`")).toList())
                    .toArray(Column[]::new))
            .agg(min(col(marker)).as(marker));
    return rows.join(distinct, matches, "left").drop(keyNames.toArray(String[]::new));
  }

  /** "order_id 'o7' is not in feed order_items (lookups[0])". */
  private static Column notFound(Lookup lookup, int index) {
    List<Column> parts = new ArrayList<>();
    for (String column : lookup.on().keySet()) {
      if (!parts.isEmpty()) {
        parts.add(lit(", "));
      }
      parts.add(lit(column + " '"));
      parts.add(coalesce(col("`" + column + "`"), lit("")));
      parts.add(lit("'"));
    }
    parts.add(lit(" is not in feed " + lookup.feed() + " (lookups[" + index + "])"));
    return concat(parts.toArray(Column[]::new));
  }

  private static boolean has(Dataset<Row> rows, String column) {
    return Arrays.stream(rows.columns()).anyMatch(c -> c.equalsIgnoreCase(column));
  }

  private static List<Column> concatAll(List<Column> a, List<Column> b) {
    List<Column> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
