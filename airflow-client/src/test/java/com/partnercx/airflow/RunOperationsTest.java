package com.partnercx.airflow;

import static com.partnercx.airflow.TestSupport.CREDENTIALS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnercx.airflow.FakeAirflow.Request;
import com.partnercx.airflow.FakeAirflow.Response;
import com.partnercx.airflow.TestSupport.ManualClock;
import com.partnercx.airflow.TestSupport.RecordingSleeper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operations against Airflow 3's /api/v2, checked by what the server receives. */
class RunOperationsTest {

  private FakeAirflow airflow;
  private AirflowClient client;
  private final ManualClock clock = new ManualClock();
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);

  @BeforeEach
  void start() throws Exception {
    airflow = FakeAirflow.airflow3();
    client =
        AirflowClient.builder(airflow.baseUrl() + "/")
            .credentials(CREDENTIALS)
            .clock(clock)
            .sleeper(sleeper)
            .build();
  }

  @AfterEach
  void stop() {
    airflow.close();
  }

  private static String run(String runId, String state) {
    return "{\"dag_id\":\"nightly\",\"dag_run_id\":\""
        + runId
        + "\",\"state\":\""
        + state
        + "\",\"run_type\":\"manual\",\"logical_date\":\"2024-05-01T00:00:00+00:00\","
        + "\"run_after\":\"2024-05-01T00:00:00Z\",\"conf\":{},\"note\":null}";
  }

  @Test
  void detectsAirflow3OnceAndNeedsNoLoginForHealth() {
    airflow.on(
        "GET",
        "/api/v2/monitor/health",
        Response.ok(
            "{\"metadatabase\":{\"status\":\"healthy\"},"
                + "\"scheduler\":{\"status\":\"healthy\",\"latest_scheduler_heartbeat\":\"2024-05-01T00:00:01.5+00:00\"},"
                + "\"triggerer\":{\"status\":null,\"latest_triggerer_heartbeat\":null},"
                + "\"dag_processor\":{\"status\":\"healthy\",\"latest_dag_processor_heartbeat\":\"2024-05-01T00:00:02+00:00\"}}"));

    assertEquals(ApiVersion.V2, client.apiVersion());
    Health health = client.health();
    VersionInfo version = client.version();

    assertTrue(health.isHealthy());
    assertFalse(health.isHealthy("triggerer"));
    assertEquals(
        Instant.parse("2024-05-01T00:00:01.5Z"),
        health.components().get("scheduler").latestHeartbeat());
    assertEquals("3.3.2", version.version());
    assertEquals(ApiVersion.V2, version.apiVersion());
    assertEquals(
        2, airflow.requests("GET", "/api/v2/version").size(), "detection once, version once");
    assertTrue(airflow.requests("POST", "/auth/token").isEmpty());
  }

  @Test
  void triggerSendsRunIdLogicalDateConfAndNote() {
    airflow.on(
        "POST", "/api/v2/dags/nightly/dagRuns", Response.ok(run("nightly__2024-05-01", "queued")));

    DagRun run =
        client.trigger(
            TriggerRequest.of("nightly")
                .withRunId("nightly__2024-05-01")
                .withLogicalDate(Instant.parse("2024-05-01T00:00:00Z"))
                .withConf(Map.of("date", LocalDate.of(2024, 5, 1), "partners", List.of("p1", "p2")))
                .withNote("re-run after late feed"));

    JsonNode body = airflow.requests("POST", "/api/v2/dags/nightly/dagRuns").get(0).json();
    assertEquals("nightly__2024-05-01", body.get("dag_run_id").asText());
    assertEquals("2024-05-01T00:00:00Z", body.get("logical_date").asText());
    assertEquals("2024-05-01", body.get("conf").get("date").asText());
    assertEquals("p2", body.get("conf").get("partners").get(1).asText());
    assertEquals("re-run after late feed", body.get("note").asText());
    assertFalse(body.has("execution_date"));
    assertFalse(body.has("run_after"));
    assertEquals(DagRunState.QUEUED, run.state());
    assertEquals("nightly__2024-05-01", run.runId());
    assertEquals(Instant.parse("2024-05-01T00:00:00Z"), run.logicalDate());
  }

  @Test
  void triggerWithoutLogicalDateSendsAnExplicitNull() {
    airflow.on("POST", "/api/v2/dags/nightly/dagRuns", Response.ok(run("manual__x", "queued")));

    client.trigger(
        TriggerRequest.of("nightly").withRunAfter(Instant.parse("2024-05-02T06:00:00Z")));

    JsonNode body = airflow.requests("POST", "/api/v2/dags/nightly/dagRuns").get(0).json();
    assertTrue(body.has("logical_date") && body.get("logical_date").isNull(), body.toString());
    assertEquals("2024-05-02T06:00:00Z", body.get("run_after").asText());
    assertFalse(body.has("dag_run_id"));
    assertFalse(body.has("note"));
  }

  @Test
  void runIdsAreEncodedAsOnePathSegment() {
    String runId = "manual__2024-05-01T00:00:00+00:00";
    airflow.on("GET", "/api/v2/dags/nightly/dagRuns/" + runId, Response.ok(run(runId, "success")));

    DagRun run = client.getRun("nightly", runId);

    assertEquals(runId, run.runId());
    assertEquals(
        "/api/v2/dags/nightly/dagRuns/manual__2024-05-01T00%3A00%3A00%2B00%3A00",
        airflow.requests().get(airflow.requests().size() - 1).rawPath());
  }

  @Test
  void listRunsReadsEveryPageWithTheFilters() {
    List<String> all = IntStream.range(0, 237).mapToObj(i -> "run-" + i).toList();
    airflow.on(
        "GET",
        "/api/v2/dags/nightly/dagRuns",
        request -> {
          int offset = Integer.parseInt(request.param("offset"));
          int limit = Integer.parseInt(request.param("limit"));
          String page =
              all.subList(offset, Math.min(all.size(), offset + limit)).stream()
                  .map(id -> run(id, "failed"))
                  .collect(Collectors.joining(","));
          return Response.ok(
              "{\"dag_runs\":[" + page + "],\"total_entries\":237,\"total_entries_limit\":null}");
        });

    List<DagRun> runs =
        client.listRuns(
            "nightly",
            RunFilter.all()
                .withStates(DagRunState.SUCCESS, DagRunState.FAILED)
                .withLogicalDateBetween(
                    Instant.parse("2024-04-01T00:00:00Z"), Instant.parse("2024-04-30T00:00:00Z")));

    assertEquals(all, runs.stream().map(DagRun::runId).toList());
    List<Request> pages = airflow.requests("GET", "/api/v2/dags/nightly/dagRuns");
    assertEquals(List.of("0", "100", "200"), pages.stream().map(r -> r.param("offset")).toList());
    Request first = pages.get(0);
    assertEquals("100", first.param("limit"));
    assertEquals(List.of("success", "failed"), first.params("state"));
    assertEquals("2024-04-01T00:00:00Z", first.param("logical_date_gte"));
    assertEquals("2024-04-30T00:00:00Z", first.param("logical_date_lte"));
    assertNull(first.param("order_by"));
  }

  @Test
  void listRunsStopsAtMaxResultsAndFollowsAServerThatCapsPages() {
    // This server returns at most 40 per page whatever the limit, and no total.
    List<String> all = IntStream.range(0, 90).mapToObj(i -> "run-" + i).toList();
    airflow.on(
        "GET",
        "/api/v2/dags/nightly/dagRuns",
        request -> {
          int offset = Integer.parseInt(request.param("offset"));
          String page =
              all.subList(Math.min(all.size(), offset), Math.min(all.size(), offset + 40)).stream()
                  .map(id -> run(id, "success"))
                  .collect(Collectors.joining(","));
          return Response.ok("{\"dag_runs\":[" + page + "]}");
        });

    List<DagRun> everything = client.listRuns("nightly");
    int requestsForEverything = airflow.requests("GET", "/api/v2/dags/nightly/dagRuns").size();
    List<DagRun> latest = client.listRuns("nightly", RunFilter.all().sortedNewestFirst().limit(50));

    assertEquals(90, everything.size());
    assertEquals(4, requestsForEverything, "40 + 40 + 10, then an empty page ends the listing");
    assertEquals(50, latest.size());
    Request lastPage = airflow.requests().get(airflow.requests().size() - 1);
    assertEquals("-run_after", lastPage.param("order_by"));
    assertEquals("10", lastPage.param("limit"), "only asks for what is still missing");
  }

  @Test
  void waitForRunPollsWithGrowingPausesUntilItFinishes() {
    airflow.on(
        "GET",
        "/api/v2/dags/nightly/dagRuns/r1",
        Response.ok(run("r1", "queued")),
        Response.ok(run("r1", "running")),
        Response.ok(run("r1", "running")),
        Response.ok(run("r1", "success")));
    List<DagRunState> seen = new ArrayList<>();

    DagRun done = client.waitForRun("nightly", "r1", Duration.ofHours(1), r -> seen.add(r.state()));

    assertEquals(DagRunState.SUCCESS, done.state());
    assertEquals(
        List.of(DagRunState.QUEUED, DagRunState.RUNNING, DagRunState.RUNNING, DagRunState.SUCCESS),
        seen);
    assertEquals(
        List.of(Duration.ofSeconds(5), Duration.ofMillis(7500), Duration.ofMillis(11250)),
        sleeper.pauses);
    assertEquals(4, airflow.requests("GET", "/api/v2/dags/nightly/dagRuns/r1").size());
  }

  @Test
  void waitForRunReturnsAFailedRunInsteadOfThrowing() {
    airflow.on("GET", "/api/v2/dags/nightly/dagRuns/r1", Response.ok(run("r1", "failed")));

    DagRun done = client.waitForRun("nightly", "r1", Duration.ofMinutes(5));

    assertEquals(DagRunState.FAILED, done.state());
    assertTrue(sleeper.pauses.isEmpty());
  }

  @Test
  void taskInstancesAndTheirStructuredLog() {
    airflow.on(
        "GET",
        "/api/v2/dags/nightly/dagRuns/r1/taskInstances",
        Response.ok(
            "{\"task_instances\":["
                + "{\"task_id\":\"ingest\",\"dag_id\":\"nightly\",\"dag_run_id\":\"r1\",\"map_index\":-1,"
                + "\"state\":\"failed\",\"try_number\":2,\"max_tries\":1,\"duration\":12.5,"
                + "\"operator\":\"SparkSubmitOperator\",\"start_date\":\"2024-05-01T00:01:00Z\"},"
                + "{\"task_id\":\"score\",\"dag_id\":\"nightly\",\"dag_run_id\":\"r1\",\"state\":null,"
                + "\"try_number\":0}],\"total_entries\":2}"));
    airflow.on(
        "GET",
        "/api/v2/dags/nightly/dagRuns/r1/taskInstances/ingest/logs/2",
        Response.ok(
            "{\"content\":["
                + "{\"event\":\"::group::Log message source details\",\"sources\":[\"/logs/x.log\"]},"
                + "{\"timestamp\":\"2024-05-01T00:01:00.000001Z\",\"level\":\"info\",\"event\":\"Submitting\",\"logger\":\"task\"},"
                + "{\"timestamp\":\"2024-05-01T00:01:12Z\",\"level\":\"error\",\"event\":\"Task failed: exit 1\"}"
                + "],\"continuation_token\":null}"));

    List<TaskInstance> tasks = client.listTaskInstances("nightly", "r1");
    TaskInstance failed = tasks.get(0);
    TaskLog log = client.getTaskLog("nightly", "r1", failed.taskId(), failed.tryNumber());

    assertEquals(TaskState.FAILED, failed.state());
    assertEquals(2, failed.tryNumber());
    assertEquals(12.5, failed.durationSeconds());
    assertEquals(TaskState.NONE, tasks.get(1).state());
    assertEquals(-1, tasks.get(1).mapIndex());
    assertEquals(3, log.lines().size());
    assertEquals("2024-05-01T00:01:12Z ERROR Task failed: exit 1", log.tail(1));
    assertEquals("info", log.lines().get(1).level());
    assertNull(log.continuationToken());
    Request logRequest =
        airflow
            .requests("GET", "/api/v2/dags/nightly/dagRuns/r1/taskInstances/ingest/logs/2")
            .get(0);
    assertEquals("true", logRequest.param("full_content"));
    assertEquals("application/json", logRequest.header("Accept"));
  }

  @Test
  void clearRunAndClearFailedTasksAreNotDryRuns() {
    airflow.on("POST", "/api/v2/dags/nightly/dagRuns/r1/clear", Response.ok(run("r1", "queued")));
    airflow.on(
        "POST",
        "/api/v2/dags/nightly/clearTaskInstances",
        Response.ok(
            "{\"task_instances\":[{\"task_id\":\"ingest\",\"dag_id\":\"nightly\","
                + "\"dag_run_id\":\"r1\",\"state\":null}],\"total_entries\":1}"));

    DagRun cleared = client.clearRun("nightly", "r1");
    List<TaskInstance> retried = client.clearFailedTasks("nightly", "r1");

    assertEquals(DagRunState.QUEUED, cleared.state());
    assertEquals(
        "{\"dry_run\":false}",
        airflow.requests("POST", "/api/v2/dags/nightly/dagRuns/r1/clear").get(0).body());
    JsonNode body =
        airflow.requests("POST", "/api/v2/dags/nightly/clearTaskInstances").get(0).json();
    assertFalse(body.get("dry_run").asBoolean());
    assertTrue(body.get("only_failed").asBoolean());
    assertTrue(body.get("reset_dag_runs").asBoolean());
    assertEquals("r1", body.get("dag_run_id").asText());
    assertEquals(List.of("ingest"), retried.stream().map(TaskInstance::taskId).toList());
  }

  @Test
  void pauseAndUnpausePatchIsPausedOnly() {
    airflow.on(
        "PATCH",
        "/api/v2/dags/nightly",
        request ->
            Response.ok(
                "{\"dag_id\":\"nightly\",\"is_paused\":"
                    + request.json().get("is_paused")
                    + ",\"tags\":[{\"name\":\"pcx\",\"dag_id\":\"nightly\"}],\"owners\":[\"data\"]}"));

    DagInfo paused = client.pause("nightly");
    DagInfo unpaused = client.unpause("nightly");

    assertTrue(paused.paused());
    assertFalse(unpaused.paused());
    assertEquals(List.of("pcx"), paused.tags());
    List<Request> patches = airflow.requests("PATCH", "/api/v2/dags/nightly");
    assertEquals("{\"is_paused\":true}", patches.get(0).body());
    assertEquals("{\"is_paused\":false}", patches.get(1).body());
    assertEquals("is_paused", patches.get(0).param("update_mask"));
  }

  @Test
  void backfillUsesAirflow3sBackfillApi() {
    airflow.on(
        "POST",
        "/api/v2/backfills",
        Response.ok(
            "{\"id\":7,\"dag_id\":\"nightly\",\"from_date\":\"2024-04-01T00:00:00Z\","
                + "\"to_date\":\"2024-04-30T00:00:00Z\",\"dag_run_conf\":{},\"is_paused\":false,"
                + "\"reprocess_behavior\":\"failed\",\"max_active_runs\":2,"
                + "\"created_at\":\"2024-05-01T00:00:00Z\",\"completed_at\":null,"
                + "\"updated_at\":\"2024-05-01T00:00:00Z\",\"dag_display_name\":\"nightly\"}"));

    Backfill backfill =
        client.backfill(
            BackfillRequest.of("nightly", LocalDate.of(2024, 4, 1), LocalDate.of(2024, 4, 30))
                .withReprocessBehavior(ReprocessBehavior.FAILED)
                .withMaxActiveRuns(2)
                .withConf(Map.of("full_refresh", true)));

    JsonNode body = airflow.requests("POST", "/api/v2/backfills").get(0).json();
    assertEquals("nightly", body.get("dag_id").asText());
    assertEquals("2024-04-01T00:00:00Z", body.get("from_date").asText());
    assertEquals("2024-04-30T00:00:00Z", body.get("to_date").asText());
    assertFalse(body.get("run_backwards").asBoolean());
    assertEquals("failed", body.get("reprocess_behavior").asText());
    assertEquals(2, body.get("max_active_runs").asInt());
    assertTrue(body.get("dag_run_conf").get("full_refresh").asBoolean());
    assertEquals(7L, backfill.id());
    assertEquals(ReprocessBehavior.FAILED, backfill.reprocessBehavior());
    assertNull(backfill.completedAt());
    assertTrue(backfill.triggeredRunIds().isEmpty());
  }

  @Test
  void listImportErrors() {
    airflow.on(
        "GET",
        "/api/v2/importErrors",
        Response.ok(
            "{\"import_errors\":[{\"import_error_id\":3,\"timestamp\":\"2024-05-01T00:00:00Z\","
                + "\"filename\":\"dags/broken.py\",\"bundle_name\":\"dags-folder\","
                + "\"stack_trace\":\"SyntaxError: invalid syntax\"}],\"total_entries\":1}"));

    List<ImportError> errors = client.listImportErrors();

    assertEquals(1, errors.size());
    assertEquals("dags/broken.py", errors.get(0).filename());
    assertEquals("dags-folder", errors.get(0).bundleName());
    assertTrue(errors.get(0).stackTrace().contains("SyntaxError"));
    assertEquals(1, airflow.requests("GET", "/api/v2/importErrors").size());
  }
}
