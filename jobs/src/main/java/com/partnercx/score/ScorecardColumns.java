package com.partnercx.score;

/** Column names of {@code gold/scorecard}: one row per partner x period x version. */
public final class ScorecardColumns {
  private ScorecardColumns() {}

  /** The partner. */
  public static final String PARTNER_ID = "partner_id";

  /** Its program. */
  public static final String PROGRAM_ID = "program_id";

  /** Period label, 2026-Q3 or 2026-09. */
  public static final String PERIOD = "period";

  /** First day of the period. */
  public static final String PERIOD_START = "period_start";

  /** First day after the period. */
  public static final String PERIOD_END = "period_end";

  /** 1 for the first scorecard of a partner and period; +1 for each restatement. */
  public static final String VERSION = "version";

  /** The version this one replaces, null for version 1. */
  public static final String SUPERSEDES = "supersedes_version";

  /** Array of metric structs (see {@link #METRIC_ID} ...). */
  public static final String METRICS = "metrics";

  /** Share of the program's weight with sufficient data. */
  public static final String WEIGHT_COVERAGE = "weight_coverage";

  /** Composite CX index 0..100, null for insufficient data. */
  public static final String COMPOSITE = "composite";

  /** The tier reached. */
  public static final String TIER = "tier";

  /** The critical metric that capped the tier, or null. */
  public static final String CAPPED_BY = "capped_by";

  /** Base incentive for the period. */
  public static final String BASE_INCENTIVE = "base_incentive";

  /** Payout, null when no tier was reached on sufficient data. */
  public static final String PAYOUT = "payout";

  /** Currency of the amounts. */
  public static final String CURRENCY = "currency";

  /** The calculation, line by line. */
  public static final String EXPLANATION = "explanation";

  /** SHA-256 of the figures, to tell whether a re-score changed anything. */
  public static final String FIGURES_HASH = "figures_hash";

  /** The run that wrote the row. */
  public static final String RUN_ID = "run_id";

  /** SHA-256 of the configuration used. */
  public static final String CONFIG_HASH = "config_hash";

  /** Delta versions of the tables the row was computed from. */
  public static final String SOURCE_VERSIONS = "source_versions";

  /** When the row was written. */
  public static final String SCORED_AT = "scored_at";

  /** Fields of each element of {@link #METRICS}. */
  public static final String METRIC_ID = "metric_id";

  public static final String METRIC_VALUE = "value";
  public static final String METRIC_N = "n";
  public static final String METRIC_CI_LOW = "ci_low";
  public static final String METRIC_CI_HIGH = "ci_high";
  public static final String METRIC_FLOOR = "floor";
  public static final String METRIC_TARGET = "target";
  public static final String METRIC_WEIGHT = "weight";
  public static final String METRIC_SCORE = "score";
  public static final String METRIC_SUFFICIENT = "sufficient";
  public static final String METRIC_ADJUSTED = "adjusted";
  public static final String METRIC_PREVIOUS = "previous";
  public static final String METRIC_CHANGE = "change";
  public static final String METRIC_SIGNIFICANT = "significant";
  public static final String METRIC_PERCENTILE_RANK = "percentile_rank";

  /** The composite of the previous period. */
  public static final String PREVIOUS_COMPOSITE = "previous_composite";

  /** The composite's percentile rank in the program, 100 = best; null when suppressed. */
  public static final String COMPOSITE_PERCENTILE_RANK = "composite_percentile_rank";

  /** Scored with --allow-failed-gate over data that failed the quality gate. */
  public static final String GATE_OVERRIDDEN = "gate_overridden";
}
