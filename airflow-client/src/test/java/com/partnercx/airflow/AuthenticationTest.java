package com.partnercx.airflow;

import static com.partnercx.airflow.TestSupport.CREDENTIALS;
import static com.partnercx.airflow.TestSupport.PASSWORD;
import static com.partnercx.airflow.TestSupport.USER;
import static com.partnercx.airflow.TestSupport.assertNoSecrets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.airflow.FakeAirflow.Request;
import com.partnercx.airflow.FakeAirflow.Response;
import com.partnercx.airflow.TestSupport.ManualClock;
import com.partnercx.airflow.TestSupport.RecordingSleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Airflow 3's JWTs: fetched once, reused, renewed on expiry; credentials never leak. */
class AuthenticationTest {

  private static final String RUN_PATH = "/api/v2/dags/nightly/dagRuns/r1";
  private static final String RUN_JSON =
      "{\"dag_id\":\"nightly\",\"dag_run_id\":\"r1\",\"state\":\"running\"}";

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

  private AirflowClient client() {
    return AirflowClient.builder(airflow.baseUrl())
        .credentials(CREDENTIALS)
        .clock(clock)
        .sleeper(sleeper)
        .build();
  }

  @Test
  void tokenIsFetchedOnceAndReusedForEveryCall() {
    airflow.on("GET", RUN_PATH, Response.ok(RUN_JSON));
    AirflowClient client = client();

    for (int i = 0; i < 3; i++) {
      assertEquals(DagRunState.RUNNING, client.getRun("nightly", "r1").state());
    }

    List<Request> logins = airflow.requests("POST", "/auth/token");
    assertEquals(1, logins.size());
    assertEquals(USER, logins.get(0).json().get("username").asText());
    assertEquals(PASSWORD, logins.get(0).json().get("password").asText());
    assertEquals("application/json", logins.get(0).header("Content-Type"));
    List<Request> calls = airflow.requests("GET", RUN_PATH);
    assertEquals(3, calls.size());
    calls.forEach(call -> assertEquals("Bearer token-1", call.header("Authorization")));
  }

  @Test
  void expiredTokenIsRenewedAndTheCallRetriedOnce() {
    airflow.on(
        "GET",
        RUN_PATH,
        request ->
            "Bearer token-1".equals(request.header("Authorization"))
                ? Response.json(401, "{\"detail\":\"Token Expired\"}")
                : Response.ok(RUN_JSON));

    DagRun run = client().getRun("nightly", "r1");

    assertEquals("r1", run.runId());
    assertEquals(2, airflow.requests("POST", "/auth/token").size());
    assertEquals(
        List.of("Bearer token-1", "Bearer token-2"),
        airflow.requests("GET", RUN_PATH).stream().map(r -> r.header("Authorization")).toList());
    assertTrue(sleeper.pauses.isEmpty(), "a token renewal is not a retry and needs no back-off");
  }

  @Test
  void tokenUnverifiableAfterServerRestartIsRenewedToo() {
    airflow.on(
        "GET",
        RUN_PATH,
        Response.json(403, "{\"detail\":\"Invalid JWT token\"}"),
        Response.ok(RUN_JSON));

    client().getRun("nightly", "r1");

    assertEquals(2, airflow.requests("POST", "/auth/token").size());
  }

  @Test
  void tokenRejectedAgainAfterRenewalIsUnauthorized() {
    airflow.on("GET", RUN_PATH, Response.json(401, "{\"detail\":\"Token Expired\"}"));

    AirflowException.Unauthorized thrown =
        assertThrows(AirflowException.Unauthorized.class, () -> client().getRun("nightly", "r1"));

    assertEquals(2, airflow.requests("POST", "/auth/token").size());
    assertEquals(2, airflow.requests("GET", RUN_PATH).size());
    assertEquals(401, thrown.httpStatus());
    assertTrue(thrown.getMessage().startsWith("Could not read run 'r1' of DAG 'nightly'"));
    assertTrue(thrown.getMessage().contains("Token Expired"));
    assertTrue(thrown.getMessage().contains("check the username and password"));
    assertNoSecrets(thrown, "token-1", "token-2");
  }

  @Test
  void tokenIsRenewedBeforeItsExpiryWithoutWaitingForA401() {
    long issuedAt = clock.instant().getEpochSecond();
    AtomicInteger issued = new AtomicInteger();
    airflow.on(
        "POST",
        "/auth/token",
        request ->
            Response.json(
                201,
                "{\"access_token\":\""
                    + FakeAirflow.jwt("t" + issued.incrementAndGet(), issuedAt + 300)
                    + "\"}"));
    airflow.on("GET", RUN_PATH, Response.ok(RUN_JSON));
    AirflowClient client = client();

    client.getRun("nightly", "r1");
    clock.advance(Duration.ofSeconds(200)); // 100 s left: still valid
    client.getRun("nightly", "r1");
    clock.advance(Duration.ofSeconds(80)); // 20 s left: inside the renewal margin
    client.getRun("nightly", "r1");

    assertEquals(2, airflow.requests("POST", "/auth/token").size());
    List<String> sent =
        airflow.requests("GET", RUN_PATH).stream().map(r -> r.header("Authorization")).toList();
    assertEquals(sent.get(0), sent.get(1));
    assertTrue(sent.get(2).endsWith("signature-t2"), sent.get(2));
  }

  @Test
  void wrongPasswordIsUnauthorizedNamingTheTokenEndpoint() {
    airflow.on("POST", "/auth/token", Response.json(401, "{\"detail\":\"Invalid credentials\"}"));

    AirflowException.Unauthorized thrown =
        assertThrows(AirflowException.Unauthorized.class, () -> client().listDags());

    assertTrue(thrown.getMessage().contains("POST /auth/token"), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("Invalid credentials"), thrown.getMessage());
    assertEquals(1, airflow.requests("POST", "/auth/token").size());
    assertEquals(0, airflow.requests("GET", "/api/v2/dags").size());
    assertNoSecrets(thrown);
  }

  @Test
  void serverEchoingThePasswordIsRedactedFromTheMessage() {
    // Airflow 3 answers a malformed login with pydantic's message, which repeats the input.
    airflow.on(
        "POST",
        "/auth/token",
        Response.json(
            422,
            "{\"detail\":\"1 validation error for LoginBody: input_value={'username': 'pcx-bot',"
                + " 'password': '"
                + PASSWORD
                + "'}\"}"));

    AirflowException.Validation thrown =
        assertThrows(AirflowException.Validation.class, () -> client().listDags());

    assertTrue(thrown.getMessage().contains("'password': '****'"), thrown.getMessage());
    assertTrue(thrown.detail().contains("'password': '****'"), thrown.detail());
    assertNoSecrets(thrown);
  }

  @Test
  void withoutCredentialsTheMessageSaysHowToPassThem() {
    airflow.on("GET", "/api/v2/dags", Response.json(401, "{\"detail\":\"Not authenticated\"}"));
    AirflowClient anonymous =
        AirflowClient.builder(airflow.baseUrl()).clock(clock).sleeper(sleeper).build();

    AirflowException.Unauthorized thrown =
        assertThrows(AirflowException.Unauthorized.class, anonymous::listDags);

    assertTrue(thrown.getMessage().contains("No credentials were configured"));
    assertEquals(0, airflow.requests("POST", "/auth/token").size());
    assertEquals(null, airflow.requests("GET", "/api/v2/dags").get(0).header("Authorization"));
  }
}
