package com.partnercx.config;

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
}
