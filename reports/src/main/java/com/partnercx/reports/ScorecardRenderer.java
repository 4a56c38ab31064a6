package com.partnercx.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;

/**
 * Renders partner scorecards to PDF with JasperReports, for the partner or for internal use. The
 * templates are compiled once per renderer; {@link #render} may then be called from several threads
 * at once.
 */
public final class ScorecardRenderer {
  static final String LEGEND =
      "Change: this period minus the previous one, in percentage points for rates; "
          + ScorecardFormat.SIGNIFICANT
          + " significant at 95%. \u2020 scored on the small-sample adjusted value shown in the"
          + " calculation. Peer median: the median of the program's partners with enough data for"
          + " the metric. \"Needs N, has n\": fewer observations than the program's minimum; the"
          + " metric has no score and does not count towards the composite. Status \u25cf: red"
          + " worse than the floor, amber between floor and target, green target met; \u25cb too"
          + " little data.";

  private final JasperReport template = Templates.compile("partner_scorecard");
  private final JasperReport table = Templates.compile("table");

  /**
   * Renders one scorecard for {@code audience} ({@link Audience#PARTNER}, {@link
   * Audience#INTERNAL}, or {@link Audience#BRIEF}: the page's header, charts and review blocks
   * only) to {@code file}.
   */
  public RenderedPdf render(PartnerScorecard scorecard, Audience audience, Path file)
      throws JRException, IOException {
    if (audience == Audience.EXECUTIVE) {
      throw new IllegalArgumentException("The executive audience gets the portfolio report");
    }
    JasperPrint print =
        JasperFillManager.fillReport(
            template,
            parameters(scorecard, audience),
            new JRMapCollectionDataSource(rows(scorecard.metrics())));
    return Templates.write(print, file);
  }

  Map<String, Object> parameters(PartnerScorecard s, Audience audience) {
    Map<String, Object> p = Templates.fixedLocale();
    p.put("AudienceLabel", audience.label());
    p.put("Brief", audience == Audience.BRIEF);
    p.put("PartnerName", s.partnerName());
    p.put(
        "Subtitle",
        String.join(
            " \u00b7 ",
            s.partnerId(),
            s.programName(),
            s.region(),
            "period " + s.period() + " (" + s.periodDays() + ")",
            s.supersedesVersion() == null
                ? "version " + s.version()
                : "version " + s.version() + " (restated)"));
    p.put("Tier", ScorecardFormat.tierLabel(s.tier()));
    p.put(
        "Composite",
        s.composite() == null
            ? ScorecardFormat.INSUFFICIENT
            : ScorecardFormat.score(s.composite()));
    p.put(
        "CompositeChange",
        ScorecardFormat.compositeChange(s.composite(), s.previousComposite(), s.previousPeriod()));
    p.put("Payout", ScorecardFormat.money(s.payout(), s.currency()));
    p.put("PayoutNote", "of " + ScorecardFormat.money(s.baseIncentive(), s.currency()) + " base");
    p.put(
        "TierChange",
        ScorecardFormat.tierChange(s.previousTier(), s.tierStep(), s.previousPeriod()));
    p.put(
        "PayoutChange",
        ScorecardFormat.payoutChange(
            s.payout(), s.previousPayout(), s.currency(), s.previousPeriod()));
    p.put("PeerHeadline", peerHeadline(s, audience));
    p.put("PeerDetail", peerDetail(s, audience));
    p.put("TrendTitle", "COMPOSITE TREND, " + ScorecardFormat.lastPeriods(s.trend().size()));
    p.put("TrendChart", new TrendChart(s.trend()));
    p.put(
        "PeerTitle",
        "POSITION IN THE PROGRAM'S PEER GROUP (" + s.peers().partners() + " PARTNERS)");
    p.put("PeerChart", new PeerChart(s.peers(), s.composite()));
    p.put("Legend", LEGEND);
    p.put("NextTierTitle", ReviewText.nextTierTitle(s));
    p.put("NextTier", String.join("\n", ReviewText.nextTier(s)));
    p.put("Opportunities", String.join("\n", ReviewText.opportunityLines(s, 3)));
    // The notes are the brand's: the internal edition and the brief print them.
    p.put("ActionPlanShown", audience != Audience.PARTNER && !s.actionPlan().isEmpty());
    p.put("ActionPlan", String.join("\n", s.actionPlan()));
    p.put("BaseIncentive", ScorecardFormat.money(s.baseIncentive(), s.currency()));
    p.put("Explanation", String.join("\n", explanation(s.explanation(), audience)));
    p.put(
        "ComplaintHeadline",
        s.complaints() == 0
            ? "No complaints were opened in the period."
            : ScorecardFormat.count(s.complaints())
                + (s.complaints() == 1 ? " complaint" : " complaints")
                + " opened in the period; the largest categories:");
    p.put("TableReport", table);
    TableBlock complaints = complaintTable(s);
    p.put("ComplaintRows", complaints.dataSource());
    for (int i = 0; i < complaints.headers().size(); i++) {
      p.put("h" + (i + 1), complaints.headers().get(i));
    }
    p.put("CommentsShown", audience == Audience.INTERNAL || s.commentsForPartner());
    p.put("Comments", comments(s.comments()));
    p.put("Definitions", notes(s.definitions()));
    List<String> dataNotes = audience == Audience.PARTNER ? s.partnerNotes() : s.dataNotes();
    p.put(
        "DataNotes",
        dataNotes.isEmpty() ? "Nothing to note for this partner and period." : notes(dataNotes));
    p.put(
        "Footer",
        audience == Audience.INTERNAL ? s.provenance().footer() : s.provenance().compactFooter());
    return p;
  }

  static String peerHeadline(PartnerScorecard s, Audience audience) {
    PeerStanding peers = s.peers();
    if (!peers.comparable()) {
      return "not compared";
    }
    if (s.composite() == null || peers.percentileRank() == null) {
      return "not ranked";
    }
    if (audience != Audience.PARTNER && peers.rank() != null) {
      return "Rank " + peers.rank() + " of " + peers.partners();
    }
    return ScorecardFormat.percentile(peers.percentileRank());
  }

  static String peerDetail(PartnerScorecard s, Audience audience) {
    PeerStanding peers = s.peers();
    if (!peers.comparable()) {
      return "peer group below the program's minimum";
    }
    if (s.composite() == null || peers.percentileRank() == null) {
      return "insufficient data; peer median " + ScorecardFormat.score(peers.median());
    }
    if (audience != Audience.PARTNER && peers.rank() != null) {
      return ScorecardFormat.percentile(peers.percentileRank())
          + " \u00b7 median "
          + ScorecardFormat.score(peers.median());
    }
    return "of "
        + peers.partners()
        + " partners \u00b7 median "
        + ScorecardFormat.score(peers.median());
  }

  static TableBlock complaintTable(PartnerScorecard s) {
    List<List<String>> rows =
        s.complaintCategories().stream()
            .map(
                c ->
                    List.of(
                        c.category(),
                        ScorecardFormat.count(c.complaints()),
                        ScorecardFormat.value(MetricUnit.PERCENT, c.share())))
            .toList();
    if (rows.isEmpty()) {
      rows = List.of(List.of("none", ScorecardFormat.NONE, ScorecardFormat.NONE));
    }
    return new TableBlock(
        "Top complaint categories", "", List.of("Category", "Complaints", "Share"), rows);
  }

  /** The stored calculation; the partner edition says what shrinking is. */
  static List<String> explanation(List<String> lines, Audience audience) {
    return audience == Audience.PARTNER
        ? lines.stream()
            .map(l -> l.replace(", shrunk to ", ", adjusted for sample size to "))
            .toList()
        : lines;
  }

  static String comments(List<CustomerComment> comments) {
    if (comments.isEmpty()) {
      return "No survey response of the period came with a comment.";
    }
    return "The lowest-scored first, then the latest; personal details masked.\n"
        + notes(comments.stream().map(CustomerComment::line).toList());
  }

  static String notes(List<String> notes) {
    return notes.stream().map(n -> "\u2022 " + n).collect(Collectors.joining("\n"));
  }

  /** Text for a styled-markup field: its markup characters escaped. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static List<Map<String, ?>> rows(List<MetricLine> metrics) {
    return metrics.stream()
        .<Map<String, ?>>map(
            m ->
                Map.of(
                    "metric",
                        ReviewText.statusDot(m.status())
                            + " "
                            + escape(m.shrunk() ? m.label() + " \u2020" : m.label()),
                    "value", ScorecardFormat.value(m.unit(), m.value()),
                    "n", ScorecardFormat.count(m.n()),
                    "interval", ScorecardFormat.interval(m.unit(), m.ciLow(), m.ciHigh()),
                    "target", ScorecardFormat.value(m.unit(), m.target()),
                    "score", m.sufficient() ? ScorecardFormat.score(m.score()) : m.shortfall(),
                    "peerMedian", ScorecardFormat.value(m.unit(), m.peerMedian()),
                    "previous", ScorecardFormat.value(m.unit(), m.previous()),
                    // Too small a sample tests nothing: no significance mark.
                    "change",
                        ScorecardFormat.change(
                            m.unit(), m.change(), m.sufficient() ? m.significant() : null)))
        .toList();
  }
}
