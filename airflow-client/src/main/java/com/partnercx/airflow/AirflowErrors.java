package com.partnercx.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one factory of {@link AirflowException}s, so their wording stays consistent: what was
 * attempted, what Airflow said, what to do. Every message passes through {@link #redact}, which
 * blanks each password and token this client has handled, because a server may echo its input (a
 * 422 from {@code /auth/token} repeats the body it rejected).
 */
final class AirflowErrors {

  private static final int MAX_DETAIL_CHARS = 500;

  private final String baseUrl;
  private final boolean credentialsConfigured;
  private final Set<String> secrets = ConcurrentHashMap.newKeySet();

  AirflowErrors(String baseUrl, boolean credentialsConfigured) {
    this.baseUrl = baseUrl;
    this.credentialsConfigured = credentialsConfigured;
  }

  /** Registers a password or token so that no message can contain it. */
  void remember(String secret) {
    if (secret != null && !secret.isEmpty()) {
      secrets.add(secret);
    }
  }

  /**
   * Credentials in any form a server may echo: an Authorization header (Basic, Bearer, Token) and a
   * password field, quoted or not.
   */
  private static final java.util.regex.Pattern CREDENTIAL_FORMS =
      java.util.regex.Pattern.compile(
          "(?i)(authorization\\W{0,3}\\s*[:=]\\s*\\W?\\s*(?:basic|bearer|token)\\s+)[A-Za-z0-9+/=._~-]+"
              + "|(\\bpassword\\W{0,3}\\s*[:=]\\s*\\W?)[^\\s\"',&}]+");

  String redact(String text) {
    String redacted = text;
    for (String secret : secrets) {
      redacted = redacted.replace(secret, "****");
    }
    return CREDENTIAL_FORMS
        .matcher(redacted)
        .replaceAll(
            m ->
                java.util.regex.Matcher.quoteReplacement(
                    (m.group(1) != null ? m.group(1) : m.group(2)) + "****"));
  }

  /** The exception for an HTTP answer outside 2xx, after retries (if any) are spent. */
  AirflowException forStatus(Call call, int status, String body, int attempts) {
    String detail = detailOf(body);
    String answered =
        "Airflow answered " + status + " at " + call.endpoint() + " (" + detail + ").";
    if (status == 404) {
      return new AirflowException.NotFound(
          status,
          message(
              call,
              answered
                  + " Check the DAG, run and task ids; a DAG whose file fails to import does not"
                  + " exist for Airflow, see listImportErrors()."));
    }
    if (status == 409) {
      return new AirflowException.Conflict(
          message(
              call,
              answered
                  + " Something with the same identity already exists or is busy: choose another"
                  + " run id or logical date, or clear the existing run to run it again."));
    }
    if (status == 401) {
      return new AirflowException.Unauthorized(
          status,
          message(
              call,
              answered
                  + (credentialsConfigured
                      ? " Airflow rejected the credentials: check the username and password given"
                          + " to AirflowClient.builder().credentials(...)."
                      : " No credentials were configured: pass them with"
                          + " AirflowClient.builder().credentials(...).")));
    }
    if (status == 403) {
      return new AirflowException.Unauthorized(
          status,
          message(
              call,
              answered
                  + " The Airflow user lacks permission for this; ask an Airflow admin to grant"
                  + " it a role that may do it."));
    }
    if (status == 400 || status == 422) {
      return new AirflowException.Validation(
          status,
          message(call, answered + " Airflow rejected the request's content; fix what it names."),
          redact(detail));
    }
    if (status >= 500) {
      return new AirflowException.ServerError(
          status,
          message(
              call,
              answered
                  + " This was the answer to all "
                  + attempts
                  + " attempt(s). The API server or its metadata database is failing: check the"
                  + " API server's log and health (AirflowClient.health()), then retry later."));
    }
    return new AirflowException(
        AirflowException.Code.UNEXPECTED_RESPONSE,
        status,
        message(
            call,
            answered
                + " This client does not expect that answer; check that "
                + baseUrl
                + " is an Airflow 2 or 3 API server and not a proxy in front of it."),
        null);
  }

  AirflowException unexpectedBody(Call call, int status, String expected, String body) {
    return new AirflowException(
        AirflowException.Code.UNEXPECTED_RESPONSE,
        status,
        message(
            call,
            "Airflow answered "
                + status
                + " at "
                + call.endpoint()
                + " without "
                + expected
                + " (body: "
                + snippet(body)
                + "). Check that "
                + baseUrl
                + " is the Airflow API server itself, not a login page or proxy."),
        null);
  }

  AirflowException timeout(Call call, Duration requestTimeout, IOException cause) {
    String effect =
        call.method().equals("GET")
            ? ""
            : " The request may still take effect on the server; check before repeating it.";
    return new AirflowException.Timeout(
        message(
            call,
            "Airflow did not answer "
                + call.endpoint()
                + " within "
                + requestTimeout.toMillis()
                + " ms."
                + effect
                + " The server is slow or overloaded: retry later, or raise"
                + " AirflowClient.builder().requestTimeout(...)."),
        cause);
  }

  AirflowException unreachable(Call call, int attempts, IOException cause) {
    return new AirflowException.Unreachable(
        message(
            call,
            "Could not connect to "
                + baseUrl
                + " for "
                + call.endpoint()
                + " in "
                + attempts
                + " attempt(s) ("
                + cause
                + "). Check that the Airflow API server is running and that the base URL is"
                + " right."),
        cause);
  }

  AirflowException runNotFinished(String dagId, String runId, Duration timeout, DagRun last) {
    return new AirflowException.Timeout(
        redact(
            "Run '"
                + runId
                + "' of DAG '"
                + dagId
                + "' did not finish within "
                + timeout
                + "; its last state was '"
                + last.state().value()
                + "'. Wait longer, or list its task instances to see what is stuck or queued"
                + " (a paused DAG or a busy pool keeps runs queued)."),
        null);
  }

  AirflowException noAirflowApi(Call call) {
    return new AirflowException.NotFound(
        404,
        message(
            call,
            "Neither /api/v2/version (Airflow 3) nor /api/v1/version (Airflow 2) exists at "
                + baseUrl
                + ". Check the base URL: scheme, host, port and any path prefix the server is"
                + " mounted under."));
  }

  AirflowException interrupted(String action, InterruptedException cause) {
    return new AirflowException(
        AirflowException.Code.INTERRUPTED,
        0,
        redact("Could not " + action + ": the thread was interrupted while waiting for Airflow."),
        cause);
  }

  private String message(Call call, String what) {
    return redact("Could not " + call.action() + ": " + what);
  }

  /**
   * The server's explanation from an error body: Airflow 3's {@code detail} (a string, an object,
   * or for 422 a list of {@code loc}/{@code msg} items), Airflow 2's problem+json {@code detail} or
   * {@code title}, or the start of a non-JSON body.
   */
  static String detailOf(String body) {
    if (body == null || body.isBlank()) {
      return "no detail";
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (IOException notJson) {
      return snippet(body);
    }
    JsonNode detail = root.path("detail");
    if (detail.isArray()) {
      List<String> problems = new ArrayList<>();
      for (JsonNode item : detail) {
        problems.add(describeValidationItem(item));
      }
      return String.join("; ", problems);
    }
    String text = Json.text(root, "detail", "title", "message");
    return text == null ? snippet(body) : snippet(text);
  }

  private static String describeValidationItem(JsonNode item) {
    if (!item.isObject()) {
      return item.asText();
    }
    List<String> location = new ArrayList<>();
    item.path("loc").forEach(part -> location.add(part.asText()));
    String msg = Json.text(item, "msg");
    return (location.isEmpty() ? "" : String.join(".", location) + ": ")
        + (msg == null ? item.toString() : msg);
  }

  private static String snippet(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= MAX_DETAIL_CHARS ? flat : flat.substring(0, MAX_DETAIL_CHARS) + "...";
  }
}
