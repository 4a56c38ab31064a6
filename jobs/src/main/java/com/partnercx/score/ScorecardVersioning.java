package com.partnercx.score;

import com.partnercx.schema.Period;
import com.partnercx.tables.Appeal;
import com.partnercx.tables.MetricResult;
import com.partnercx.tables.Scorecard;
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
import java.util.Objects;
import java.util.TreeSet;

/**
 * Which computed scorecards become new stored versions: a partner gets a version only when one of
 * its own figures changed since its latest one, so re-running is harmless and every restatement is
 * explicit. A restated version lists what changed and which inputs changed.
 */
final class ScorecardVersioning {
  private ScorecardVersioning() {}

  /**
   * The versions to write: for each scorecard whose figures differ from its partner's latest stored
   * version (or that has none), the next version, superseding that one.
   */
  static List<StoredScorecard> newVersions(
      List<Scorecard> scorecards,
      Map<String, StoredScorecard> latest,
      Period period,
      String runId,
      String configHash,
      Map<String, Long> sourceVersions,
      Instant scoredAt) {
    return newVersions(
        scorecards, latest, period, runId, configHash, sourceVersions, scoredAt, Map.of());
  }

  /**
   * {@link #newVersions(List, Map, Period, String, String, Map, Instant)}; a restated version of a
   * partner in {@code appealed} starts its list of changes with what those accepted appeals did.
   */
  static List<StoredScorecard> newVersions(
      List<Scorecard> scorecards,
      Map<String, StoredScorecard> latest,
      Period period,
      String runId,
      String configHash,
      Map<String, Long> sourceVersions,
      Instant scoredAt,
      Map<String, List<Appeal>> appealed) {
    List<StoredScorecard> out = new ArrayList<>();
    for (Scorecard s : scorecards) {
      String figures = figuresHash(s);
      StoredScorecard previous = latest.get(s.partnerId());
      if (previous != null && figures.equals(previous.figuresHash())) {
        continue;
      }
      out.add(
          new StoredScorecard(
              s,
              period.start(),
              period.end(),
              previous == null ? 1 : previous.version() + 1,
              previous == null ? null : previous.version(),
              figures,
              runId,
              configHash,
              sourceVersions,
              scoredAt,
              previous == null
                  ? List.of()
                  : restatement(
                      previous,
                      s,
                      sourceVersions,
                      configHash,
                      appealed.getOrDefault(s.partnerId(), List.of()))));
    }
    return out;
  }

  /**
   * What changed against the replaced version: what newly accepted {@code appeals} did first, then
   * the figures, then the inputs.
   */
  static List<String> restatement(
      StoredScorecard before,
      Scorecard now,
      Map<String, Long> sourceVersions,
      String configHash,
      List<Appeal> appeals) {
    List<String> lines = new ArrayList<>();
    Scorecard was = before.scorecard();
    if (!appeals.isEmpty()) {
      lines.add(appealChange(was, now, appeals));
    }
    change(lines, "composite", was.composite(), now.composite(), 1);
    if (!Objects.equals(was.tier(), now.tier())) {
      lines.add("tier " + was.tier() + " -> " + now.tier());
    }
    if (!Objects.equals(was.payout(), now.payout())) {
      lines.add(
          "payout "
              + (was.payout() == null ? "none" : was.payout() + " " + was.currency())
              + " -> "
              + (now.payout() == null ? "none" : now.payout() + " " + now.currency()));
    }
    for (MetricResult m : now.metrics()) {
      MetricResult old =
          was.metrics().stream()
              .filter(o -> o.metricId().equals(m.metricId()))
              .findFirst()
              .orElse(null);
      if (old == null) {
        lines.add(m.metricId() + " added");
        continue;
      }
      if (!figure(old.value()).equals(figure(m.value())) || old.n() != m.n()) {
        lines.add(
            String.format(
                Locale.ROOT,
                "%s %s (n=%d) -> %s (n=%d)",
                m.metricId(),
                number(old.value()),
                old.n(),
                number(m.value()),
                m.n()));
      } else if (!figure(old.adjusted()).equals(figure(m.adjusted()))) {
        lines.add(
            m.metricId()
                + " adjusted "
                + number(old.adjusted())
                + " -> "
                + number(m.adjusted())
                + " (the program's prior moved)");
      } else if (old.sufficient() != m.sufficient()) {
        lines.add(
            m.metricId()
                + (m.sufficient()
                    ? " counted in the composite again"
                    : " left out of the composite"));
      }
    }
    TreeSet<String> inputs = new TreeSet<>();
    sourceVersions.forEach(
        (table, version) -> {
          Long was2 = before.sourceVersions().get(table);
          if (!Objects.equals(was2, version)) {
            inputs.add(table + " " + (was2 == null ? "-" : was2) + " -> " + version);
          }
        });
    if (!inputs.isEmpty()) {
      lines.add("inputs changed: " + String.join(", ", inputs));
    }
    if (!before.configHash().equals(configHash)) {
      lines.add("configuration changed");
    }
    return lines;
  }

  /**
   * One sentence of what accepted appeals changed: "on_time_rate 91.2% -> 92.0%, composite 68.7 ->
   * 70.3, tier silver -> gold, payout +EUR 1,250.00: appeal A-17 accepted, 6 service events
   * excluded, reason road_closure".
   */
  static String appealChange(Scorecard was, Scorecard now, List<Appeal> appeals) {
    List<String> changes = new ArrayList<>();
    java.util.Set<String> metrics = new java.util.LinkedHashSet<>();
    appeals.forEach(a -> metrics.add(a.metric()));
    for (String metric : metrics) {
      MetricResult before = metricOf(was, metric);
      MetricResult after = metricOf(now, metric);
      if (before != null && after != null) {
        changes.add(
            metric + " " + shown(metric, before.value()) + " -> " + shown(metric, after.value()));
      }
    }
    if (!figure(was.composite()).equals(figure(now.composite()))) {
      changes.add(
          "composite "
              + (was.composite() == null ? "none" : oneDecimal(was.composite()))
              + " -> "
              + (now.composite() == null ? "none" : oneDecimal(now.composite())));
    }
    if (!Objects.equals(was.tier(), now.tier())) {
      changes.add("tier " + was.tier() + " -> " + now.tier());
    }
    if (!Objects.equals(was.payout(), now.payout())) {
      changes.add(
          was.payout() == null || now.payout() == null
              ? "payout " + money(was.payout(), now) + " -> " + money(now.payout(), now)
              : "payout " + signedMoney(now.payout().subtract(was.payout()), now.currency()));
    }
    List<String> why = new ArrayList<>();
    for (Appeal a : appeals) {
      com.partnercx.schema.Entity entity =
          com.partnercx.config.MetricId.byId(a.metric())
              .flatMap(com.partnercx.config.MetricId::appealedEntity)
              .orElseThrow();
      why.add(
          "appeal "
              + a.id()
              + " accepted, "
              + a.items().size()
              + " "
              + AppealExclusions.noun(entity, a.items().size())
              + " excluded, reason "
              + a.reason());
    }
    return (changes.isEmpty() ? "no figure changed" : String.join(", ", changes))
        + ": "
        + String.join("; ", why);
  }

  private static MetricResult metricOf(Scorecard s, String metric) {
    return s.metrics().stream().filter(m -> m.metricId().equals(metric)).findFirst().orElse(null);
  }

  /** A metric value as a reader takes it in: a share in per cent, anything else to 1 decimal. */
  private static String shown(String metric, Double value) {
    if (value == null) {
      return "none";
    }
    boolean share = com.partnercx.config.MetricId.byId(metric).map(m -> m.isRate()).orElse(false);
    return share ? oneDecimal(value * 100) + "%" : oneDecimal(value);
  }

  private static String oneDecimal(double value) {
    return new java.math.BigDecimal(value)
        .setScale(1, java.math.RoundingMode.HALF_UP)
        .toPlainString();
  }

  private static String money(java.math.BigDecimal amount, Scorecard s) {
    return amount == null
        ? "none"
        : s.currency() + " " + String.format(Locale.ROOT, "%,.2f", amount);
  }

  private static String signedMoney(java.math.BigDecimal delta, String currency) {
    return (delta.signum() < 0 ? "-" : "+")
        + currency
        + " "
        + String.format(Locale.ROOT, "%,.2f", delta.abs());
  }

  private static void change(List<String> lines, String what, Double was, Double now, int digits) {
    if (!figure(was).equals(figure(now))) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%s %s -> %s",
              what,
              was == null ? "none" : String.format(Locale.ROOT, "%." + digits + "f", was),
              now == null ? "none" : String.format(Locale.ROOT, "%." + digits + "f", now)));
    }
  }

  private static String number(Double value) {
    return value == null ? "none" : String.format(Locale.ROOT, "%.4f", value);
  }

  /**
   * SHA-256 over every figure of a scorecard that is the partner's own (not its run id, timestamps,
   * trend or peer ranks, which depend on other scorecards).
   */
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
      text.append(':').append(figure(m.adjusted()));
    }
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
