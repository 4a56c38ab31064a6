package com.partnercx.generate;

import com.partnercx.schema.CanonicalField;
import com.partnercx.schema.FieldType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a landing zone of partner extracts plus the matching configuration and a ground-truth file
 * of every planted defect, and, when asked for, survey-integrity patterns planted in known partners
 * with their own ground truth (ground_truth_integrity.csv). The same settings give byte-identical
 * files: each feed-day draws from its own random stream, so the work can run on all cores in any
 * order.
 */
public final class SampleGenerator {
  /** Share of rows turned into each row-level defect. */
  static final double MALFORMED_RATE = 0.001;

  /**
   * Rows of the planted late batch that lacks the key column: fewer than the generated quality
   * gate's min_rejected_rows (3), so the file is rejected and its rows are counted as rejected
   * while the day still passes. A whole day refused would hold its period until the partner
   * re-sends it.
   */
  static final int LATE_BATCH_ROWS = 2;

  static final double MISSING_KEY_RATE = 0.001;
  static final double INVALID_VALUE_RATE = 0.001;
  static final double DUPLICATE_RATE = 0.002;
  static final double PII_RATE = 0.03;
  static final int CORRECTED_ROWS = 5;

  /**
   * What to generate.
   *
   * @param out folder receiving landing/, config/ and ground_truth.csv
   * @param partners number of partners, spread over the seven partner types
   * @param start first data day
   * @param days number of data days (each delivered the next day)
   * @param seed random seed
   * @param eventsPerPartnerDay average service events per partner and day
   * @param integrityPlants names of the survey-integrity flags (of {@link #INTEGRITY_FLAGS}) to
   *     plant, each in one partner, listed in ground_truth_integrity.csv (written only when some
   *     are asked for)
   */
  public record Settings(
      Path out,
      int partners,
      LocalDate start,
      int days,
      long seed,
      double eventsPerPartnerDay,
      Set<String> integrityPlants) {
    /** Settings that plant no survey-integrity pattern. */
    public Settings(
        Path out, int partners, LocalDate start, int days, long seed, double eventsPerPartnerDay) {
      this(out, partners, start, days, seed, eventsPerPartnerDay, Set.of());
    }

    /** Checks the flag names. */
    public Settings {
      integrityPlants = integrityPlants == null ? Set.of() : Set.copyOf(integrityPlants);
      for (String flag : integrityPlants) {
        if (IntegrityFlag.of(flag) == null) {
          throw new IllegalArgumentException(
              "'" + flag + "' is not an integrity flag; expected one of " + INTEGRITY_FLAGS);
        }
      }
    }
  }

  /**
   * The survey-integrity flags the generator can plant, by the names the scorer gives them: {@code
   * top_score_share}, {@code concentrated_customers}, {@code response_bursts}, {@code
   * response_rate_drop}, {@code csat_contradicts_complaints} and {@code score_solicitation}.
   */
  public static final List<String> INTEGRITY_FLAGS = IntegrityFlag.ids();

  /**
   * What was written.
   *
   * @param files data files written
   * @param rows data rows written
   * @param bytes bytes written
   * @param seconds wall time
   */
  public record Summary(long files, long rows, long bytes, double seconds) {}

  private SampleGenerator() {}

  public static Summary generate(Settings settings, Consumer<String> progress) throws IOException {
    long start = System.nanoTime();
    List<SyntheticPartner> partners = SyntheticPartner.roster(settings.partners(), settings.seed());
    List<FeedSpec> feeds = FeedSpec.all();
    Path landing = settings.out().resolve("landing");
    GroundTruth truth = new GroundTruth();
    RowFactory factory = new RowFactory(settings.eventsPerPartnerDay());
    IntegrityPlants plants =
        IntegrityPlants.choose(
            settings.integrityPlants(),
            partners,
            feeds,
            settings.start(),
            settings.start().plusDays(Math.max(0, settings.days() - 1)));
    AtomicLong files = new AtomicLong();
    AtomicLong rows = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    List<Runnable> tasks = new ArrayList<>();
    for (int f = 0; f < feeds.size(); f++) {
      FeedSpec feed = feeds.get(f);
      FilePlan plan = FilePlan.draw(settings, f);
      List<SyntheticPartner> senders =
          partners.stream().filter(p -> feed.types().contains(p.type())).toList();
      for (int d = 0; d < settings.days(); d++) {
        int feedIndex = f;
        int dayIndex = d;
        tasks.add(
            () -> {
              FeedDay day =
                  new FeedDay(
                      settings, feed, feedIndex, senders, dayIndex, plan, factory, plants, landing,
                      truth);
              day.write();
              files.addAndGet(day.files);
              rows.addAndGet(day.rows);
              bytes.addAndGet(day.bytes);
            });
      }
    }
    runAll(tasks, settings.days(), start, rows, progress);
    ConfigWriter.write(settings.out().resolve("config"), partners, feeds, settings);
    truth.write(settings.out().resolve("ground_truth.csv"));
    plants.write(settings.out());
    return new Summary(files.get(), rows.get(), bytes.get(), (System.nanoTime() - start) / 1e9);
  }

  private static void runAll(
      List<Runnable> tasks, int days, long start, AtomicLong rows, Consumer<String> progress) {
    ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    AtomicInteger done = new AtomicInteger();
    int step = Math.max(1, tasks.size() / 10);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Runnable task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  task.run();
                  int n = done.incrementAndGet();
                  if (n % step == 0 || n == tasks.size()) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    progress.accept(
                        String.format(
                            Locale.ROOT,
                            "generated %d/%d feed-days, %,d rows (%,.0f rows/s)",
                            n,
                            tasks.size(),
                            rows.get(),
                            rows.get() / seconds));
                  }
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while generating", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdown();
    }
  }

  /**
   * The file-level defects of one feed: which data day is never delivered, which is delivered
   * twice, which gets a correction file, and (for some feeds) which day's last rows come late in a
   * second file that lacks the key column, or which day comes with an empty companion. -1 means
   * none.
   */
  record FilePlan(
      int missingDay, int resentDay, int correctedDay, int missingColumnDay, int emptyFileDay) {
    static FilePlan draw(Settings settings, int feedIndex) {
      int days = settings.days();
      if (days < 6) {
        return new FilePlan(-1, -1, -1, -1, -1);
      }
      SplittableRandom rng = new SplittableRandom(settings.seed() * 31 + feedIndex);
      int slot = Math.max(1, days / 6);
      int missing = 1 + rng.nextInt(slot);
      int resent = slot + 1 + rng.nextInt(slot);
      int corrected = 2 * slot + 1 + rng.nextInt(slot);
      int missingColumn = feedIndex % 5 == 1 ? 3 * slot + 1 + rng.nextInt(slot) : -1;
      int empty = feedIndex % 5 == 3 ? 4 * slot + rng.nextInt(slot) : -1;
      return new FilePlan(missing, resent, corrected, missingColumn, empty);
    }
  }

  /** One feed's extract for one data day, delivered in the next day's folder. */
  private static final class FeedDay {
    private final Settings settings;
    private final FeedSpec feed;
    private final List<SyntheticPartner> senders;
    private final int dayIndex;
    private final LocalDate day;
    private final LocalDate delivery;
    private final FilePlan plan;
    private final RowFactory factory;
    private final IntegrityPlants plants;
    private final Path landing;
    private final GroundTruth truth;
    private final SplittableRandom rng;
    private final List<CanonicalField> fields;
    private final int[] mapped;
    private final List<String> header;
    private final DateTimeFormatter formatter;

    /** Indexes of the free-text fields this feed carries (comment, text), in that order. */
    private final int[] freeText;

    private final java.util.Map<String, Long> rowDefects = new java.util.TreeMap<>();
    private final java.util.Set<Object[]> rowsWithPii =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private long correctedPii;
    long files;
    long rows;
    long bytes;

    FeedDay(
        Settings settings,
        FeedSpec feed,
        int feedIndex,
        List<SyntheticPartner> senders,
        int dayIndex,
        FilePlan plan,
        RowFactory factory,
        IntegrityPlants plants,
        Path landing,
        GroundTruth truth) {
      this.settings = settings;
      this.feed = feed;
      this.senders = senders;
      this.dayIndex = dayIndex;
      this.day = settings.start().plusDays(dayIndex);
      this.delivery = day.plusDays(1);
      this.plan = plan;
      this.factory = factory;
      this.plants = plants;
      this.landing = landing;
      this.truth = truth;
      this.rng = new SplittableRandom(mix(settings.seed(), feedIndex, day.toEpochDay()));
      this.fields = feed.entity().fields();
      this.header = new ArrayList<>(feed.columns().values());
      this.mapped = new int[header.size()];
      int i = 0;
      for (String canonical : feed.columns().keySet()) {
        mapped[i++] = indexOf(canonical);
      }
      this.formatter = feed.formatter();
      this.freeText =
          java.util.stream.Stream.of("comment", "text")
              .filter(feed.columns()::containsKey)
              .mapToInt(this::indexOf)
              .toArray();
    }

    void write() {
      List<Object[]> canonical = canonicalRows();
      List<Object[]> late =
          dayIndex == plan.missingColumnDay()
              ? List.copyOf(
                  canonical.subList(
                      Math.max(0, canonical.size() - LATE_BATCH_ROWS), canonical.size()))
              : List.of();
      List<String> lines = new ArrayList<>(canonical.size() + 8);
      List<Object[]> clean = new ArrayList<>();
      for (Object[] row : canonical.subList(0, canonical.size() - late.size())) {
        lines.addAll(withDefect(row, clean));
      }
      if (!late.isEmpty()) {
        writeFile(
            folder(delivery).resolve(feed.fileName("_late")), headerWithout(), linesWithout(late));
        truth.add(feed.id(), delivery, GroundTruth.MISSING_COLUMN_FILE, 1);
        truth.add(feed.id(), delivery, GroundTruth.REJECTED_ROWS, late.size());
      }
      if (dayIndex == plan.missingDay()) {
        truth.add(feed.id(), delivery, GroundTruth.MISSING_DELIVERY, 1);
      } else {
        Path file = folder(delivery).resolve(feed.fileName(""));
        writeFile(file, header, lines);
        truth.add(feed.id(), delivery, GroundTruth.ROWS, lines.size());
        rowDefects.forEach((kind, n) -> truth.add(feed.id(), delivery, kind, n));
        rows += lines.size();
        if (dayIndex == plan.resentDay() && dayIndex + 3 <= settings.days() && !lines.isEmpty()) {
          LocalDate again = day.plusDays(3);
          copy(file, folder(again).resolve(feed.fileName("_resent")));
          truth.add(feed.id(), again, GroundTruth.DUPLICATE_FILE, 1);
        }
      }
      if (dayIndex == plan.correctedDay() && dayIndex + 2 <= settings.days()) {
        List<String> corrections = corrections(clean);
        if (!corrections.isEmpty()) {
          LocalDate later = day.plusDays(2);
          writeFile(folder(later).resolve(feed.fileName("_corrections")), header, corrections);
          truth.add(feed.id(), later, GroundTruth.CORRECTION, corrections.size());
          truth.add(feed.id(), later, GroundTruth.PII_IN_TEXT, correctedPii);
          truth.add(feed.id(), later, GroundTruth.ROWS, corrections.size());
          rows += corrections.size();
        }
      }
      if (dayIndex == plan.emptyFileDay()) {
        Path empty = folder(delivery).resolve(feed.fileStem() + "_empty.csv");
        try {
          Files.write(empty, new byte[0]);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        files++;
        truth.add(feed.id(), delivery, GroundTruth.EMPTY_FILE, 1);
      }
    }

    /**
     * The day's rows, partner by partner in roster order. A planted partner's natural rows are
     * drawn and dropped, and its planted rows drawn from the same stream after everyone else's, so
     * every other partner's values are the same with or without plants.
     */
    private List<Object[]> canonicalRows() {
      List<List<Object[]>> byPartner = new ArrayList<>(senders.size());
      for (SyntheticPartner partner : senders) {
        List<Object[]> rows = new ArrayList<>();
        byPartner.add(rows);
        boolean planted = plants.flagOf(partner.id()) != null;
        factory.rows(feed.entity(), partner, day, rng, planted ? row -> {} : rows::add);
      }
      for (int i = 0; i < senders.size(); i++) {
        SyntheticPartner partner = senders.get(i);
        IntegrityFlag plant = plants.flagOf(partner.id());
        if (plant != null) {
          factory.rows(
              feed.entity(), plants.asDrawn(partner, day), day, rng, plant, byPartner.get(i)::add);
        }
      }
      List<Object[]> canonical = new ArrayList<>();
      byPartner.forEach(canonical::addAll);
      return canonical;
    }

    /** The lines for one row: usually the row itself, sometimes with one planted defect. */
    private List<String> withDefect(Object[] row, List<Object[]> clean) {
      double u = rng.nextDouble();
      String keyField = feed.entity().keyFields().get(1);
      if (u < MALFORMED_RATE) {
        String line = format(row);
        if (line.indexOf('\n') < 0) {
          rowDefects.merge(GroundTruth.MALFORMED_ROW, 1L, Long::sum);
          return List.of(
              feed.jsonLines() ? line.substring(0, line.length() / 2) : firstTwoFields(row));
        }
      } else if (u < MALFORMED_RATE + MISSING_KEY_RATE) {
        row[indexOf(keyField)] = null;
        rowDefects.merge(GroundTruth.MISSING_KEY, 1L, Long::sum);
        return List.of(format(row));
      } else if (u < MALFORMED_RATE + MISSING_KEY_RATE + INVALID_VALUE_RATE) {
        String rule = makeInvalid(row);
        if (rule != null) {
          rowDefects.merge(rule, 1L, Long::sum);
          return List.of(format(row));
        }
      } else if (u < MALFORMED_RATE + MISSING_KEY_RATE + INVALID_VALUE_RATE + DUPLICATE_RATE) {
        maybeAddPii(row, 2);
        String line = format(row);
        rowDefects.merge(GroundTruth.DUPLICATE_ROW, 1L, Long::sum);
        clean.add(row);
        return List.of(line, line);
      }
      maybeAddPii(row, 1);
      clean.add(row);
      return List.of(format(row));
    }

    /** Breaks a value in a way the entity's expectations catch; returns the rule, or null. */
    private String makeInvalid(Object[] row) {
      switch (feed.entity()) {
        case SERVICE_EVENT -> {
          int created = indexOf("created_at");
          int fulfilled = indexOf("fulfilled_at");
          if (row[fulfilled] != null && feed.columns().containsKey("fulfilled_at")) {
            row[fulfilled] = (Long) row[created] - 60L * (5 + rng.nextInt(120));
            return GroundTruth.FULFILLED_BEFORE_CREATED;
          }
          return null;
        }
        case SURVEY_RESPONSE -> {
          for (String score : List.of("nps", "csat", "ces")) {
            if (feed.columns().containsKey(score)) {
              row[indexOf(score)] = score.equals("nps") ? 11 : score.equals("csat") ? 6 : 9;
              return score + "_out_of_range";
            }
          }
          return null;
        }
        case SOCIAL_MENTION -> {
          row[indexOf("sentiment")] = 1.5;
          return "sentiment_out_of_range";
        }
        default -> {
          return null;
        }
      }
    }

    private void maybeAddPii(Object[] row, int copies) {
      for (int i : freeText) {
        if (row[i] != null && rng.nextDouble() < PII_RATE) {
          row[i] =
              row[i]
                  + (rng.nextBoolean()
                      ? " Call me back on +49 170 " + (1_000_000 + rng.nextInt(9_000_000))
                      : " Write to me: kunde" + rng.nextInt(10_000) + "@example.org");
          rowDefects.merge(GroundTruth.PII_IN_TEXT, (long) copies, Long::sum);
          rowsWithPii.add(row);
        }
      }
    }

    /**
     * Re-sends a few rows of the day with one value changed and the same key; never a planted
     * partner's, whose pattern stays as planted.
     */
    private List<String> corrections(List<Object[]> clean) {
      List<String> out = new ArrayList<>();
      correctedPii = 0;
      for (Object[] original : clean) {
        if (out.size() == CORRECTED_ROWS) {
          break;
        }
        if (plants.flagOf((String) original[0]) != null) {
          continue;
        }
        Object[] row = original.clone();
        if (correct(row) && !java.util.Arrays.equals(row, original)) {
          out.add(format(row));
          correctedPii += rowsWithPii.contains(original) ? 1 : 0;
        }
      }
      return out;
    }

    private boolean correct(Object[] row) {
      switch (feed.entity()) {
        case SERVICE_EVENT -> {
          int fulfilled = indexOf("fulfilled_at");
          if (row[fulfilled] == null) {
            return false;
          }
          long promised = (Long) row[indexOf("promised_at")];
          row[fulfilled] = row[fulfilled].equals(promised) ? promised + 600 : promised;
        }
        case SURVEY_RESPONSE -> {
          String score = feed.columns().containsKey("nps") ? "nps" : "ces";
          int i = indexOf(score);
          int better = score.equals("nps") ? 10 : 1;
          row[i] =
              Integer.valueOf(better).equals(row[i])
                  ? better + (score.equals("nps") ? -1 : 1)
                  : better;
        }
        case COMPLAINT ->
            row[indexOf("resolved_at")] = (Long) row[indexOf("first_response_at")] + 3600L;
        case SOCIAL_MENTION -> {
          int i = indexOf("sentiment");
          row[i] = Double.valueOf(0.0).equals(row[i]) ? 0.1 : 0.0;
        }
        case DIGITAL_SESSION -> {
          int ordered = indexOf("ordered");
          row[indexOf("added_to_cart")] = true;
          row[ordered] = !Boolean.TRUE.equals(row[ordered]);
        }
        case HANDOFF -> {
          row[indexOf("acknowledged_at")] = (Long) row[indexOf("sent_at")] + 600L;
          row[indexOf("applied")] = true;
        }
      }
      return true;
    }

    private String format(Object[] row) {
      return formatPrefix(row, mapped.length);
    }

    private String text(int field, Object value) {
      return switch (fields.get(field).type()) {
        case TIMESTAMP -> formatter.format(Instant.ofEpochSecond((Long) value));
        case BOOLEAN -> feed.booleans()[(Boolean) value ? 0 : 1];
        case DOUBLE -> {
          double d = (Double) value;
          yield fields.get(field).name().equals("menu_seconds")
              ? String.format(Locale.ROOT, "%.1f", d)
              : String.format(Locale.ROOT, "%.2f", d);
        }
        default -> value.toString();
      };
    }

    private String firstTwoFields(Object[] row) {
      StringBuilder line = new StringBuilder();
      appendCsvValue(line, text(mapped[0], row[mapped[0]]));
      line.append(feed.delimiter());
      Object second = row[mapped[1]];
      if (second != null) {
        appendCsvValue(line, text(mapped[1], second));
      }
      return line.toString();
    }

    private void appendCsvValue(StringBuilder line, String value) {
      boolean quote =
          value.indexOf(feed.delimiter()) >= 0
              || value.indexOf('"') >= 0
              || value.indexOf('\n') >= 0
              || value.indexOf('\r') >= 0;
      if (!quote) {
        line.append(value);
        return;
      }
      line.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    private static void appendJsonString(StringBuilder out, String value) {
      out.append('"');
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          default -> {
            if (c < 0x20) {
              out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      out.append('"');
    }

    /**
     * The header column of the entity's own key (event_id, response_id, ...): a file without it is
     * rejected whatever the programs score, since its rows cannot be told apart.
     */
    private int droppedColumn() {
      String key = feed.entity().keyFields().get(1);
      return List.copyOf(feed.columns().keySet()).indexOf(key);
    }

    private List<String> headerWithout() {
      List<String> columns = new ArrayList<>(header);
      columns.remove(droppedColumn());
      return columns;
    }

    private List<String> linesWithout(List<Object[]> canonical) {
      List<String> out = new ArrayList<>(canonical.size());
      for (Object[] row : canonical) {
        out.add(formatColumns(row, droppedColumn(), mapped.length));
      }
      return out;
    }

    /** A row written with its first {@code columns} columns. */
    private String formatPrefix(Object[] row, int columns) {
      return formatColumns(row, -1, columns);
    }

    /** A row written with its first {@code columns} columns but the one at {@code skipped}. */
    private String formatColumns(Object[] row, int skipped, int columns) {
      int[] all = mapped;
      StringBuilder line = new StringBuilder(160);
      if (feed.jsonLines()) {
        line.append('{');
        boolean first = true;
        for (int c = 0; c < columns; c++) {
          if (c == skipped) {
            continue;
          }
          if (!first) {
            line.append(',');
          }
          first = false;
          appendJsonString(line, header.get(c));
          line.append(':');
          Object value = row[all[c]];
          FieldType type = fields.get(all[c]).type();
          if (value == null) {
            line.append("null");
          } else if (type == FieldType.STRING || type == FieldType.TIMESTAMP) {
            appendJsonString(line, text(all[c], value));
          } else {
            line.append(text(all[c], value));
          }
        }
        return line.append('}').toString();
      }
      boolean first = true;
      for (int c = 0; c < columns; c++) {
        if (c == skipped) {
          continue;
        }
        if (!first) {
          line.append(feed.delimiter());
        }
        first = false;
        Object value = row[all[c]];
        if (value != null) {
          appendCsvValue(line, text(all[c], value));
        }
      }
      return line.toString();
    }

    private void writeFile(Path file, List<String> columns, List<String> lines) {
      try {
        Files.createDirectories(file.getParent());
        OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        OutputStream stream = feed.gzip() ? new GZIPOutputStream(raw, 1 << 16) : raw;
        try (Writer out = new OutputStreamWriter(stream, Charset.forName(feed.encoding()))) {
          if (!feed.jsonLines()) {
            StringBuilder head = new StringBuilder();
            for (int c = 0; c < columns.size(); c++) {
              if (c > 0) {
                head.append(feed.delimiter());
              }
              appendCsvValue(head, columns.get(c));
            }
            out.write(head.append('\n').toString());
          }
          for (String line : lines) {
            out.write(line);
            out.write('\n');
          }
        }
        files++;
        bytes += Files.size(file);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write " + file, e);
      }
    }

    private void copy(Path from, Path to) {
      try {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        files++;
        bytes += Files.size(to);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write " + to, e);
      }
    }

    private Path folder(LocalDate date) {
      return landing.resolve(feed.id()).resolve(date.toString());
    }

    private int indexOf(String field) {
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).name().equals(field)) {
          return i;
        }
      }
      throw new IllegalArgumentException(field + " is not a field of " + feed.entity().id());
    }
  }

  private static long mix(long seed, int feed, long day) {
    long h = seed * 0x9E3779B97F4A7C15L + feed * 0xC2B2AE3D27D4EB4FL + day * 0x165667B19E3779F9L;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }
}
