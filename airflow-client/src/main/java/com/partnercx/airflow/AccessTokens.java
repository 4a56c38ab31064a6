package com.partnercx.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Airflow 3's bearer tokens: fetched from {@code POST /auth/token} on first use, reused, and
 * fetched again shortly before the JWT's {@code exp} claim or when Airflow calls the token expired.
 */
final class AccessTokens {

  private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);

  /** Renew this long before expiry, so a token cannot lapse between check and use. */
  static final Duration RENEWAL_MARGIN = Duration.ofSeconds(30);

  private final ApiTransport transport;
  private final Supplier<Optional<Credentials>> credentials;
  private final Clock clock;
  private final AirflowErrors errors;

  private String token;
  private Instant expiresAt;

  AccessTokens(
      ApiTransport transport,
      Supplier<Optional<Credentials>> credentials,
      Clock clock,
      AirflowErrors errors) {
    this.transport = transport;
    this.credentials = credentials;
    this.clock = clock;
    this.errors = errors;
  }

  /** A token valid for a while yet, or empty when no credentials are configured. */
  synchronized Optional<String> current() {
    if (token == null || !clock.instant().isBefore(expiresAt.minus(RENEWAL_MARGIN))) {
      Optional<Credentials> user = credentials.get();
      if (user.isEmpty()) {
        return Optional.empty();
      }
      fetch(user.get());
    }
    return Optional.of(token);
  }

  /** Forgets {@code rejected} so the next {@link #current()} fetches a new token. */
  synchronized void invalidate(String rejected) {
    if (rejected != null && rejected.equals(token)) {
      token = null;
    }
  }

  private void fetch(Credentials user) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("username", user.username());
    body.put("password", user.password());
    Call call =
        Call.of("POST", "/auth/token", body, Call.Auth.NONE, "obtain an access token (Airflow 3)")
            // A second token is as good as the first.
            .markedRetrySafe();
    JsonNode answer = transport.send(call);
    String fetched = Json.text(answer, "access_token");
    if (fetched == null || fetched.isBlank()) {
      throw errors.unexpectedBody(call, 201, "an access_token", "");
    }
    errors.remember(fetched);
    token = fetched;
    expiresAt = expiryOf(fetched).orElse(Instant.MAX);
    LOG.debug("Obtained an Airflow access token, valid until {}", expiresAt);
  }

  /** The {@code exp} claim of a JWT; empty if the token is not a JWT or has no expiry. */
  static Optional<Instant> expiryOf(String jwt) {
    String[] parts = jwt.split("\\.");
    if (parts.length < 2) {
      return Optional.empty();
    }
    try {
      byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
      JsonNode exp = Json.MAPPER.readTree(new String(payload, StandardCharsets.UTF_8)).path("exp");
      return exp.isNumber() ? Optional.of(Instant.ofEpochSecond(exp.asLong())) : Optional.empty();
    } catch (IllegalArgumentException | IOException notAJwt) {
      return Optional.empty();
    }
  }
}
