package com.partnercx.score;

import com.partnercx.config.MetricId;
import com.partnercx.config.Partner;
import com.partnercx.config.PcxConfig;
import com.partnercx.errors.PcxErrors;
import com.partnercx.schema.Period;
import com.partnercx.tables.AppealsTable;
import com.partnercx.tables.MetricResult;
import com.partnercx.tables.NextTier;
import com.partnercx.tables.PartnerTable;
import com.partnercx.tables.PeriodCloseTable;
import com.partnercx.tables.PeriodCounts;
import com.partnercx.tables.Scorecard;
import com.partnercx.tables.ScorecardTable;
import com.partnercx.tables.StoredScorecard;
import com.partnercx.tables.Tables;
import com.partnercx.warehouse.Warehouse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Recomputes a stored scorecard by Delta time travel ({@code pcx reproduce}): partner_daily for the
 * period from the silver and dq_results versions the scorecard recorded, the partners' master data
 * from the recorded silver/partner version, the priors frozen at the period's close when it was
 * scored after it, the appeals accepted at the recorded ops/appeals version, then the same scoring,
 * and compares every figure.
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
    if (!warehouse.exists(Tables.SCORECARD)) {
      throw PcxErrors.noScorecards(period.label(), warehouse.root());
    }
    StoredScorecard stored =
        ScorecardTable.find(warehouse, partnerId, period.label(), version)
            .orElseThrow(() -> PcxErrors.noScorecardVersion(partnerId, period.label(), version));
    Map<String, Long> recorded = new TreeMap<>(stored.sourceVersions());
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
    List<PeriodCounts> counts = PeriodRollup.sums(daily, period);
    Long partnerVersion = recorded.get(Tables.PARTNER);
    Map<String, Partner> partners =
        partnerVersion == null
            ? Map.of()
            : PartnerTable.forPeriod(warehouse, partnerVersion, period.start(), period.end());
    if (partnerVersion != null) {
      inputs.put(Tables.PARTNER, partnerVersion);
    }
    // A version scored after the period's close used the priors frozen at close.
    Map<String, Map<MetricId, Shrinkage>> frozen =
        PeriodCloseTable.find(warehouse, period.label())
            .filter(c -> !c.closedAt().isAfter(stored.scoredAt()))
            .map(ScorecardJob::frozenPriors)
            .orElse(null);
    // The appeals accepted when it was scored, read as they stood then.
    Long appealsVersion = recorded.get(Tables.APPEALS);
    Map<String, Map<MetricId, AppealExclusions.Exclusion>> exclusions =
        appealsVersion == null
            ? Map.of()
            : AppealExclusions.of(
                warehouse, config, period, AppealsTable.at(warehouse, appealsVersion), inputs);
    if (appealsVersion != null) {
      inputs.put(Tables.APPEALS, appealsVersion);
    }
    // Survey-integrity flags change figures only where a program leaves flagged partners' survey
    // metrics out; they are then recomputed from the same silver versions.
    boolean flagsCount = IntegrityChecks.anyExcludes(config);
    Period previous = period.previous();
    Scorecard recomputed =
        IntegrityChecks.score(
                config,
                period,
                counts,
                flagged ->
                    PeriodScoring.compute(
                        config,
                        period,
                        counts,
                        partners,
                        frozen,
                        stored.scorecard().gateOverridden(),
                        exclusions,
                        flagged),
                () ->
                    flagsCount
                        ? IntegrityChecks.measure(warehouse, config, period, inputs)
                        : Map.of(),
                () ->
                    PartnerDailyJob.compute(
                            warehouse,
                            config,
                            previous.start().datesUntil(previous.end()).toList(),
                            inputs)
                        .map(d -> PeriodRollup.sums(d, previous))
                        .orElse(List.of()))
            .computed()
            .scorecards()
            .stream()
            .filter(s -> s.partnerId().equals(partnerId))
            .findFirst()
            .orElse(null);
    return new Result(
        partnerId,
        period.label(),
        stored.version(),
        stored.runId(),
        stored.configHash(),
        config.hash(),
        inputs,
        differences(stored, recomputed));
  }

  /** Every figure of the stored scorecard against the recomputed one. */
  static List<Difference> differences(StoredScorecard storedVersion, Scorecard now) {
    List<Difference> out = new ArrayList<>();
    if (now == null) {
      out.add(new Difference("scorecard", "present", "no data for the partner"));
      return out;
    }
    Scorecard stored = storedVersion.scorecard();
    compare(out, "tier", stored.tier(), now.tier());
    compare(out, "capped by", stored.cappedBy(), now.cappedBy());
    compare(out, "composite", stored.composite(), now.composite());
    compare(out, "weight coverage", stored.weightCoverage(), now.weightCoverage());
    compare(out, "payout", stored.payout(), now.payout());
    List<MetricResult> metrics = stored.metrics();
    for (int i = 0; i < Math.max(metrics.size(), now.metrics().size()); i++) {
      if (i >= metrics.size() || i >= now.metrics().size()) {
        out.add(new Difference("metrics", metrics.size() + " metrics", now.metrics().size() + ""));
        break;
      }
      MetricResult m = metrics.get(i);
      MetricResult r = now.metrics().get(i);
      String id = m.metricId();
      compare(out, id + " value", m.value(), r.value());
      compare(out, id + " n", m.n(), r.n());
      compare(out, id + " adjusted", m.adjusted(), r.adjusted());
      compare(out, id + " score", m.score(), r.score());
      compare(out, id + " 95% low", m.ciLow(), r.ciLow());
      compare(out, id + " 95% high", m.ciHigh(), r.ciHigh());
    }
    compareNextTier(out, stored.nextTier(), now.nextTier());
    return out;
  }

  /** The stored way to the next tier against the recomputed one; none stored, none compared. */
  private static void compareNextTier(List<Difference> out, NextTier stored, NextTier now) {
    if (stored == null) {
      return;
    }
    compare(out, "next tier", stored.tier(), now == null ? null : now.tier());
    if (now == null) {
      return;
    }
    compare(out, "next tier payout", stored.payout(), now.payout());
    for (NextTier.Step step : stored.steps()) {
      NextTier.Step again =
          now.steps().stream()
              .filter(s -> s.metricId().equals(step.metricId()))
              .findFirst()
              .orElse(null);
      String what = "next tier by " + step.metricId();
      compare(out, what, step.outcome().id(), again == null ? null : again.outcome().id());
      if (again != null) {
        compare(out, what + " value", step.valueTo(), again.valueTo());
        compare(out, what + " events", step.countTo(), again.countTo());
      }
    }
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
      return ScorecardVersioning.figure(d);
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
