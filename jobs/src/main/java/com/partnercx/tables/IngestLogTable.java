package com.partnercx.tables;

import static org.apache.spark.sql.functions.col;

import com.partnercx.warehouse.Warehouse;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code ops/ingest_log}: one row per landing file seen, with its checksum, rows and outcome. Its
 * schema, row type and the queries ingest and the quality check need.
 */
public final class IngestLogTable {
  private IngestLogTable() {}

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

  /**
   * Rows of a rejected file, counted as its non-blank lines (after the header) up to where it could
   * be read: rows delivered that reached neither bronze nor quarantine. 0 for other outcomes.
   */
  public static final String REFUSED_ROWS = "refused_rows";

  /** ingested, duplicate (same bytes seen before under another name), rejected or skipped. */
  public static final String OUTCOME = "outcome";

  /**
   * Why a file was rejected or skipped, naming file and problem; for an ingested file, the mapped
   * columns it lacks (their fields are empty), or null.
   */
  public static final String ERROR = "error";

  /** The ingest run. */
  public static final String RUN_ID = "run_id";

  /** When the file was processed. */
  public static final String LOGGED_AT = "logged_at";

  public static final String OUTCOME_INGESTED = "ingested";
  public static final String OUTCOME_DUPLICATE = "duplicate";
  public static final String OUTCOME_REJECTED = "rejected";

  /**
   * An entry of a delivery folder that is not read (a sub-folder, a hidden or marker file, a link
   * out of the landing zone); its {@link #ERROR} says why. Logged once per entry.
   */
  public static final String OUTCOME_SKIPPED = "skipped";

  static final StructType SCHEMA =
      new StructType()
          .add(FEED_ID, DataTypes.StringType, false)
          .add(DELIVERY_DATE, DataTypes.DateType, false)
          .add(FILE, DataTypes.StringType, false)
          .add(CHECKSUM, DataTypes.StringType, false)
          .add(BYTES, DataTypes.LongType, false)
          .add(ROWS, DataTypes.LongType, false)
          .add(QUARANTINED, DataTypes.LongType, false)
          .add(OUTCOME, DataTypes.StringType, false)
          .add(ERROR, DataTypes.StringType, true)
          .add(RUN_ID, DataTypes.StringType, false)
          .add(LOGGED_AT, DataTypes.TimestampType, false)
          .add(REFUSED_ROWS, DataTypes.LongType, true);

  /**
   * One row: what happened to one landing file.
   *
   * @param feedId the feed
   * @param deliveryDate the landing date folder
   * @param file full URI of the file
   * @param checksum SHA-256 of its bytes
   * @param bytes its size
   * @param rows rows written to bronze
   * @param quarantined rows that could not be parsed
   * @param outcome one of the OUTCOME_ constants
   * @param error why the file was rejected, or null
   * @param runId the ingest run
   * @param loggedAt when the file was processed
   * @param refusedRows rows of a rejected file (see {@link #REFUSED_ROWS})
   */
  public record Entry(
      String feedId,
      LocalDate deliveryDate,
      String file,
      String checksum,
      long bytes,
      long rows,
      long quarantined,
      String outcome,
      String error,
      String runId,
      Instant loggedAt,
      long refusedRows) {

    Row toRow() {
      return RowFactory.create(
          feedId,
          Date.valueOf(deliveryDate),
          file,
          checksum,
          bytes,
          rows,
          quarantined,
          outcome,
          error,
          runId,
          Timestamp.from(loggedAt),
          refusedRows);
    }
  }

  /** Appends entries; returns the version written. */
  public static long append(Warehouse warehouse, List<Entry> entries) {
    return warehouse.append(
        Tables.INGEST_LOG,
        warehouse.spark().createDataFrame(entries.stream().map(Entry::toRow).toList(), SCHEMA));
  }

  /**
   * A file seen before.
   *
   * @param file its URI
   * @param checksum SHA-256 of its bytes
   * @param outcome what became of it the last time it was read
   */
  public record Seen(String file, String checksum, String outcome) {}

  /**
   * The log's files among {@code files}, and any file whose bytes have one of {@code checksums},
   * with the outcome of its latest entry: a rejected file read again after its feed's configuration
   * was fixed has two.
   */
  public static List<Seen> seen(
      Warehouse warehouse,
      java.util.Collection<String> files,
      java.util.Collection<String> checksums) {
    return warehouse
        .readIfExists(Tables.INGEST_LOG)
        .map(
            log ->
                latest(
                        log.filter(
                                col(FILE)
                                    .isin(files.toArray())
                                    .or(col(CHECKSUM).isin(checksums.toArray())))
                            .select(FILE, CHECKSUM, OUTCOME, LOGGED_AT)
                            .collectAsList())
                    .stream()
                    .map(r -> new Seen(r.getString(0), r.getString(1), r.getString(2)))
                    .toList())
        .orElse(List.of());
  }

  /** The latest row per file and checksum of rows whose columns 0, 1 and 3 are those. */
  private static List<Row> latest(List<Row> rows) {
    Map<String, Row> latest = new HashMap<>();
    for (Row r : rows) {
      latest.merge(
          r.getString(0) + "\u0000" + r.getString(1),
          r,
          (a, b) -> a.getTimestamp(3).after(b.getTimestamp(3)) ? a : b);
    }
    return List.copyOf(latest.values());
  }

  /**
   * The files of one feed-day: ingested, rejected and duplicate, rows delivered (bronze plus
   * malformed), rows written to bronze, rows of rejected files, and why each rejected file was
   * rejected. A rejected file uploaded again at the same path and ingested since counts as
   * replaced, not rejected.
   */
  public static final class FeedDayFiles {
    private long ingested;
    private long rejected;
    private long duplicate;
    private long delivered;
    private long bronze;
    private long refused;
    private final TreeSet<String> errors = new TreeSet<>();

    public long ingested() {
      return ingested;
    }

    public long rejected() {
      return rejected;
    }

    public long duplicate() {
      return duplicate;
    }

    public long delivered() {
      return delivered;
    }

    public long bronze() {
      return bronze;
    }

    /** Rows of the rejected files (see {@link #REFUSED_ROWS}). */
    public long refused() {
      return refused;
    }

    /**
     * Why each rejected or skipped file was not read, and what was noted about an ingested one (the
     * mapped columns it lacks), one per line; null when there is nothing to say.
     */
    public String errorText() {
      return errors.isEmpty() ? null : String.join("\n", errors);
    }
  }

  /** The log of these delivery dates per feed-day, in one read at the latest version. */
  public static Map<FeedDay, FeedDayFiles> byFeedDay(
      Warehouse warehouse, List<LocalDate> days, Map<String, Long> versionsRead) {
    Map<FeedDay, FeedDayFiles> out = new HashMap<>();
    Optional<Dataset<Row>> log = warehouse.readLatest(Tables.INGEST_LOG, versionsRead);
    if (log.isEmpty()) {
      return out;
    }
    // What a path holds now: a file read again with --retry-rejected, or uploaded again with other
    // bytes (whose bronze rows replace the earlier ones), counts as its latest entry.
    Map<String, Row> latest = new HashMap<>();
    log.get()
        .filter(col(DELIVERY_DATE).isin(FeedDay.dates(days)))
        .select(
            FILE,
            CHECKSUM,
            OUTCOME,
            LOGGED_AT,
            FEED_ID,
            DELIVERY_DATE,
            ROWS,
            QUARANTINED,
            ERROR,
            REFUSED_ROWS)
        .collectAsList()
        .forEach(
            r ->
                latest.merge(
                    r.getString(0),
                    r,
                    (a, b) -> a.getTimestamp(3).after(b.getTimestamp(3)) ? a : b));
    for (Row r : latest.values()) {
      FeedDayFiles f =
          out.computeIfAbsent(
              new FeedDay(r.getString(4), r.getDate(5).toLocalDate()), k -> new FeedDayFiles());
      switch (r.getString(2)) {
        case OUTCOME_INGESTED -> {
          f.ingested++;
          if (r.getString(8) != null) {
            f.errors.add(r.getString(8));
          }
          f.delivered += r.getLong(6) + r.getLong(7);
          f.bronze += r.getLong(6);
        }
        case OUTCOME_REJECTED -> {
          f.rejected++;
          f.errors.add(r.getString(8));
          f.refused += r.isNullAt(9) ? 0 : r.getLong(9);
        }
        case OUTCOME_SKIPPED -> f.errors.add(r.getString(8));
        default -> f.duplicate++;
      }
    }
    return out;
  }

  /** The first delivery date each feed has in the log, whatever its outcome. */
  public static Map<String, LocalDate> firstDeliveries(Warehouse warehouse) {
    Map<String, LocalDate> out = new HashMap<>();
    warehouse
        .readIfExists(Tables.INGEST_LOG)
        .ifPresent(
            log ->
                log.groupBy(FEED_ID)
                    .agg(functions.min(DELIVERY_DATE))
                    .collectAsList()
                    .forEach(r -> out.put(r.getString(0), r.getDate(1).toLocalDate())));
    return out;
  }
}
