package com.partnercx.score;

import static org.apache.spark.sql.functions.col;

import com.partnercx.config.PcxConfig;
import com.partnercx.errors.PcxErrors;
import com.partnercx.warehouse.Tables;
import com.partnercx.warehouse.Warehouse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Recomputes a stored scorecard by Delta time travel ({@code pcx reproduce}): partner_daily for the
 * period from the silver and dq_results versions the scorecard recorded, the previous period from
 * the recorded partner_daily version, then the same scoring, and compares every figure.
 */
public final class ScorecardReproduction {
  private ScorecardReproduction() {}

  /**
   * A figure that came out differently.
   *
   * @param figure which one (composite, tier, on_time_rate value, ...)
   * @param recorded as stored
   * @param recomputed as recomputed now
   */
  public record Difference(String figure, String recorded, String recomputed) {}

  /**
   * The outcome.
   *
   * @param partnerId the partner
   * @param period the period label
   * @param version the scorecard version recomputed
   * @param runId the run that wrote it
   * @param recordedConfigHash the configuration hash it was scored with
   * @param configHash the configuration hash used now
   * @param sourceVersions the table versions read again
   * @param differences every figure that differs; empty when it reproduces
   */
  public record Result(
      String partnerId,
      String period,
      int version,
      String runId,
      String recordedConfigHash,
      String configHash,
      Map<String, Long> sourceVersions,
      List<Difference> differences) {
    public boolean matches() {
      return differences.isEmpty();
    }

    public boolean sameConfiguration() {
      return recordedConfigHash.equals(configHash);
    }
  }

  public static Result run(
      Warehouse warehouse, PcxConfig config, String partnerId, Period period, Integer version) {
    Row stored = stored(warehouse, partnerId, period, version);
    Map<String, Long> recorded =
        new TreeMap<>(
            stored.<String, Long>getJavaMap(stored.fieldIndex(ScorecardColumns.SOURCE_VERSIONS)));
    Map<String, Long> inputs = new TreeMap<>();
    PartnerDailyJob.INPUTS.forEach(
        t -> {
          if (recorded.containsKey(t)) {
            inputs.put(t, recorded.get(t));
          }
        });
    Dataset<Row> daily =
        PartnerDailyJob.compute(
                warehouse, config, period.start().datesUntil(period.end()).toList(), inputs)
            .orElseThrow(() -> PcxErrors.noScorecards(period.label(), warehouse.root()));
    List<PeriodCounts> counts = ScorecardJob.periodCounts(daily, period);
    List<PeriodCounts> previous =
        ScorecardJob.periodCounts(
            warehouse.readVersion(Tables.PARTNER_DAILY, recorded.get(Tables.PARTNER_DAILY)),
            period.previous());
    Scorecard recomputed =
        ScorecardJob.compute(
                config,
                period,
                counts,
                previous,
                stored.<Boolean>getAs(ScorecardColumns.GATE_OVERRIDDEN))
            .scorecards()
            .stream()
            .filter(s -> s.partnerId().equals(partnerId))
            .findFirst()
            .orElse(null);
    return new Result(
        partnerId,
        period.label(),
        stored.<Integer>getAs(ScorecardColumns.VERSION),
        stored.getAs(ScorecardColumns.RUN_ID),
        stored.getAs(ScorecardColumns.CONFIG_HASH),
        config.hash(),
        inputs,
        differences(stored, recomputed));
  }

  private static Row stored(Warehouse warehouse, String partnerId, Period period, Integer version) {
    Dataset<Row> versions =
        warehouse
            .readIfExists(Tables.SCORECARD)
            .orElseThrow(() -> PcxErrors.noScorecards(period.label(), warehouse.root()))
            .filter(
                col(ScorecardColumns.PARTNER_ID)
                    .equalTo(partnerId)
                    .and(col(ScorecardColumns.PERIOD).equalTo(period.label())));
    if (version != null) {
      versions = versions.filter(col(ScorecardColumns.VERSION).equalTo(version));
    }
    List<Row> rows =
        versions.orderBy(col(ScorecardColumns.VERSION).desc()).limit(1).collectAsList();
    if (rows.isEmpty()) {
      throw PcxErrors.noScorecardVersion(partnerId, period.label(), version);
    }
    return rows.get(0);
  }

  /** Every figure of the stored row against the recomputed scorecard. */
  static List<Difference> differences(Row stored, Scorecard now) {
    List<Difference> out = new ArrayList<>();
    if (now == null) {
      out.add(new Difference("scorecard", "present", "no data for the partner"));
      return out;
    }
    compare(out, "tier", stored.getAs(ScorecardColumns.TIER), now.tier());
    compare(out, "capped by", stored.getAs(ScorecardColumns.CAPPED_BY), now.cappedBy());
    compare(out, "composite", stored.getAs(ScorecardColumns.COMPOSITE), now.composite());
    compare(
        out,
        "weight coverage",
        stored.getAs(ScorecardColumns.WEIGHT_COVERAGE),
        now.weightCoverage());
    compare(out, "payout", stored.<BigDecimal>getAs(ScorecardColumns.PAYOUT), now.payout());
    compare(
        out,
        "previous composite",
        stored.getAs(ScorecardColumns.PREVIOUS_COMPOSITE),
        now.previousComposite());
    compare(
        out,
        "composite percentile rank",
        stored.getAs(ScorecardColumns.COMPOSITE_PERCENTILE_RANK),
        now.compositePercentileRank());
    List<Row> metrics = stored.getList(stored.fieldIndex(ScorecardColumns.METRICS));
    for (int i = 0; i < Math.max(metrics.size(), now.metrics().size()); i++) {
      if (i >= metrics.size() || i >= now.metrics().size()) {
        out.add(new Difference("metrics", metrics.size() + " metrics", now.metrics().size() + ""));
        break;
      }
      Row m = metrics.get(i);
      MetricResult r = now.metrics().get(i);
      String id = m.getAs(ScorecardColumns.METRIC_ID);
      compare(out, id + " value", m.getAs(ScorecardColumns.METRIC_VALUE), r.value());
      compare(out, id + " n", m.getAs(ScorecardColumns.METRIC_N), r.n());
      compare(out, id + " adjusted", m.getAs(ScorecardColumns.METRIC_ADJUSTED), r.adjusted());
      compare(out, id + " score", m.getAs(ScorecardColumns.METRIC_SCORE), r.score());
      compare(out, id + " 95% low", m.getAs(ScorecardColumns.METRIC_CI_LOW), r.ciLow());
      compare(out, id + " 95% high", m.getAs(ScorecardColumns.METRIC_CI_HIGH), r.ciHigh());
      compare(out, id + " previous", m.getAs(ScorecardColumns.METRIC_PREVIOUS), r.previous());
      compare(
          out, id + " significant", m.getAs(ScorecardColumns.METRIC_SIGNIFICANT), r.significant());
      compare(
          out,
          id + " percentile rank",
          m.getAs(ScorecardColumns.METRIC_PERCENTILE_RANK),
          r.percentileRank());
    }
    return out;
  }

  private static void compare(List<Difference> out, String figure, Object stored, Object now) {
    String a = text(stored);
    String b = text(now);
    if (!Objects.equals(a, b)) {
      out.add(new Difference(figure, a, b));
    }
  }

  /** Numbers to 10 significant digits, as the figures hash compares them. */
  private static String text(Object value) {
    if (value instanceof Double d) {
      return String.format(Locale.ROOT, "%.10g", d);
    }
    if (value instanceof BigDecimal b) {
      return b.stripTrailingZeros().toPlainString();
    }
    if (value instanceof Integer || value instanceof Long) {
      return String.valueOf(((Number) value).longValue());
    }
    return value == null ? "null" : value.toString();
  }
}
