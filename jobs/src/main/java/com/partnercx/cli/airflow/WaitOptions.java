package com.partnercx.cli.airflow;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How long to follow a run, and how much of each failed task's log to show. */
final class WaitOptions {
  @Option(
      names = "--timeout",
      paramLabel = "MINUTES",
      defaultValue = "120",
      description = "How long to wait for the run (default: ${DEFAULT-VALUE})")
  long timeoutMinutes;

  @Option(
      names = "--log-lines",
      paramLabel = "N",
      defaultValue = "20",
      description = "Log lines shown per failed task (default: ${DEFAULT-VALUE})")
  int logLines;

  Duration timeout() {
    return Duration.ofMinutes(timeoutMinutes);
  }
}
