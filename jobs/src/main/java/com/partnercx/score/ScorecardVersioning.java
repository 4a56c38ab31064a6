package com.partnercx.score;

import com.partnercx.schema.Period;
import com.partnercx.tables.MetricResult;
import com.partnercx.tables.Scorecard;
import com.partnercx.tables.ScorecardTable.LatestVersion;
import com.partnercx.tables.StoredScorecard;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which computed scorecards become new stored versions: a partner gets a version only when a figure
 * changed since its latest one, so re-running is harmless and every restatement is explicit.
 */
final class ScorecardVersioning {
  private ScorecardVersioning() {}

  /**
   * The versions to write: for each scorecard whose figures differ from its partner's latest stored
   * version (or that has none), the next version, superseding that one.
   */
  static List<StoredScorecard> newVersions(
      List<Scorecard> scorecards,
      Map<String, LatestVersion> latest,
      Period period,
      String runId,
      String configHash,
      Map<String, Long> sourceVersions,
      Instant scoredAt) {
    List<StoredScorecard> out = new ArrayList<>();
    for (Scorecard s : scorecards) {
      String figures = figuresHash(s);
      LatestVersion previous = latest.get(s.partnerId());
      if (previous != null && figures.equals(previous.figuresHash())) {
        continue;
      }
      Integer supersedes = previous == null ? null : previous.version();
      out.add(
          new StoredScorecard(
              s,
              period.start(),
              period.end(),
              supersedes == null ? 1 : supersedes + 1,
              supersedes,
              figures,
              runId,
              configHash,
              sourceVersions,
              scoredAt));
    }
    return out;
  }

  /** SHA-256 over every figure of a scorecard (not its run id or timestamps). */
  static String figuresHash(Scorecard s) {
    StringBuilder text = new StringBuilder();
    text.append(s.programId())
        .append('|')
        .append(s.tier())
        .append('|')
        .append(figure(s.composite()));
    text.append('|').append(s.cappedBy()).append('|').append(s.payout()).append('|');
    text.append(s.baseIncentive()).append('|').append(figure(s.weightCoverage()));
    for (MetricResult m : s.metrics()) {
      text.append('|').append(m.metricId()).append(':').append(figure(m.value())).append(':');
      text.append(m.n())
          .append(':')
          .append(figure(m.ciLow()))
          .append(':')
          .append(figure(m.ciHigh()));
      text.append(':').append(figure(m.score())).append(':').append(m.sufficient());
      text.append(':').append(figure(m.adjusted())).append(':').append(figure(m.previous()));
      text.append(':').append(m.significant()).append(':').append(figure(m.percentileRank()));
    }
    text.append('|').append(figure(s.previousComposite()));
    text.append('|').append(figure(s.compositePercentileRank()));
    text.append('|').append(s.gateOverridden());
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A figure to 10 significant digits: sums of doubles may differ in their last bits between runs
   * (Spark adds partial sums in any order), which must not count as a restatement.
   */
  static String figure(Double value) {
    return value == null ? "null" : String.format(Locale.ROOT, "%.10g", value);
  }
}
