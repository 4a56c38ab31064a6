package com.partnercx.tables;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.to_date;

import com.partnercx.schema.LineageColumns;
import com.partnercx.warehouse.Warehouse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code bronze/<feed>}: every row of a feed's extracts as delivered, each source column as text,
 * plus the lineage columns ({@link LineageColumns}). Its row builder and the read conform needs.
 */
public final class BronzeTable {
  private BronzeTable() {}

  /**
   * Rows read from landing files, with the lineage columns every bronze row keeps; the delivery
   * date is the file's date folder. {@code rows} carries {@link LineageColumns#SOURCE_FILE} and
   * {@link LineageColumns#SOURCE_ROW} already.
   */
  public static Dataset<Row> withLineage(Dataset<Row> rows, String runId, Instant at) {
    Column folderDate =
        to_date(
            regexp_extract(col(LineageColumns.SOURCE_FILE), "/(\\d{4}-\\d{2}-\\d{2})/[^/]+$", 1));
    return rows.withColumn(LineageColumns.DELIVERY_DATE, folderDate)
        .withColumn(LineageColumns.INGESTED_AT, lit(Timestamp.from(at)))
        .withColumn(LineageColumns.RUN_ID, lit(runId));
  }

  /**
   * The feed's rows delivered on these dates, at the table's latest version (recorded in {@code
   * versionsRead}).
   */
  public static Dataset<Row> delivered(
      Warehouse warehouse, String feedId, List<LocalDate> days, Map<String, Long> versionsRead) {
    String table = Tables.bronze(feedId);
    long version = warehouse.version(table);
    versionsRead.put(table, version);
    return warehouse
        .readVersion(table, version)
        .filter(col(LineageColumns.DELIVERY_DATE).isin(FeedDay.dates(days)));
  }
}
