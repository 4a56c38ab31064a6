package com.partnercx.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import com.partnercx.config.Feed;
import com.partnercx.pipeline.QuarantineColumns;
import com.partnercx.pipeline.RunContext;
import com.partnercx.pipeline.StageResult;
import com.partnercx.schema.LineageColumns;
import com.partnercx.warehouse.LandingZone;
import com.partnercx.warehouse.LandingZone.LandingFile;
import com.partnercx.warehouse.Tables;
import com.partnercx.warehouse.Warehouse;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * landing -> bronze. Reads each file a feed delivered for a day whose bytes were not ingested yet,
 * keeps every row with its lineage, sends rows that cannot be parsed to ops/quarantine and logs
 * every file in ops/ingest_log. A file that cannot be read at all is logged as rejected and the
 * other files and feeds go on.
 */
public final class IngestJob {
  public static final String STAGE = "ingest";
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  static final StructType LOG_SCHEMA =
      new StructType()
          .add(IngestLogColumns.FEED_ID, DataTypes.StringType, false)
          .add(IngestLogColumns.DELIVERY_DATE, DataTypes.DateType, false)
          .add(IngestLogColumns.FILE, DataTypes.StringType, false)
          .add(IngestLogColumns.CHECKSUM, DataTypes.StringType, false)
          .add(IngestLogColumns.BYTES, DataTypes.LongType, false)
          .add(IngestLogColumns.ROWS, DataTypes.LongType, false)
          .add(IngestLogColumns.QUARANTINED, DataTypes.LongType, false)
          .add(IngestLogColumns.OUTCOME, DataTypes.StringType, false)
          .add(IngestLogColumns.ERROR, DataTypes.StringType, true)
          .add(IngestLogColumns.RUN_ID, DataTypes.StringType, false)
          .add(IngestLogColumns.LOGGED_AT, DataTypes.TimestampType, false);

  private IngestJob() {}

  public static StageResult run(RunContext ctx, LocalDate day) {
    long start = System.nanoTime();
    Warehouse warehouse = ctx.warehouse();
    LandingZone landing =
        new LandingZone(ctx.landingRoot(), warehouse.spark().sparkContext().hadoopConfiguration());
    Known known = Known.load(warehouse);
    long read = 0;
    long written = 0;
    long quarantined = 0;
    Map<String, Long> versionsWritten = new TreeMap<>();
    for (Feed feed : ctx.config().feeds().values()) {
      warehouse
          .spark()
          .sparkContext()
          .setJobGroup(STAGE + ":" + feed.id(), "ingest " + feed.id() + " " + day, false);
      List<LandingFile> files = landing.files(feed.id(), day);
      int index = 0;
      for (LandingFile file : files) {
        index++;
        String checksum = landing.sha256(file);
        if (known.seen(file.uri(), checksum)) {
          LOG.info(
              "{} [{}/{}] {}: already ingested, skipped",
              feed.id(),
              index,
              files.size(),
              file.name());
          continue;
        }
        FileOutcome outcome =
            known.checksums.contains(checksum)
                ? FileOutcome.duplicate(file)
                : ingestFile(ctx, feed, day, file);
        appendLog(ctx, feed, day, file, checksum, outcome);
        known.add(file.uri(), checksum);
        read += outcome.rows + outcome.quarantined;
        written += outcome.rows;
        quarantined += outcome.quarantined;
        if (outcome.rows > 0) {
          versionsWritten.put(
              Tables.bronze(feed.id()), warehouse.version(Tables.bronze(feed.id())));
        }
        LOG.info(
            "{} [{}/{}] {}: {}{}",
            feed.id(),
            index,
            files.size(),
            file.name(),
            outcome.outcome,
            outcome.error == null
                ? String.format(" (%,d rows, %,d quarantined)", outcome.rows, outcome.quarantined)
                : " - " + outcome.error);
      }
    }
    versionsWritten.put(Tables.INGEST_LOG, warehouse.version(Tables.INGEST_LOG));
    return new StageResult(
        STAGE,
        read,
        written,
        quarantined,
        (System.nanoTime() - start) / 1e9,
        Map.of(),
        versionsWritten);
  }

  private static FileOutcome ingestFile(
      RunContext ctx, Feed feed, LocalDate day, LandingFile file) {
    if (file.bytes() == 0) {
      return FileOutcome.rejected(
          file, "the file is empty (0 bytes); ask the partner to re-send it");
    }
    FeedReader.FeedFile parsed;
    Dataset<Row> rows;
    long total;
    long malformed;
    try {
      parsed = FeedReader.read(ctx.warehouse().spark(), feed, file.uri());
      List<String> missing =
          feed.requiredColumns().stream().filter(c -> !parsed.columns().contains(c)).toList();
      if (!missing.isEmpty()) {
        return FileOutcome.rejected(
            file,
            "missing required column(s) "
                + missing
                + " (found "
                + parsed.columns()
                + "); fix the extract or the column mapping in feeds/"
                + feed.id()
                + ".yaml");
      }
      rows = parsed.rows().cache();
      Row counts = rows.agg(count(lit(1)), count(col(FeedReader.CORRUPT_RECORD))).first();
      total = counts.getLong(0);
      malformed = counts.getLong(1);
      if (total == 0) {
        rows.unpersist();
        return FileOutcome.rejected(file, "the file has a header but no data rows");
      }
    } catch (Exception e) {
      // Spark reports unreadable input (bad encoding, broken gzip, invalid JSON) as SparkThrowable;
      // anything else is a bug and must not be recorded as the partner's fault.
      if (!(e instanceof org.apache.spark.SparkThrowable)
          && !(e.getCause() instanceof java.io.IOException)) {
        throw new IllegalStateException("Unexpected failure reading " + file.uri(), e);
      }
      return FileOutcome.rejected(
          file, "cannot be read as " + feed.format().id() + ": " + firstLine(e));
    }
    try {
      Instant now = Instant.now();
      Dataset<Row> good =
          withLineage(
                  rows.filter(col(FeedReader.CORRUPT_RECORD).isNull()),
                  file.uri(),
                  day,
                  ctx.runId(),
                  now)
              .drop(FeedReader.CORRUPT_RECORD);
      Dataset<Row> bad =
          malformedToQuarantine(
              rows.filter(col(FeedReader.CORRUPT_RECORD).isNotNull()),
              feed.id(),
              file.uri(),
              day,
              ctx.runId(),
              now);
      long goodRows = total - malformed;
      long badRows = malformed;
      if (goodRows > 0) {
        ctx.warehouse().append(Tables.bronze(feed.id()), good);
      }
      if (badRows > 0) {
        ctx.warehouse().append(Tables.QUARANTINE, bad);
      }
      return new FileOutcome(IngestLogColumns.OUTCOME_INGESTED, goodRows, badRows, null);
    } finally {
      rows.unpersist();
    }
  }

  /** Adds the lineage columns every bronze row keeps. */
  static Dataset<Row> withLineage(
      Dataset<Row> rows, String file, LocalDate day, String runId, Instant at) {
    return rows.withColumn(LineageColumns.SOURCE_FILE, lit(file))
        .withColumn(LineageColumns.DELIVERY_DATE, lit(Date.valueOf(day)))
        .withColumn(LineageColumns.INGESTED_AT, lit(Timestamp.from(at)))
        .withColumn(LineageColumns.RUN_ID, lit(runId));
  }

  /**
   * Rows the parser could not split into the file's columns, as quarantine rows with their raw
   * text.
   */
  static Dataset<Row> malformedToQuarantine(
      Dataset<Row> corrupt, String feedId, String file, LocalDate day, String runId, Instant at) {
    return corrupt.select(
        lit(runId).as(QuarantineColumns.RUN_ID),
        lit(STAGE).as(QuarantineColumns.STAGE),
        lit(feedId).as(QuarantineColumns.FEED_ID),
        lit(Date.valueOf(day)).as(QuarantineColumns.DELIVERY_DATE),
        lit(file).as(QuarantineColumns.SOURCE_FILE),
        col(LineageColumns.SOURCE_ROW).as(QuarantineColumns.SOURCE_ROW),
        lit("malformed_row").as(QuarantineColumns.RULE),
        lit("the row does not split into the file's columns").as(QuarantineColumns.DETAIL),
        col(FeedReader.CORRUPT_RECORD).as(QuarantineColumns.RAW),
        lit(Timestamp.from(at)).as(QuarantineColumns.QUARANTINED_AT));
  }

  private static void appendLog(
      RunContext ctx,
      Feed feed,
      LocalDate day,
      LandingFile file,
      String checksum,
      FileOutcome outcome) {
    Row row =
        RowFactory.create(
            feed.id(),
            Date.valueOf(day),
            file.uri(),
            checksum,
            file.bytes(),
            outcome.rows,
            outcome.quarantined,
            outcome.outcome,
            outcome.error,
            ctx.runId(),
            Timestamp.from(Instant.now()));
    ctx.warehouse()
        .append(
            Tables.INGEST_LOG, ctx.warehouse().spark().createDataFrame(List.of(row), LOG_SCHEMA));
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** What happened to one file. */
  private record FileOutcome(String outcome, long rows, long quarantined, String error) {
    static FileOutcome rejected(LandingFile file, String why) {
      return new FileOutcome(IngestLogColumns.OUTCOME_REJECTED, 0, 0, file.uri() + ": " + why);
    }

    static FileOutcome duplicate(LandingFile file) {
      return new FileOutcome(
          IngestLogColumns.OUTCOME_DUPLICATE,
          0,
          0,
          file.uri() + ": same bytes as a file already ingested; not ingested again");
    }
  }

  /** The files and checksums already in ops/ingest_log (one row per file: small). */
  private static final class Known {
    private final Set<String> fileChecksums = new HashSet<>();
    private final Set<String> checksums = new HashSet<>();

    static Known load(Warehouse warehouse) {
      Known known = new Known();
      warehouse
          .readIfExists(Tables.INGEST_LOG)
          .ifPresent(
              log ->
                  log.select(IngestLogColumns.FILE, IngestLogColumns.CHECKSUM)
                      .collectAsList()
                      .forEach(r -> known.add(r.getString(0), r.getString(1))));
      return known;
    }

    boolean seen(String file, String checksum) {
      return fileChecksums.contains(file + "\u0000" + checksum);
    }

    void add(String file, String checksum) {
      fileChecksums.add(file + "\u0000" + checksum);
      checksums.add(checksum);
    }
  }
}
