package com.partnercx.schema;

/**
 * Lineage columns every bronze row carries, and silver keeps, so any figure traces to a file row.
 */
public final class LineageColumns {
  private LineageColumns() {}

  /** Path of the landing file the row came from. */
  public static final String SOURCE_FILE = "_source_file";

  /** 1-based record number of the row within its source file (header excluded). */
  public static final String SOURCE_ROW = "_source_row";

  /** When the ingest run read the row (UTC). */
  public static final String INGESTED_AT = "_ingested_at";

  /** Id of the run that ingested (bronze) or conformed (silver) the row. */
  public static final String RUN_ID = "_run_id";

  /**
   * Silver only: for a row that took columns from another feed (a lookup), the looked-up feed, file
   * and row of each lookup ("order_items file:/...#12"); null otherwise.
   */
  public static final String LOOKUP_SOURCE = "_lookup_source";

  /** The landing date folder the file was delivered in (yyyy-mm-dd). */
  public static final String DELIVERY_DATE = "_delivery_date";
}
