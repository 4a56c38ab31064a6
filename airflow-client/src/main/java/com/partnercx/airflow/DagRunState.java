package com.partnercx.airflow;

import java.util.Locale;

/** The state of a DAG run; {@link #UNKNOWN} stands for any state a newer Airflow adds. */
public enum DagRunState {
  QUEUED,
  RUNNING,
  SUCCESS,
  FAILED,
  UNKNOWN;

  /** Parses Airflow's lower-case value; never fails. */
  public static DagRunState of(String value) {
    if (value == null) {
      return UNKNOWN;
    }
    for (DagRunState state : values()) {
      if (state != UNKNOWN && state.value().equals(value.toLowerCase(Locale.ROOT))) {
        return state;
      }
    }
    return UNKNOWN;
  }

  /** The value Airflow uses, e.g. {@code success}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for {@link #SUCCESS} and {@link #FAILED}: the run will not change by itself. */
  public boolean isFinished() {
    return this == SUCCESS || this == FAILED;
  }
}
