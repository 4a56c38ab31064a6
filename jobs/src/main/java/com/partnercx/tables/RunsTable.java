package com.partnercx.tables;

import com.partnercx.warehouse.Warehouse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code ops/runs}: one row per stage run, with what ran, its parameters and the versions, and one
 * row per command (stage {@value #COMMAND_STAGE}) with the command's outcome: what a scheduler
 * reads when it cannot see the exit code (Spark's cluster deploy mode).
 */
public final class RunsTable {
  private RunsTable() {}

  /** The run the stage belonged to. */
  public static final String RUN_ID = "run_id";

  /** The stage: ingest, conform, dq, score-daily, score, report, ... */
  public static final String STAGE = "stage";

  /** The stage's parameters (date, dates, period, feeds, ...). */
  public static final String PARAMS = "params";

  /** SHA-256 of the configuration the run used. */
  public static final String CONFIG_HASH = "config_hash";

  /** When the stage started. */
  public static final String STARTED_AT = "started_at";

  /** When the stage finished. */
  public static final String FINISHED_AT = "finished_at";

  /** Rows the stage read. */
  public static final String ROWS_READ = "rows_read";

  /** Rows the stage wrote. */
  public static final String ROWS_WRITTEN = "rows_written";

  /** Rows the stage set aside in ops/quarantine. */
  public static final String ROWS_QUARANTINED = "rows_quarantined";

  /** Delta versions of the tables the stage read. */
  public static final String VERSIONS_READ = "versions_read";

  /** Delta versions the stage wrote. */
  public static final String VERSIONS_WRITTEN = "versions_written";

  /** succeeded, held (the quality gate held the stage back) or failed: see {@link Outcome}. */
  public static final String OUTCOME = "outcome";

  /** Why a command was held or failed, in one paragraph; null when it succeeded. */
  public static final String MESSAGE = "message";

  /** The stage of the row that closes a command with its outcome. */
  public static final String COMMAND_STAGE = "command";

  /** How a stage or a command ended. */
  public enum Outcome {
    /** It did its work; for a command, exit code 0. */
    SUCCEEDED,
    /** The quality gate held it back; exit code 3. */
    HELD,
    /** It stopped with an error; exit code 1 (or 2 for arguments it could not use). */
    FAILED;

    /** The value stored in {@link #OUTCOME}. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static final StructType SCHEMA =
      new StructType()
          .add(RUN_ID, DataTypes.StringType, false)
          .add(STAGE, DataTypes.StringType, false)
          .add(PARAMS, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
          .add(CONFIG_HASH, DataTypes.StringType)
          .add(STARTED_AT, DataTypes.TimestampType)
          .add(FINISHED_AT, DataTypes.TimestampType)
          .add(ROWS_READ, DataTypes.LongType)
          .add(ROWS_WRITTEN, DataTypes.LongType)
          .add(ROWS_QUARANTINED, DataTypes.LongType)
          .add(VERSIONS_READ, DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
          .add(VERSIONS_WRITTEN, DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
          .add(OUTCOME, DataTypes.StringType)
          .add(MESSAGE, DataTypes.StringType);

  /**
   * One row of ops/runs.
   *
   * @param runId the run
   * @param stage the stage
   * @param params its parameters
   * @param configHash the configuration hash
   * @param startedAt when it started
   * @param finishedAt when it finished
   * @param rowsRead rows read
   * @param rowsWritten rows written
   * @param rowsQuarantined rows quarantined
   * @param versionsRead versions of the tables read
   * @param versionsWritten versions written
   * @param outcome how it ended
   * @param message why it was held or failed, or null
   */
  public record Entry(
      String runId,
      String stage,
      Map<String, String> params,
      String configHash,
      Instant startedAt,
      Instant finishedAt,
      long rowsRead,
      long rowsWritten,
      long rowsQuarantined,
      Map<String, Long> versionsRead,
      Map<String, Long> versionsWritten,
      Outcome outcome,
      String message) {

    Row toRow() {
      return RowFactory.create(
          runId,
          stage,
          params,
          configHash,
          Timestamp.from(startedAt),
          Timestamp.from(finishedAt),
          rowsRead,
          rowsWritten,
          rowsQuarantined,
          versionsRead,
          versionsWritten,
          outcome.id(),
          message);
    }
  }

  /** Appends one entry. */
  public static void append(Warehouse warehouse, Entry entry) {
    warehouse.append(
        Tables.RUNS, warehouse.spark().createDataFrame(List.of(entry.toRow()), SCHEMA));
  }
}
