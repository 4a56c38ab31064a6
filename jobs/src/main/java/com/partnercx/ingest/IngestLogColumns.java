package com.partnercx.ingest;

/** Column names of {@code ops/ingest_log}: one row per landing file seen. */
public final class IngestLogColumns {
  private IngestLogColumns() {}

  /** The feed the file belongs to. */
  public static final String FEED_ID = "feed_id";

  /** The landing date folder. */
  public static final String DELIVERY_DATE = "delivery_date";

  /** Full URI of the file. */
  public static final String FILE = "file";

  /** SHA-256 of the file's bytes. */
  public static final String CHECKSUM = "checksum";

  /** File size in bytes. */
  public static final String BYTES = "bytes";

  /** Rows written to bronze. */
  public static final String ROWS = "rows";

  /** Rows sent to quarantine because they could not be parsed. */
  public static final String QUARANTINED = "quarantined";

  /** ingested, duplicate (same bytes seen before under another name) or rejected. */
  public static final String OUTCOME = "outcome";

  /** Why a file was rejected, naming file and problem. */
  public static final String ERROR = "error";

  /** The ingest run. */
  public static final String RUN_ID = "run_id";

  /** When the file was processed. */
  public static final String LOGGED_AT = "logged_at";

  public static final String OUTCOME_INGESTED = "ingested";
  public static final String OUTCOME_DUPLICATE = "duplicate";
  public static final String OUTCOME_REJECTED = "rejected";
}
