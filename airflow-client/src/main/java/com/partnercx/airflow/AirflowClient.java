package com.partnercx.airflow;

import static com.partnercx.airflow.ApiTransport.encode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A typed client for Airflow's REST API, for Airflow 3 ({@code /api/v2}, JWT from {@code POST
 * /auth/token}, renewed when it expires) and Airflow 2 ({@code /api/v1}, basic auth). On first use
 * it asks the server which one it is, unless {@link Builder#apiVersion} says so.
 *
 * <p>Every method either returns Airflow's answer or throws an {@link AirflowException} whose
 * message says what to do. Connection failures and 5xx answers are retried by the {@link
 * RetryPolicy}; list methods follow Airflow's pages and return everything. Thread-safe.
 *
 * <pre>{@code
 * AirflowClient airflow =
 *     AirflowClient.builder("http://localhost:8080")
 *         .credentials(new Credentials("admin", password))
 *         .build();
 * DagRun run =
 *     airflow.trigger(TriggerRequest.of("partner_cx_nightly").withRunId("nightly__2024-05-01"));
 * DagRun done =
 *     airflow.waitForRun(run.dagId(), run.runId(), Duration.ofHours(2), r -> show(r.state()));
 * }</pre>
 */
public final class AirflowClient {

  private static final Logger LOG = LoggerFactory.getLogger(AirflowClient.class);

  private final String baseUrl;
  private final ApiTransport transport;
  private final AirflowErrors errors;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration firstPollPause;
  private final Duration maxPollPause;
  private final int pageSize;
  private volatile ApiVersion apiVersion;

  private AirflowClient(Builder builder) {
    this.baseUrl = builder.baseUrl;
    this.errors = new AirflowErrors(builder.baseUrl, builder.credentials != null);
    Supplier<Credentials> credentials =
        builder.credentials == null ? () -> null : builder.credentials;
    this.transport =
        new ApiTransport(
            builder.baseUrl,
            builder.connectTimeout,
            builder.requestTimeout,
            builder.retryPolicy,
            builder.sleeper,
            builder.clock,
            credentials,
            errors);
    this.clock = builder.clock;
    this.sleeper = builder.sleeper;
    this.firstPollPause = builder.firstPollPause;
    this.maxPollPause = builder.maxPollPause;
    this.pageSize = builder.pageSize;
    this.apiVersion = builder.apiVersion;
  }

  /** Starts a client for the API server at {@code baseUrl}, e.g. {@code http://host:8080}. */
  public static Builder builder(String baseUrl) {
    return new Builder(baseUrl);
  }

  /**
   * Which API the server speaks: {@code GET /api/v2/version} answers on Airflow 3, {@code GET
   * /api/v1/version} on Airflow 2. Asked once, then remembered.
   */
  public ApiVersion apiVersion() {
    ApiVersion known = apiVersion;
    if (known == null) {
      synchronized (this) {
        if (apiVersion == null) {
          apiVersion = detectApiVersion();
          LOG.debug("Airflow at {} speaks {}", baseUrl, apiVersion.prefix());
        }
        known = apiVersion;
      }
    }
    return known;
  }

  private ApiVersion detectApiVersion() {
    String action = "detect the Airflow version at " + baseUrl;
    try {
      transport.send(Call.of("GET", "/api/v2/version", null, Call.Auth.NONE, action));
      return ApiVersion.V2;
    } catch (AirflowException.Unauthorized protectedButPresent) {
      return ApiVersion.V2;
    } catch (AirflowException.NotFound notAirflow3) {
      Call airflow2 = Call.of("GET", "/api/v1/version", null, Call.Auth.BASIC, action);
      try {
        transport.send(airflow2);
        return ApiVersion.V1;
      } catch (AirflowException.NotFound neither) {
        throw errors.noAirflowApi(airflow2);
      }
    }
  }

  /** The health of the metadatabase, scheduler, triggerer and DAG processor; needs no login. */
  public Health health() {
    ApiVersion version = apiVersion();
    String path = version == ApiVersion.V2 ? "/monitor/health" : "/health";
    return Health.fromJson(
        transport.send(
            Call.of(
                "GET", version.prefix() + path, null, Call.Auth.NONE, "read Airflow's health")));
  }

  /** The server's Airflow version and the API this client uses with it. */
  public VersionInfo version() {
    ApiVersion version = apiVersion();
    Call.Auth auth = version == ApiVersion.V2 ? Call.Auth.NONE : Call.Auth.BASIC;
    JsonNode node =
        transport.send(
            Call.of("GET", version.prefix() + "/version", null, auth, "read Airflow's version"));
    return new VersionInfo(Json.text(node, "version"), Json.text(node, "git_version"), version);
  }

  /** Every DAG Airflow knows (stale ones excluded on Airflow 3). */
  public List<DagInfo> listDags() {
    return pages(get("/dags", "list DAGs"), "dags", DagInfo::fromJson, Integer.MAX_VALUE);
  }

  public DagInfo getDag(String dagId) {
    return DagInfo.fromJson(transport.send(get(dag(dagId), "read DAG '" + dagId + "'")));
  }

  /**
   * Triggers a run. Throws {@link AirflowException.Conflict} when the run id (or, on Airflow 2, the
   * logical date) is taken.
   */
  public DagRun trigger(TriggerRequest request) {
    ApiVersion version = apiVersion();
    ObjectNode body = Json.MAPPER.createObjectNode();
    if (request.runId() != null) {
      body.put("dag_run_id", request.runId());
    }
    if (version == ApiVersion.V2) {
      // Airflow 3 requires the field; null asks for a run without a logical date.
      body.put("logical_date", iso(request.logicalDate()));
      if (request.runAfter() != null) {
        body.put("run_after", iso(request.runAfter()));
      }
    } else if (request.logicalDate() != null) {
      // Every Airflow 2 release accepts execution_date; logical_date only exists from 2.2.
      body.put("execution_date", iso(request.logicalDate()));
    }
    body.set("conf", Json.MAPPER.valueToTree(request.conf()));
    if (request.note() != null) {
      body.put("note", request.note());
    }
    return DagRun.fromJson(triggerCall(request, body));
  }

  /**
   * Sends a trigger. One that names its run id is safe to retry: a retry answered 409 means an
   * earlier attempt whose answer was lost created the run, which is then read and returned. One
   * without a run id is sent once, since a retry could start a second run.
   */
  private JsonNode triggerCall(TriggerRequest request, ObjectNode body) {
    Call call = call("POST", dag(request.dagId()) + "/dagRuns", body, request.describe());
    if (request.runId() == null) {
      return transport.send(call);
    }
    JsonNode answer = transport.send(call.markedRetrySafe());
    if (answer.isMissingNode()) {
      return transport.send(
          get(
              run(request.dagId(), request.runId()),
              "read " + describeRun(request.dagId(), request.runId())));
    }
    return answer;
  }

  public DagRun getRun(String dagId, String runId) {
    return DagRun.fromJson(
        transport.send(get(run(dagId, runId), "read " + describeRun(dagId, runId))));
  }

  /** Every run of the DAG. */
  public List<DagRun> listRuns(String dagId) {
    return listRuns(dagId, RunFilter.all());
  }

  /** The runs of the DAG that {@code filter} selects, reading as many pages as needed. */
  public List<DagRun> listRuns(String dagId, RunFilter filter) {
    ApiVersion version = apiVersion();
    String dateField = version == ApiVersion.V2 ? "logical_date" : "execution_date";
    String newestFirst = version == ApiVersion.V2 ? "-run_after" : "-execution_date";
    Call call =
        get(dag(dagId) + "/dagRuns", "list runs of DAG '" + dagId + "'")
            .query(dateField + "_gte", iso(filter.logicalDateFrom()))
            .query(dateField + "_lte", iso(filter.logicalDateTo()))
            .query("order_by", filter.newestFirst() ? newestFirst : null);
    for (DagRunState state : DagRunState.values()) {
      if (filter.states().contains(state)) {
        call = call.query("state", state.value());
      }
    }
    return pages(call, "dag_runs", DagRun::fromJson, filter.maxResults());
  }

  /** {@link #waitForRun(String, String, Duration, Consumer)} without progress reports. */
  public DagRun waitForRun(String dagId, String runId, Duration timeout) {
    return waitForRun(dagId, runId, timeout, run -> {});
  }

  /**
   * Polls the run until it succeeds or fails and returns it in that state; a failed run is
   * returned, not thrown. Polls come 5 s apart at first, then ever further apart up to a minute
   * (see {@link Builder#pollInterval}); {@code onProgress} sees the run after every poll. A state
   * this client does not know ({@link DagRunState#UNKNOWN}) counts as not finished.
   *
   * @throws AirflowException.Timeout when the run has not finished after {@code timeout}
   */
  public DagRun waitForRun(
      String dagId, String runId, Duration timeout, Consumer<DagRun> onProgress) {
    Instant deadline = clock.instant().plus(timeout);
    Duration pause = firstPollPause;
    while (true) {
      DagRun run = getRun(dagId, runId);
      onProgress.accept(run);
      if (run.isFinished()) {
        return run;
      }
      Duration left = Duration.between(clock.instant(), deadline);
      if (left.isZero() || left.isNegative()) {
        throw errors.runNotFinished(dagId, runId, timeout, run);
      }
      try {
        sleeper.sleep(pause.compareTo(left) < 0 ? pause : left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw errors.interrupted("wait for " + describeRun(dagId, runId), e);
      }
      Duration longer = Duration.ofMillis(pause.toMillis() * 3 / 2);
      pause = longer.compareTo(maxPollPause) < 0 ? longer : maxPollPause;
    }
  }

  /** The task instances of one run, mapped ones included. */
  public List<TaskInstance> listTaskInstances(String dagId, String runId) {
    Call call =
        get(run(dagId, runId) + "/taskInstances", "list the tasks of " + describeRun(dagId, runId));
    return pages(call, "task_instances", TaskInstance::fromJson, Integer.MAX_VALUE);
  }

  /**
   * The whole log of one try of a task ({@link TaskInstance#tryNumber()} is the latest try). Reads
   * the log of an unmapped task; mapped tasks are not supported yet.
   */
  public TaskLog getTaskLog(String dagId, String runId, String taskId, int tryNumber) {
    Call call =
        get(
                run(dagId, runId) + "/taskInstances/" + encode(taskId) + "/logs/" + tryNumber,
                "read the log of task '"
                    + taskId
                    + "' (try "
                    + tryNumber
                    + ") in "
                    + describeRun(dagId, runId))
            .query("full_content", true);
    return TaskLog.fromJson(dagId, runId, taskId, tryNumber, transport.send(call));
  }

  /** Clears every task of the run so the scheduler runs the whole run again. */
  public DagRun clearRun(String dagId, String runId) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("dry_run", false);
    return DagRun.fromJson(
        transport.send(
            call("POST", run(dagId, runId) + "/clear", body, "clear " + describeRun(dagId, runId))
                // Clearing what is cleared already changes nothing.
                .markedRetrySafe()));
  }

  /**
   * Clears the failed and upstream-failed tasks of the run and sets the run running again, so only
   * they are retried. Returns the cleared task instances.
   */
  public List<TaskInstance> clearFailedTasks(String dagId, String runId) {
    ObjectNode body =
        Json.MAPPER
            .createObjectNode()
            .put("dry_run", false)
            .put("only_failed", true)
            .put("dag_run_id", runId)
            .put("reset_dag_runs", true);
    JsonNode answer =
        transport.send(
            call(
                    "POST",
                    dag(dagId) + "/clearTaskInstances",
                    body,
                    "clear the failed tasks of " + describeRun(dagId, runId))
                .markedRetrySafe());
    List<TaskInstance> cleared = new ArrayList<>();
    answer.path("task_instances").forEach(node -> cleared.add(TaskInstance.fromJson(node)));
    return List.copyOf(cleared);
  }

  /** Pauses the DAG: the scheduler creates no new runs; running ones finish. */
  public DagInfo pause(String dagId) {
    return setPaused(dagId, true);
  }

  public DagInfo unpause(String dagId) {
    return setPaused(dagId, false);
  }

  private DagInfo setPaused(String dagId, boolean paused) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("is_paused", paused);
    String action = (paused ? "pause" : "unpause") + " DAG '" + dagId + "'";
    Call call = call("PATCH", dag(dagId), body, action).query("update_mask", "is_paused");
    return DagInfo.fromJson(transport.send(call));
  }

  /** DAG files that fail to import; their DAGs are missing until fixed. */
  public List<ImportError> listImportErrors() {
    return pages(
        get("/importErrors", "list import errors"),
        "import_errors",
        ImportError::fromJson,
        Integer.MAX_VALUE);
  }

  /**
   * Creates runs for every date in the range. On Airflow 3 this is one backfill the scheduler
   * carries out ({@code POST /backfills}); Airflow 2 has no such API, so the client triggers one
   * run per date at midnight UTC itself, skipping dates that already have a run.
   */
  public Backfill backfill(BackfillRequest request) {
    return apiVersion() == ApiVersion.V2
        ? backfillOnAirflow3(request)
        : backfillOnAirflow2(request);
  }

  private Backfill backfillOnAirflow3(BackfillRequest request) {
    ObjectNode body =
        Json.MAPPER
            .createObjectNode()
            .put("dag_id", request.dagId())
            .put("from_date", iso(midnightUtc(request.from())))
            .put("to_date", iso(midnightUtc(request.to())))
            .put("run_backwards", request.runBackwards())
            .put("reprocess_behavior", request.reprocessBehavior().value())
            .put("max_active_runs", request.maxActiveRuns());
    body.set("dag_run_conf", Json.MAPPER.valueToTree(request.conf()));
    return Backfill.fromJson(
        transport.send(call("POST", "/backfills", body, describeBackfill(request))));
  }

  private Backfill backfillOnAirflow2(BackfillRequest request) {
    List<LocalDate> dates =
        request.from().datesUntil(request.to().plusDays(1)).collect(Collectors.toList());
    if (request.runBackwards()) {
      Collections.reverse(dates);
    }
    List<String> runIds = new ArrayList<>();
    for (LocalDate date : dates) {
      TriggerRequest run =
          TriggerRequest.of(request.dagId())
              .withLogicalDate(midnightUtc(date))
              .withConf(request.conf());
      try {
        runIds.add(trigger(run).runId());
      } catch (AirflowException.Conflict existing) {
        LOG.debug("DAG {} already has a run for {}; skipped", request.dagId(), date);
      }
    }
    return new Backfill(
        null,
        request.dagId(),
        midnightUtc(request.from()),
        midnightUtc(request.to()),
        request.reprocessBehavior(),
        request.maxActiveRuns(),
        false,
        clock.instant(),
        null,
        runIds);
  }

  /**
   * Reads every page of a list endpoint: pages are requested by {@code limit} and {@code offset}
   * until one comes back empty, {@code total_entries} are read, or {@code maxResults} are.
   */
  private <T> List<T> pages(Call call, String field, Function<JsonNode, T> reader, int maxResults) {
    List<T> items = new ArrayList<>();
    int offset = 0;
    while (true) {
      Call page =
          call.query("limit", Math.min(pageSize, maxResults - items.size()))
              .query("offset", offset);
      JsonNode answer = transport.send(page);
      JsonNode received = answer.path(field);
      if (!received.isArray()) {
        throw errors.unexpectedBody(page, 200, "a '" + field + "' list", answer.toString());
      }
      for (JsonNode item : received) {
        items.add(reader.apply(item));
        if (items.size() >= maxResults) {
          return List.copyOf(items);
        }
      }
      // Advance by what arrived, not by the limit: a server may cap the page size lower.
      offset += received.size();
      if (received.isEmpty() || offset >= exactTotal(answer)) {
        return List.copyOf(items);
      }
    }
  }

  /**
   * {@code total_entries}, when it is an exact count. Airflow 3.3 caps it under cursor paging and
   * then says so in {@code total_entries_limit}; a capped count must not end the listing early.
   */
  private static long exactTotal(JsonNode page) {
    JsonNode total = page.path("total_entries");
    boolean capped = page.path("total_entries_limit").isNumber();
    return total.isNumber() && !capped ? total.asLong() : Long.MAX_VALUE;
  }

  private Call get(String path, String action) {
    return call("GET", path, null, action);
  }

  /** A call to an endpoint of the detected API, authenticated the way that API expects. */
  private Call call(String method, String path, JsonNode body, String action) {
    ApiVersion version = apiVersion();
    Call.Auth auth = version == ApiVersion.V2 ? Call.Auth.BEARER : Call.Auth.BASIC;
    return Call.of(method, version.prefix() + path, body, auth, action);
  }

  private static String dag(String dagId) {
    return "/dags/" + encode(dagId);
  }

  private static String run(String dagId, String runId) {
    return dag(dagId) + "/dagRuns/" + encode(runId);
  }

  private static String describeRun(String dagId, String runId) {
    return "run '" + runId + "' of DAG '" + dagId + "'";
  }

  private static String describeBackfill(BackfillRequest request) {
    return "backfill DAG '" + request.dagId() + "' from " + request.from() + " to " + request.to();
  }

  private static Instant midnightUtc(LocalDate date) {
    return date.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /** Settings of an {@link AirflowClient}; every one but the base URL has a default. */
  public static final class Builder {
    private final String baseUrl;
    private Supplier<Credentials> credentials;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Duration firstPollPause = Duration.ofSeconds(5);
    private Duration maxPollPause = Duration.ofSeconds(60);
    private ApiVersion apiVersion;
    private int pageSize = 100;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();

    private Builder(String baseUrl) {
      this.baseUrl = normalize(baseUrl);
    }

    /** The Airflow user to act as. Without credentials only health and version work. */
    public Builder credentials(Credentials credentials) {
      Objects.requireNonNull(credentials, "credentials");
      return credentials(() -> credentials);
    }

    /** Credentials read whenever a token or request needs them, e.g. from a rotated secret. */
    public Builder credentials(Supplier<Credentials> credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** How long to wait for a TCP connection; default 10 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /** How long to wait for each answer; default 30 s. A timed-out request is not retried. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive(requestTimeout, "requestTimeout");
      return this;
    }

    /** Default {@link RetryPolicy#defaults()}. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * Pauses between polls of {@code waitForRun}: {@code first}, growing by half each time up to
     * {@code max}; default 5 s up to 60 s.
     */
    public Builder pollInterval(Duration first, Duration max) {
      this.firstPollPause = positive(first, "first poll interval");
      this.maxPollPause = positive(max, "max poll interval");
      return this;
    }

    /** Skips detection and speaks this API version. */
    public Builder apiVersion(ApiVersion apiVersion) {
      this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
      return this;
    }

    /** Items requested per page; default 100, the most Airflow returns by default. */
    public Builder pageSize(int pageSize) {
      if (pageSize < 1) {
        throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
      }
      this.pageSize = pageSize;
      return this;
    }

    /** The time source for token expiry and wait deadlines; for tests. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** What waits between retries and polls; for tests. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    public AirflowClient build() {
      return new AirflowClient(this);
    }

    /**
     * Checks the URL and drops trailing slashes. Never echoes a URL that carries a user or
     * password: those belong in {@link #credentials}.
     */
    private static String normalize(String baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      URI uri;
      try {
        uri = URI.create(baseUrl.strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "The Airflow base URL is not a valid URL; expected e.g. http://localhost:8080");
      }
      if (uri.getRawUserInfo() != null) {
        throw new IllegalArgumentException(
            "The Airflow base URL must not contain a user or password; pass them with"
                + " credentials(...)");
      }
      boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      if (!web || uri.getHost() == null || uri.getRawQuery() != null) {
        throw new IllegalArgumentException(
            "The Airflow base URL must look like http://host:8080 (optionally with a path"
                + " prefix), was "
                + baseUrl);
      }
      return uri.toString().replaceAll("/+$", "");
    }

    private static Duration positive(Duration duration, String name) {
      if (duration == null || duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + duration);
      }
      return duration;
    }
  }
}
