package com.partnercx.reports;

import com.partnercx.reports.MetricLine.Status;
import com.partnercx.reports.TierPath.Outcome;
import com.partnercx.reports.TierPath.Step;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The two blocks a quarterly review starts from: what it takes to reach the next tier, and where
 * the composite points are. Both editions and the brief print them as written here.
 */
public final class ReviewText {
  private ReviewText() {}

  /** The title of the next-tier block: "What it takes to reach GOLD". */
  static String nextTierTitle(PartnerScorecard s) {
    if (s.nextTier() != null) {
      return "What it takes to reach " + ScorecardFormat.tierLabel(s.nextTier().tier());
    }
    return s.composite() == null ? "What it takes to get a tier" : "Top tier";
  }

  /** The next-tier block, line by line. */
  static List<String> nextTier(PartnerScorecard s) {
    TierPath path = s.nextTier();
    if (path == null) {
      return List.of(
          s.composite() == null
              ? "No tier without enough data: the metrics marked \"needs N, has n\" must reach"
                  + " their minimum first."
              : ScorecardFormat.tierLabel(s.tier()) + " is the top of the program's ladder.");
    }
    String head =
        ScorecardFormat.tierLabel(path.tier())
            + " starts at composite "
            + ScorecardFormat.score(path.minComposite())
            + " (now "
            + ScorecardFormat.score(s.composite())
            + ") and pays "
            + ScorecardFormat.money(path.payout(), s.currency())
            + more(path.payout(), s.payout(), s.currency())
            + ".";
    if (path.steps().isEmpty()) {
      return List.of(head + " Not worked out for this version of the scorecard.");
    }
    List<String> lines = new ArrayList<>();
    List<Step> reachable =
        path.steps().stream().filter(step -> step.outcome() == Outcome.REACHABLE).toList();
    lines.add(
        head
            + (reachable.isEmpty()
                ? " No single metric gets there alone; it takes several together."
                : " Each of these alone, the other metrics unchanged, gets there:"));
    for (Step step : reachable) {
      String line = "\u2022 " + step.label() + ": " + improvement(step);
      if (!step.tier().equals(path.tier())) {
        line +=
            ", which lifts the cap: "
                + ScorecardFormat.tierLabel(step.tier())
                + ", "
                + ScorecardFormat.money(step.payout(), s.currency());
      }
      lines.add(line);
    }
    List<String> notAlone = labels(path, Outcome.NOT_REACHABLE);
    if (!notAlone.isEmpty()) {
      lines.add("Not through one metric alone: " + String.join(", ", notAlone) + ".");
    }
    List<String> capped = labels(path, Outcome.CAPPED);
    if (!capped.isEmpty()) {
      String by =
          path.steps().stream()
              .filter(step -> step.outcome() == Outcome.CAPPED)
              .map(Step::blockedBy)
              .findFirst()
              .orElseThrow();
      lines.add(
          "Held at the cap while "
              + by
              + " is below its floor, whatever they do: "
              + String.join(", ", capped)
              + ".");
    }
    return lines;
  }

  /** "+36 on time of 900 timed events (86.7% → 90.7%)", or "10.0 min → 5.2 min". */
  static String improvement(Step step) {
    String to =
        step.countTo() != null
            ? ScorecardFormat.value(step.unit(), step.valueTo())
            : ScorecardFormat.valueToReach(step.unit(), step.valueTo(), step.higherIsBetter());
    String fromTo = ScorecardFormat.value(step.unit(), step.valueFrom()) + " \u2192 " + to;
    if (step.countTo() == null) {
      return fromTo;
    }
    long change = step.countTo() - step.countFrom();
    return (change >= 0 ? "+" : "\u2212")
        + ScorecardFormat.count(Math.abs(change))
        + " "
        + step.eventNoun()
        + " of "
        + ScorecardFormat.count(step.n())
        + " "
        + step.sampleNoun()
        + " ("
        + fromTo
        + ")";
  }

  private static String more(BigDecimal next, BigDecimal now, String currency) {
    if (next == null || now == null || next.compareTo(now) <= 0) {
      return "";
    }
    return ", " + ScorecardFormat.money(next.subtract(now), currency) + " more than now";
  }

  private static List<String> labels(TierPath path, Outcome outcome) {
    return path.steps().stream()
        .filter(step -> step.outcome() == outcome)
        .map(Step::label)
        .toList();
  }

  /**
   * The composite points a metric leaves open: its share of the weight with data x (100 - its
   * score). The scorecard's opportunities and the portfolio's bottom ten both rank by it.
   */
  public static double pointsOpen(double weight, double weightWithData, double score) {
    return weight / weightWithData * (100 - score);
  }

  /**
   * A metric's room in the composite.
   *
   * @param metric the metric
   * @param points composite points it leaves open: its share of the weight with data x (100 -
   *     score)
   * @param behindPeers how far its value is behind the peer median, in its unit (negative: ahead),
   *     or null without a median
   */
  record Opportunity(MetricLine metric, double points, Double behindPeers) {}

  /**
   * The metrics that count, ranked by the composite points they leave open, then by how far they
   * are behind the peer median.
   */
  static List<Opportunity> opportunities(List<MetricLine> metrics) {
    double weight =
        metrics.stream().filter(MetricLine::sufficient).mapToDouble(MetricLine::weight).sum();
    if (weight <= 0) {
      return List.of();
    }
    return metrics.stream()
        .filter(m -> m.sufficient() && m.score() != null)
        .map(
            m ->
                new Opportunity(
                    m,
                    pointsOpen(m.weight(), weight, m.score()),
                    m.peerMedian() == null || m.scored() == null
                        ? null
                        : m.higherIsBetter()
                            ? m.peerMedian() - m.scored()
                            : m.scored() - m.peerMedian()))
        .sorted(
            Comparator.comparingDouble(Opportunity::points)
                .reversed()
                .thenComparing(
                    Opportunity::behindPeers, Comparator.nullsLast(Comparator.reverseOrder())))
        .toList();
  }

  /** The top {@code count} opportunities, one line each. */
  static List<String> opportunityLines(PartnerScorecard s, int count) {
    List<Opportunity> ranked =
        opportunities(s.metrics()).stream().filter(o -> o.points() >= 0.05).toList();
    if (ranked.isEmpty()) {
      return List.of(
          s.metrics().stream().anyMatch(MetricLine::sufficient)
              ? "Every metric that counts is at its target: no composite points left open."
              : "No metric has enough data to count.");
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < Math.min(count, ranked.size()); i++) {
      Opportunity o = ranked.get(i);
      MetricLine m = o.metric();
      lines.add(
          (i + 1)
              + ". "
              + m.label()
              + " ("
              + m.status().word()
              + "): "
              + ScorecardFormat.score(o.points())
              + " composite points open; "
              + peers(o));
    }
    return lines;
  }

  private static String peers(Opportunity o) {
    if (o.behindPeers() == null) {
      return "no peer median";
    }
    MetricUnit unit = o.metric().unit();
    String size = ScorecardFormat.amount(unit, o.behindPeers());
    if (size.matches("[0.]+( .*)?")) {
      return "level with the peer median";
    }
    return o.behindPeers() > 0
        ? size + " behind the peer median"
        : size + " ahead of the peer median";
  }

  /** The status dot of a KPI row, coloured, as styled text: red, amber, green, or hollow grey. */
  static String statusDot(Status status) {
    if (status == null) {
      return "<style forecolor=\"#9AA5B1\">\u25cb</style>";
    }
    String colour =
        switch (status) {
          case RED -> "#C0392B";
          case AMBER -> "#D68910";
          case GREEN -> "#1E8449";
        };
    return "<style forecolor=\"" + colour + "\">\u25cf</style>";
  }
}
