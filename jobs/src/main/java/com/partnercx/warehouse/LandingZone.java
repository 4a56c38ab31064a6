package com.partnercx.warehouse;

import com.partnercx.errors.PcxErrors;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The landing zone as delivered by partners: {@code <root>/<feed_id>/<yyyy-mm-dd>/<files>}.
 * Read-only; works on any Hadoop file system (local, s3a, abfss, hdfs).
 */
public final class LandingZone {
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
   */
  public record LandingFile(String uri, String name, long bytes) {}

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
          files.add(new LandingFile(status.getPath().toString(), name, status.getLen()));
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
