package com.partnercx.airflow;

/**
 * A call to Airflow that did not succeed. Every message says what was attempted, what went wrong
 * and what to do about it, and never contains a password or token. Catch a subclass to handle one
 * case ({@link Conflict} to accept an existing run, {@link NotFound} for a missing DAG); all are
 * built by {@code AirflowErrors}.
 */
public class AirflowException extends RuntimeException {

  /** What kind of failure this is; stable for scripts and exit codes. */
  public enum Code {
    NOT_FOUND,
    CONFLICT,
    UNAUTHORIZED,
    VALIDATION,
    SERVER_ERROR,
    TIMEOUT,
    UNREACHABLE,
    /** Airflow answered something this client does not understand (status or body). */
    UNEXPECTED_RESPONSE,
    /** The calling thread was interrupted while waiting. */
    INTERRUPTED
  }

  private final Code code;
  private final int httpStatus;

  AirflowException(Code code, int httpStatus, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.httpStatus = httpStatus;
  }

  public Code code() {
    return code;
  }

  /** The HTTP status Airflow answered, or 0 when no answer arrived. */
  public int httpStatus() {
    return httpStatus;
  }

  /** 404: the DAG, run, task or endpoint does not exist. */
  public static final class NotFound extends AirflowException {
    NotFound(int httpStatus, String message) {
      super(Code.NOT_FOUND, httpStatus, message, null);
    }
  }

  /** 409: e.g. a run with the same run id or logical date already exists. */
  public static final class Conflict extends AirflowException {
    Conflict(String message) {
      super(Code.CONFLICT, 409, message, null);
    }
  }

  /** 401 or 403: missing or wrong credentials, or a user without the needed permission. */
  public static final class Unauthorized extends AirflowException {
    Unauthorized(int httpStatus, String message) {
      super(Code.UNAUTHORIZED, httpStatus, message, null);
    }
  }

  /** 400 or 422: Airflow rejected the request's content; {@link #detail()} says which field. */
  public static final class Validation extends AirflowException {
    private final String detail;

    Validation(int httpStatus, String message, String detail) {
      super(Code.VALIDATION, httpStatus, message, null);
      this.detail = detail;
    }

    /**
     * The server's own explanation, e.g. {@code body.logical_date: Input should be a valid
     * datetime}.
     */
    public String detail() {
      return detail;
    }
  }

  /** 5xx on every attempt of the retry policy. */
  public static final class ServerError extends AirflowException {
    ServerError(int httpStatus, String message) {
      super(Code.SERVER_ERROR, httpStatus, message, null);
    }
  }

  /** No answer within the request timeout, or a run that did not finish in time. */
  public static final class Timeout extends AirflowException {
    Timeout(String message, Throwable cause) {
      super(Code.TIMEOUT, 0, message, cause);
    }
  }

  /** No connection could be made (refused, reset, DNS) on every attempt of the retry policy. */
  public static final class Unreachable extends AirflowException {
    Unreachable(String message, Throwable cause) {
      super(Code.UNREACHABLE, 0, message, cause);
    }
  }
}
