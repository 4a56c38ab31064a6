package com.partnercx.airflow;

/**
 * The REST API generation a server speaks. Airflow 3 serves {@code /api/v2} and authenticates with
 * a JWT from {@code POST /auth/token}; Airflow 2 serves {@code /api/v1} with HTTP basic auth.
 */
public enum ApiVersion {
  /** Airflow 2: {@code /api/v1}, HTTP basic authentication, {@code execution_date}. */
  V1("/api/v1"),
  /** Airflow 3: {@code /api/v2}, bearer JWT, {@code logical_date} and {@code run_after}. */
  V2("/api/v2");

  private final String prefix;

  ApiVersion(String prefix) {
    this.prefix = prefix;
  }

  /** The path every endpoint of this version lives under, e.g. {@code /api/v2}. */
  public String prefix() {
    return prefix;
  }
}
