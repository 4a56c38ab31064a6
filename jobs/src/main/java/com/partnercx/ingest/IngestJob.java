package com.partnercx.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.to_date;

import com.partnercx.config.Feed;
import com.partnercx.config.FeedFormat;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * landing -> bronze. For each feed, reads every file delivered on the given dates whose bytes were
 * not ingested yet, in one Spark pass per feed; keeps every row with its lineage, sends rows that
 * cannot be parsed to ops/quarantine and logs every file in ops/ingest_log. A file that cannot be
 * read at all is logged as rejected and the other files and feeds go on.
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

  public static StageResult run(RunContext ctx, List<LocalDate> days) {
    return run(ctx, days, Set.of());
  }

  /** Ingests only the given feeds ({@code feeds} empty: every configured feed). */
  public static StageResult run(RunContext ctx, List<LocalDate> days, Set<String> feeds) {
    long start = System.nanoTime();
    Warehouse warehouse = ctx.warehouse();
    LandingZone landing =
        new LandingZone(ctx.landingRoot(), warehouse.spark().sparkContext().hadoopConfiguration());
    Known known = Known.load(warehouse);
    long read = 0;
    long written = 0;
    long quarantined = 0;
    Map<String, Long> versionsWritten = new TreeMap<>();
    List<Row> logRows = new ArrayList<>();
    int feedIndex = 0;
    List<Feed> selected =
        ctx.config().feeds().values().stream()
            .filter(f -> feeds.isEmpty() || feeds.contains(f.id()))
            .toList();
    for (Feed feed : selected) {
      warehouse
          .spark()
          .sparkContext()
          .setJobGroup(STAGE + ":" + feed.id(), "ingest " + feed.id() + " " + days, false);
      FeedBatch batch = new FeedBatch(feed);
      for (LocalDate day : days) {
        for (LandingFile file : landing.files(feed.id(), day)) {
          batch.consider(file, landing, known);
        }
      }
      if (batch.accepted.isEmpty() && batch.outcomes.isEmpty()) {
        feedIndex++;
        continue;
      }
      if (!batch.accepted.isEmpty()) {
        ingestAccepted(ctx, batch, versionsWritten);
      }
      Map<String, Integer> byOutcome = new TreeMap<>();
      long feedRows = 0;
      long feedQuarantined = 0;
      for (Map.Entry<LandingFile, FileOutcome> e : batch.outcomes.entrySet()) {
        LandingFile file = e.getKey();
        FileOutcome outcome = e.getValue();
        logRows.add(logRow(ctx, feed, file, batch.checksums.get(file), outcome));
        byOutcome.merge(outcome.outcome, 1, Integer::sum);
        feedRows += outcome.rows;
        feedQuarantined += outcome.quarantined;
        if (IngestLogColumns.OUTCOME_REJECTED.equals(outcome.outcome)) {
          LOG.warn("{} rejected {}", feed.id(), outcome.error);
        }
      }
      read += feedRows + feedQuarantined;
      written += feedRows;
      quarantined += feedQuarantined;
      LOG.info(
          "[{}/{}] {}: {} file(s) {}; {} rows to bronze, {} malformed",
          ++feedIndex,
          selected.size(),
          feed.id(),
          batch.outcomes.size(),
          byOutcome,
          String.format(Locale.ROOT, "%,d", feedRows),
          String.format(Locale.ROOT, "%,d", feedQuarantined));
    }
    if (!logRows.isEmpty()) {
      versionsWritten.put(
          Tables.INGEST_LOG,
          warehouse.append(
              Tables.INGEST_LOG, warehouse.spark().createDataFrame(logRows, LOG_SCHEMA)));
    }
    return new StageResult(
        STAGE,
        read,
        written,
        quarantined,
        (System.nanoTime() - start) / 1e9,
        Map.of(),
        versionsWritten);
  }

  /** Reads the accepted files of a feed, one Spark read per distinct header, and writes them. */
  private static void ingestAccepted(
      RunContext ctx, FeedBatch batch, Map<String, Long> versionsWritten) {
    Warehouse warehouse = ctx.warehouse();
    Dataset<Row> all = null;
    for (Map.Entry<List<String>, List<String>> group : batch.byHeader().entrySet()) {
      Dataset<Row> rows =
          FeedReader.read(warehouse.spark(), batch.feed, group.getKey(), group.getValue());
      all = all == null ? rows : all.unionByName(rows, true);
    }
    Instant now = Instant.now();
    Dataset<Row> rows = withLineage(all, ctx.runId(), now).cache();
    try {
      Map<String, long[]> perFile = new HashMap<>();
      rows.groupBy(LineageColumns.SOURCE_FILE)
          .agg(count(lit(1)), count(col(FeedReader.CORRUPT_RECORD)))
          .collectAsList()
          .forEach(r -> perFile.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2)}));
      long good = 0;
      long bad = 0;
      for (LandingFile file : batch.accepted) {
        long[] counts = perFile.getOrDefault(file.uri(), new long[] {0, 0});
        // A header without rows is a valid extract of a day with nothing to report.
        batch.outcomes.put(
            file,
            new FileOutcome(
                IngestLogColumns.OUTCOME_INGESTED, counts[0] - counts[1], counts[1], null));
        good += counts[0] - counts[1];
        bad += counts[1];
      }
      if (good > 0) {
        versionsWritten.put(
            Tables.bronze(batch.feed.id()),
            warehouse.append(
                Tables.bronze(batch.feed.id()),
                rows.filter(col(FeedReader.CORRUPT_RECORD).isNull())
                    .drop(FeedReader.CORRUPT_RECORD)));
      }
      if (bad > 0) {
        versionsWritten.put(
            Tables.QUARANTINE,
            warehouse.append(
                Tables.QUARANTINE,
                malformedToQuarantine(
                    rows.filter(col(FeedReader.CORRUPT_RECORD).isNotNull()),
                    batch.feed.id(),
                    ctx.runId(),
                    now)));
      }
    } finally {
      rows.unpersist();
    }
  }

  /** Adds the lineage columns every bronze row keeps; the delivery date is the file's folder. */
  static Dataset<Row> withLineage(Dataset<Row> rows, String runId, Instant at) {
    Column folderDate =
        to_date(
            regexp_extract(col(LineageColumns.SOURCE_FILE), "/(\\d{4}-\\d{2}-\\d{2})/[^/]+$", 1));
    return rows.withColumn(LineageColumns.DELIVERY_DATE, folderDate)
        .withColumn(LineageColumns.INGESTED_AT, lit(Timestamp.from(at)))
        .withColumn(LineageColumns.RUN_ID, lit(runId));
  }

  /** Rows the parser could not split into their file's columns, with their raw text. */
  static Dataset<Row> malformedToQuarantine(
      Dataset<Row> corrupt, String feedId, String runId, Instant at) {
    return corrupt.select(
        lit(runId).as(QuarantineColumns.RUN_ID),
        lit(STAGE).as(QuarantineColumns.STAGE),
        lit(feedId).as(QuarantineColumns.FEED_ID),
        col(LineageColumns.DELIVERY_DATE).as(QuarantineColumns.DELIVERY_DATE),
        col(LineageColumns.SOURCE_FILE).as(QuarantineColumns.SOURCE_FILE),
        col(LineageColumns.SOURCE_ROW).as(QuarantineColumns.SOURCE_ROW),
        lit("malformed_row").as(QuarantineColumns.RULE),
        lit("the row does not split into the file's columns").as(QuarantineColumns.DETAIL),
        col(FeedReader.CORRUPT_RECORD).as(QuarantineColumns.RAW),
        lit(Timestamp.from(at)).as(QuarantineColumns.QUARANTINED_AT));
  }

  private static Row logRow(
      RunContext ctx, Feed feed, LandingFile file, String checksum, FileOutcome outcome) {
    return RowFactory.create(
        feed.id(),
        Date.valueOf(file.day()),
        file.uri(),
        checksum,
        file.bytes(),
        outcome.rows,
        outcome.quarantined,
        outcome.outcome,
        outcome.error,
        ctx.runId(),
        Timestamp.from(Instant.now()));
  }

  /** The files of one feed in this run: which are read, and what happened to each. */
  private static final class FeedBatch {
    private final Feed feed;
    private final List<LandingFile> accepted = new ArrayList<>();
    private final Map<LandingFile, List<String>> headers = new HashMap<>();
    private final Map<LandingFile, String> checksums = new HashMap<>();
    private final Map<LandingFile, FileOutcome> outcomes = new LinkedHashMap<>();

    FeedBatch(Feed feed) {
      this.feed = feed;
    }

    /** Checks a file without Spark: seen before, duplicate bytes, empty, unreadable, columns. */
    void consider(LandingFile file, LandingZone landing, Known known) {
      String checksum = landing.sha256(file);
      if (known.seen(file.uri(), checksum)) {
        return;
      }
      checksums.put(file, checksum);
      known.see(file.uri(), checksum);
      if (file.bytes() == 0 && feed.format() == FeedFormat.CSV) {
        outcomes.put(
            file,
            FileOutcome.rejected(
                file,
                "the file is empty (0 bytes, not even a header); ask the partner to re-send it"));
        return;
      }
      LandingZone.Inspection inspection = landing.inspect(file, feed.format(), feed.csv());
      if (inspection.problem() != null) {
        outcomes.put(file, FileOutcome.rejected(file, inspection.problem()));
        return;
      }
      List<String> missing =
          feed.requiredColumns().stream().filter(c -> !inspection.columns().contains(c)).toList();
      boolean keysKnown = feed.format() == FeedFormat.CSV || !inspection.columns().isEmpty();
      if (!missing.isEmpty() && keysKnown) {
        outcomes.put(
            file,
            FileOutcome.rejected(
                file,
                "missing required column(s) "
                    + missing
                    + " (found "
                    + inspection.columns()
                    + "); fix the extract or the column mapping in feeds/"
                    + feed.id()
                    + ".yaml"));
        return;
      }
      if (!inspection.hasRecords()) {
        // A day with nothing to report: identical bytes every such day, so never a duplicate.
        outcomes.put(file, new FileOutcome(IngestLogColumns.OUTCOME_INGESTED, 0, 0, null));
        return;
      }
      if (known.ingested.contains(checksum)) {
        outcomes.put(file, FileOutcome.duplicate(file));
        return;
      }
      accepted.add(file);
      known.ingested.add(checksum);
      headers.put(file, inspection.columns());
      outcomes.put(file, null);
    }

    /** Accepted files grouped by their header, so each Spark read has one schema. */
    Map<List<String>, List<String>> byHeader() {
      Map<List<String>, List<String>> groups = new LinkedHashMap<>();
      for (LandingFile file : accepted) {
        groups.computeIfAbsent(headers.get(file), h -> new ArrayList<>()).add(file.uri());
      }
      return groups;
    }
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

  /** The files already in ops/ingest_log, and the checksums already ingested (small sets). */
  private static final class Known {
    private final Set<String> fileChecksums = new HashSet<>();
    private final Set<String> ingested = new HashSet<>();

    static Known load(Warehouse warehouse) {
      Known known = new Known();
      warehouse
          .readIfExists(Tables.INGEST_LOG)
          .ifPresent(
              log ->
                  log.select(
                          IngestLogColumns.FILE,
                          IngestLogColumns.CHECKSUM,
                          IngestLogColumns.OUTCOME)
                      .collectAsList()
                      .forEach(
                          r -> {
                            known.see(r.getString(0), r.getString(1));
                            if (IngestLogColumns.OUTCOME_INGESTED.equals(r.getString(2))) {
                              known.ingested.add(r.getString(1));
                            }
                          }));
      return known;
    }

    /** Whether this exact file (path and bytes) was already processed, whatever its outcome. */
    boolean seen(String file, String checksum) {
      return fileChecksums.contains(file + "\u0000" + checksum);
    }

    void see(String file, String checksum) {
      fileChecksums.add(file + "\u0000" + checksum);
    }
  }
}
