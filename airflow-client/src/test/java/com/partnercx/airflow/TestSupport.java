package com.partnercx.airflow;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Credentials, a clock that only moves when told, and a sleeper that records instead of waiting.
 */
final class TestSupport {

  static final String USER = "pcx-bot";
  static final String PASSWORD = "pa55-w0rd-xyzzy";
  static final Credentials CREDENTIALS = new Credentials(USER, PASSWORD);

  private TestSupport() {}

  /** A clock at 2024-05-01T00:00:00Z that advances only through {@link #advance}. */
  static final class ManualClock extends Clock {
    private volatile Instant now = Instant.parse("2024-05-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  /** Records each pause and moves the clock by it, so waits take no real time. */
  static final class RecordingSleeper implements Sleeper {
    final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final ManualClock clock;

    RecordingSleeper(ManualClock clock) {
      this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
      pauses.add(duration);
      clock.advance(duration);
    }
  }

  /** Fails if the password or any given token shows in the message of the exception or a cause. */
  static void assertNoSecrets(Throwable thrown, String... tokens) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      String text = t + " " + t.getMessage();
      assertFalse(text.contains(PASSWORD), () -> "password leaked: " + text);
      for (String token : tokens) {
        assertFalse(text.contains(token), () -> "token leaked: " + text);
      }
    }
  }
}
