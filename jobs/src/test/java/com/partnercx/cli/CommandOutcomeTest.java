package com.partnercx.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.partnercx.config.ConfigLoader;
import com.partnercx.config.PcxConfig;
import com.partnercx.errors.ErrorCode;
import com.partnercx.errors.PcxErrors;
import com.partnercx.errors.PcxException;
import com.partnercx.pipeline.Pipeline;
import com.partnercx.spark.SparkTestBase;
import com.partnercx.tables.RunsTable;
import com.partnercx.tables.Tables;
import java.nio.file.Path;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every stage command ends with one ops/runs row of stage "command" under its run id, saying
 * whether it succeeded, was held by the quality gate or failed, and why: what a scheduler reads
 * when the exit code does not reach it (Spark's cluster deploy mode).
 */
class CommandOutcomeTest extends SparkTestBase {
  private static final PcxConfig CONFIG =
      new ConfigLoader().load(Path.of("../data-samples/config"));

  @TempDir Path dir;

  private StageOptions options(String command) {
    StageOptions options = new StageOptions();
    options.command = CommandLine.Model.CommandSpec.create().name(command);
    return options;
  }

  private Pipeline pipeline() {
    return Pipeline.on(
        spark, CONFIG, dir.resolve("landing").toString(), dir.resolve("wh").toString(), s -> {});
  }

  private Row commandRow(String runId) {
    var rows =
        spark
            .read()
            .format("delta")
            .load(dir.resolve("wh").resolve(Tables.RUNS).toString())
            .filter(col(RunsTable.RUN_ID).equalTo(runId))
            .filter(col(RunsTable.STAGE).equalTo(RunsTable.COMMAND_STAGE))
            .collectAsList();
    assertEquals(1, rows.size(), "one command row per run");
    return rows.get(0);
  }

  @Test
  void aCommandThatDidItsWorkSucceeded() {
    Pipeline pipeline = pipeline();
    String runId = pipeline.context().runId();
    assertEquals(0, options("conform").run(pipeline, p -> StageOptions.Ending.DONE));
    Row row = commandRow(runId);
    assertEquals("succeeded", row.getAs(RunsTable.OUTCOME));
    assertNull(row.getAs(RunsTable.MESSAGE));
    assertEquals(
        "conform", row.<scala.collection.Map<String, String>>getAs("params").apply("command"));
    assertEquals("0", row.<scala.collection.Map<String, String>>getAs("params").apply("exit_code"));
  }

  @Test
  void aStageTheGateHeldBackIsHeldWithTheGatesSentences() {
    Pipeline pipeline = pipeline();
    String runId = pipeline.context().runId();
    assertEquals(
        3,
        options("gate")
            .run(pipeline, p -> StageOptions.Ending.held("feed x 2026-07-07: 3 of 10 rejected")));
    Row row = commandRow(runId);
    assertEquals("held", row.getAs(RunsTable.OUTCOME));
    assertEquals("feed x 2026-07-07: 3 of 10 rejected", row.getAs(RunsTable.MESSAGE));
  }

  @Test
  void aGateRefusalThrownByTheWorkIsHeldAndThrownOn() {
    Pipeline pipeline = pipeline();
    String runId = pipeline.context().runId();
    PcxException held =
        PcxErrors.qualityGateHeld(
            "2026-Q3",
            java.util.List.of("feed x 2026-07-07: 3 of 10 rows rejected (30.0% > 20.0%)"),
            java.time.LocalDate.of(2026, 7, 7),
            "x");
    assertEquals(ErrorCode.QUALITY_GATE_HELD, held.code());
    PcxException thrown =
        assertThrows(
            PcxException.class,
            () ->
                options("score")
                    .run(
                        pipeline,
                        p -> {
                          throw held;
                        }));
    assertSame(held, thrown);
    Row row = commandRow(runId);
    assertEquals("held", row.getAs(RunsTable.OUTCOME));
    assertEquals(held.getMessage(), row.getAs(RunsTable.MESSAGE));
    assertEquals("3", row.<scala.collection.Map<String, String>>getAs("params").apply("exit_code"));
  }

  @Test
  void anErrorIsRecordedAsFailedWithItsMessage() {
    Pipeline pipeline = pipeline();
    String runId = pipeline.context().runId();
    assertThrows(
        IllegalStateException.class,
        () ->
            options("ingest")
                .run(
                    pipeline,
                    p -> {
                      throw new IllegalStateException("disk full");
                    }));
    Row row = commandRow(runId);
    assertEquals("failed", row.getAs(RunsTable.OUTCOME));
    assertEquals("java.lang.IllegalStateException: disk full", row.getAs(RunsTable.MESSAGE));
    assertEquals("1", row.<scala.collection.Map<String, String>>getAs("params").apply("exit_code"));
  }

  @Test
  void aRunIdWithSpacesIsAUsageErrorBeforeSparkStarts() {
    StageOptions options = options("gate");
    new CommandLine(options.command);
    options.runId = "two words";
    CommandLine.ParameterException e =
        assertThrows(CommandLine.ParameterException.class, () -> options.open(CONFIG));
    assertEquals(
        "--run-id 'two words' is not usable: 1 to 200 visible characters, no spaces, quotes or"
            + " backslashes",
        e.getMessage());
  }
}
