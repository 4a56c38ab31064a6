package com.partnercx.errors;

/**
 * Codes of the user-facing errors; each maps to the process exit code the CLI returns, so scripts
 * and Airflow can tell a bad input from a held-back quality gate.
 */
public enum ErrorCode {
  /** The configuration folder has missing files or invalid values. */
  CONFIG_INVALID(1),
  /** A partner extract or landing folder cannot be read. */
  INPUT_UNREADABLE(1),
  /** A period, partner or table that was asked for does not exist. */
  NOT_FOUND(1),
  /** A stage could not complete for a reason named in the message. */
  STAGE_FAILED(1),
  /**
   * A request breaks a rule of the program (an appeal outside its window, naming others' records).
   */
  REQUEST_REFUSED(1),
  /** A data-quality gate held the stage back. */
  QUALITY_GATE_HELD(3);

  private final int exitCode;

  ErrorCode(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
