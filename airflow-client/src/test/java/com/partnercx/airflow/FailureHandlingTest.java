package com.partnercx.airflow;

import static com.partnercx.airflow.TestSupport.CREDENTIALS;
import static com.partnercx.airflow.TestSupport.assertNoSecrets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.airflow.FakeAirflow.Response;
import com.partnercx.airflow.TestSupport.ManualClock;
import com.partnercx.airflow.TestSupport.RecordingSleeper;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What real servers rarely do on demand: conflicts, validation, 5xx, refusals and slowness. */
class FailureHandlingTest {

  private static final String RUNS_PATH = "/api/v2/dags/nightly/dagRuns";

  private FakeAirflow airflow;
  private final ManualClock clock = new ManualClock();
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);

  @BeforeEach
  void start() throws Exception {
    airflow = FakeAirflow.airflow3();
  }

  @AfterEach
  void stop() {
    airflow.close();
  }

  private AirflowClient.Builder client(String baseUrl) {
    return AirflowClient.builder(baseUrl).credentials(CREDENTIALS).clock(clock).sleeper(sleeper);
  }

  @Test
  void duplicateRunIdIsAConflictNamingTheRun() {
    airflow.on(
        "POST",
        RUNS_PATH,
        Response.json(
            409,
            "{\"detail\":{\"reason\":\"Unique constraint violation\","
                + "\"statement\":\"INSERT INTO dag_run ...\"}}"));
    TriggerRequest request = TriggerRequest.of("nightly").withRunId("nightly__2024-05-01");

    AirflowException.Conflict thrown =
        assertThrows(
            AirflowException.Conflict.class,
            () -> client(airflow.baseUrl()).build().trigger(request));

    assertEquals(AirflowException.Code.CONFLICT, thrown.code());
    assertTrue(
        thrown
            .getMessage()
            .startsWith("Could not trigger DAG 'nightly' as run 'nightly__2024-05-01'"),
        thrown.getMessage());
    assertTrue(thrown.getMessage().contains("Unique constraint violation"), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("choose another run id"), thrown.getMessage());
    assertEquals(1, airflow.requests("POST", RUNS_PATH).size(), "4xx is never retried");
    assertTrue(sleeper.pauses.isEmpty());
    assertNoSecrets(thrown, "token-1");
  }

  @Test
  void validationErrorCarriesTheServersDetail() {
    airflow.on(
        "POST",
        RUNS_PATH,
        Response.json(
            422,
            "{\"detail\":[{\"type\":\"datetime_from_date_parsing\",\"loc\":[\"body\",\"logical_date\"],"
                + "\"msg\":\"Input should be a valid datetime\",\"input\":\"yesterday\"}]}"));

    AirflowException.Validation thrown =
        assertThrows(
            AirflowException.Validation.class,
            () -> client(airflow.baseUrl()).build().trigger(TriggerRequest.of("nightly")));

    assertEquals("body.logical_date: Input should be a valid datetime", thrown.detail());
    assertEquals(422, thrown.httpStatus());
    assertTrue(thrown.getMessage().contains(thrown.detail()), thrown.getMessage());
    assertEquals(1, airflow.requests("POST", RUNS_PATH).size());
    assertNoSecrets(thrown, "token-1");
  }

  @Test
  void serverErrorsAreRetriedWithBackOffThenSurfaced() {
    airflow.on(
        "GET",
        "/api/v2/dags",
        Response.json(500, "{\"detail\":\"Internal Server Error\"}"),
        Response.json(503, "{\"detail\":\"database is locked\"}"));

    AirflowException.ServerError thrown =
        assertThrows(
            AirflowException.ServerError.class, () -> client(airflow.baseUrl()).build().listDags());

    assertEquals(4, airflow.requests("GET", "/api/v2/dags").size());
    assertEquals(
        List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)),
        sleeper.pauses);
    assertEquals(503, thrown.httpStatus());
    assertTrue(thrown.getMessage().contains("database is locked"), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("all 4 attempt(s)"), thrown.getMessage());
    assertNoSecrets(thrown, "token-1");
  }

  @Test
  void serverErrorFollowedBySuccessIsInvisibleToTheCaller() {
    airflow.on(
        "GET",
        "/api/v2/dags",
        Response.json(502, "<html>Bad Gateway</html>"),
        Response.ok(
            "{\"dags\":[{\"dag_id\":\"nightly\",\"is_paused\":false}],\"total_entries\":1}"));

    List<DagInfo> dags = client(airflow.baseUrl()).build().listDags();

    assertEquals("nightly", dags.get(0).dagId());
    assertEquals(2, airflow.requests("GET", "/api/v2/dags").size());
    assertEquals(List.of(Duration.ofSeconds(1)), sleeper.pauses);
  }

  @Test
  void notFoundIsNotRetried() {
    airflow.on(
        "GET",
        "/api/v2/dags/nightly/dagRuns/nope",
        Response.json(
            404,
            "{\"detail\":\"The DagRun with dag_id: `nightly` and run_id: `nope` was not found\"}"));

    AirflowException.NotFound thrown =
        assertThrows(
            AirflowException.NotFound.class,
            () -> client(airflow.baseUrl()).build().getRun("nightly", "nope"));

    assertEquals(1, airflow.requests("GET", "/api/v2/dags/nightly/dagRuns/nope").size());
    assertTrue(sleeper.pauses.isEmpty());
    assertTrue(thrown.getMessage().contains("`nope` was not found"), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("listImportErrors()"), thrown.getMessage());
  }

  @Test
  void refusedConnectionIsUnreachableAfterTheRetries() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    AirflowClient client =
        client("http://127.0.0.1:" + closedPort)
            .retryPolicy(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), 2.0))
            .build();

    AirflowException.Unreachable thrown =
        assertThrows(AirflowException.Unreachable.class, client::health);

    assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), sleeper.pauses);
    assertTrue(thrown.getMessage().contains("127.0.0.1:" + closedPort), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("in 3 attempt(s)"), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("Check that the Airflow API server is running"));
    assertTrue(
        thrown.getCause() instanceof java.net.ConnectException, String.valueOf(thrown.getCause()));
    assertNoSecrets(thrown);
  }

  @Test
  void slowAnswerTimesOutWithoutRetrying() {
    airflow.on(
        "GET",
        "/api/v2/dags/nightly/dagRuns/r1",
        Response.ok("{\"dag_run_id\":\"r1\",\"state\":\"running\"}").after(Duration.ofSeconds(5)));
    AirflowClient client = client(airflow.baseUrl()).requestTimeout(Duration.ofMillis(300)).build();

    long started = System.nanoTime();
    AirflowException.Timeout thrown =
        assertThrows(AirflowException.Timeout.class, () -> client.getRun("nightly", "r1"));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "gave up after " + took);
    assertEquals(1, airflow.requests("GET", "/api/v2/dags/nightly/dagRuns/r1").size());
    assertTrue(sleeper.pauses.isEmpty());
    assertTrue(thrown.getMessage().contains("within 300 ms"), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("requestTimeout"), thrown.getMessage());
    assertNoSecrets(thrown, "token-1");
  }

  @Test
  void timedOutTriggerWarnsThatTheRunMayExist() {
    airflow.on(
        "POST",
        RUNS_PATH,
        Response.ok("{\"dag_run_id\":\"r1\",\"state\":\"queued\"}").after(Duration.ofSeconds(5)));
    AirflowClient client = client(airflow.baseUrl()).requestTimeout(Duration.ofMillis(300)).build();

    AirflowException.Timeout thrown =
        assertThrows(
            AirflowException.Timeout.class,
            () -> client.trigger(TriggerRequest.of("nightly").withRunId("r1")));

    assertTrue(thrown.getMessage().contains("may still take effect"), thrown.getMessage());
  }

  @Test
  void runThatNeverFinishesTimesOutWithItsLastState() {
    airflow.on(
        "GET",
        "/api/v2/dags/nightly/dagRuns/r1",
        Response.ok("{\"dag_id\":\"nightly\",\"dag_run_id\":\"r1\",\"state\":\"running\"}"));
    AirflowClient client =
        client(airflow.baseUrl())
            .pollInterval(Duration.ofSeconds(10), Duration.ofSeconds(20))
            .build();
    Instant started = clock.instant();

    AirflowException.Timeout thrown =
        assertThrows(
            AirflowException.Timeout.class,
            () -> client.waitForRun("nightly", "r1", Duration.ofMinutes(1)));

    // 10 s, 15 s, 20 s, then the remaining 15 s; a last poll at the deadline.
    assertEquals(
        List.of(
            Duration.ofSeconds(10),
            Duration.ofSeconds(15),
            Duration.ofSeconds(20),
            Duration.ofSeconds(15)),
        sleeper.pauses);
    assertEquals(5, airflow.requests("GET", "/api/v2/dags/nightly/dagRuns/r1").size());
    assertEquals(started.plus(Duration.ofMinutes(1)), clock.instant());
    assertTrue(
        thrown.getMessage().startsWith("Run 'r1' of DAG 'nightly' did not finish within PT1M"),
        thrown.getMessage());
    assertTrue(thrown.getMessage().contains("last state was 'running'"), thrown.getMessage());
  }

  @Test
  void baseUrlWithAPasswordIsRejectedWithoutEchoingIt() {
    IllegalArgumentException thrown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AirflowClient.builder(
                    "http://pcx-bot:" + TestSupport.PASSWORD + "@localhost:8080"));

    assertTrue(thrown.getMessage().contains("credentials(...)"), thrown.getMessage());
    assertNoSecrets(thrown);
  }

  @Test
  void aServerEchoingTheRequestHeadersNeverShowsTheBasicCredentials() throws Exception {
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString(
                (TestSupport.USER + ":" + TestSupport.PASSWORD)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    try (FakeAirflow airflow2 = FakeAirflow.airflow2()) {
      airflow2.on(
          "POST",
          "/api/v1/dags/nightly/dagRuns",
          Response.json(
              400,
              "{\"detail\":\"bad request; headers: Authorization: Basic "
                  + basic
                  + ", X-Forwarded-Authorization=Bearer abc.def.ghi, password=hunter2\"}"));
      AirflowException thrown =
          assertThrows(
              AirflowException.class,
              () ->
                  client(airflow2.baseUrl())
                      .build()
                      .trigger(TriggerRequest.of("nightly").withRunId("r1")));
      assertNoSecrets(thrown, basic, "abc.def.ghi", "hunter2");
      assertTrue(thrown.getMessage().contains("Authorization: Basic ****"), thrown.getMessage());
    }
  }

  @Test
  void aTriggerWithoutRunIdIsNeverSentTwice() {
    airflow.on("POST", RUNS_PATH, Response.json(503, "{\"detail\":\"database is locked\"}"));

    assertThrows(
        AirflowException.ServerError.class,
        () -> client(airflow.baseUrl()).build().trigger(TriggerRequest.of("nightly")));

    assertEquals(1, airflow.requests("POST", RUNS_PATH).size(), "a retry could start a 2nd run");
  }

  /**
   * The first attempt created the run but its answer was lost (a 502 from a proxy); the retry finds
   * the run id taken, and the trigger returns that run instead of failing.
   */
  @Test
  void aRetriedTriggerWithItsRunIdTakesTheConflictAsDone() {
    airflow.on(
        "POST",
        RUNS_PATH,
        Response.json(502, "{\"detail\":\"Bad Gateway\"}"),
        Response.json(409, "{\"detail\":\"Unique constraint violation\"}"));
    airflow.on(
        "GET",
        RUNS_PATH + "/nightly__2024-05-01",
        Response.ok(
            "{\"dag_id\":\"nightly\",\"dag_run_id\":\"nightly__2024-05-01\","
                + "\"state\":\"queued\"}"));

    DagRun run =
        client(airflow.baseUrl())
            .build()
            .trigger(TriggerRequest.of("nightly").withRunId("nightly__2024-05-01"));

    assertEquals("nightly__2024-05-01", run.runId());
    assertEquals(DagRunState.QUEUED, run.state());
    assertEquals(2, airflow.requests("POST", RUNS_PATH).size());
  }
}
