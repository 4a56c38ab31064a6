package com.partnercx.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Whether a higher or a lower metric value is better; a lower-is-better metric has floor > target.
 */
public enum Direction {
  HIGHER_IS_BETTER("higher_is_better"),
  LOWER_IS_BETTER("lower_is_better");

  private final String id;

  Direction(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The constant whose {@link #id()} is {@code id}, as written in the configuration. */
  public static Optional<Direction> byId(String id) {
    return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst();
  }
}
