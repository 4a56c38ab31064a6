package com.partnercx.cli.airflow;

import com.partnercx.airflow.AirflowClient;
import com.partnercx.airflow.AirflowException;
import com.partnercx.airflow.Backfill;
import com.partnercx.airflow.BackfillRequest;
import com.partnercx.airflow.DagInfo;
import com.partnercx.airflow.DagRun;
import com.partnercx.airflow.DagRunState;
import com.partnercx.airflow.Health;
import com.partnercx.airflow.ImportError;
import com.partnercx.airflow.RunFilter;
import com.partnercx.airflow.TaskInstance;
import com.partnercx.airflow.TaskState;
import com.partnercx.airflow.TriggerRequest;
import com.partnercx.errors.PcxErrors;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pcx airflow ...}: trigger, watch and repair the DAGs on an Airflow server through the REST
 * API (airflow-client).
 */
@Command(
    name = "airflow",
    mixinStandardHelpOptions = true,
    description = "Drive the partner-cx DAGs on an Airflow server through its REST API.",
    subcommands = {
      AirflowCommand.HealthCommand.class,
      AirflowCommand.TriggerCommand.class,
      AirflowCommand.WaitCommand.class,
      AirflowCommand.StatusCommand.class,
      AirflowCommand.FailuresCommand.class,
      AirflowCommand.LogsCommand.class,
      AirflowCommand.BackfillCommand.class,
      AirflowCommand.PauseCommand.class,
      AirflowCommand.UnpauseCommand.class,
      AirflowCommand.ImportErrorsCommand.class
    },
    footer = {
      "",
      "Credentials: $PCX_AIRFLOW_USERNAME and $PCX_AIRFLOW_PASSWORD, or --credentials-file FILE.",
      "Exit codes: 0 done, 1 failed (a run failed, or Airflow answered an error), 2 usage error."
    })
public final class AirflowCommand implements Runnable {
  static final String DEFAULT_DAG = "partner_cx_nightly";

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand: health, trigger, wait, status, failures, ...");
  }

  /** Runs a call, turning the client's errors into the CLI's (exit 1, the client's message). */
  static <T> T call(Callable<T> action) {
    try {
      return action.call();
    } catch (AirflowException e) {
      throw PcxErrors.airflowFailed(e.getMessage(), e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String line(DagRun run) {
    return String.format(
        Locale.ROOT,
        "%s %s  %-8s  logical %s  started %s  ended %s",
        run.dagId(),
        run.runId(),
        run.state().name().toLowerCase(Locale.ROOT),
        run.logicalDate(),
        run.startDate(),
        run.endDate());
  }

  static String line(TaskInstance t) {
    return String.format(
        Locale.ROOT,
        "  %-40s %-16s try %d/%d  %s",
        t.taskId() + (t.mapIndex() >= 0 ? "[" + t.mapIndex() + "]" : ""),
        t.state().name().toLowerCase(Locale.ROOT),
        t.tryNumber(),
        t.maxTries(),
        t.durationSeconds() == null
            ? ""
            : String.format(Locale.ROOT, "%.0f s", t.durationSeconds()));
  }

  /**
   * Waits for a run, printing each task's state as it changes; returns the exit code (0 success, 1
   * failed) after listing the failed tasks with the tail of their logs.
   */
  static int waitAndReport(
      AirflowClient airflow, String dag, String runId, WaitOptions wait, PrintStream out) {
    Map<String, TaskState> seen = new HashMap<>();
    DagRun done =
        call(
            () ->
                airflow.waitForRun(
                    dag,
                    runId,
                    wait.timeout(),
                    run -> {
                      for (TaskInstance t : airflow.listTaskInstances(dag, runId)) {
                        String key = t.taskId() + "#" + t.mapIndex();
                        if (seen.put(key, t.state()) != t.state()) {
                          out.println(line(t));
                        }
                      }
                    }));
    out.println(line(done));
    if (done.state() == DagRunState.SUCCESS) {
      return 0;
    }
    printFailures(airflow, dag, runId, wait.logLines, out);
    return 1;
  }

  static void printFailures(
      AirflowClient airflow, String dag, String runId, int logLines, PrintStream out) {
    List<TaskInstance> failed =
        call(() -> airflow.listTaskInstances(dag, runId)).stream()
            .filter(t -> t.state().isFailure())
            .toList();
    if (failed.isEmpty()) {
      out.println("no failed tasks in " + runId);
      return;
    }
    for (TaskInstance t : failed) {
      out.println(line(t));
      int attempt = Math.max(1, t.tryNumber());
      String tail = call(() -> airflow.getTaskLog(dag, runId, t.taskId(), attempt).tail(logLines));
      tail.lines().forEach(l -> out.println("    | " + l));
    }
  }

  @Command(
      name = "health",
      mixinStandardHelpOptions = true,
      description = "Airflow's version and the health of its components.")
  static final class HealthCommand implements Callable<Integer> {
    @Mixin AirflowOptions options;

    @Override
    public Integer call() {
      AirflowClient airflow = options.client();
      Health health = AirflowCommand.call(airflow::health);
      System.out.printf(
          "Airflow %s (%s)%n",
          AirflowCommand.call(airflow::version).version(),
          AirflowCommand.call(airflow::apiVersion));
      health
          .components()
          .forEach(
              (name, c) ->
                  System.out.printf(
                      "  %-16s %-10s last heartbeat %s%n", name, c.status(), c.latestHeartbeat()));
      return health.isHealthy() ? 0 : 1;
    }
  }

  @Command(
      name = "trigger",
      mixinStandardHelpOptions = true,
      description = "Triggers a DAG run for a date; --wait follows it to the end.")
  static final class TriggerCommand implements Callable<Integer> {
    @Mixin AirflowOptions options;

    @Mixin DagOption dagOption;

    @Option(
        names = "--date",
        paramLabel = "yyyy-mm-dd",
        description = "Logical date (midnight UTC); default: none, Airflow uses now")
    LocalDate date;

    @Option(
        names = "--run-id",
        paramLabel = "ID",
        description = "Explicit run id; default: Airflow's")
    String runId;

    @Option(
        names = "--conf",
        paramLabel = "KEY=VALUE",
        description = "DAG run conf entry; repeatable")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = "--note", paramLabel = "TEXT", description = "Note shown on the run in Airflow")
    String note;

    @Option(names = "--wait", description = "Wait for the run, showing each task's progress")
    boolean waitForIt;

    @Mixin WaitOptions wait;

    @Override
    public Integer call() {
      AirflowClient airflow = options.client();
      TriggerRequest request = TriggerRequest.of(dagOption.dag);
      if (date != null) {
        request = request.withLogicalDate(date.atStartOfDay().toInstant(ZoneOffset.UTC));
      }
      if (runId != null) {
        request = request.withRunId(runId);
      }
      if (!conf.isEmpty()) {
        request = request.withConf(conf);
      }
      if (note != null) {
        request = request.withNote(note);
      }
      TriggerRequest finalRequest = request;
      DagRun run = AirflowCommand.call(() -> airflow.trigger(finalRequest));
      System.out.println("triggered " + line(run));
      if (!waitForIt) {
        return 0;
      }
      return waitAndReport(airflow, dagOption.dag, run.runId(), wait, System.out);
    }
  }

  @Command(
      name = "wait",
      mixinStandardHelpOptions = true,
      description =
          "Waits for a run to finish, showing each task's progress; exits 1 if it failed.")
  static final class WaitCommand implements Callable<Integer> {
    @Mixin AirflowOptions options;

    @Mixin DagOption dagOption;

    @Option(
        names = "--run",
        required = true,
        paramLabel = "RUN_ID",
        description = "The run to wait for")
    String runId;

    @Mixin WaitOptions wait;

    @Override
    public Integer call() {
      return waitAndReport(options.client(), dagOption.dag, runId, wait, System.out);
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "The latest runs of a DAG, or the tasks of one run.")
  static final class StatusCommand implements Callable<Integer> {
    @Mixin AirflowOptions options;

    @Mixin DagOption dagOption;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "Show this run's tasks")
    String runId;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "10",
        description = "Runs shown (default: ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
      AirflowClient airflow = options.client();
      if (runId != null) {
        System.out.println(line(AirflowCommand.call(() -> airflow.getRun(dagOption.dag, runId))));
        AirflowCommand.call(() -> airflow.listTaskInstances(dagOption.dag, runId))
            .forEach(t -> System.out.println(line(t)));
        return 0;
      }
      DagInfo info = AirflowCommand.call(() -> airflow.getDag(dagOption.dag));
      System.out.printf(
          "%s%s, next logical date %s%n",
          info.dagId(), info.paused() ? " (paused)" : "", info.nextLogicalDate());
      AirflowCommand.call(
              () ->
                  airflow.listRuns(dagOption.dag, RunFilter.all().sortedNewestFirst().limit(limit)))
          .forEach(r -> System.out.println(line(r)));
      return 0;
    }
  }

  @Command(
      name = "failures",
      mixinStandardHelpOptions = true,
      description = "The failed tasks of a run, each with the tail of its log.")
  static final class FailuresCommand implements Callable<Integer> {
    @Mixin AirflowOptions options;

    @Mixin DagOption dagOption;

    @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "The run")
    String runId;

    @Option(
        names = "--log-lines",
        paramLabel = "N",
        defaultValue = "20",
        description = "Log lines shown per failed task (default: ${DEFAULT-VALUE})")
    int logLines;

    @Override
    public Integer call() {
      printFailures(options.client(), dagOption.dag, runId, logLines, System.out);
      return 0;
    }
  }

  @Command(
      name = "logs",
      mixinStandardHelpOptions = true,
      description = "A task's log for one try.")
  static final class LogsCommand implements Callable<Integer> {
    @Mixin AirflowOptions options;

    @Mixin DagOption dagOption;

    @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "The run")
    String runId;

    @Option(names = "--task", required = true, paramLabel = "TASK_ID", description = "The task")
    String taskId;

    @Option(
        names = "--try",
        paramLabel = "N",
        defaultValue = "1",
        description = "Default: ${DEFAULT-VALUE}")
    int attempt;

    @Option(names = "--tail", paramLabel = "N", description = "Only the last N lines")
    Integer tail;

    @Override
    public Integer call() {
      AirflowClient airflow = options.client();
      var log =
          AirflowCommand.call(() -> airflow.getTaskLog(dagOption.dag, runId, taskId, attempt));
      System.out.println(tail == null ? log.text() : log.tail(tail));
      return 0;
    }
  }

  @Command(
      name = "backfill",
      mixinStandardHelpOptions = true,
      description =
          "Runs a DAG for every date of a range (Airflow 3's backfill; one run per date on Airflow 2).")
  static final class BackfillCommand implements Callable<Integer> {
    @Mixin AirflowOptions options;

    @Mixin DagOption dagOption;

    @Option(
        names = "--from",
        required = true,
        paramLabel = "yyyy-mm-dd",
        description = "First date")
    LocalDate from;

    @Option(
        names = "--to",
        required = true,
        paramLabel = "yyyy-mm-dd",
        description = "Last date (inclusive)")
    LocalDate to;

    @Option(
        names = "--max-active-runs",
        paramLabel = "N",
        defaultValue = "1",
        description = "Runs at once (default: ${DEFAULT-VALUE})")
    int maxActiveRuns;

    @Override
    public Integer call() {
      if (from.isAfter(to)) {
        throw new picocli.CommandLine.ParameterException(
            new picocli.CommandLine(this), "--from " + from + " is after --to " + to);
      }
      AirflowClient airflow = options.client();
      Backfill backfill =
          AirflowCommand.call(
              () ->
                  airflow.backfill(
                      BackfillRequest.of(dagOption.dag, from, to)
                          .withMaxActiveRuns(maxActiveRuns)));
      System.out.printf(
          "backfill %s of %s from %s to %s%s%n",
          backfill.id() == null ? "(one run per date)" : "#" + backfill.id(),
          dagOption.dag,
          from,
          to,
          backfill.triggeredRunIds().isEmpty() ? "" : ": " + backfill.triggeredRunIds());
      return 0;
    }
  }

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = "Pauses a DAG: no new scheduled runs.")
  static final class PauseCommand implements Callable<Integer> {
    @Mixin AirflowOptions options;

    @Mixin DagOption dagOption;

    @Override
    public Integer call() {
      DagInfo info = AirflowCommand.call(() -> options.client().pause(dagOption.dag));
      System.out.println(info.dagId() + (info.paused() ? " paused" : " is still running"));
      return info.paused() ? 0 : 1;
    }
  }

  @Command(name = "unpause", mixinStandardHelpOptions = true, description = "Unpauses a DAG.")
  static final class UnpauseCommand implements Callable<Integer> {
    @Mixin AirflowOptions options;

    @Mixin DagOption dagOption;

    @Override
    public Integer call() {
      DagInfo info = AirflowCommand.call(() -> options.client().unpause(dagOption.dag));
      System.out.println(info.dagId() + (info.paused() ? " is still paused" : " unpaused"));
      return info.paused() ? 1 : 0;
    }
  }

  @Command(
      name = "import-errors",
      mixinStandardHelpOptions = true,
      description = "DAG files Airflow could not import, with the error.")
  static final class ImportErrorsCommand implements Callable<Integer> {
    @Mixin AirflowOptions options;

    @Override
    public Integer call() {
      List<ImportError> errors = AirflowCommand.call(() -> options.client().listImportErrors());
      if (errors.isEmpty()) {
        System.out.println("no import errors");
        return 0;
      }
      for (ImportError e : errors) {
        System.out.printf("%s (%s)%n", e.filename(), e.timestamp());
        e.stackTrace().lines().forEach(l -> System.out.println("    " + l));
      }
      return 1;
    }
  }
}
