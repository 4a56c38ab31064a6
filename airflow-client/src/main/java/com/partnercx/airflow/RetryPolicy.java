package com.partnercx.airflow;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a request is tried when the connection fails or Airflow answers 5xx, and how long to
 * pause in between: {@code initialBackoff}, multiplied by {@code multiplier} after each failure,
 * never more than {@code maxBackoff}. Answers 4xx are never retried: repeating them cannot help.
 *
 * @param maxAttempts total tries, the first included; 1 means no retry
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "need 0 <= initialBackoff <= maxBackoff, was " + initialBackoff + " and " + maxBackoff);
    }
    if (multiplier < 1.0) {
      throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
    }
  }

  /** Four attempts, pausing 1 s, 2 s, then 4 s (at most 15 s). */
  public static RetryPolicy defaults() {
    return new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(15), 2.0);
  }

  /** One attempt, no retry. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0);
  }

  /** The pause after the {@code failedAttempt}-th try (1-based) failed. */
  public Duration backoffAfter(int failedAttempt) {
    double millis = initialBackoff.toMillis() * Math.pow(multiplier, failedAttempt - 1);
    return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
  }
}
