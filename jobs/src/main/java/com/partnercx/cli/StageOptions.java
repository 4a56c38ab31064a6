package com.partnercx.cli;

import com.partnercx.config.ConfigLoader;
import com.partnercx.config.Partner;
import com.partnercx.config.PcxConfig;
import com.partnercx.errors.ErrorCode;
import com.partnercx.errors.PcxErrors;
import com.partnercx.errors.PcxException;
import com.partnercx.pipeline.Pipeline;
import com.partnercx.tables.RunsTable;
import com.partnercx.warehouse.WarehouseLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options every stage command takes: configuration, landing zone, warehouse and Spark. */
final class StageOptions {
  /** A run id a caller may choose: no spaces or control characters, at most 200 of them. */
  private static final java.util.regex.Pattern RUN_ID =
      java.util.regex.Pattern.compile("[\\p{Graph}&&[^'\"\\\\]]{1,200}");

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec command;

  @Option(
      names = "--config",
      paramLabel = "DIR",
      description =
          "Configuration folder (programs.yaml, partners.csv, feeds/). Default: data-samples/config")
  Path config;

  @Option(
      names = "--landing",
      paramLabel = "URI",
      description = "Landing zone: <feed_id>/<yyyy-mm-dd>/<files>. Default: data-samples/landing")
  String landing;

  @Option(
      names = "--warehouse",
      paramLabel = "URI",
      description =
          "Warehouse root holding every table (folder, s3a://, abfss://, hdfs://). Default: out/warehouse")
  String warehouse;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master. Default: spark.master if set, else local[*]")
  String master;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description = "Extra Spark setting; repeatable")
  Map<String, String> sparkConf = new LinkedHashMap<>();

  @Option(
      names = "--run-id",
      paramLabel = "ID",
      description =
          "Id under which the run's rows are recorded in ops/runs (e.g. a scheduler's task id)."
              + " The command's outcome is the row of stage 'command' with this id. Default:"
              + " run-<UTC time>-<random>")
  String runId;

  /** How a command's work ended: its exit code and, unless it succeeded, why. */
  record Ending(int exitCode, String message) {
    static final Ending DONE = new Ending(0, null);

    static Ending held(String why) {
      return new Ending(ErrorCode.QUALITY_GATE_HELD.exitCode(), why);
    }
  }

  /** The work of a command on an open pipeline. */
  @FunctionalInterface
  interface Work {
    Ending on(Pipeline pipeline);
  }

  /**
   * Runs the work on the pipeline while holding the warehouse (one writing run at a time), records
   * the command's outcome (succeeded, held or failed, and why) in ops/runs under the run id, closes
   * the pipeline and returns the exit code. An error the work throws is recorded as failed, or held
   * for the quality gate, and thrown on.
   */
  int run(Pipeline pipeline, Work work) {
    try (pipeline) {
      Ending ending;
      try (WarehouseLock lock = pipeline.lock(commandName())) {
        ending = work.on(pipeline);
      } catch (PcxException e) {
        recordEnding(pipeline, new Ending(e.code().exitCode(), e.getMessage()), e);
        throw e;
      } catch (RuntimeException | Error e) {
        recordEnding(pipeline, new Ending(ErrorCode.STAGE_FAILED.exitCode(), e.toString()), e);
        throw e;
      }
      recordEnding(pipeline, ending, null);
      return ending.exitCode();
    }
  }

  /** The command's name below {@code pcx}: "score", or "appeal file" for a subcommand. */
  private String commandName() {
    StringBuilder name = new StringBuilder(command.name());
    for (CommandLine.Model.CommandSpec up = command.parent();
        up != null && up.parent() != null;
        up = up.parent()) {
      name.insert(0, up.name() + " ");
    }
    return name.toString();
  }

  private void recordEnding(Pipeline pipeline, Ending ending, Throwable failure) {
    RunsTable.Outcome outcome =
        ending.exitCode() == 0
            ? RunsTable.Outcome.SUCCEEDED
            : ending.exitCode() == ErrorCode.QUALITY_GATE_HELD.exitCode()
                ? RunsTable.Outcome.HELD
                : RunsTable.Outcome.FAILED;
    try {
      pipeline.recordCommand(commandName(), ending.exitCode(), outcome, ending.message());
    } catch (RuntimeException e) {
      // The warehouse may be what failed: the work's own error is the one to report.
      if (failure == null) {
        throw e;
      }
      failure.addSuppressed(e);
    }
  }

  /** A usage error unless every feed is configured. */
  static void requireFeeds(PcxConfig config, java.util.Collection<String> feeds, CommandLine cli) {
    for (String feed : feeds) {
      if (!config.feeds().containsKey(feed)) {
        throw new CommandLine.ParameterException(
            cli, "--feed " + feed + " is not a configured feed; known: " + config.feeds().keySet());
      }
    }
  }

  /** A usage error unless the partner is in partners.csv: checked before Spark starts. */
  static void requirePartner(PcxConfig config, String partnerId, CommandLine cli) {
    if (partnerId != null && config.latestPartner(partnerId).isEmpty()) {
      List<String> known =
          config.partners().stream().map(Partner::partnerId).distinct().sorted().toList();
      throw new CommandLine.ParameterException(
          cli,
          "--partner "
              + partnerId
              + " is not in partners.csv; known: "
              + (known.size() > 10
                  ? String.join(", ", known.subList(0, 10)) + ", ... (" + known.size() + ")"
                  : String.join(", ", known)));
    }
  }

  /**
   * Opens the pipeline on a warehouse that must exist already, for commands that read what earlier
   * stages wrote: a local folder that is not there is reported before Spark starts and is not
   * created.
   */
  Pipeline openExisting(PcxConfig loaded) {
    String root = warehouse == null ? Defaults.warehouse() : warehouse;
    java.net.URI uri = java.net.URI.create(root.replace(" ", "%20"));
    boolean local = uri.getScheme() == null || uri.getScheme().equals("file");
    if (local && !Files.isDirectory(local(root, uri))) {
      throw PcxErrors.warehouseMissing(root);
    }
    return open(loaded);
  }

  private static Path local(String root, java.net.URI uri) {
    return uri.getScheme() == null ? Path.of(root) : Path.of(uri);
  }

  PcxConfig loadConfig() {
    return new ConfigLoader().load(config == null ? Defaults.config() : config);
  }

  Pipeline open(PcxConfig loaded) {
    if (runId != null && !RUN_ID.matcher(runId).matches()) {
      throw new CommandLine.ParameterException(
          command.commandLine(),
          "--run-id '"
              + runId
              + "' is not usable: 1 to 200 visible characters, no spaces, quotes or backslashes");
    }
    return Pipeline.open(
        loaded,
        landing == null ? Defaults.landing() : landing,
        warehouse == null ? Defaults.warehouse() : warehouse,
        master,
        sparkConf,
        runId,
        line -> System.out.println(line));
  }
}
