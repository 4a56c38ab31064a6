package com.partnercx.airflow;

import static com.partnercx.airflow.TestSupport.CREDENTIALS;
import static com.partnercx.airflow.TestSupport.PASSWORD;
import static com.partnercx.airflow.TestSupport.USER;
import static com.partnercx.airflow.TestSupport.assertNoSecrets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnercx.airflow.FakeAirflow.Request;
import com.partnercx.airflow.FakeAirflow.Response;
import com.partnercx.airflow.TestSupport.ManualClock;
import com.partnercx.airflow.TestSupport.RecordingSleeper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Airflow 2: detected from /api/v1/version, spoken to with basic auth and execution_date. */
class Airflow2Test {

  private static final String BASIC =
      "Basic "
          + Base64.getEncoder()
              .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

  private FakeAirflow airflow;
  private AirflowClient client;
  private final ManualClock clock = new ManualClock();

  @BeforeEach
  void start() throws Exception {
    airflow = FakeAirflow.airflow2();
    client =
        AirflowClient.builder(airflow.baseUrl())
            .credentials(CREDENTIALS)
            .clock(clock)
            .sleeper(new RecordingSleeper(clock))
            .build();
  }

  @AfterEach
  void stop() {
    airflow.close();
  }

  /** An Airflow 2.1 run: execution_date only, no logical_date. */
  private static String run(String runId, String executionDate) {
    return "{\"dag_id\":\"nightly\",\"dag_run_id\":\""
        + runId
        + "\",\"state\":\"queued\",\"execution_date\":\""
        + executionDate
        + "\",\"external_trigger\":true,\"conf\":{}}";
  }

  @Test
  void triggerUsesV1PathsBasicAuthAndExecutionDate() {
    airflow.on(
        "POST",
        "/api/v1/dags/nightly/dagRuns",
        Response.ok(run("nightly__2024-05-01", "2024-05-01T00:00:00+00:00")));

    DagRun run =
        client.trigger(
            TriggerRequest.of("nightly")
                .withRunId("nightly__2024-05-01")
                .withLogicalDate(Instant.parse("2024-05-01T00:00:00Z"))
                .withRunAfter(Instant.parse("2024-05-02T00:00:00Z")));

    assertEquals(ApiVersion.V1, client.apiVersion());
    List<String> paths = airflow.requests().stream().map(r -> r.method() + " " + r.path()).toList();
    assertEquals(
        List.of("GET /api/v2/version", "GET /api/v1/version", "POST /api/v1/dags/nightly/dagRuns"),
        paths);
    Request trigger = airflow.requests("POST", "/api/v1/dags/nightly/dagRuns").get(0);
    assertEquals(BASIC, trigger.header("Authorization"));
    assertEquals(BASIC, airflow.requests("GET", "/api/v1/version").get(0).header("Authorization"));
    assertNull(airflow.requests("GET", "/api/v2/version").get(0).header("Authorization"));
    JsonNode body = trigger.json();
    assertEquals("2024-05-01T00:00:00Z", body.get("execution_date").asText());
    assertFalse(body.has("logical_date"));
    assertFalse(body.has("run_after"), "Airflow 2 does not know run_after");
    assertEquals(Instant.parse("2024-05-01T00:00:00Z"), run.logicalDate());
    assertNull(run.runAfter());
  }

  @Test
  void listRunsFiltersOnExecutionDate() {
    airflow.on(
        "GET",
        "/api/v1/dags/nightly/dagRuns",
        Response.ok(
            "{\"dag_runs\":["
                + run("a", "2024-04-01T00:00:00+00:00")
                + ","
                + run("b", "2024-04-02T00:00:00+00:00")
                + "],\"total_entries\":2}"));

    List<DagRun> runs =
        client.listRuns(
            "nightly",
            RunFilter.all()
                .sortedNewestFirst()
                .withLogicalDateBetween(Instant.parse("2024-04-01T00:00:00Z"), null));

    assertEquals(List.of("a", "b"), runs.stream().map(DagRun::runId).toList());
    Request request = airflow.requests("GET", "/api/v1/dags/nightly/dagRuns").get(0);
    assertEquals("2024-04-01T00:00:00Z", request.param("execution_date_gte"));
    assertNull(request.param("execution_date_lte"));
    assertEquals("-execution_date", request.param("order_by"));
    assertEquals(1, airflow.requests("GET", "/api/v1/dags/nightly/dagRuns").size());
  }

  @Test
  void healthAndLogsUseTheV1Shapes() {
    airflow.on(
        "GET",
        "/api/v1/health",
        Response.ok(
            "{\"metadatabase\":{\"status\":\"healthy\"},"
                + "\"scheduler\":{\"status\":\"unhealthy\",\"latest_scheduler_heartbeat\":\"2024-04-30T23:00:00+00:00\"}}"));
    airflow.on(
        "GET",
        "/api/v1/dags/nightly/dagRuns/r1/taskInstances/ingest/logs/1",
        Response.ok(
            "{\"continuation_token\":\"abc\",\"content\":\"line one\\nline two\\nTask exited with return code 1\"}"));

    Health health = client.health();
    TaskLog log = client.getTaskLog("nightly", "r1", "ingest", 1);

    assertFalse(health.isHealthy());
    assertTrue(health.isHealthy("metadatabase"));
    assertEquals(3, log.lines().size());
    assertEquals("line two\nTask exited with return code 1", log.tail(2));
    assertEquals("abc", log.continuationToken());
  }

  @Test
  void backfillTriggersOneRunPerDateAndSkipsDatesThatHaveOne() {
    airflow.on(
        "POST",
        "/api/v1/dags/nightly/dagRuns",
        request -> {
          String date = request.json().get("execution_date").asText();
          return date.startsWith("2024-04-02")
              ? Response.json(
                  409,
                  "{\"detail\":\"DAGRun with DAG ID: 'nightly' and DAGRun logical date: '2024-04-02"
                      + " 00:00:00+00:00' already exists\",\"status\":409,\"title\":\"Conflict\"}")
              : Response.ok(run("manual__" + date, date));
        });

    Backfill backfill =
        client.backfill(
            BackfillRequest.of("nightly", LocalDate.of(2024, 4, 1), LocalDate.of(2024, 4, 3))
                .backwards());

    List<String> sent =
        airflow.requests("POST", "/api/v1/dags/nightly/dagRuns").stream()
            .map(r -> r.json().get("execution_date").asText())
            .toList();
    assertEquals(
        List.of("2024-04-03T00:00:00Z", "2024-04-02T00:00:00Z", "2024-04-01T00:00:00Z"), sent);
    assertEquals(
        List.of("manual__2024-04-03T00:00:00Z", "manual__2024-04-01T00:00:00Z"),
        backfill.triggeredRunIds());
    assertNull(backfill.id());
    assertTrue(airflow.requests("POST", "/api/v2/backfills").isEmpty());
  }

  @Test
  void conflictOnAirflow2ReadsTheProblemDetail() {
    airflow.on(
        "POST",
        "/api/v1/dags/nightly/dagRuns",
        Response.json(
            409,
            "{\"detail\":\"DAGRun with DAG ID: 'nightly' and DAGRun ID: 'r1' already exists\","
                + "\"status\":409,\"title\":\"Conflict\",\"type\":\"https://airflow.apache.org/...\"}"));

    AirflowException.Conflict thrown =
        assertThrows(
            AirflowException.Conflict.class,
            () -> client.trigger(TriggerRequest.of("nightly").withRunId("r1")));

    assertTrue(thrown.getMessage().contains("DAGRun ID: 'r1' already exists"), thrown.getMessage());
    assertNoSecrets(thrown, BASIC.substring("Basic ".length()));
  }

  @Test
  void serverWithNeitherApiSaysToCheckTheBaseUrl() throws Exception {
    try (FakeAirflow nothing = FakeAirflow.airflow2()) {
      AirflowClient lost =
          AirflowClient.builder(nothing.baseUrl() + "/airflow").credentials(CREDENTIALS).build();

      AirflowException.NotFound thrown =
          assertThrows(AirflowException.NotFound.class, lost::apiVersion);

      assertTrue(thrown.getMessage().contains(nothing.baseUrl() + "/airflow"), thrown.getMessage());
      assertTrue(thrown.getMessage().contains("Check the base URL"), thrown.getMessage());
      assertEquals(
          List.of("/airflow/api/v2/version", "/airflow/api/v1/version"),
          nothing.requests().stream().map(Request::path).toList());
    }
  }
}
