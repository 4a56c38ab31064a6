package com.partnercx.airflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link Call}s: adds authentication, retries connection failures and 5xx answers with
 * back-off, renews an expired token once, and turns every other failure into an {@link
 * AirflowException}. Logs method, path, status and timing at debug, never headers or bodies.
 */
final class ApiTransport {

  private static final Logger LOG = LoggerFactory.getLogger(ApiTransport.class);

  private final HttpClient http;
  private final String baseUrl;
  private final Duration requestTimeout;
  private final RetryPolicy retryPolicy;
  private final Sleeper sleeper;
  private final Supplier<Credentials> credentials;
  private final AirflowErrors errors;
  private final AccessTokens tokens;

  ApiTransport(
      String baseUrl,
      Duration connectTimeout,
      Duration requestTimeout,
      RetryPolicy retryPolicy,
      Sleeper sleeper,
      Clock clock,
      Supplier<Credentials> credentials,
      AirflowErrors errors) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .build();
    this.baseUrl = baseUrl;
    this.requestTimeout = requestTimeout;
    this.retryPolicy = retryPolicy;
    this.sleeper = sleeper;
    this.credentials = credentials;
    this.errors = errors;
    this.tokens = new AccessTokens(this, this::credentials, clock, errors);
  }

  /** Sends {@code call} and returns its JSON answer ({@code null} node for an empty body). */
  JsonNode send(Call call) {
    int attempt = 1;
    boolean tokenRenewed = false;
    while (true) {
      String bearer = call.auth() == Call.Auth.BEARER ? tokens.current().orElse(null) : null;
      long started = System.nanoTime();
      HttpResponse<String> response;
      try {
        response = http.send(request(call, bearer), HttpResponse.BodyHandlers.ofString());
      } catch (HttpConnectTimeoutException e) {
        // Checked before its parent HttpTimeoutException: no connection means nothing was sent.
        attempt = retryOrThrow(call, attempt, e);
        continue;
      } catch (HttpTimeoutException e) {
        // Not retried: the server may still be working on it, and a retry would only wait again.
        throw errors.timeout(call, requestTimeout, e);
      } catch (java.net.ConnectException e) {
        // Nothing was sent: safe to try again whatever the call.
        attempt = retryOrThrow(call, attempt, e);
        continue;
      } catch (IOException e) {
        if (!call.retrySafe()) {
          // The server may have acted on it: a second POST could start a second run.
          throw errors.unreachable(call, attempt, e);
        }
        attempt = retryOrThrow(call, attempt, e);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw errors.interrupted(call.action(), e);
      }
      int status = response.statusCode();
      LOG.debug(
          "{} -> {} in {} ms (attempt {})",
          call.endpoint(),
          status,
          (System.nanoTime() - started) / 1_000_000,
          attempt);
      if (status / 100 == 2) {
        return parse(call, response);
      }
      if (bearer != null && !tokenRenewed && isRejectedToken(status, response.body())) {
        LOG.debug("Access token rejected ({}); fetching a new one and retrying once", status);
        tokens.invalidate(bearer);
        tokenRenewed = true;
        continue;
      }
      if (status == 409 && attempt > 1 && call.retrySafe() && "POST".equals(call.method())) {
        // A retried creation that conflicts: the attempt whose answer was lost created it.
        LOG.debug(
            "{} -> 409 on attempt {}: created by an earlier attempt", call.endpoint(), attempt);
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
      }
      if (status >= 500 && call.retrySafe() && attempt < retryPolicy.maxAttempts()) {
        pause(call, attempt);
        attempt++;
        continue;
      }
      throw errors.forStatus(call, status, response.body(), attempt);
    }
  }

  /**
   * Airflow 3 answers 401 "Token Expired" for an expired JWT and 403 "Invalid JWT token" for one it
   * cannot verify, e.g. after the API server restarted with a new signing key. Both are cured by a
   * new token; a 403 for missing permission is not.
   */
  private static boolean isRejectedToken(int status, String body) {
    return status == 401
        || (status == 403 && body != null && body.toLowerCase(Locale.ROOT).contains("jwt"));
  }

  private int retryOrThrow(Call call, int attempt, IOException failure) {
    LOG.debug("{} failed on attempt {}: {}", call.endpoint(), attempt, failure.toString());
    if (attempt >= retryPolicy.maxAttempts()) {
      throw errors.unreachable(call, attempt, failure);
    }
    pause(call, attempt);
    return attempt + 1;
  }

  private void pause(Call call, int failedAttempt) {
    Duration backoff = retryPolicy.backoffAfter(failedAttempt);
    LOG.debug("Retrying {} in {} ms", call.endpoint(), backoff.toMillis());
    try {
      sleeper.sleep(backoff);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw errors.interrupted(call.action(), e);
    }
  }

  private HttpRequest request(Call call, String bearer) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(call))
            .timeout(requestTimeout)
            .header("Accept", "application/json");
    if (call.auth() == Call.Auth.BEARER && bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    if (call.auth() == Call.Auth.BASIC) {
      credentials()
          .ifPresent(
              user -> {
                String header = basic(user);
                errors.remember(header.substring("Basic ".length()));
                request.header("Authorization", header);
              });
    }
    if (call.body() == null) {
      return request.method(call.method(), HttpRequest.BodyPublishers.noBody()).build();
    }
    return request
        .header("Content-Type", "application/json")
        .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body().toString()))
        .build();
  }

  private URI uri(Call call) {
    String query =
        call.query().stream()
            .map(p -> encode(p.getKey()) + "=" + encode(p.getValue()))
            .collect(Collectors.joining("&"));
    return URI.create(baseUrl + call.path() + (query.isEmpty() ? "" : "?" + query));
  }

  private JsonNode parse(Call call, HttpResponse<String> response) {
    String body = response.body();
    if (body == null || body.isBlank()) {
      return NullNode.getInstance();
    }
    try {
      return Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw errors.unexpectedBody(call, response.statusCode(), "a JSON body", body);
    }
  }

  /** The configured credentials, each password registered for redaction as it is read. */
  private Optional<Credentials> credentials() {
    Optional<Credentials> user = Optional.ofNullable(credentials.get());
    user.ifPresent(u -> errors.remember(u.password()));
    return user;
  }

  private static String basic(Credentials user) {
    String pair = user.username() + ":" + user.password();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** Percent-encodes a query part or a path segment (run ids contain ':' and '+'). */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
