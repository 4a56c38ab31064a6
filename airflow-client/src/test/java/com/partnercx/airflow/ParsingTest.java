package com.partnercx.airflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading Airflow's JSON tolerantly, and the small value types. */
class ParsingTest {

  private static JsonNode json(String text) throws Exception {
    return Json.MAPPER.readTree(text);
  }

  @Test
  void runFromANewerAirflowKeepsWorking() throws Exception {
    DagRun run =
        DagRun.fromJson(
            json(
                "{\"dag_run_id\":\"r1\",\"dag_id\":\"nightly\",\"state\":\"paused_for_review\","
                    + "\"logical_date\":null,\"run_after\":\"2024-05-01T06:00:00.123456+02:00\","
                    + "\"conf\":{\"a\":1,\"b\":null},\"a_field_from_airflow_4\":{\"x\":[1,2]},"
                    + "\"dag_versions\":[{\"id\":\"0195\",\"version_number\":3}]}"));

    assertEquals(DagRunState.UNKNOWN, run.state());
    assertFalse(run.isFinished());
    assertNull(run.logicalDate());
    assertEquals(Instant.parse("2024-05-01T04:00:00.123456Z"), run.runAfter());
    assertEquals(1, run.conf().get("a"));
    assertTrue(run.conf().containsKey("b"));
  }

  @Test
  void statesParseWhateverTheCase() {
    assertEquals(DagRunState.SUCCESS, DagRunState.of("success"));
    assertEquals(DagRunState.UNKNOWN, DagRunState.of(null));
    assertEquals(TaskState.UP_FOR_RETRY, TaskState.of("up_for_retry"));
    assertEquals(TaskState.NONE, TaskState.of(null));
    assertEquals(TaskState.AWAITING_INPUT, TaskState.of("awaiting_input"));
    assertEquals(TaskState.UNKNOWN, TaskState.of("a_state_from_airflow_4"));
    assertTrue(TaskState.of("upstream_failed").isFailure());
  }

  @Test
  void timestampsInAirflowsFormats() {
    assertEquals(Instant.parse("2024-05-01T00:00:00Z"), Json.parseInstant("2024-05-01T00:00:00Z"));
    assertEquals(
        Instant.parse("2024-05-01T00:00:00.5Z"), Json.parseInstant("2024-05-01T00:00:00.5+00:00"));
    assertEquals(Instant.parse("2024-05-01T00:00:00Z"), Json.parseInstant("2024-05-01T00:00:00"));
    assertNull(Json.parseInstant("yesterday"));
    assertNull(Json.parseInstant(null));
  }

  @Test
  void errorDetailFromEachShapeAirflowSends() {
    assertEquals("Dag not found", AirflowErrors.detailOf("{\"detail\":\"Dag not found\"}"));
    assertEquals(
        "body.dag_id: Field required; query.limit: Input should be a valid integer",
        AirflowErrors.detailOf(
            "{\"detail\":[{\"loc\":[\"body\",\"dag_id\"],\"msg\":\"Field required\",\"type\":\"missing\"},"
                + "{\"loc\":[\"query\",\"limit\"],\"msg\":\"Input should be a valid integer\"}]}"));
    assertEquals(
        "{\"reason\":\"Unique constraint violation\"}",
        AirflowErrors.detailOf("{\"detail\":{\"reason\":\"Unique constraint violation\"}}"));
    assertEquals("Conflict", AirflowErrors.detailOf("{\"title\":\"Conflict\",\"status\":409}"));
    assertEquals(
        "<html> Bad Gateway </html>", AirflowErrors.detailOf("<html>\n Bad Gateway\n</html>"));
    assertEquals("no detail", AirflowErrors.detailOf(""));
  }

  @Test
  void backOffGrowsAndIsCapped() {
    RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(5), 2.0);

    assertEquals(Duration.ofSeconds(1), policy.backoffAfter(1));
    assertEquals(Duration.ofSeconds(2), policy.backoffAfter(2));
    assertEquals(Duration.ofSeconds(4), policy.backoffAfter(3));
    assertEquals(Duration.ofSeconds(5), policy.backoffAfter(4));
    assertEquals(4, RetryPolicy.defaults().maxAttempts());
    assertEquals(1, RetryPolicy.none().maxAttempts());
  }

  @Test
  void credentialsNeverPrintThePassword() {
    String printed = TestSupport.CREDENTIALS.toString();

    assertFalse(printed.contains(TestSupport.PASSWORD));
    assertEquals("Credentials[username=pcx-bot, password=****]", printed);
  }

  @Test
  void jwtExpiryIsReadFromItsPayload() {
    assertEquals(
        Optional.of(Instant.ofEpochSecond(1714521600)),
        AccessTokens.expiryOf(FakeAirflow.jwt("x", 1714521600)));
    assertEquals(Optional.empty(), AccessTokens.expiryOf("opaque-token"));
    assertEquals(Optional.empty(), AccessTokens.expiryOf("a.!!!.c"));
  }

  @Test
  void healthKeepsComponentsANewerAirflowAdds() throws Exception {
    Health health =
        Health.fromJson(
            json(
                "{\"metadatabase\":{\"status\":\"healthy\"},\"scheduler\":{\"status\":\"healthy\","
                    + "\"latest_scheduler_heartbeat\":null},\"edge_worker\":{\"status\":\"unhealthy\","
                    + "\"latest_edge_worker_heartbeat\":\"2024-05-01T00:00:00Z\"}}"));

    assertTrue(health.isHealthy());
    assertEquals(
        new Health.Component("unhealthy", Instant.parse("2024-05-01T00:00:00Z")),
        health.components().get("edge_worker"));
  }

  @Test
  void dagInfoReadsBothVersionsNames() throws Exception {
    DagInfo airflow2 =
        DagInfo.fromJson(
            json(
                "{\"dag_id\":\"nightly\",\"is_paused\":true,\"next_dagrun\":\"2024-05-02T00:00:00+00:00\","
                    + "\"tags\":[{\"name\":\"pcx\"}],\"owners\":[\"data\"],\"schedule_interval\":{\"__type\":\"CronExpression\"}}"));

    assertEquals("nightly", airflow2.displayName());
    assertTrue(airflow2.paused());
    assertEquals(Instant.parse("2024-05-02T00:00:00Z"), airflow2.nextLogicalDate());
    assertEquals(Map.of(), DagRun.fromJson(json("{\"dag_run_id\":\"r\"}")).conf());
  }

  @Test
  void aTaskExceptionIsPartOfItsLogLine() throws Exception {
    TaskLog log =
        TaskLog.fromJson(
            "d",
            "r",
            "t",
            1,
            json(
                """
                {"content": [
                  {"timestamp": "2026-11-23T04:12:03.3Z", "event": "Task failed with exception",
                   "level": "error",
                   "error_detail": [{"exc_type": "ValueError", "exc_value": "bad key", "frames": []}]}
                ]}
                """));
    assertEquals("Task failed with exception\n  ValueError: bad key", log.lines().get(0).message());
    assertTrue(log.tail(1).contains("ValueError: bad key"), log.tail(1));
  }
}
