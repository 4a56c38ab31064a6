package com.partnercx.pipeline;

import com.partnercx.warehouse.Tables;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Appends one row per stage run to ops/runs: what ran, with which parameters, on which versions.
 */
public final class RunLog {
  static final StructType SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType, false)
          .add("stage", DataTypes.StringType, false)
          .add("params", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
          .add("config_hash", DataTypes.StringType)
          .add("started_at", DataTypes.TimestampType)
          .add("finished_at", DataTypes.TimestampType)
          .add("rows_read", DataTypes.LongType)
          .add("rows_written", DataTypes.LongType)
          .add("rows_quarantined", DataTypes.LongType)
          .add("versions_read", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
          .add(
              "versions_written",
              DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType));

  private RunLog() {}

  public static void record(RunContext ctx, Map<String, String> params, StageResult result) {
    Instant finished = Instant.now();
    Instant started = finished.minusMillis((long) (result.seconds() * 1000));
    Row row =
        RowFactory.create(
            ctx.runId(),
            result.stage(),
            params,
            ctx.config().hash(),
            Timestamp.from(started),
            Timestamp.from(finished),
            result.rowsRead(),
            result.rowsWritten(),
            result.rowsQuarantined(),
            result.versionsRead(),
            result.versionsWritten());
    ctx.warehouse()
        .append(Tables.RUNS, ctx.warehouse().spark().createDataFrame(List.of(row), SCHEMA));
  }
}
