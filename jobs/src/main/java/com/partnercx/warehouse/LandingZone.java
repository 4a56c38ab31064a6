package com.partnercx.warehouse;

import com.partnercx.config.CsvOptions;
import com.partnercx.config.FeedFormat;
import com.partnercx.errors.PcxErrors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
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
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final String root;
  private final Configuration hadoop;

  public LandingZone(String root, Configuration hadoop) {
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.hadoop = hadoop;
  }

  /**
   * A delivered file.
   *
   * @param uri the file's full URI
   * @param name the file name
   * @param bytes its size
   * @param day the delivery date folder it was found in
   */
  public record LandingFile(String uri, String name, long bytes, LocalDate day) {}

  /**
   * What a file's first record and bytes say about it, read without Spark.
   *
   * @param columns the column names of the header (CSV) or the first record's keys (JSON Lines),
   *     empty when the file could not be read
   * @param problem why the file cannot be read at all, or null
   * @param hasRecords whether anything follows the header (CSV) or any line is not blank (JSONL)
   */
  public record Inspection(List<String> columns, String problem, boolean hasRecords) {
    static Inspection unreadable(String problem) {
      return new Inspection(List.of(), problem, false);
    }
  }

  public String root() {
    return root;
  }

  /** The files a feed delivered for a day, by name; empty when the folder does not exist. */
  public List<LandingFile> files(String feedId, LocalDate day) {
    Path dir = new Path(root + "/" + feedId + "/" + day);
    try {
      FileSystem fs = dir.getFileSystem(hadoop);
      if (!fs.exists(dir)) {
        return List.of();
      }
      List<LandingFile> files = new ArrayList<>();
      for (FileStatus status : fs.listStatus(dir)) {
        String name = status.getPath().getName();
        if (status.isFile() && !name.startsWith(".") && !name.startsWith("_")) {
          files.add(new LandingFile(status.getPath().toString(), name, status.getLen(), day));
        }
      }
      files.sort(Comparator.comparing(LandingFile::name));
      return files;
    } catch (IOException e) {
      throw PcxErrors.landingUnreadable(dir.toString(), e);
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
   * broken compression, no header).
   */
  public Inspection inspect(LandingFile file, FeedFormat format, CsvOptions csv) {
    Path path = new Path(file.uri());
    CharsetDecoder decoder =
        Charset.forName(csv.encoding())
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (InputStream raw = path.getFileSystem(hadoop).open(path);
        Reader reader =
            new BufferedReader(new InputStreamReader(decompressed(path, raw), decoder), 1 << 16)) {
      BufferedReader lines = (BufferedReader) reader;
      List<String> columns;
      boolean hasRecords;
      if (format == FeedFormat.CSV) {
        String header = lines.readLine();
        columns = header == null ? List.of() : csvHeader(header, csv);
        hasRecords = hasContent(lines);
      } else {
        JsonKeys keys = jsonKeys(lines);
        columns = keys.keys();
        hasRecords = keys.anyLine();
      }
      // Decoding the rest proves every byte is valid in the declared encoding.
      hasContent(lines);
      if (format == FeedFormat.CSV && columns.isEmpty()) {
        return Inspection.unreadable("has no header line; expected the columns of the feed");
      }
      return new Inspection(columns, null, hasRecords);
    } catch (IOException | RuntimeException e) {
      // The CSV parser wraps decoding errors; look for one anywhere in the chain.
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof CharacterCodingException) {
          return Inspection.unreadable(
              "holds bytes that are not valid "
                  + csv.encoding()
                  + "; fix the extract or the feed's csv.encoding");
        }
      }
      return Inspection.unreadable("cannot be read: " + e.getMessage());
    }
  }

  private InputStream decompressed(Path path, InputStream raw) throws IOException {
    CompressionCodec codec = new CompressionCodecFactory(hadoop).getCodec(path);
    return codec == null ? raw : codec.createInputStream(raw);
  }

  /** Reads to the end; true when any non-blank character was found. */
  private static boolean hasContent(Reader reader) throws IOException {
    boolean content = false;
    char[] buffer = new char[1 << 16];
    for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
      for (int i = 0; i < n && !content; i++) {
        content = !Character.isWhitespace(buffer[i]);
      }
    }
    return content;
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
   * The keys of the first line that is a JSON object. Lines that are not (a truncated record) are
   * left for the Spark read to quarantine, so one bad line never rejects the whole file.
   */
  private static JsonKeys jsonKeys(BufferedReader reader) throws IOException {
    boolean anyLine = false;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      anyLine = true;
      try {
        com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(line);
        if (node != null && node.isObject()) {
          List<String> keys = new ArrayList<>();
          node.fieldNames().forEachRemaining(keys::add);
          return new JsonKeys(keys, true);
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        // Not a record; keep looking.
      }
    }
    return new JsonKeys(List.of(), anyLine);
  }

  private record JsonKeys(List<String> keys, boolean anyLine) {}

  /** SHA-256 of a file's bytes, streamed: identifies a delivery regardless of its name. */
  public String sha256(LandingFile file) {
    Path path = new Path(file.uri());
    try (InputStream in = path.getFileSystem(hadoop).open(path)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw PcxErrors.landingUnreadable(file.uri(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
