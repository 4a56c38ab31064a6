package com.partnercx.airflow;

import java.util.Locale;

/**
 * The state of a task instance. {@link #NONE} is a task not yet scheduled (Airflow sends null);
 * {@link #UNKNOWN} stands for any state a newer Airflow adds.
 */
public enum TaskState {
  NONE,
  SCHEDULED,
  QUEUED,
  RUNNING,
  SUCCESS,
  RESTARTING,
  FAILED,
  UP_FOR_RETRY,
  UP_FOR_RESCHEDULE,
  UPSTREAM_FAILED,
  SKIPPED,
  REMOVED,
  DEFERRED,
  /** Waiting for a person's answer (Airflow 3.1+ human-in-the-loop tasks). */
  AWAITING_INPUT,
  UNKNOWN;

  /** Parses Airflow's lower-case value, null included; never fails. */
  public static TaskState of(String value) {
    if (value == null || value.isBlank()) {
      return NONE;
    }
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException newerAirflow) {
      return UNKNOWN;
    }
  }

  /** The value Airflow uses, e.g. {@code up_for_retry}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for {@link #FAILED} and {@link #UPSTREAM_FAILED}. */
  public boolean isFailure() {
    return this == FAILED || this == UPSTREAM_FAILED;
  }
}
