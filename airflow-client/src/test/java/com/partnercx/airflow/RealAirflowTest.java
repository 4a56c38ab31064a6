package com.partnercx.airflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The client against a real Airflow 3, the one airflow-dags/scripts/start.sh runs on 127.0.0.1 with
 * the test DAGs of airflow-dags/client_test_dags. `./pcx test` starts it and sets
 * PCX_AIRFLOW_IT=required, so there these tests cannot be skipped; a plain `mvn test` without a
 * running Airflow skips them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealAirflowTest {
  private static final String OK = "pcx_client_ok";
  private static final String FAIL = "pcx_client_fail";
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

  private static AirflowClient airflow;

  @BeforeAll
  static void connect() {
    String url = System.getenv("PCX_AIRFLOW_URL");
    boolean required = "required".equals(System.getenv("PCX_AIRFLOW_IT"));
    if (required) {
      assertNotNull(url, "PCX_AIRFLOW_IT=required but PCX_AIRFLOW_URL is not set");
    }
    assumeTrue(url != null, "no PCX_AIRFLOW_URL: start airflow-dags/scripts/start.sh to run these");
    airflow =
        AirflowClient.builder(url)
            .credentials(
                new Credentials(
                    System.getenv("PCX_AIRFLOW_USERNAME"), System.getenv("PCX_AIRFLOW_PASSWORD")))
            .pollInterval(Duration.ofSeconds(1), Duration.ofSeconds(3))
            .build();
    if (!required) {
      try {
        airflow.health();
      } catch (AirflowException.Unreachable e) {
        assumeTrue(false, "Airflow at " + url + " is not running");
      }
    }
  }

  @Test
  @Order(1)
  void speaksAirflow3AndSeesTheDags() {
    assertEquals(ApiVersion.V2, airflow.apiVersion());
    assertTrue(airflow.version().version().startsWith("3."), airflow.version().toString());
    assertTrue(airflow.health().isHealthy());
    List<String> dags = airflow.listDags().stream().map(DagInfo::dagId).toList();
    assertTrue(dags.containsAll(List.of(OK, FAIL, "partner_cx_nightly")), dags.toString());
  }

  @Test
  @Order(2)
  void pauseAndUnpause() {
    assertTrue(airflow.pause(OK).paused());
    assertTrue(airflow.getDag(OK).paused());
    assertFalse(airflow.unpause(OK).paused());
    assertFalse(airflow.unpause(FAIL).paused());
  }

  @Test
  @Order(3)
  void triggersWaitsListsTasksAndReadsALog() {
    String runId = "it-ok-" + UUID.randomUUID();
    // Airflow keeps one run per logical date: a fresh instant keeps the test repeatable.
    Instant logical = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    DagRun run =
        airflow.trigger(
            TriggerRequest.of(OK)
                .withRunId(runId)
                .withLogicalDate(logical)
                .withConf(Map.of("source", "client test"))
                .withNote("client integration test"));
    assertEquals(runId, run.runId());
    assertEquals(logical, run.logicalDate());
    List<DagRunState> progress = new ArrayList<>();
    DagRun done = airflow.waitForRun(OK, runId, RUN_TIMEOUT, r -> progress.add(r.state()));
    assertEquals(DagRunState.SUCCESS, done.state());
    assertFalse(progress.isEmpty(), "progress was reported while waiting");
    List<TaskInstance> tasks = airflow.listTaskInstances(OK, runId);
    assertEquals(
        List.of("check", "say_hello"), tasks.stream().map(TaskInstance::taskId).sorted().toList());
    tasks.forEach(t -> assertEquals(TaskState.SUCCESS, t.state(), t.taskId()));
    TaskLog log = airflow.getTaskLog(OK, runId, "say_hello", 1);
    String ds = logical.atZone(ZoneOffset.UTC).toLocalDate().toString();
    assertTrue(log.text().contains("hello from pcx_client_ok for " + ds), log.text());

    AirflowException.Conflict duplicate =
        assertThrows(
            AirflowException.Conflict.class,
            () -> airflow.trigger(TriggerRequest.of(OK).withRunId(runId)));
    assertTrue(duplicate.getMessage().contains(runId), duplicate.getMessage());
  }

  @Test
  @Order(4)
  void aFailingRunIsReportedWithItsFailedTaskAndLog() {
    String runId = "it-fail-" + UUID.randomUUID();
    airflow.trigger(TriggerRequest.of(FAIL).withRunId(runId));
    DagRun done = airflow.waitForRun(FAIL, runId, RUN_TIMEOUT);
    assertEquals(DagRunState.FAILED, done.state());
    List<TaskInstance> failed =
        airflow.listTaskInstances(FAIL, runId).stream().filter(t -> t.state().isFailure()).toList();
    assertEquals(1, failed.size());
    assertEquals("fail_on_purpose", failed.get(0).taskId());
    String tail = airflow.getTaskLog(FAIL, runId, "fail_on_purpose", 1).tail(40);
    assertTrue(tail.contains("deliberate failure for the client test"), tail);
  }

  @Test
  @Order(5)
  void reportsTheBrokenDagFile() {
    List<ImportError> errors = airflow.listImportErrors();
    assertTrue(
        errors.stream().anyMatch(e -> e.filename().endsWith("pcx_client_broken.py")),
        errors.toString());
    assertTrue(
        errors.stream().noneMatch(e -> e.filename().contains("partner_cx_")),
        "the project's own DAGs import cleanly: " + errors);
  }

  @Test
  @Order(6)
  void backfillsThreeDates() {
    LocalDate from = LocalDate.of(2026, 1, 5);
    LocalDate to = from.plusDays(2);
    Backfill backfill = airflow.backfill(BackfillRequest.of(OK, from, to).withMaxActiveRuns(3));
    assertNotNull(backfill.id());
    assertEquals(OK, backfill.dagId());
    Instant start = from.atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant end = to.atStartOfDay().toInstant(ZoneOffset.UTC);
    List<DagRun> runs = List.of();
    long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      runs = airflow.listRuns(OK, RunFilter.all().withLogicalDateBetween(start, end));
      if (runs.size() == 3 && runs.stream().allMatch(r -> r.state() == DagRunState.SUCCESS)) {
        break;
      }
      sleep();
    }
    assertEquals(
        List.of(start, start.plus(Duration.ofDays(1)), end),
        runs.stream().map(DagRun::logicalDate).sorted().toList());
    runs.forEach(r -> assertEquals(DagRunState.SUCCESS, r.state(), r.runId()));
  }

  private static void sleep() {
    try {
      Thread.sleep(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
