package com.partnercx.tables;

import com.partnercx.schema.Entity;

/** Table ids relative to the warehouse root (README "Where the output lands"). */
public final class Tables {
  private Tables() {}

  public static final String PARTNER_DAILY = "gold/partner_daily";
  public static final String SCORECARD = "gold/scorecard";
  public static final String BENCHMARK = "gold/benchmark";
  public static final String INTEGRITY_FLAGS = "gold/integrity_flags";
  public static final String INGEST_LOG = "ops/ingest_log";
  public static final String QUARANTINE = "ops/quarantine";
  public static final String RUNS = "ops/runs";
  public static final String DQ_RESULTS = "ops/dq_results";
  public static final String PARTNER = "silver/partner";
  public static final String PERIOD_CLOSE = "ops/period_close";
  public static final String SILVER_DAYS = "ops/silver_days";
  public static final String APPEALS = "ops/appeals";

  public static String bronze(String feedId) {
    return "bronze/" + feedId;
  }

  public static String silver(Entity entity) {
    return "silver/" + entity.id();
  }
}
