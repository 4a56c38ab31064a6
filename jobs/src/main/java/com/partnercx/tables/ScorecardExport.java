package com.partnercx.tables;

import com.partnercx.config.MetricId;
import com.partnercx.config.MetricSpec;
import com.partnercx.config.Partner;
import com.partnercx.config.PcxConfig;
import com.partnercx.config.Program;
import com.partnercx.warehouse.Warehouse;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The plain Parquet export of a period's latest scorecards for BI tools, in two tables of one grain
 * each, so no amount can be summed twice: {@code exports/scorecards/period=P} (one row per partner:
 * names, tier, composite, payout) and {@code exports/scorecard_metrics/period=P} (one row per
 * partner and metric: label, unit, direction, value, n, interval, target, score). Both are
 * rewritten whole by every score run of the period.
 */
public final class ScorecardExport {
  private ScorecardExport() {}

  /** The folder of the per-partner export of a period, under the warehouse root. */
  public static String scorecards(String period) {
    return "exports/scorecards/period=" + period;
  }

  /** The folder of the per-metric export of a period, under the warehouse root. */
  public static String metrics(String period) {
    return "exports/scorecard_metrics/period=" + period;
  }

  static final StructType SCORECARDS =
      new StructType()
          .add("partner_id", DataTypes.StringType, false)
          .add("partner_name", DataTypes.StringType, true)
          .add("region", DataTypes.StringType, true)
          .add("program_id", DataTypes.StringType, false)
          .add("program_name", DataTypes.StringType, true)
          .add("period", DataTypes.StringType, false)
          .add("period_first_day", DataTypes.DateType, false)
          .add("period_last_day", DataTypes.DateType, false)
          .add("version", DataTypes.IntegerType, false)
          .add("restated", DataTypes.BooleanType, false)
          .add("composite", DataTypes.DoubleType, true)
          .add("tier", DataTypes.StringType, false)
          .add("capped_by", DataTypes.StringType, true)
          .add("weight_coverage", DataTypes.DoubleType, false)
          .add("base_incentive", DataTypes.createDecimalType(18, 2), false)
          .add("payout", DataTypes.createDecimalType(18, 2), true)
          .add("currency", DataTypes.StringType, false)
          .add("gate_overridden", DataTypes.BooleanType, false)
          .add("next_tier", DataTypes.StringType, true)
          .add("next_tier_min_composite", DataTypes.DoubleType, true)
          .add("next_tier_payout", DataTypes.createDecimalType(18, 2), true)
          .add("run_id", DataTypes.StringType, false)
          .add("config_hash", DataTypes.StringType, false)
          .add("scored_at", DataTypes.TimestampType, false);

  static final StructType METRICS =
      new StructType()
          .add("partner_id", DataTypes.StringType, false)
          .add("program_id", DataTypes.StringType, false)
          .add("period", DataTypes.StringType, false)
          .add("version", DataTypes.IntegerType, false)
          .add("metric_id", DataTypes.StringType, false)
          .add("metric_label", DataTypes.StringType, false)
          .add("unit", DataTypes.StringType, false)
          .add("direction", DataTypes.StringType, true)
          .add("value", DataTypes.DoubleType, true)
          .add("n", DataTypes.LongType, false)
          .add("ci_low", DataTypes.DoubleType, true)
          .add("ci_high", DataTypes.DoubleType, true)
          .add("adjusted", DataTypes.DoubleType, true)
          .add("floor", DataTypes.DoubleType, false)
          .add("target", DataTypes.DoubleType, false)
          .add("weight", DataTypes.DoubleType, false)
          .add("min_n", DataTypes.LongType, false)
          .add("sufficient", DataTypes.BooleanType, false)
          .add("score", DataTypes.DoubleType, true)
          .add("next_tier_outcome", DataTypes.StringType, true)
          .add("next_tier_value", DataTypes.DoubleType, true)
          .add("next_tier_count_from", DataTypes.LongType, true)
          .add("next_tier_count_to", DataTypes.LongType, true);

  /**
   * Rewrites both exports of a period from its latest scorecards; {@code partners} holds each
   * partner's master data for the period (names and regions).
   */
  public static void write(
      Warehouse warehouse,
      PcxConfig config,
      String period,
      Map<String, StoredScorecard> latest,
      Map<String, Partner> partners) {
    List<Row> cards = new ArrayList<>();
    List<Row> metrics = new ArrayList<>();
    List<StoredScorecard> ordered =
        latest.values().stream()
            .sorted(Comparator.comparing(s -> s.scorecard().partnerId()))
            .toList();
    for (StoredScorecard stored : ordered) {
      Scorecard s = stored.scorecard();
      Partner partner = partners.get(s.partnerId());
      Program program = config.programs().get(s.programId());
      NextTier next = s.nextTier();
      cards.add(
          RowFactory.create(
              s.partnerId(),
              partner == null ? null : partner.name(),
              partner == null ? null : partner.region(),
              s.programId(),
              program == null ? null : program.name(),
              s.period(),
              Date.valueOf(stored.periodStart()),
              Date.valueOf(stored.periodEnd().minusDays(1)),
              stored.version(),
              stored.supersedes() != null,
              s.composite(),
              s.tier(),
              s.cappedBy(),
              s.weightCoverage(),
              s.baseIncentive(),
              s.payout(),
              s.currency(),
              s.gateOverridden(),
              next == null ? null : next.tier(),
              next == null ? null : next.minComposite(),
              next == null ? null : next.payout(),
              stored.runId(),
              stored.configHash(),
              Timestamp.from(stored.scoredAt())));
      for (MetricResult m : s.metrics()) {
        MetricId id = MetricId.byId(m.metricId()).orElseThrow();
        String direction =
            program == null
                ? null
                : program.metric(id).map(MetricSpec::direction).map(d -> d.id()).orElse(null);
        NextTier.Step step =
            next == null
                ? null
                : next.steps().stream()
                    .filter(x -> x.metricId().equals(m.metricId()))
                    .findFirst()
                    .orElse(null);
        metrics.add(
            RowFactory.create(
                s.partnerId(),
                s.programId(),
                s.period(),
                stored.version(),
                id.id(),
                id.label(),
                id.unit(),
                direction,
                m.value(),
                m.n(),
                m.ciLow(),
                m.ciHigh(),
                m.adjusted(),
                m.floor(),
                m.target(),
                m.weight(),
                m.minN(),
                m.sufficient(),
                m.score(),
                step == null ? null : step.outcome().id(),
                step == null ? null : step.valueTo(),
                step == null ? null : step.countFrom(),
                step == null ? null : step.countTo()));
      }
    }
    warehouse.exportParquet(
        scorecards(period), warehouse.spark().createDataFrame(cards, SCORECARDS));
    warehouse.exportParquet(metrics(period), warehouse.spark().createDataFrame(metrics, METRICS));
  }
}
