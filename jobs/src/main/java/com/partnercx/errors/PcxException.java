package com.partnercx.errors;

/**
 * A user-facing error: bad configuration, bad partner data, a missing period. Its message says what
 * is wrong, why, and how to fix it; build instances through {@link PcxErrors}. Bugs stay ordinary
 * exceptions.
 */
public final class PcxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  PcxException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
