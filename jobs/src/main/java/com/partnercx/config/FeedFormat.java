package com.partnercx.config;

import java.util.Arrays;
import java.util.Optional;

/** File formats a feed can be delivered in; either may be gzip-compressed. */
public enum FeedFormat {
  CSV("csv"),
  JSONL("jsonl");

  private final String id;

  FeedFormat(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The constant whose {@link #id()} is {@code id}, as written in the configuration. */
  public static Optional<FeedFormat> byId(String id) {
    return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
  }
}
