package com.partnercx.warehouse;

import com.partnercx.config.CsvOptions;
import com.partnercx.config.FeedFormat;
import com.partnercx.errors.PcxErrors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * The landing zone as delivered by partners: {@code <root>/<feed_id>/<yyyy-mm-dd>/<files>}.
 * Read-only; works on any Hadoop file system (local, s3a, abfss, hdfs).
 */
public final class LandingZone {
  /** Refuses an object that names a key twice: Spark cannot read such a record. */
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper()
          .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private static final java.util.regex.Pattern DUPLICATE_KEY =
      java.util.regex.Pattern.compile("^Duplicate field '([^']*)'");

  private final String root;
  private final Configuration hadoop;

  public LandingZone(String root, Configuration hadoop) {
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.hadoop = hadoop;
  }

  /**
   * A delivered file.
   *
   * @param uri the file's full URI, percent-encoded as Spark names a row's source file
   * @param name the file name
   * @param bytes its size
   * @param day the delivery date folder it was found in
   */
  public record LandingFile(String uri, String name, long bytes, LocalDate day) {
    /** The file as the Hadoop file system addresses it. */
    public Path hadoopPath() {
      return new Path(java.net.URI.create(uri));
    }

    /**
     * The file as a path for a Spark reader, which takes paths as glob patterns: the characters a
     * pattern gives a meaning to are escaped, so {@code x*.csv} reads that one file only.
     */
    public String sparkPath() {
      return hadoopPath().toString().replaceAll("([\\\\{}\\[\\]*?])", "\\\\$1");
    }
  }

  /** The byte-order mark some tools (Excel's "CSV UTF-8") write before the first character. */
  private static final String BOM = "\uFEFF";

  private static String withoutBom(String line) {
    return line != null && line.startsWith(BOM) ? line.substring(1) : line;
  }

  /**
   * What a file's first record and bytes say about it, read without Spark.
   *
   * @param columns the column names of the header (CSV) or the keys of its JSON records (JSON
   *     Lines), empty when the file could not be read
   * @param problem why the file cannot be read at all, or null
   * @param records the non-blank lines after the header (CSV) or non-blank lines (JSON Lines): the
   *     rows the file delivers, counted up to where reading stopped when it cannot be read whole
   * @param checksum SHA-256 of the file's bytes as stored, which identify a delivery whatever its
   *     name
   */
  public record Inspection(List<String> columns, String problem, long records, String checksum) {
    static Inspection unreadable(String problem, long records) {
      return new Inspection(List.of(), problem, records, null);
    }

    private Inspection withChecksum(String sha256) {
      return new Inspection(columns, problem, records, sha256);
    }

    /** Whether anything follows the header (CSV) or any line is not blank (JSON Lines). */
    public boolean hasRecords() {
      return records > 0;
    }
  }

  public String root() {
    return root;
  }

  /**
   * An entry of a delivery folder that is not read, and why.
   *
   * @param uri the entry's full URI, encoded as {@link LandingFile#uri()}
   * @param day the delivery date folder it was found in
   * @param reason why it is not read
   */
  public record Skipped(String uri, LocalDate day, String reason) {}

  /**
   * Every entry of a delivery folder: the files to read, by name, and the entries that are not read
   * with the reason (a sub-folder, a hidden or marker file, a link leading out of the landing
   * zone). Both empty when the folder does not exist.
   */
  public record Listing(List<LandingFile> files, List<Skipped> skipped) {}

  /** {@link Listing} of a feed's delivery folder for a day. */
  public Listing list(String feedId, LocalDate day) {
    Path dir = new Path(root + "/" + feedId + "/" + day);
    try {
      FileSystem fs = dir.getFileSystem(hadoop);
      if (!fs.exists(dir)) {
        return new Listing(List.of(), List.of());
      }
      List<LandingFile> files = new ArrayList<>();
      List<Skipped> skipped = new ArrayList<>();
      for (FileStatus status : fs.listStatus(dir)) {
        String name = status.getPath().getName();
        // Encoded as Spark names a row's source file: no empty authority ("file:/x", not
        // "file:///x"), special characters percent-encoded.
        String uri = new Path(status.getPath().toString()).toUri().toString();
        String reason = skipReason(status, name);
        if (reason != null) {
          skipped.add(new Skipped(uri, day, reason));
        } else {
          files.add(new LandingFile(uri, name, status.getLen(), day));
        }
      }
      files.sort(Comparator.comparing(LandingFile::name));
      skipped.sort(Comparator.comparing(Skipped::uri));
      return new Listing(files, skipped);
    } catch (IOException e) {
      throw PcxErrors.landingUnreadable(dir.toString(), e);
    }
  }

  /** The bytes of the files these feeds delivered on these dates (files already read count too). */
  public long bytesDelivered(java.util.Collection<String> feedIds, List<LocalDate> days) {
    long bytes = 0;
    for (String feedId : feedIds) {
      for (LocalDate day : days) {
        bytes += list(feedId, day).files().stream().mapToLong(LandingFile::bytes).sum();
      }
    }
    return bytes;
  }

  /** Why an entry of a delivery folder is not read, or null when it is a file to read. */
  private String skipReason(FileStatus status, String name) {
    if (status.isDirectory()) {
      return "a folder inside the delivery folder; only the files directly in"
          + " <feed>/<yyyy-mm-dd>/ are read: move its files up";
    }
    if (name.startsWith(".") || name.startsWith("_")) {
      return "a hidden or marker file (its name starts with '" + name.charAt(0) + "'); not read";
    }
    String outside = linkOutside(status.getPath());
    if (outside != null) {
      return "a link to " + outside + ", outside the landing zone; not followed";
    }
    return null;
  }

  /** Where a local symbolic link leads, when that is outside the landing zone; else null. */
  private String linkOutside(Path path) {
    if (!"file".equals(path.toUri().getScheme())) {
      return null;
    }
    java.nio.file.Path local = java.nio.file.Path.of(path.toUri());
    if (!java.nio.file.Files.isSymbolicLink(local)) {
      return null;
    }
    try {
      java.nio.file.Path target = local.toRealPath();
      java.nio.file.Path landing = localRoot().toRealPath();
      return target.startsWith(landing) ? null : target.toString();
    } catch (IOException e) {
      return local + " -> (a target that does not exist)";
    }
  }

  private java.nio.file.Path localRoot() {
    java.net.URI uri = new Path(root).toUri();
    return uri.getScheme() == null ? java.nio.file.Path.of(root) : java.nio.file.Path.of(uri);
  }

  /**
   * Entries of a feed's folder that are not delivery folders (not named yyyy-mm-dd, or files next
   * to them): nothing in them is read. Their {@link Skipped#day()} is null.
   */
  public List<Skipped> strays(String feedId) {
    Path dir = new Path(root + "/" + feedId);
    try {
      FileSystem fs = dir.getFileSystem(hadoop);
      if (!fs.exists(dir)) {
        return List.of();
      }
      List<Skipped> strays = new ArrayList<>();
      for (FileStatus status : fs.listStatus(dir)) {
        String name = status.getPath().getName();
        String uri = new Path(status.getPath().toString()).toUri().toString();
        if (!status.isDirectory()) {
          strays.add(
              new Skipped(
                  uri,
                  null,
                  "a file directly in the feed's folder; deliveries go in <feed>/<yyyy-mm-dd>/"));
        } else if (!isDate(name)) {
          strays.add(
              new Skipped(
                  uri,
                  null,
                  "a folder not named yyyy-mm-dd; nothing in it is read (deliveries go in"
                      + " <feed>/<yyyy-mm-dd>/)"));
        }
      }
      strays.sort(Comparator.comparing(Skipped::uri));
      return strays;
    } catch (IOException e) {
      throw PcxErrors.landingUnreadable(dir.toString(), e);
    }
  }

  private static boolean isDate(String name) {
    try {
      LocalDate.parse(name);
      return true;
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  /** The delivery dates (yyyy-mm-dd folders) present for a feed, in order. */
  public List<LocalDate> deliveryDates(String feedId) {
    Path dir = new Path(root + "/" + feedId);
    try {
      FileSystem fs = dir.getFileSystem(hadoop);
      if (!fs.exists(dir)) {
        return List.of();
      }
      List<LocalDate> dates = new ArrayList<>();
      for (FileStatus status : fs.listStatus(dir)) {
        if (status.isDirectory()) {
          try {
            dates.add(LocalDate.parse(status.getPath().getName()));
          } catch (java.time.format.DateTimeParseException e) {
            // Not a delivery folder (e.g. an archive); partners' stray folders are not ours to
            // judge.
          }
        }
      }
      dates.sort(Comparator.naturalOrder());
      return dates;
    } catch (IOException e) {
      throw PcxErrors.landingUnreadable(dir.toString(), e);
    }
  }

  /**
   * Reads a file once, decompressing gzip and decoding with {@code encoding} strictly: returns its
   * header (or first JSON record's keys), or the reason it cannot be read (undecodable bytes,
   * broken compression, no header), and the checksum of its bytes, taken in the same pass.
   */
  public Inspection inspect(LandingFile file, FeedFormat format, CsvOptions csv) {
    Path path = file.hadoopPath();
    MessageDigest digest = sha256Digest();
    try (InputStream raw =
        new java.security.DigestInputStream(path.getFileSystem(hadoop).open(path), digest)) {
      Inspection found = inspect(path, new KeptOpen(raw), format, csv);
      // What the reader left unread (a broken file, a compressed stream's trailer) still counts.
      byte[] rest = new byte[1 << 16];
      while (raw.read(rest) >= 0) {
        // only digested
      }
      return found.withChecksum(HexFormat.of().formatHex(digest.digest()));
    } catch (IOException e) {
      throw PcxErrors.landingUnreadable(file.uri(), e);
    }
  }

  /** A stream whose close leaves the underlying one open, to be read to its end. */
  private static final class KeptOpen extends java.io.FilterInputStream {
    KeptOpen(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // the caller closes
    }
  }

  private Inspection inspect(Path path, InputStream source, FeedFormat format, CsvOptions csv) {
    CharsetDecoder decoder =
        Charset.forName(csv.encoding())
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    LineCount records = new LineCount();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(decompressed(path, source), decoder), 1 << 16)) {
      List<String> columns;
      if (format == FeedFormat.CSV) {
        String header = withoutBom(lines.readLine());
        columns = header == null ? List.of() : csvHeader(header, csv);
        // Decoding the rest proves every byte is valid in the declared encoding.
        records.countRest(lines);
      } else {
        columns = jsonKeys(lines, records);
      }
      if (format == FeedFormat.CSV && columns.isEmpty()) {
        return Inspection.unreadable(
            "has no header line; expected the columns of the feed", records.count);
      }
      if (format == FeedFormat.JSONL && columns.isEmpty() && records.count > 0) {
        return Inspection.unreadable(
            "has no line that is a JSON object (" + records.count + " non-blank lines)",
            records.count);
      }
      return new Inspection(columns, null, records.count, null);
    } catch (IOException | RuntimeException e) {
      // The CSV parser wraps decoding errors; look for one anywhere in the chain.
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof CharacterCodingException) {
          return Inspection.unreadable(
              "holds bytes that are not valid "
                  + csv.encoding()
                  + "; fix the extract or the feed's csv.encoding",
              records.count);
        }
      }
      long read =
          path.getName().endsWith(".gz")
              ? Math.max(records.count, linesBeforeBreak(path, format))
              : records.count;
      return Inspection.unreadable(
          "cannot be read after " + read + " line(s): " + e.getMessage(), read);
    }
  }

  /**
   * The non-blank lines of a gzip file up to where its compressed stream breaks (a truncated
   * upload), after the header for a CSV: read in small steps, so that what decompressed before the
   * break is counted, which a reader filling a large buffer loses.
   */
  private long linesBeforeBreak(Path path, FeedFormat format) {
    long lines = 0;
    boolean content = false;
    byte[] buffer = new byte[512];
    try (InputStream in =
        new java.util.zip.GZIPInputStream(path.getFileSystem(hadoop).open(path), 512)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines += content ? 1 : 0;
            content = false;
          } else if (buffer[i] != ' ' && buffer[i] != '\r' && buffer[i] != '\t') {
            content = true;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // The break: what was read before it is the count.
    }
    lines += content ? 1 : 0;
    return format == FeedFormat.CSV ? Math.max(0, lines - 1) : lines;
  }

  /** Non-blank lines read so far: what a file delivered up to where reading stopped. */
  private static final class LineCount {
    private long count;

    void countRest(BufferedReader reader) throws IOException {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          count++;
        }
      }
    }
  }

  private InputStream decompressed(Path path, InputStream raw) throws IOException {
    CompressionCodec codec = new CompressionCodecFactory(hadoop).getCodec(path);
    return codec == null ? raw : codec.createInputStream(raw);
  }

  /**
   * The column names of a CSV header line. A header naming a column with an embedded newline is not
   * supported; partners' headers are one line.
   */
  private static List<String> csvHeader(String line, CsvOptions csv) throws IOException {
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setDelimiter(csv.delimiter())
            .setQuote(csv.quote())
            .setEscape(csv.escape() == csv.quote() ? null : csv.escape())
            .get();
    java.util.Iterator<CSVRecord> records = format.parse(new java.io.StringReader(line)).iterator();
    if (!records.hasNext()) {
      return List.of();
    }
    CSVRecord first = records.next();
    if (!csv.header()) {
      List<String> positional = new ArrayList<>();
      for (int i = 0; i < first.size(); i++) {
        positional.add("_c" + i);
      }
      return positional;
    }
    return first.toList();
  }

  /**
   * The keys of every line that is a JSON object, in order of first appearance: a record may leave
   * out an optional field that the next one has. Lines that are not objects (a truncated record)
   * are left for the Spark read to quarantine, so one bad line never rejects the whole file. A key
   * that a record names twice is listed twice, for the caller to refuse.
   */
  private static List<String> jsonKeys(BufferedReader reader, LineCount records)
      throws IOException {
    java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>();
    List<String> twice = new ArrayList<>();
    boolean first = true;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (first) {
        line = withoutBom(line);
        first = false;
      }
      if (line.isBlank()) {
        continue;
      }
      records.count++;
      try {
        com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(line);
        if (node != null && node.isObject()) {
          node.fieldNames().forEachRemaining(keys::add);
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        java.util.regex.Matcher duplicate = DUPLICATE_KEY.matcher(e.getOriginalMessage());
        if (duplicate.find()) {
          keys.add(duplicate.group(1));
          twice.add(duplicate.group(1));
        }
        // Otherwise not a record; keep looking.
      }
    }
    List<String> all = new ArrayList<>(keys);
    all.addAll(twice);
    return List.copyOf(all);
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
