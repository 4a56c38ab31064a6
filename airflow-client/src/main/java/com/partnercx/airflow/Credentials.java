package com.partnercx.airflow;

import java.util.Objects;

/**
 * An Airflow user's name and password. Airflow 3 exchanges them for a JWT; Airflow 2 receives them
 * as HTTP basic auth. {@link #toString()} never shows the password, so a record logged by mistake
 * leaks nothing.
 */
public record Credentials(String username, String password) {

  public Credentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  @Override
  public String toString() {
    return "Credentials[username=" + username + ", password=****]";
  }
}
