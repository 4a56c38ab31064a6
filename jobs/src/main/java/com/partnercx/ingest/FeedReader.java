package com.partnercx.ingest;

import com.partnercx.config.CsvOptions;
import com.partnercx.config.Feed;
import com.partnercx.config.FeedFormat;
import com.partnercx.schema.LineageColumns;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads one landing file of a feed as delivered: every source column as a string, plus the record's
 * number in the file and, for a row that cannot be parsed, its raw text. Gzip is detected from the
 * file extension.
 */
final class FeedReader {
  /** Holds the raw text of a row the parser could not split into the file's columns. */
  static final String CORRUPT_RECORD = "_corrupt_record";

  private FeedReader() {}

  /**
   * A file read with its header.
   *
   * @param columns the source columns the file declares
   * @param rows its rows: the source columns, {@link #CORRUPT_RECORD} and the record number
   */
  record FeedFile(List<String> columns, Dataset<Row> rows) {}

  static FeedFile read(SparkSession spark, Feed feed, String uri) {
    Dataset<Row> parsed;
    List<String> columns;
    if (feed.format() == FeedFormat.CSV) {
      columns = Arrays.asList(csvReader(spark, feed.csv()).load(uri).columns());
      StructType schema = new StructType();
      for (String column : columns) {
        schema = schema.add(column, DataTypes.StringType);
      }
      schema = schema.add(CORRUPT_RECORD, DataTypes.StringType);
      parsed =
          csvReader(spark, feed.csv())
              .schema(schema)
              .option("columnNameOfCorruptRecord", CORRUPT_RECORD)
              .load(uri);
    } else {
      parsed =
          spark
              .read()
              .format("json")
              .option("primitivesAsString", "true")
              .option("encoding", feed.csv().encoding())
              .option("mode", "PERMISSIVE")
              .option("columnNameOfCorruptRecord", CORRUPT_RECORD)
              .load(uri);
      columns = Arrays.stream(parsed.columns()).filter(c -> !c.equals(CORRUPT_RECORD)).toList();
      if (!Arrays.asList(parsed.columns()).contains(CORRUPT_RECORD)) {
        parsed =
            parsed.withColumn(
                CORRUPT_RECORD, org.apache.spark.sql.functions.lit(null).cast("string"));
      }
    }
    return new FeedFile(columns, withRecordNumbers(parsed));
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
        // multiLine keeps quoted fields with embedded newlines whole, and reads a file in order.
        .option("multiLine", "true")
        .option("mode", "PERMISSIVE")
        .option("ignoreLeadingWhiteSpace", "false")
        .option("ignoreTrailingWhiteSpace", "false");
  }

  /** Adds the 1-based record number in file order (the header is not a record). */
  static Dataset<Row> withRecordNumbers(Dataset<Row> rows) {
    StructType schema = rows.schema().add(LineageColumns.SOURCE_ROW, DataTypes.LongType, false);
    JavaRDD<Row> numbered =
        rows.javaRDD()
            .zipWithIndex()
            .map(
                pair -> {
                  Row row = pair._1();
                  Object[] values = new Object[row.size() + 1];
                  for (int i = 0; i < row.size(); i++) {
                    values[i] = row.get(i);
                  }
                  values[row.size()] = pair._2() + 1;
                  return RowFactory.create(values);
                });
    return rows.sparkSession().createDataFrame(numbered, schema);
  }
}
