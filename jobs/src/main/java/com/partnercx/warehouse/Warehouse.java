package com.partnercx.warehouse;

import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The one seam between the jobs and storage: every Delta table is read and written here, by table
 * id (see com.partnercx.tables.Tables) under a root URI (local folder, s3a://, abfss://, hdfs://).
 * Jobs never build paths.
 */
public final class Warehouse {
  private static final Pattern COMMIT_FILE = Pattern.compile("(\\d{20})\\.json");

  private final SparkSession spark;
  private final String root;

  public Warehouse(SparkSession spark, String root) {
    this.spark = spark;
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  public SparkSession spark() {
    return spark;
  }

  public String root() {
    return root;
  }

  public String path(String table) {
    return root + "/" + table;
  }

  /** Whether the table has at least one commit; the same log listing as {@link #version}. */
  public boolean exists(String table) {
    return version(table) >= 0;
  }

  public Dataset<Row> read(String table) {
    return spark.read().format("delta").load(path(table));
  }

  /** The table at an earlier version (Delta time travel). */
  public Dataset<Row> readVersion(String table, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(path(table));
  }

  public Optional<Dataset<Row>> readIfExists(String table) {
    return exists(table) ? Optional.of(read(table)) : Optional.empty();
  }

  /**
   * The table at its latest version, recording that version in {@code versionsRead} so a result can
   * say what it was computed from; empty when the table does not exist yet.
   */
  public Optional<Dataset<Row>> readLatest(String table, Map<String, Long> versionsRead) {
    long version = version(table);
    if (version < 0) {
      return Optional.empty();
    }
    versionsRead.put(table, version);
    return Optional.of(readVersion(table, version));
  }

  /**
   * The latest version of the table, or -1 when it does not exist yet. Read from the names of the
   * commit files in {@code _delta_log}: a listing, not a Spark job.
   */
  public long version(String table) {
    org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(path(table) + "/_delta_log");
    try {
      FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(log)) {
        return -1;
      }
      long latest = -1;
      for (FileStatus status : fs.listStatus(log)) {
        Matcher commit = COMMIT_FILE.matcher(status.getPath().getName());
        if (commit.matches()) {
          latest = Math.max(latest, Long.parseLong(commit.group(1)));
        }
      }
      return latest;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the Delta log of " + path(table), e);
    }
  }

  /**
   * What identifies a version's commit on storage: the version, and its commit file's modification
   * time and size (a table deleted and created again reuses version numbers); empty when the commit
   * file is gone (cleaned up after a checkpoint).
   */
  public Optional<String> commitStamp(String table, long version) {
    org.apache.hadoop.fs.Path commit = commitFile(table, version);
    try {
      FileStatus status =
          commit.getFileSystem(spark.sparkContext().hadoopConfiguration()).getFileStatus(commit);
      return Optional.of(version + ":" + status.getModificationTime() + ":" + status.getLen());
    } catch (java.io.FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the Delta log of " + path(table), e);
    }
  }

  /** Spark's setting that Delta records in each commit as its {@code userMetadata}. */
  private static final String COMMIT_NOTE_SETTING =
      "spark.databricks.delta.commitInfo.userMetadata";

  /**
   * Runs {@code write} with {@code note} recorded in every Delta commit it makes, for {@link
   * #commitNote} to read back without a Spark job.
   */
  public <T> T withCommitNote(String note, java.util.function.Supplier<T> write) {
    Optional<String> before = Optional.ofNullable(spark.conf().get(COMMIT_NOTE_SETTING, null));
    spark.conf().set(COMMIT_NOTE_SETTING, note);
    try {
      return write.get();
    } finally {
      before.ifPresentOrElse(
          value -> spark.conf().set(COMMIT_NOTE_SETTING, value),
          () -> spark.conf().unset(COMMIT_NOTE_SETTING));
    }
  }

  /**
   * The note a version's commit was made with ({@link #withCommitNote}), read from its commit file:
   * empty when it has none, or its commit file is gone (cleaned up after a checkpoint).
   */
  public Optional<String> commitNote(String table, long version) {
    org.apache.hadoop.fs.Path commit = commitFile(table, version);
    try (java.io.BufferedReader lines =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                commit.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(commit),
                java.nio.charset.StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        com.fasterxml.jackson.databind.JsonNode info =
            COMMIT_JSON.readTree(line).path("commitInfo");
        if (info.hasNonNull("userMetadata")) {
          return Optional.of(info.get("userMetadata").asText());
        }
      }
      return Optional.empty();
    } catch (java.io.FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the Delta log of " + path(table), e);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper COMMIT_JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** The commit file of a version in the table's Delta log. */
  private org.apache.hadoop.fs.Path commitFile(String table, long version) {
    return new org.apache.hadoop.fs.Path(
        path(table) + "/_delta_log/" + String.format("%020d", version) + ".json");
  }

  /** The latest versions of several tables, for lineage records. */
  public Map<String, Long> versions(List<String> tables) {
    return tables.stream()
        .collect(Collectors.toMap(t -> t, this::version, (a, b) -> a, java.util.TreeMap::new));
  }

  /** Appends rows, creating the table (and adding new columns) as needed; returns the version. */
  public long append(String table, Dataset<Row> rows) {
    rows.write()
        .format("delta")
        .mode(SaveMode.Append)
        .option("mergeSchema", "true")
        .save(path(table));
    return version(table);
  }

  /**
   * Replaces the rows matching {@code predicate} with {@code rows}, adding new columns as needed;
   * returns the new version.
   */
  public long replaceWhere(String table, Dataset<Row> rows, String predicate) {
    if (!exists(table)) {
      return append(table, rows);
    }
    rows.write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .option("replaceWhere", predicate)
        .option("mergeSchema", "true")
        .save(path(table));
    return version(table);
  }

  /** Overwrites a plain Parquet folder (an export for tools that do not read Delta). */
  public void exportParquet(String folder, Dataset<Row> rows) {
    rows.coalesce(1).write().mode(SaveMode.Overwrite).parquet(path(folder));
  }

  /**
   * What a MERGE did.
   *
   * @param version the table version it wrote
   * @param inserted rows with a new key
   * @param updated rows that replaced a stored row
   */
  public record MergeResult(long version, long inserted, long updated) {}

  /**
   * Upserts {@code updates} on {@code keys}: a row with a known key replaces the stored one (a
   * corrected re-delivery), only when {@code changedCondition} holds; new keys are inserted.
   */
  public MergeResult merge(
      String table, Dataset<Row> updates, List<String> keys, String changedCondition) {
    return merge(table, updates, keys, changedCondition, null, Map.of());
  }

  /**
   * {@link #merge(String, Dataset, List, String)} that also updates stored rows whose key is not in
   * {@code updates} and that match {@code goneCondition}, setting the columns of {@code goneSet}.
   */
  public MergeResult merge(
      String table,
      Dataset<Row> updates,
      List<String> keys,
      String changedCondition,
      String goneCondition,
      Map<String, Column> goneSet) {
    if (!exists(table)) {
      Dataset<Row> cached = updates.cache();
      try {
        long rows = cached.count();
        return new MergeResult(append(table, cached), rows, 0);
      } finally {
        cached.unpersist();
      }
    }
    String on =
        keys.stream()
            .map(k -> "t.`" + k + "` = s.`" + k + "`")
            .collect(Collectors.joining(" AND "));
    DeltaMergeBuilder merge =
        DeltaTable.forPath(spark, path(table))
            .as("t")
            .merge(updates.as("s"), on)
            // A column added to a layer since the table was created (e.g. silver's lookup
            // lineage) is added to the table rather than failing the merge.
            .withSchemaEvolution()
            .whenMatched(changedCondition)
            .updateAll()
            .whenNotMatched()
            .insertAll();
    if (!goneSet.isEmpty()) {
      merge = merge.whenNotMatchedBySource(goneCondition).update(goneSet);
    }
    Row metrics = merge.execute().first();
    long inserted = metrics.<Long>getAs("num_inserted_rows");
    long updated = metrics.<Long>getAs("num_updated_rows");
    return new MergeResult(version(table), inserted, updated);
  }

  /** The Delta tables under the root (layer/table folders holding a _delta_log), by table id. */
  public List<String> tables() {
    org.apache.hadoop.fs.Path base = new org.apache.hadoop.fs.Path(root);
    try {
      FileSystem fs = base.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(base)) {
        return List.of();
      }
      java.util.List<String> out = new java.util.ArrayList<>();
      for (FileStatus layer : fs.listStatus(base)) {
        if (!layer.isDirectory()) {
          continue;
        }
        for (FileStatus table : fs.listStatus(layer.getPath())) {
          if (table.isDirectory()
              && fs.exists(new org.apache.hadoop.fs.Path(table.getPath(), "_delta_log"))) {
            out.add(layer.getPath().getName() + "/" + table.getPath().getName());
          }
        }
      }
      java.util.Collections.sort(out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the tables under " + root, e);
    }
  }

  /** How many data files the table's latest version is made of. */
  public long fileCount(String table) {
    return DeltaTable.forPath(spark, path(table)).detail().first().<Long>getAs("numFiles");
  }

  /**
   * Compacts the table's small files, keeps time travel (and so {@code pcx reproduce}) working for
   * {@code retainDays} days by setting the table's log and deleted-file retention to that, and
   * removes the data files no version of that window needs (VACUUM).
   */
  public void maintain(String table, int retainDays) {
    String interval = "interval " + retainDays + " days";
    spark.sql(
        "ALTER TABLE delta.`"
            + path(table)
            + "` SET TBLPROPERTIES ('delta.logRetentionDuration' = '"
            + interval
            + "', 'delta.deletedFileRetentionDuration' = '"
            + interval
            + "')");
    DeltaTable delta = DeltaTable.forPath(spark, path(table));
    delta.optimize().executeCompaction();
    delta.vacuum(retainDays * 24.0);
  }
}
