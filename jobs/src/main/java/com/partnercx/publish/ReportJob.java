package com.partnercx.publish;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.partnercx.errors.PcxErrors;
import com.partnercx.reports.Audience;
import com.partnercx.reports.PartnerScorecard;
import com.partnercx.reports.PortfolioRenderer;
import com.partnercx.reports.RenderedPdf;
import com.partnercx.reports.ScorecardRenderer;
import com.partnercx.schema.Period;
import com.partnercx.stage.RunContext;
import com.partnercx.stage.StageResult;
import com.partnercx.tables.Tables;
import com.partnercx.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * gold/scorecard -> PDFs for a period: each partner's scorecard for the partner and for internal
 * use, and the executive portfolio report. Collects the period's inputs once (a few rows per
 * partner), renders on all cores with a progress line, and writes manifest.json.
 */
public final class ReportJob {
  public static final String STAGE = "report";
  public static final String MANIFEST = "manifest.json";

  /**
   * The manifest of the previous run, set aside while a run renders: a run that is killed leaves no
   * manifest.json, never one whose checksums do not match the files.
   */
  public static final String PREVIOUS_MANIFEST = "manifest.json.previous";

  public static final String PORTFOLIO = "portfolio.pdf";
  private static final Logger LOG = LoggerFactory.getLogger(ReportJob.class);
  private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

  private ReportJob() {}

  /**
   * One manifest entry.
   *
   * @param file PDF path relative to the period's folder
   * @param partnerId the partner, or null for the portfolio report
   * @param audience who the PDF is for
   * @param sha256 checksum of the file
   * @param pages page count
   */
  public record ManifestEntry(
      String file, String partnerId, String audience, String sha256, int pages) {}

  /**
   * What a report run produced.
   *
   * @param stage the stage's figures
   * @param folder where the PDFs and the manifest are
   * @param entries the PDFs written
   * @param failures PDF file -> why it failed, naming the partner
   * @param renderSeconds the time spent rendering, after the inputs were read
   */
  public record Outcome(
      StageResult stage,
      Path folder,
      List<ManifestEntry> entries,
      Map<String, String> failures,
      double renderSeconds) {}

  /** The PDF file of a partner's scorecard for an audience, relative to the period's folder. */
  public static String file(Audience audience, String partnerId) {
    return audience == Audience.EXECUTIVE ? PORTFOLIO : audience.id() + "/" + partnerId + ".pdf";
  }

  public static Outcome run(
      RunContext ctx, Period period, String partnerId, Set<Audience> audiences, Path outDir) {
    long start = System.nanoTime();
    Warehouse warehouse = ctx.warehouse();
    warehouse.spark().sparkContext().setJobGroup(STAGE, "report " + period.label(), false);
    long version = warehouse.version(Tables.SCORECARD);
    if (version < 0) {
      throw PcxErrors.noScorecards(period.label(), warehouse.root());
    }
    ReportInputs inputs = ReportInputs.read(warehouse, ctx.config(), period, version);
    if (inputs.scorecards().isEmpty()) {
      throw PcxErrors.noScorecards(period.label(), warehouse.root());
    }
    if (partnerId != null && !inputs.scorecards().containsKey(partnerId)) {
      throw PcxErrors.unknownPartner(partnerId, period.label());
    }
    ReportAssembly assembly = new ReportAssembly(inputs, ctx.config(), period, Instant.now());
    List<String> partners =
        partnerId == null ? List.copyOf(inputs.scorecards().keySet()) : List.of(partnerId);
    Set<Audience> scorecardAudiences = EnumSet.copyOf(audiences);
    scorecardAudiences.remove(Audience.EXECUTIVE);
    boolean portfolio = audiences.contains(Audience.EXECUTIVE) && partnerId == null;
    int total = partners.size() * scorecardAudiences.size() + (portfolio ? 1 : 0);
    Path folder = outDir.resolve(period.label());
    double readSeconds = (System.nanoTime() - start) / 1e9;
    LOG.info(
        "report {}: inputs read in {} s; rendering {} PDFs on {} threads",
        period.label(),
        String.format("%.1f", readSeconds),
        total,
        Runtime.getRuntime().availableProcessors());

    setAsideManifest(folder);
    Rendering rendering = new Rendering(total);
    ScorecardRenderer scorecards = new ScorecardRenderer();
    ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    try {
      List<Future<?>> futures = new ArrayList<>();
      if (portfolio) {
        PortfolioRenderer renderer = new PortfolioRenderer();
        futures.add(
            pool.submit(
                () ->
                    rendering.render(
                        PORTFOLIO,
                        null,
                        Audience.EXECUTIVE,
                        () -> renderer.render(assembly.portfolio(), folder.resolve(PORTFOLIO)))));
      }
      for (String id : partners) {
        futures.add(
            pool.submit(
                () -> {
                  PartnerScorecard scorecard;
                  try {
                    scorecard = assembly.scorecard(id);
                  } catch (RuntimeException e) {
                    scorecardAudiences.forEach(a -> rendering.failed(file(a, id), id, e));
                    return;
                  }
                  for (Audience audience : scorecardAudiences) {
                    String name = file(audience, id);
                    rendering.render(
                        name,
                        id,
                        audience,
                        () -> scorecards.render(scorecard, audience, folder.resolve(name)));
                  }
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while rendering", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Rendering failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdown();
    }
    List<ManifestEntry> sorted =
        rendering.entries.stream().sorted(Comparator.comparing(ManifestEntry::file)).toList();
    writeManifest(
        folder,
        period,
        ctx.runId(),
        ctx.config().hash(),
        sorted,
        rendering.failures,
        partnerId != null || !audiences.containsAll(EnumSet.allOf(Audience.class)));
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Long> versions = new LinkedHashMap<>(inputs.readVersions());
    versions.put(Tables.SCORECARD, version);
    StageResult stage =
        new StageResult(STAGE, partners.size(), sorted.size(), 0, seconds, versions, Map.of());
    return new Outcome(stage, folder, sorted, rendering.failures, seconds - readSeconds);
  }

  /** Renders PDFs from several threads, collecting entries and failures and logging progress. */
  static final class Rendering {
    private final int total;
    private final long start = System.nanoTime();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicLong lastProgress = new AtomicLong(System.nanoTime());
    final List<ManifestEntry> entries = Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> failures = Collections.synchronizedMap(new TreeMap<>());

    Rendering(int total) {
      this.total = total;
    }

    interface Pdf {
      RenderedPdf write() throws Exception;
    }

    void render(String name, String partnerId, Audience audience, Pdf pdf) {
      try {
        RenderedPdf written = pdf.write();
        entries.add(
            new ManifestEntry(name, partnerId, audience.id(), written.sha256(), written.pages()));
        progress();
      } catch (Exception | LinkageError e) {
        failed(name, partnerId, e);
      }
    }

    /** Records a PDF that could not be written, naming its partner; the others go on. */
    void failed(String name, String partnerId, Throwable e) {
      String who = partnerId == null ? "the portfolio report" : "partner " + partnerId;
      failures.put(name, who + ": " + e);
      LOG.error("PDF {} for {} failed: {}", name, who, e.toString());
      progress();
    }

    private void progress() {
      int n = done.incrementAndGet();
      long now = System.nanoTime();
      long last = lastProgress.get();
      if (n == total
          || (now - last > PROGRESS_EVERY_NANOS && lastProgress.compareAndSet(last, now))) {
        double seconds = (now - start) / 1e9;
        double rate = n / Math.max(seconds, 1e-3);
        LOG.info(
            "rendered {}/{} PDFs ({} PDFs/s{})",
            n,
            total,
            String.format("%.1f", rate),
            n == total ? "" : String.format(", about %.0f s left", (total - n) / rate));
      }
    }
  }

  private static final ObjectMapper MANIFEST_JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** Moves an existing manifest.json aside before the PDFs it lists are overwritten. */
  static void setAsideManifest(Path folder) {
    Path current = folder.resolve(MANIFEST);
    try {
      if (Files.exists(current)) {
        Files.move(
            current,
            folder.resolve(PREVIOUS_MANIFEST),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes manifest.json last, atomically (a temporary file moved into place), and drops the one
   * set aside. A run for some partners or audiences only ({@code partial}) keeps the earlier
   * entries of the other PDFs still in the folder whose bytes still match the checksum listed, so
   * the manifest lists every PDF there that it can vouch for.
   */
  static void writeManifest(
      Path folder,
      Period period,
      String runId,
      String configHash,
      List<ManifestEntry> entries,
      Map<String, String> failures,
      boolean partial) {
    try {
      Files.createDirectories(folder);
      Path file = folder.resolve(MANIFEST);
      Path previous = folder.resolve(PREVIOUS_MANIFEST);
      Path earlierFile = Files.exists(previous) ? previous : file;
      List<ManifestEntry> all = new ArrayList<>(entries);
      if (partial && Files.exists(earlierFile)) {
        Set<String> rendered = new HashSet<>();
        entries.forEach(e -> rendered.add(e.file()));
        for (var node : MANIFEST_JSON.readTree(earlierFile.toFile()).path("files")) {
          ManifestEntry earlier = MANIFEST_JSON.treeToValue(node, ManifestEntry.class);
          Path pdf = folder.resolve(earlier.file());
          if (!rendered.contains(earlier.file())
              && Files.exists(pdf)
              && earlier.sha256().equals(sha256(pdf))) {
            all.add(earlier);
          }
        }
        all.sort(Comparator.comparing(ManifestEntry::file));
      }
      Map<String, Object> manifest = new LinkedHashMap<>();
      manifest.put("period", period.label());
      manifest.put("run_id", runId);
      manifest.put("config_hash", configHash);
      manifest.put("files", all);
      manifest.put("failures", failures);
      Path temporary = folder.resolve(MANIFEST + ".tmp");
      MANIFEST_JSON.writeValue(temporary.toFile(), manifest);
      Files.move(
          temporary,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      Files.deleteIfExists(previous);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SHA-256 of a file's bytes, hex. */
  static String sha256(Path file) throws IOException {
    try {
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      return java.util.HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
