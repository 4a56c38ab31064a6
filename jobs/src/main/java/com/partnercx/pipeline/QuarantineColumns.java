package com.partnercx.pipeline;

/** Column names of {@code ops/quarantine}: rows set aside, with where they came from and why. */
public final class QuarantineColumns {
  private QuarantineColumns() {}

  /** The run that set the row aside. */
  public static final String RUN_ID = "run_id";

  /** ingest or conform. */
  public static final String STAGE = "stage";

  /** The feed the row came from. */
  public static final String FEED_ID = "feed_id";

  /** The landing date folder of its file. */
  public static final String DELIVERY_DATE = "delivery_date";

  /** The file it came from. */
  public static final String SOURCE_FILE = "source_file";

  /** Its record number in that file. */
  public static final String SOURCE_ROW = "source_row";

  /** The name of the rule it broke (malformed_row, missing_key, ...). */
  public static final String RULE = "rule";

  /** What exactly was wrong: the field and the offending value. */
  public static final String DETAIL = "detail";

  /** The raw row as delivered (JSON of the source columns). */
  public static final String RAW = "raw";

  /** When it was set aside. */
  public static final String QUARANTINED_AT = "quarantined_at";
}
