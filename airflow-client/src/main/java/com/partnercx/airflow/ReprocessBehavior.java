package com.partnercx.airflow;

import java.util.Locale;

/** Which existing runs an Airflow 3 backfill creates again. */
public enum ReprocessBehavior {
  /** Only dates without a run. */
  NONE,
  /** Dates without a run, and dates whose run failed. */
  FAILED,
  /** Every date, whatever its run's state. */
  COMPLETED;

  /** The value Airflow uses, e.g. {@code failed}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses Airflow's value; an unknown one reads as {@link #NONE}. */
  public static ReprocessBehavior of(String value) {
    for (ReprocessBehavior behavior : values()) {
      if (behavior.value().equalsIgnoreCase(value)) {
        return behavior;
      }
    }
    return NONE;
  }
}
