package com.partnercx.airflow;

import java.time.Duration;

/**
 * Waits between retries and polls. Injected so tests can record the back-off instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

  void sleep(Duration duration) throws InterruptedException;

  /** Sleeps the calling thread. */
  static Sleeper system() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}
