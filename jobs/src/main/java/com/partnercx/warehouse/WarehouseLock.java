package com.partnercx.warehouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnercx.errors.PcxErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * One writing run at a time per warehouse: the file {@value #FILE} under the root, created only if
 * absent, names the run that holds the warehouse. A second run finds it and stops before writing
 * anything, naming the holder. A holder that died without releasing it (kill -9, a lost machine) is
 * recognised on its own host by its process id and taken over; on another host the message says
 * which file to remove once that run is known to be gone.
 *
 * <p>Creating a file only if absent is atomic on local (an exclusive create) and HDFS file systems
 * and on object stores with conditional writes; where a store offers neither, two runs started in
 * the same instant may both proceed.
 */
public final class WarehouseLock implements AutoCloseable {
  /** The lock file, directly under the warehouse root (not a table: tables are folders). */
  public static final String FILE = "_pcx_lock";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileSystem fs;
  private final Path path;
  private final String runId;
  private boolean held = true;

  private WarehouseLock(FileSystem fs, Path path, String runId) {
    this.fs = fs;
    this.path = path;
    this.runId = runId;
  }

  /** The run that holds a warehouse, as its lock file says. */
  public record Holder(String runId, String command, String host, long pid, String startedAt) {
    String describe() {
      return "run "
          + runId
          + " (pcx "
          + command
          + ", "
          + host
          + " pid "
          + pid
          + ", since "
          + startedAt
          + ")";
    }
  }

  /**
   * Takes the warehouse for a run, or throws {@link com.partnercx.errors.ErrorCode#STAGE_FAILED}
   * naming the run that holds it. {@code warn} hears about a dead holder's lock taken over.
   */
  public static WarehouseLock acquire(
      String root, Configuration hadoop, String runId, String command, Consumer<String> warn) {
    Path path = new Path(root, FILE);
    try {
      FileSystem fs = withoutChecksums(path.getFileSystem(hadoop));
      fs.mkdirs(path.getParent());
      Holder me =
          new Holder(
              runId, command, host(), ProcessHandle.current().pid(), Instant.now().toString());
      for (int attempt = 0; attempt < 2; attempt++) {
        if (create(fs, path, me)) {
          return new WarehouseLock(fs, path, runId);
        }
        Holder holder = read(fs, path);
        for (int wait = 0; holder == null && wait < 10 && fs.exists(path); wait++) {
          // Being written this instant by another run: give it a moment to say who it is.
          sleepQuietly(100);
          holder = read(fs, path);
        }
        if (holder == null || !isDead(holder)) {
          if (holder == null) {
            // Being written this instant by another run.
            throw PcxErrors.warehouseBusy(root, "another run", path.toString());
          }
          throw PcxErrors.warehouseBusy(root, holder.describe(), path.toString());
        }
        warn.accept(
            "warning: "
                + holder.describe()
                + " stopped without releasing "
                + path
                + "; taking the warehouse over (its partial writes are repaired by this run's"
                + " stages)");
        fs.delete(path, false);
      }
      throw PcxErrors.warehouseBusy(root, "another run", path.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot take the lock " + path, e);
    }
  }

  /**
   * The raw file system under a checksummed one (the local file system): a checksum file of a lock
   * being written by another run cannot be read half-written, which would only print a warning.
   */
  private static FileSystem withoutChecksums(FileSystem fs) {
    return fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean create(FileSystem fs, Path path, Holder me) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("run_id", me.runId());
    body.put("command", me.command());
    body.put("host", me.host());
    body.put("pid", me.pid());
    body.put("started_at", me.startedAt());
    if (fs instanceof RawLocalFileSystem local) {
      // Hadoop's local create checks for the file and then creates it; the operating system's
      // exclusive create is one step.
      try (OutputStream out =
          java.nio.file.Files.newOutputStream(
              local.pathToFile(path).toPath(),
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE)) {
        out.write(JSON.writeValueAsBytes(body));
        return true;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fs.create(path, false)) {
      out.write(JSON.writeValueAsBytes(body));
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      // Some file systems report an existing file with a plain IOException.
      if (fs.exists(path)) {
        return false;
      }
      throw e;
    }
  }

  /** The holder named by the lock file, or null while it is still being written. */
  static Holder read(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      byte[] bytes = in.readAllBytes();
      if (bytes.length == 0) {
        return null;
      }
      Map<?, ?> body = JSON.readValue(new String(bytes, StandardCharsets.UTF_8), Map.class);
      return new Holder(
          String.valueOf(body.get("run_id")),
          String.valueOf(body.get("command")),
          String.valueOf(body.get("host")),
          ((Number) body.get("pid")).longValue(),
          String.valueOf(body.get("started_at")));
    } catch (java.io.FileNotFoundException e) {
      return null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException | ClassCastException e) {
      return null;
    }
  }

  /** A holder on this host whose process is gone; one on another host is never judged dead. */
  private static boolean isDead(Holder holder) {
    return holder.host().equals(host()) && ProcessHandle.of(holder.pid()).isEmpty();
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  /** Releases the warehouse, if this run still holds it. */
  @Override
  public void close() {
    if (!held) {
      return;
    }
    held = false;
    try {
      Holder holder = read(fs, path);
      if (holder != null && holder.runId().equals(runId)) {
        fs.delete(path, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot release the lock " + path, e);
    }
  }
}
