package com.partnercx.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.row_number;

import com.partnercx.config.CsvOptions;
import com.partnercx.config.Feed;
import com.partnercx.config.FeedFormat;
import com.partnercx.schema.LineageColumns;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads landing files of one feed in one Spark pass: every source column as a string, the file each
 * row came from, its record number in that file, and, for a row that cannot be parsed, its raw
 * text. Gzip is detected from the file extension.
 */
final class FeedReader {
  /** Holds the raw text of a row the parser could not split into the file's columns. */
  static final String CORRUPT_RECORD = "_corrupt_record";

  private static final String READ_ORDER = "_read_order";

  /** The most fields a CSV line may have to be read at all (and quarantined if malformed). */
  static final int MAX_CSV_FIELDS = 100_000;

  private FeedReader() {}

  /**
   * Reads files that share one header.
   *
   * @param columns the header the files share (CSV); ignored for JSON Lines, whose keys are read
   * @param uris the files
   */
  static Dataset<Row> read(SparkSession spark, Feed feed, List<String> columns, List<String> uris) {
    String[] paths = uris.toArray(String[]::new);
    Dataset<Row> parsed;
    if (feed.format() == FeedFormat.CSV) {
      StructType schema = new StructType();
      for (String column : columns) {
        schema = schema.add(column, DataTypes.StringType);
      }
      schema = schema.add(CORRUPT_RECORD, DataTypes.StringType);
      parsed =
          csvReader(spark, feed.csv())
              .schema(schema)
              .option("columnNameOfCorruptRecord", CORRUPT_RECORD)
              .load(paths);
    } else {
      parsed =
          spark
              .read()
              .format("json")
              .option("primitivesAsString", "true")
              .option("encoding", feed.csv().encoding())
              .option("mode", "PERMISSIVE")
              .option("columnNameOfCorruptRecord", CORRUPT_RECORD)
              .load(paths);
      if (!Arrays.asList(parsed.columns()).contains(CORRUPT_RECORD)) {
        parsed = parsed.withColumn(CORRUPT_RECORD, lit(null).cast(DataTypes.StringType));
      }
    }
    return withSourceAndRecordNumber(parsed);
  }

  private static DataFrameReader csvReader(SparkSession spark, CsvOptions csv) {
    return spark
        .read()
        .format("csv")
        .option("header", String.valueOf(csv.header()))
        .option("sep", String.valueOf(csv.delimiter()))
        .option("quote", String.valueOf(csv.quote()))
        .option("escape", String.valueOf(csv.escape()))
        .option("encoding", csv.encoding())
        // multiLine keeps quoted fields with embedded newlines whole and reads each file in one
        // task, in order: the record numbers below rely on it.
        .option("multiLine", "true")
        .option("mode", "PERMISSIVE")
        // Spark's default of 20,480 fails the whole read on one overlong line; up to this many a
        // line is read and, not splitting into the file's columns, quarantined as malformed.
        .option("maxColumns", String.valueOf(MAX_CSV_FIELDS))
        .option("ignoreLeadingWhiteSpace", "false")
        .option("ignoreTrailingWhiteSpace", "false");
  }

  /**
   * Adds the source file and the 1-based record number within it (the header is not a record). A
   * task reads a file from its start, so the order rows are produced in is the file's order.
   */
  static Dataset<Row> withSourceAndRecordNumber(Dataset<Row> rows) {
    return rows.withColumn(LineageColumns.SOURCE_FILE, col("_metadata.file_path"))
        .withColumn(READ_ORDER, monotonically_increasing_id())
        .withColumn(
            LineageColumns.SOURCE_ROW,
            row_number()
                .over(Window.partitionBy(LineageColumns.SOURCE_FILE).orderBy(READ_ORDER))
                .cast(DataTypes.LongType))
        .drop(READ_ORDER);
  }
}
