package com.partnercx.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.partnercx.config.MetricId;
import com.partnercx.config.Partner;
import com.partnercx.config.PcxConfig;
import com.partnercx.errors.PcxErrors;
import com.partnercx.pipeline.RunContext;
import com.partnercx.pipeline.StageResult;
import com.partnercx.reports.MetricLine;
import com.partnercx.reports.PartnerScorecard;
import com.partnercx.reports.RenderedPdf;
import com.partnercx.reports.ScorecardRenderer;
import com.partnercx.score.Period;
import com.partnercx.score.ScorecardColumns;
import com.partnercx.warehouse.Tables;
import com.partnercx.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * gold/scorecard -> PDFs: collects the latest scorecard version of each partner for a period (a few
 * thousand rows at most), renders one PDF per partner on all cores and writes manifest.json.
 */
public final class ReportJob {
  public static final String STAGE = "report";
  public static final String MANIFEST = "manifest.json";
  private static final Logger LOG = LoggerFactory.getLogger(ReportJob.class);

  private ReportJob() {}

  /**
   * One manifest entry.
   *
   * @param file PDF path relative to the output folder
   * @param partnerId the partner
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
   * @param failures partner id -> why its PDF failed
   */
  public record Outcome(
      StageResult stage, Path folder, List<ManifestEntry> entries, Map<String, String> failures) {}

  public static Outcome run(RunContext ctx, Period period, String partnerId, Path outDir) {
    long start = System.nanoTime();
    Warehouse warehouse = ctx.warehouse();
    warehouse.spark().sparkContext().setJobGroup(STAGE, "report " + period.label(), false);
    long version = warehouse.version(Tables.SCORECARD);
    if (version < 0) {
      throw PcxErrors.noScorecards(period.label(), warehouse.root());
    }
    List<Row> rows =
        latestScorecards(warehouse.readVersion(Tables.SCORECARD, version), period, partnerId);
    if (rows.isEmpty()) {
      throw partnerId == null
          ? PcxErrors.noScorecards(period.label(), warehouse.root())
          : PcxErrors.unknownPartner(partnerId, period.label());
    }
    Path folder = outDir.resolve(period.label());
    ScorecardRenderer renderer = new ScorecardRenderer();
    Instant generatedAt = Instant.now();
    List<ManifestEntry> entries = Collections.synchronizedList(new ArrayList<>());
    Map<String, String> failures = Collections.synchronizedMap(new TreeMap<>());
    AtomicInteger done = new AtomicInteger();
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Row row : rows) {
        PartnerScorecard scorecard = toScorecard(row, ctx.config(), version, generatedAt);
        futures.add(
            pool.submit(
                () -> {
                  String name = scorecard.partnerId() + ".pdf";
                  try {
                    RenderedPdf pdf = renderer.render(scorecard, folder.resolve(name));
                    entries.add(
                        new ManifestEntry(
                            name, scorecard.partnerId(), "partner", pdf.sha256(), pdf.pages()));
                  } catch (Exception e) {
                    failures.put(scorecard.partnerId(), String.valueOf(e.getMessage()));
                    LOG.error(
                        "Scorecard PDF for partner {} failed: {}",
                        scorecard.partnerId(),
                        e.toString());
                  }
                  int n = done.incrementAndGet();
                  if (n % 50 == 0 || n == rows.size()) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    LOG.info(
                        "rendered {}/{} PDFs ({} PDFs/s)",
                        n,
                        rows.size(),
                        String.format("%.1f", n / seconds));
                  }
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while rendering", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdown();
    }
    List<ManifestEntry> sorted =
        entries.stream().sorted((a, b) -> a.file().compareTo(b.file())).toList();
    writeManifest(
        folder, period, ctx.runId(), ctx.config().hash(), sorted, failures, partnerId != null);
    StageResult stage =
        new StageResult(
            STAGE,
            rows.size(),
            sorted.size(),
            0,
            (System.nanoTime() - start) / 1e9,
            Map.of(Tables.SCORECARD, version),
            Map.of());
    return new Outcome(stage, folder, sorted, failures);
  }

  /** The highest version of each partner's scorecard for the period (optionally one partner). */
  static List<Row> latestScorecards(Dataset<Row> scorecards, Period period, String partnerId) {
    Dataset<Row> forPeriod =
        scorecards.filter(col(ScorecardColumns.PERIOD).equalTo(period.label()));
    if (partnerId != null) {
      forPeriod = forPeriod.filter(col(ScorecardColumns.PARTNER_ID).equalTo(partnerId));
    }
    Dataset<Row> latest =
        forPeriod
            .groupBy(ScorecardColumns.PARTNER_ID)
            .agg(max(ScorecardColumns.VERSION).as("_latest"));
    return forPeriod
        .join(latest, ScorecardColumns.PARTNER_ID)
        .filter(col(ScorecardColumns.VERSION).equalTo(col("_latest")))
        .drop("_latest")
        .orderBy(ScorecardColumns.PARTNER_ID)
        .collectAsList();
  }

  static PartnerScorecard toScorecard(
      Row row, PcxConfig config, long scorecardVersion, Instant generatedAt) {
    String partnerId = row.getAs(ScorecardColumns.PARTNER_ID);
    Partner partner =
        config
            .latestPartner(partnerId)
            .orElseThrow(
                () ->
                    new IllegalStateException("Partner " + partnerId + " is not in partners.csv"));
    List<MetricLine> metrics = new ArrayList<>();
    for (Row m : row.<Row>getList(row.fieldIndex(ScorecardColumns.METRICS))) {
      MetricId id = MetricId.byId(m.getAs(ScorecardColumns.METRIC_ID)).orElseThrow();
      metrics.add(
          new MetricLine(
              id.id(),
              MetricPresentation.label(id),
              MetricPresentation.unit(id),
              m.getAs(ScorecardColumns.METRIC_VALUE),
              m.<Long>getAs(ScorecardColumns.METRIC_N),
              m.getAs(ScorecardColumns.METRIC_CI_LOW),
              m.getAs(ScorecardColumns.METRIC_CI_HIGH),
              m.<Double>getAs(ScorecardColumns.METRIC_TARGET),
              m.getAs(ScorecardColumns.METRIC_SCORE),
              m.<Boolean>getAs(ScorecardColumns.METRIC_SUFFICIENT)));
    }
    Map<String, Long> sources =
        new TreeMap<>(row.getJavaMap(row.fieldIndex(ScorecardColumns.SOURCE_VERSIONS)));
    sources.put(Tables.SCORECARD, scorecardVersion);
    String versions =
        sources.entrySet().stream()
            .map(e -> e.getKey() + "@" + e.getValue())
            .collect(Collectors.joining(", "));
    return new PartnerScorecard(
        partnerId,
        partner.name(),
        config.program(row.getAs(ScorecardColumns.PROGRAM_ID)).name(),
        partner.region(),
        row.getAs(ScorecardColumns.PERIOD),
        row.<Integer>getAs(ScorecardColumns.VERSION),
        row.getAs(ScorecardColumns.TIER),
        row.getAs(ScorecardColumns.COMPOSITE),
        row.getAs(ScorecardColumns.CURRENCY),
        row.getAs(ScorecardColumns.BASE_INCENTIVE),
        row.getAs(ScorecardColumns.PAYOUT),
        metrics,
        row.getList(row.fieldIndex(ScorecardColumns.EXPLANATION)),
        row.getAs(ScorecardColumns.RUN_ID),
        row.getAs(ScorecardColumns.CONFIG_HASH),
        versions,
        generatedAt);
  }

  private static final ObjectMapper MANIFEST_JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .configure(
              com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
              false);

  /**
   * Writes manifest.json. A run for some partners only ({@code partial}) keeps the earlier entries
   * of the other PDFs still in the folder, so the manifest always lists every PDF there.
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
      List<ManifestEntry> all = new ArrayList<>(entries);
      if (partial && Files.exists(file)) {
        java.util.Set<String> rendered = new java.util.HashSet<>();
        entries.forEach(e -> rendered.add(e.file()));
        for (var node : MANIFEST_JSON.readTree(file.toFile()).path("files")) {
          ManifestEntry earlier = MANIFEST_JSON.treeToValue(node, ManifestEntry.class);
          if (!rendered.contains(earlier.file()) && Files.exists(folder.resolve(earlier.file()))) {
            all.add(earlier);
          }
        }
        all.sort(java.util.Comparator.comparing(ManifestEntry::file));
      }
      Map<String, Object> manifest = new LinkedHashMap<>();
      manifest.put("period", period.label());
      manifest.put("run_id", runId);
      manifest.put("config_hash", configHash);
      manifest.put("files", all);
      manifest.put("failures", failures);
      MANIFEST_JSON.writeValue(file.toFile(), manifest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
