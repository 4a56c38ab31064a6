package com.partnercx.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import com.partnercx.config.Feed;
import com.partnercx.config.FeedFormat;
import com.partnercx.schema.LineageColumns;
import com.partnercx.stage.RunContext;
import com.partnercx.stage.StageResult;
import com.partnercx.tables.BronzeTable;
import com.partnercx.tables.IngestLogTable;
import com.partnercx.tables.QuarantineTable;
import com.partnercx.tables.Tables;
import com.partnercx.warehouse.LandingZone;
import com.partnercx.warehouse.LandingZone.LandingFile;
import com.partnercx.warehouse.Warehouse;
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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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

  /** The checksum logged for an entry that is not read (a folder, a hidden file, a link). */
  private static final String NO_CHECKSUM = "";

  private IngestJob() {}

  public static StageResult run(RunContext ctx, List<LocalDate> days) {
    return run(ctx, days, Set.of(), false);
  }

  /**
   * Ingests only the given feeds ({@code feeds} empty: every configured feed). With {@code
   * retryRejected}, files whose latest outcome is rejected are read again (after their feed's
   * configuration was fixed); other files already seen are still skipped.
   */
  public static StageResult run(
      RunContext ctx, List<LocalDate> days, Set<String> feeds, boolean retryRejected) {
    long start = System.nanoTime();
    Warehouse warehouse = ctx.warehouse();
    LandingZone landing =
        new LandingZone(ctx.landingRoot(), warehouse.spark().sparkContext().hadoopConfiguration());
    long read = 0;
    long written = 0;
    long quarantined = 0;
    Map<String, Long> versionsWritten = new TreeMap<>();
    List<IngestLogTable.Entry> logRows = new ArrayList<>();
    List<Feed> selected =
        ctx.config().feeds().values().stream()
            .filter(f -> feeds.isEmpty() || feeds.contains(f.id()))
            .toList();
    // Every delivered file is read once here, for its checksum and header together; the log is
    // then read for these files only, and not at all on a night nothing arrived.
    Map<Feed, Delivered> delivered = new LinkedHashMap<>();
    for (Feed feed : selected) {
      delivered.put(feed, Delivered.list(feed, landing, days));
    }
    Known known = Known.load(warehouse, retryRejected, delivered.values());
    // Malformed rows of every feed go to ops/quarantine in one commit, before the log's.
    QuarantineTable.Pending quarantine = new QuarantineTable.Pending();
    // Which files are read is decided first, in feed order (a file with the bytes of one read
    // earlier in the run is a duplicate); then each feed's accepted files are read and written.
    Map<Feed, FeedBatch> batches = new LinkedHashMap<>();
    for (Feed feed : selected) {
      Delivered found = delivered.get(feed);
      FeedBatch batch = new FeedBatch(feed);
      found.inspected.forEach((file, inspection) -> batch.consider(file, inspection, known));
      logNotRead(ctx, feed, found.notRead, known, logRows);
      batches.put(feed, batch);
    }
    for (FeedBatch batch : batches.values()) {
      if (!batch.accepted.isEmpty()) {
        warehouse
            .spark()
            .sparkContext()
            .setJobGroup(
                STAGE + ":" + batch.feed.id(), "ingest " + batch.feed.id() + " " + days, false);
        ingestAccepted(ctx, batch, quarantine, versionsWritten);
      }
    }
    int feedIndex = 0;
    for (FeedBatch batch : batches.values()) {
      Feed feed = batch.feed;
      if (batch.outcomes.isEmpty()) {
        feedIndex++;
        continue;
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
        if (IngestLogTable.OUTCOME_REJECTED.equals(outcome.outcome)) {
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
    quarantine.write(warehouse, versionsWritten);
    if (!logRows.isEmpty()) {
      versionsWritten.put(Tables.INGEST_LOG, IngestLogTable.append(warehouse, logRows));
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

  /** Logs each entry that is not read, once, as skipped with its reason. */
  private static void logNotRead(
      RunContext ctx,
      Feed feed,
      List<LandingZone.Skipped> notRead,
      Known known,
      List<IngestLogTable.Entry> logRows) {
    for (LandingZone.Skipped entry : notRead) {
      if (known.seen(entry.uri(), NO_CHECKSUM)) {
        continue;
      }
      known.see(entry.uri(), NO_CHECKSUM);
      LOG.warn("{} skipped {}: {}", feed.id(), entry.uri(), entry.reason());
      logRows.add(
          new IngestLogTable.Entry(
              feed.id(),
              entry.day(),
              entry.uri(),
              NO_CHECKSUM,
              0,
              0,
              0,
              IngestLogTable.OUTCOME_SKIPPED,
              entry.uri() + ": " + entry.reason(),
              ctx.runId(),
              Instant.now(),
              0));
    }
  }

  /**
   * Reads the accepted files of a feed, one Spark read per distinct header, and writes them. When
   * Spark cannot read them together and names the file it failed on, that file is rejected with
   * Spark's reason and the others are read together again; when it names none, each file is read
   * and written on its own, and a file that still fails is rejected: one bad file never stops its
   * feed or the night.
   */
  private static void ingestAccepted(
      RunContext ctx,
      FeedBatch batch,
      QuarantineTable.Pending quarantine,
      Map<String, Long> versionsWritten) {
    List<LandingFile> remaining = new ArrayList<>(batch.accepted);
    while (!remaining.isEmpty()) {
      try {
        write(ctx, batch, remaining, quarantine, versionsWritten);
        return;
      } catch (com.partnercx.errors.PcxException e) {
        throw e;
      } catch (Exception together) { // Spark's own exceptions are checked ones thrown unchecked
        java.util.Optional<LandingFile> culprit = failedOn(together, remaining);
        if (culprit.isEmpty()) {
          LOG.warn(
              "{}: Spark cannot read the {} new file(s) together ({}); reading them one by one",
              batch.feed.id(),
              remaining.size(),
              sparkReason(together));
          oneByOne(ctx, batch, remaining, quarantine, versionsWritten);
          return;
        }
        reject(batch, culprit.get(), together);
        remaining.remove(culprit.get());
      }
    }
  }

  private static void oneByOne(
      RunContext ctx,
      FeedBatch batch,
      List<LandingFile> files,
      QuarantineTable.Pending quarantine,
      Map<String, Long> versionsWritten) {
    for (LandingFile file : files) {
      try {
        write(ctx, batch, List.of(file), quarantine, versionsWritten);
      } catch (com.partnercx.errors.PcxException e) {
        throw e;
      } catch (Exception alone) {
        reject(batch, file, alone);
      }
    }
  }

  private static void reject(FeedBatch batch, LandingFile file, Exception failure) {
    batch.outcomes.put(
        file,
        FileOutcome.rejected(
            file,
            "Spark cannot read it: " + readerReason(batch.feed, failure),
            batch.records.getOrDefault(file, 0L)));
  }

  /** The file among {@code files} that a read failure names (Spark's FAILED_READ_FILE), if any. */
  static java.util.Optional<LandingFile> failedOn(Throwable failure, List<LandingFile> files) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof org.apache.spark.SparkThrowable spark
          && spark.getMessageParameters() != null
          && spark.getMessageParameters().get("path") != null) {
        String named = pathOf(spark.getMessageParameters().get("path"));
        for (LandingFile file : files) {
          if (pathOf(file.uri()).equals(named)) {
            return java.util.Optional.of(file);
          }
        }
      }
    }
    return java.util.Optional.empty();
  }

  /** The decoded path of a file URI, whichever of Spark's and Hadoop's spellings it has. */
  private static String pathOf(String uri) {
    try {
      return new org.apache.hadoop.fs.Path(java.net.URI.create(uri)).toUri().getPath();
    } catch (IllegalArgumentException e) {
      return uri;
    }
  }

  /** {@link #sparkReason}, with the CSV parser's way of saying a line has too many fields. */
  private static String readerReason(Feed feed, Throwable failure) {
    String reason = sparkReason(failure);
    if (feed.format() == FeedFormat.CSV && reason.contains("ArrayIndexOutOfBoundsException")) {
      return String.format(
          Locale.ROOT, "a line has more than %,d fields (%s)", FeedReader.MAX_CSV_FIELDS, reason);
    }
    return reason;
  }

  /**
   * Why Spark failed, in one line of at most 300 characters: the first line of the first message in
   * the chain that is not one of Spark's wrappers ("[FAILED_READ_FILE...]", "Job aborted"). Only
   * the first line: parsers append the content they were parsing, which must not reach the logs.
   */
  static String sparkReason(Throwable failure) {
    String reason = null;
    String innermost = failure.getClass().getSimpleName();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message == null || message.isBlank()) {
        continue;
      }
      String first = message.strip().lines().findFirst().orElse("").strip();
      // A parser's own diagnosis ("Hint: ...") says more than the exception it caught.
      java.util.Optional<String> hint =
          message.lines().map(String::strip).filter(l -> l.startsWith("Hint: ")).findFirst();
      if (hint.isPresent()) {
        first = hint.get().substring("Hint: ".length());
      }
      innermost = first;
      if (reason == null && !first.startsWith("[") && !first.startsWith("Job aborted")) {
        reason = first;
      }
    }
    String line = reason == null ? innermost : reason;
    return line.length() > 300 ? line.substring(0, 297) + "..." : line;
  }

  private static void write(
      RunContext ctx,
      FeedBatch batch,
      List<LandingFile> files,
      QuarantineTable.Pending quarantine,
      Map<String, Long> versionsWritten) {
    Warehouse warehouse = ctx.warehouse();
    Dataset<Row> all = null;
    for (Map.Entry<List<String>, List<String>> group : batch.byHeader(files).entrySet()) {
      Dataset<Row> rows =
          FeedReader.read(warehouse.spark(), batch.feed, group.getKey(), group.getValue());
      all = all == null ? rows : all.unionByName(rows, true);
    }
    Instant now = Instant.now();
    Dataset<Row> rows = BronzeTable.withLineage(all, ctx.runId(), now).cache();
    try {
      Map<String, long[]> perFile = new HashMap<>();
      rows.groupBy(LineageColumns.SOURCE_FILE)
          .agg(count(lit(1)), count(col(FeedReader.CORRUPT_RECORD)))
          .collectAsList()
          .forEach(r -> perFile.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2)}));
      long good = 0;
      long bad = 0;
      for (LandingFile file : files) {
        long[] counts = perFile.getOrDefault(file.uri(), new long[] {0, 0});
        // A header without rows is a valid extract of a day with nothing to report.
        batch.outcomes.put(
            file,
            FileOutcome.ingested(counts[0] - counts[1], counts[1])
                .noting(batch.absentColumns.get(file), file));
        good += counts[0] - counts[1];
        bad += counts[1];
      }
      // Keyed by file: the rows of these files replace any an interrupted earlier run wrote
      // before it could log the files, so a re-run after a crash never doubles a row.
      if (good > 0) {
        versionsWritten.put(
            Tables.bronze(batch.feed.id()),
            warehouse.replaceWhere(
                Tables.bronze(batch.feed.id()),
                rows.filter(col(FeedReader.CORRUPT_RECORD).isNull())
                    .drop(FeedReader.CORRUPT_RECORD),
                ofFiles(files, LineageColumns.DELIVERY_DATE, LineageColumns.SOURCE_FILE)));
      }
      if (bad > 0) {
        quarantine.add(
            warehouse,
            malformedToQuarantine(
                rows.filter(col(FeedReader.CORRUPT_RECORD).isNotNull()),
                batch.feed.id(),
                ctx.runId(),
                now),
            bad,
            QuarantineTable.STAGE
                + " = '"
                + STAGE
                + "' AND "
                + ofFiles(files, QuarantineTable.DELIVERY_DATE, QuarantineTable.SOURCE_FILE),
            versionsWritten);
      }
    } finally {
      rows.unpersist();
    }
  }

  /**
   * The SQL predicate of the rows of these files: by delivery date first (which prunes by the
   * tables' file statistics), then by the file's URI.
   */
  static String ofFiles(List<LandingFile> files, String dateColumn, String fileColumn) {
    return dateColumn
        + " IN ("
        + files.stream()
            .map(f -> "DATE'" + f.day() + "'")
            .distinct()
            .sorted()
            .collect(java.util.stream.Collectors.joining(", "))
        + ") AND "
        + fileColumn
        + " IN ("
        + files.stream()
            .map(f -> sqlString(f.uri()))
            .collect(java.util.stream.Collectors.joining(", "))
        + ")";
  }

  /** A SQL string literal of {@code text}, backslashes and quotes escaped. */
  static String sqlString(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** Rows the parser could not split into their file's columns, with their raw text. */
  static Dataset<Row> malformedToQuarantine(
      Dataset<Row> corrupt, String feedId, String runId, Instant at) {
    return QuarantineTable.rows(
        corrupt,
        runId,
        STAGE,
        lit(feedId),
        lit("malformed_row"),
        lit("the row does not split into the file's columns"),
        col(FeedReader.CORRUPT_RECORD),
        lit(Timestamp.from(at)),
        lit(null),
        lit(null));
  }

  private static IngestLogTable.Entry logRow(
      RunContext ctx, Feed feed, LandingFile file, String checksum, FileOutcome outcome) {
    return new IngestLogTable.Entry(
        feed.id(),
        file.day(),
        file.uri(),
        checksum,
        file.bytes(),
        outcome.rows,
        outcome.quarantined,
        outcome.outcome,
        outcome.error,
        ctx.runId(),
        Instant.now(),
        outcome.refused);
  }

  /** The files of one feed in this run: which are read, and what happened to each. */
  private static final class FeedBatch {
    private final Feed feed;
    private final List<LandingFile> accepted = new ArrayList<>();
    private final Map<LandingFile, List<String>> headers = new HashMap<>();
    private final Map<LandingFile, String> checksums = new HashMap<>();
    private final Map<LandingFile, Long> records = new HashMap<>();
    private final Map<LandingFile, List<String>> absentColumns = new HashMap<>();
    private final Map<LandingFile, FileOutcome> outcomes = new LinkedHashMap<>();

    FeedBatch(Feed feed) {
      this.feed = feed;
    }

    /** Checks a file without Spark: seen before, duplicate bytes, empty, unreadable, columns. */
    void consider(LandingFile file, LandingZone.Inspection inspection, Known known) {
      String checksum = inspection.checksum();
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
                "the file is empty (0 bytes, not even a header); ask the partner to re-send it",
                0));
        return;
      }
      if (inspection.problem() != null) {
        outcomes.put(file, FileOutcome.rejected(file, inspection.problem(), inspection.records()));
        return;
      }
      List<String> repeated = repeated(inspection.columns());
      if (!repeated.isEmpty()) {
        outcomes.put(
            file,
            FileOutcome.rejected(
                file,
                (feed.format() == FeedFormat.CSV ? "the header names " : "records hold the keys ")
                    + repeated
                    + " more than once (column names are compared ignoring case); fix the"
                    + " extract",
                inspection.records()));
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
                    + " ("
                    + found(inspection.columns())
                    + "); fix the extract or the column mapping in feeds/"
                    + feed.id()
                    + ".yaml",
                // A first line that is no header is the file's first row.
                inspection.records() + (looksLikeHeader(inspection.columns()) ? 0 : 1)));
        return;
      }
      if (!inspection.hasRecords()) {
        // A day with nothing to report: identical bytes every such day, so never a duplicate.
        outcomes.put(file, FileOutcome.ingested(0, 0));
        return;
      }
      if (known.ingested.contains(checksum)) {
        outcomes.put(file, FileOutcome.duplicate(file));
        return;
      }
      accepted.add(file);
      known.ingested.add(checksum);
      absentColumns.put(
          file,
          feed.optionalColumns().stream().filter(c -> !inspection.columns().contains(c)).toList());
      headers.put(file, inspection.columns());
      records.put(file, inspection.records());
      outcomes.put(file, null);
    }

    /**
     * The header found, for the message; when the first line does not look like column names (a
     * file delivered without its header starts with a customer's row) its content is not repeated:
     * logs and ops tables never carry row content.
     */
    private static String found(List<String> columns) {
      return looksLikeHeader(columns)
          ? "found " + columns
          : "the first line does not look like a header ("
              + columns.size()
              + " fields, not repeated here); was the file delivered without its header?";
    }

    private static boolean looksLikeHeader(List<String> columns) {
      return columns.stream().allMatch(c -> HEADER_NAME.matcher(c.strip()).matches());
    }

    /** Column names: a letter or underscore first, then letters, digits and a few separators. */
    private static final java.util.regex.Pattern HEADER_NAME =
        java.util.regex.Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_ .()#/-]{0,79}");

    /** Column names that occur more than once, ignoring case as Spark does. */
    private static List<String> repeated(List<String> columns) {
      Set<String> seen = new HashSet<>();
      Set<String> twice = new java.util.TreeSet<>();
      for (String column : columns) {
        if (!seen.add(column.toLowerCase(Locale.ROOT))) {
          twice.add(column);
        }
      }
      return List.copyOf(twice);
    }

    /** Accepted files grouped by their header, so each Spark read has one schema. */
    Map<List<String>, List<String>> byHeader(List<LandingFile> files) {
      Map<List<String>, List<String>> groups = new LinkedHashMap<>();
      for (LandingFile file : files) {
        groups.computeIfAbsent(headers.get(file), h -> new ArrayList<>()).add(file.sparkPath());
      }
      return groups;
    }
  }

  /** What happened to one file; {@code refused} counts the rows of a file rejected whole. */
  private record FileOutcome(
      String outcome, long rows, long quarantined, String error, long refused) {
    static FileOutcome ingested(long rows, long quarantined) {
      return new FileOutcome(IngestLogTable.OUTCOME_INGESTED, rows, quarantined, null, 0);
    }

    /** This outcome noting the mapped columns the file lacks, when it lacks any. */
    FileOutcome noting(List<String> absent, LandingFile file) {
      if (absent == null || absent.isEmpty()) {
        return this;
      }
      return new FileOutcome(
          outcome,
          rows,
          quarantined,
          file.uri()
              + ": loaded without column(s) "
              + absent
              + ", which no configured metric needs; their fields are empty",
          refused);
    }

    static FileOutcome rejected(LandingFile file, String why, long refused) {
      return new FileOutcome(
          IngestLogTable.OUTCOME_REJECTED, 0, 0, file.uri() + ": " + why, refused);
    }

    static FileOutcome duplicate(LandingFile file) {
      return new FileOutcome(
          IngestLogTable.OUTCOME_DUPLICATE,
          0,
          0,
          file.uri() + ": same bytes as a file already ingested; not ingested again",
          0);
    }
  }

  /** What a feed's delivery folders hold for some dates: files inspected, entries not read. */
  private static final class Delivered {
    private final Map<LandingFile, LandingZone.Inspection> inspected = new LinkedHashMap<>();
    private final List<LandingZone.Skipped> notRead = new ArrayList<>();

    static Delivered list(Feed feed, LandingZone landing, List<LocalDate> days) {
      Delivered out = new Delivered();
      // Entries outside any delivery folder are logged under the latest date ingested.
      landing.strays(feed.id()).stream()
          .map(e -> new LandingZone.Skipped(e.uri(), days.get(days.size() - 1), e.reason()))
          .forEach(out.notRead::add);
      for (LocalDate day : days) {
        LandingZone.Listing listing = landing.list(feed.id(), day);
        for (LandingFile file : listing.files()) {
          out.inspected.put(file, landing.inspect(file, feed.format(), feed.csv()));
        }
        out.notRead.addAll(listing.skipped());
      }
      return out;
    }
  }

  /** The files already in ops/ingest_log, and the checksums already ingested (small sets). */
  private static final class Known {
    private final Set<String> fileChecksums = new HashSet<>();
    private final Set<String> ingested = new HashSet<>();

    /**
     * What the log knows of these files and bytes: their entries by path, and any file ingested
     * with the same bytes. Nothing is read when nothing was delivered.
     */
    static Known load(
        Warehouse warehouse, boolean retryRejected, java.util.Collection<Delivered> delivered) {
      Known known = new Known();
      Set<String> files = new HashSet<>();
      Set<String> checksums = new HashSet<>();
      for (Delivered d : delivered) {
        d.inspected.forEach(
            (file, inspection) -> {
              files.add(file.uri());
              checksums.add(inspection.checksum());
            });
        d.notRead.forEach(skipped -> files.add(skipped.uri()));
      }
      if (files.isEmpty()) {
        return known;
      }
      for (IngestLogTable.Seen seen : IngestLogTable.seen(warehouse, files, checksums)) {
        if (retryRejected && IngestLogTable.OUTCOME_REJECTED.equals(seen.outcome())) {
          continue;
        }
        known.see(seen.file(), seen.checksum());
        if (IngestLogTable.OUTCOME_INGESTED.equals(seen.outcome())) {
          known.ingested.add(seen.checksum());
        }
      }
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
