package com.partnercx.reports;

import com.partnercx.reports.PortfolioReport.PartnerRanking;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;

/** Renders the executive portfolio report to PDF. Templates are compiled once per renderer. */
public final class PortfolioRenderer {
  private final JasperReport template = Templates.compile("portfolio");
  private final JasperReport table = Templates.compile("table");
  private final JasperReport wideTable = Templates.compile("table_wide");

  public RenderedPdf render(PortfolioReport report, Path file) throws JRException, IOException {
    List<Map<String, ?>> sections = new ArrayList<>();
    sections(report).forEach(s -> sections.add(s.section()));
    JasperPrint print =
        JasperFillManager.fillReport(
            template, parameters(report), new JRMapCollectionDataSource(sections));
    return Templates.write(print, file);
  }

  Map<String, Object> parameters(PortfolioReport r) {
    Map<String, Object> p = Templates.fixedLocale();
    p.put("Period", r.period());
    p.put(
        "Subtitle",
        ScorecardFormat.plural(r.payouts().size(), "program")
            + " \u00b7 "
            + ScorecardFormat.count(r.partners())
            + " partners \u00b7 brand CX index = mean composite of the partners with one");
    p.put(
        "BrandIndex",
        r.brandIndex() == null ? ScorecardFormat.NONE : ScorecardFormat.score(r.brandIndex()));
    p.put(
        "BrandIndexChange",
        ScorecardFormat.compositeChange(
            r.brandIndex(), r.previousBrandIndex(), r.previousPeriod()));
    p.put("PartnersScored", r.partnersScored() + " of " + r.partners());
    p.put("PartnersNote", r.insufficient().size() + " with insufficient data");
    Map<String, BigDecimal> byCurrency = new TreeMap<>();
    r.payouts().forEach(pp -> byCurrency.merge(pp.currency(), pp.total(), BigDecimal::add));
    p.put(
        "Payout",
        byCurrency.isEmpty()
            ? ScorecardFormat.NONE
            : byCurrency.entrySet().stream()
                .map(e -> ScorecardFormat.money(e.getValue(), e.getKey()))
                .collect(Collectors.joining(" + ")));
    p.put(
        "PayoutNote",
        r.payouts().stream().mapToInt(PortfolioReport.ProgramPayout::paid).sum()
            + " partners paid");
    p.put("TrendTitle", "BRAND CX INDEX, " + ScorecardFormat.lastPeriods(r.trend().size()));
    p.put("TrendChart", new TrendChart(r.trend()));
    p.put("TierChart", new TierChart(r.tiers()));
    p.put("TableReport", table);
    p.put("WideTableReport", wideTable);
    p.put("Footer", r.provenance().footer());
    return p;
  }

  static List<TableBlock> sections(PortfolioReport r) {
    List<TableBlock> out = new ArrayList<>();
    out.add(payouts(r));
    out.add(tiers(r));
    out.add(regions(r));
    out.add(ranking("Top " + r.top().size() + " partners by composite", r.top()));
    out.add(
        ranking(
            "Bottom " + r.bottom().size() + " partners by composite, weakest first", r.bottom()));
    out.add(holdingBack(r));
    out.add(movers(r));
    out.add(integrity(r));
    out.add(insufficientByProgram(r));
    // For the analysts and data engineers behind the figures.
    out.add(insufficient(r));
    out.add(feeds(r));
    return out;
  }

  /** Partners whose tier changed, up first, with what it changed in payout. */
  static TableBlock movers(PortfolioReport r) {
    List<List<String>> rows = new ArrayList<>();
    for (PortfolioReport.TierMove m : r.movers()) {
      int sign = m.payoutChange().signum();
      rows.add(
          List.of(
              m.name(),
              m.program(),
              m.partnerId(),
              ScorecardFormat.tierLabel(m.was()),
              (m.up() ? "\u2197 " : "\u2198 ") + ScorecardFormat.tierLabel(m.now()),
              (sign > 0 ? "+" : sign < 0 ? "\u2212" : "\u00b1")
                  + ScorecardFormat.money(m.payoutChange().abs(), m.currency())));
    }
    long up = r.movers().stream().filter(PortfolioReport.TierMove::up).count();
    return new TableBlock(
        "Tier changes against " + r.previousPeriod(),
        up
            + " up, "
            + (r.movers().size() - up)
            + " down. Payout: this period's minus "
            + r.previousPeriod()
            + "'s.",
        List.of("Partner", "Program", "ID", "From", "To", "Payout"),
        orNone(rows, 6),
        true);
  }

  /** The survey-integrity flags of the period: for review, with the figure behind each. */
  static TableBlock integrity(PortfolioReport r) {
    List<List<String>> rows = new ArrayList<>();
    for (PortfolioReport.IntegrityFlag f : r.integrity()) {
      rows.add(
          List.of(
              f.name() + " (" + f.partnerId() + ", " + f.program() + ")",
              f.flag().replace('_', ' ') + ": " + f.detail(),
              f.excludes() ? "survey metrics excluded" : "for review"));
    }
    long partners =
        r.integrity().stream().map(PortfolioReport.IntegrityFlag::partnerId).distinct().count();
    return new TableBlock(
        "Survey integrity flags",
        r.integrity().size()
            + (r.integrity().size() == 1 ? " flag on " : " flags on ")
            + partners
            + (partners == 1 ? " partner" : " partners")
            + ". A flag asks for a review of how the surveys were collected; it changes a"
            + " scorecard only where the program says so (integrity_action: exclude_flagged).",
        List.of("Partner", "Flag and the figure behind it", "Effect"),
        orNone(rows, 3),
        true);
  }

  /** How many partners of each program have too little data to be scored. */
  static TableBlock insufficientByProgram(PortfolioReport r) {
    Map<String, Long> counts =
        r.insufficient().stream()
            .collect(Collectors.groupingBy(PartnerRanking::program, Collectors.counting()));
    List<List<String>> rows = new ArrayList<>();
    for (PortfolioReport.ProgramPayout p : r.payouts()) {
      long thin = counts.getOrDefault(p.program(), 0L);
      rows.add(
          List.of(
              p.program(),
              ScorecardFormat.count(p.partners()),
              ScorecardFormat.count(thin),
              p.partners() == 0
                  ? ScorecardFormat.NONE
                  : ScorecardFormat.value(MetricUnit.PERCENT, (double) thin / p.partners())));
    }
    return new TableBlock(
        "Data coverage: partners with insufficient data",
        "Unscored: too few observations to cover the program's minimum share of metric weights,"
            + " so no composite and no tier for the period. Appendix A lists them.",
        List.of("Program", "Partners", "Unscored", "Share"),
        orNone(rows, 4));
  }

  static TableBlock payouts(PortfolioReport r) {
    List<List<String>> rows = new ArrayList<>();
    for (PortfolioReport.ProgramPayout p : r.payouts()) {
      BigDecimal was = p.previousTotal();
      int sign = was == null ? 0 : p.total().compareTo(was);
      rows.add(
          List.of(
              p.program(),
              ScorecardFormat.count(p.partners()),
              ScorecardFormat.count(p.paid()),
              ScorecardFormat.money(p.total()),
              ScorecardFormat.money(was),
              was == null
                  ? ScorecardFormat.NONE
                  : (sign > 0 ? "+" : sign < 0 ? "\u2212" : "\u00b1")
                      + ScorecardFormat.money(p.total().subtract(was).abs()),
              p.currency()));
    }
    return new TableBlock(
        "Incentive payout by program",
        r.previousPeriod()
            + ": the program's payouts of that period as published now; change: this period's"
            + " minus that.",
        List.of(
            "Program",
            "Partners",
            "Paid",
            "Total payout",
            r.previousPeriod(),
            "Change",
            "Currency"),
        rows);
  }

  /** What keeps each of the bottom partners down: the metrics leaving most points open, a cap. */
  static TableBlock holdingBack(PortfolioReport r) {
    List<List<String>> rows = new ArrayList<>();
    for (PartnerRanking p : r.bottom()) {
      String why = p.weakest().isEmpty() ? ScorecardFormat.NONE : p.weakest();
      if (p.cappedBy() != null) {
        why += "; capped by " + p.cappedBy() + " below its floor";
      }
      rows.add(List.of(p.name(), why, p.partnerId()));
    }
    return new TableBlock(
        "What holds the bottom " + r.bottom().size() + " back",
        "The metrics leaving the most composite points open, with those points (the metric's share"
            + " of the weight with data x (100 - its score)), and a critical metric below its"
            + " floor that caps the tier.",
        List.of("Partner", "Metrics with the most points open", "ID"),
        orNone(rows, 3),
        true);
  }

  static TableBlock tiers(PortfolioReport r) {
    Map<String, Map<String, Integer>> matrix = new LinkedHashMap<>();
    Set<String> tiers = new LinkedHashSet<>();
    for (PortfolioReport.ProgramTier t : r.tiers()) {
      matrix.computeIfAbsent(t.program(), k -> new LinkedHashMap<>()).put(t.tier(), t.partners());
      tiers.add(t.tier());
    }
    if (tiers.size() + 1 > TableBlock.COLUMNS) {
      List<List<String>> rows =
          r.tiers().stream()
              .map(
                  t ->
                      List.of(
                          t.program(),
                          ScorecardFormat.tierLabel(t.tier()),
                          ScorecardFormat.count(t.partners())))
              .toList();
      return new TableBlock(
          "Partners per tier and program", "", List.of("Program", "Tier", "Partners"), rows);
    }
    List<String> headers = new ArrayList<>();
    headers.add("Program");
    tiers.forEach(t -> headers.add(ScorecardFormat.tierLabel(t)));
    List<List<String>> rows = new ArrayList<>();
    matrix.forEach(
        (program, counts) -> {
          List<String> row = new ArrayList<>();
          row.add(program);
          tiers.forEach(t -> row.add(ScorecardFormat.count(counts.getOrDefault(t, 0))));
          rows.add(row);
        });
    return new TableBlock("Partners per tier and program", "", headers, rows);
  }

  /** The fewest scored partners a program's median in a region is shown for. */
  static final int MIN_REGION_PARTNERS = 3;

  /** A region's median, or a dash when it would rest on too few partners to say anything. */
  private static String regionMedian(PortfolioReport.RegionMedian m) {
    return m.median() == null || m.partners() < MIN_REGION_PARTNERS
        ? ScorecardFormat.NONE
        : ScorecardFormat.score(m.median());
  }

  static TableBlock regions(PortfolioReport r) {
    String title = "Median composite by program and region";
    String note =
        "Each cell: the median composite, and in brackets the scored partners it rests on; a"
            + " median resting on fewer than "
            + MIN_REGION_PARTNERS
            + " partners is not shown.";
    Set<String> regions = new java.util.TreeSet<>();
    Map<String, Map<String, PortfolioReport.RegionMedian>> matrix = new LinkedHashMap<>();
    for (PortfolioReport.RegionMedian m : r.regions()) {
      regions.add(m.region());
      matrix.computeIfAbsent(m.program(), k -> new LinkedHashMap<>()).put(m.region(), m);
    }
    if (regions.size() + 1 > TableBlock.COLUMNS) {
      List<List<String>> rows =
          r.regions().stream()
              .map(
                  m ->
                      List.of(
                          m.program(),
                          m.region(),
                          ScorecardFormat.count(m.partners()),
                          regionMedian(m)))
              .toList();
      return new TableBlock(
          title, note, List.of("Program", "Region", "Partners", "Median composite"), rows);
    }
    List<String> headers = new ArrayList<>();
    headers.add("Program");
    headers.addAll(regions);
    List<List<String>> rows = new ArrayList<>();
    matrix.forEach(
        (program, cells) -> {
          List<String> row = new ArrayList<>();
          row.add(program);
          for (String region : regions) {
            PortfolioReport.RegionMedian m = cells.get(region);
            row.add(m == null ? ScorecardFormat.NONE : regionMedian(m) + " (" + m.partners() + ")");
          }
          rows.add(row);
        });
    return new TableBlock(title, note, headers, rows);
  }

  static TableBlock ranking(String title, List<PartnerRanking> partners) {
    List<List<String>> rows = new ArrayList<>();
    for (PartnerRanking p : partners) {
      rows.add(
          List.of(
              p.name(),
              p.program(),
              p.partnerId(),
              p.region(),
              ScorecardFormat.score(p.composite()),
              ScorecardFormat.tierLabel(p.tier())));
    }
    return new TableBlock(
        title,
        "",
        List.of("Partner", "Program", "ID", "Region", "Composite", "Tier"),
        orNone(rows, 6),
        true);
  }

  static TableBlock insufficient(PortfolioReport r) {
    List<List<String>> rows = new ArrayList<>();
    for (PartnerRanking p : r.insufficient()) {
      rows.add(List.of(p.name(), p.program(), p.partnerId(), p.region()));
    }
    return new TableBlock(
        "Appendix A: partners with insufficient data",
        "No composite and no tier for the period.",
        List.of("Partner", "Program", "ID", "Region"),
        orNone(rows, 4),
        true);
  }

  static TableBlock feeds(PortfolioReport r) {
    List<List<String>> rows = new ArrayList<>();
    for (PortfolioReport.FeedCoverage f : r.feeds()) {
      rows.add(
          List.of(
              f.feedId(),
              ScorecardFormat.count(f.due()),
              ScorecardFormat.count(f.onTime()),
              ScorecardFormat.count(f.late()),
              ScorecardFormat.count(f.missing()),
              ScorecardFormat.count(f.rejected()),
              ScorecardFormat.count(f.rowsQuarantined())
                  + " of "
                  + ScorecardFormat.count(f.rowsDelivered())));
    }
    return new TableBlock(
        "Appendix B: feed deliveries in the period",
        "Due: deliveries the feed's schedule expects. Rejected: delivered, but every file was"
            + " rejected. Quarantined: rows of the period held back by a validation rule, of the"
            + " period's rows (counted by their own dates, whichever delivery brought them).",
        List.of("Feed", "Due", "On time", "Late", "Missing", "Rejected", "Quarantined"),
        orNone(rows, 7));
  }

  private static List<List<String>> orNone(List<List<String>> rows, int width) {
    if (!rows.isEmpty()) {
      return rows;
    }
    List<String> none = new ArrayList<>();
    none.add("none");
    while (none.size() < width) {
      none.add("");
    }
    return List.of(none);
  }
}
