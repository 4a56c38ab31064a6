package com.partnercx.score;

import com.partnercx.config.PcxConfig;
import com.partnercx.schema.Entity;
import com.partnercx.tables.DqResultsTable;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Which partners deliver each feed (feeds/*.yaml), as a small Dataset to join with feed-days. */
final class FeedPartners {
  static final StructType SCHEMA =
      new StructType()
          .add(DqResultsTable.FEED_ID, DataTypes.StringType, false)
          .add(Entity.PARTNER_ID, DataTypes.StringType, false);

  private FeedPartners() {}

  static Dataset<Row> of(SparkSession spark, PcxConfig config) {
    List<Row> rows =
        config.feeds().values().stream()
            .flatMap(f -> f.partners().stream().map(p -> RowFactory.create(f.id(), p)))
            .toList();
    return spark.createDataFrame(rows, SCHEMA);
  }
}
