package com.partnercx.reports;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;

/** Hand-made report records and PDF reading for the renderer tests. */
final class ReportFixtures {
  static final Provenance PROVENANCE =
      new Provenance(
          "run-20261001T020000Z-abc123",
          "0123456789abcdef0123456789abcdef",
          "gold/partner_daily@7, gold/scorecard@4",
          Instant.parse("2026-10-01T02:03:04Z"));

  private ReportFixtures() {}

  static MetricLine onTime() {
    // 35 of 40 on time: 87.5%; 30 of 40 the quarter before: 75.0%, +12.5 pp, significant.
    return new MetricLine(
        "on_time_rate",
        "On-time rate",
        MetricUnit.PERCENT,
        0.875,
        null,
        40,
        0.7388,
        0.9454,
        0.7,
        0.95,
        0.4,
        70.0,
        true,
        30,
        "timed events",
        0.81,
        0.75,
        0.125,
        true);
  }

  /** 12 timed events where the program needs 30; 6.25 min the quarter before. */
  static MetricLine thinDelay() {
    return new MetricLine(
        "avg_delay_min",
        "Average delay",
        MetricUnit.MINUTES,
        4.25,
        null,
        12,
        null,
        null,
        15.0,
        5.0,
        0.4,
        null,
        false,
        30,
        "timed events",
        6.0,
        6.25,
        -2.0,
        // A change on 12 events tests nothing: the mark must not print.
        true);
  }

  static MetricLine shrunkCsat() {
    return new MetricLine(
        "csat",
        "CSAT (top-2-box)",
        MetricUnit.PERCENT,
        1.0,
        0.9123,
        8,
        0.6756,
        1.0,
        0.6,
        0.85,
        0.2,
        80.0,
        true,
        5,
        "responses",
        0.88,
        0.9,
        0.1,
        false);
  }

  static PartnerScorecard scorecard(String name, List<MetricLine> metrics) {
    return new PartnerScorecard(
        "P-017",
        name,
        "Food delivery partners",
        "Nord",
        "2026-Q3",
        "2026-07-01 to 2026-09-30",
        "2026-Q2",
        2,
        1,
        "gold",
        72.36,
        68.0,
        "silver",
        1,
        new BigDecimal("600.00"),
        "EUR",
        new BigDecimal("12000.00"),
        new BigDecimal("960.00"),
        metrics,
        List.of(
            "On-time rate: share of completed orders and jobs with a promised time that were done"
                + " by it (5 minutes' grace)",
            "Average delay: average minutes past the promised time"),
        List.of(
            "on_time_rate = 0.875 (n=40) -> score 70.0 x weight 0.4",
            "csat = 0.5, shrunk to 0.62 (n=8) -> score 4.0 x weight 0.2",
            "payout = 12000.00 EUR x 8% = 960.00 EUR"),
        new PeerStanding(18, false, 55.0, 61.5, 70.25, 82.35, 4),
        List.of(
            new PeriodValue("2025-Q4", 58.0),
            new PeriodValue("2026-Q1", null),
            new PeriodValue("2026-Q2", 68.0),
            new PeriodValue("2026-Q3", 72.36)),
        30,
        List.of(
            new CategoryShare("late delivery", 18, 0.6), new CategoryShare("cold food", 12, 0.4)),
        List.of(
            new CustomerComment(
                java.time.LocalDate.of(2026, 9, 14), 2, 1, null, "Food arrived cold,\n  again."),
            new CustomerComment(java.time.LocalDate.of(2026, 8, 2), null, 2, 6, "x".repeat(300))),
        false,
        List.of(
            "Agreed for 2026-Q3:",
            "• Action: Second driver at lunch · owner J. Weber · due 2026-10-15",
            "Committed in 2026-Q2, against this period's figures:",
            "• On-time rate above 85% · On-time rate 75.0% → 87.5%"),
        List.of("Feed delivery_events: 2 deliveries missing, 1 late in the period."),
        List.of(
            "Orders and jobs: 2 of 92 deliveries missing, 1 late.",
            "To question a figure, write to your partner manager."),
        PROVENANCE,
        NEXT_TIER);
  }

  /** Platinum through the on-time rate alone (35 -> 39 of 40), not through CSAT. */
  static final TierPath NEXT_TIER =
      new TierPath(
          "platinum",
          85.0,
          new BigDecimal("1440.00"),
          List.of(
              new TierPath.Step(
                  "On-time rate",
                  MetricUnit.PERCENT,
                  true,
                  TierPath.Outcome.REACHABLE,
                  0.875,
                  0.975,
                  35L,
                  39L,
                  40,
                  "on time",
                  "timed events",
                  "platinum",
                  new BigDecimal("1440.00"),
                  null),
              new TierPath.Step(
                  "CSAT (top-2-box)",
                  MetricUnit.PERCENT,
                  true,
                  TierPath.Outcome.NOT_REACHABLE,
                  1.0,
                  null,
                  null,
                  null,
                  8,
                  "top-2-box",
                  "responses",
                  null,
                  null,
                  null)));

  static String text(Path pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      return new PDFTextStripper().getText(doc);
    }
  }

  /** The text of each page, in order. */
  static List<String> pageTexts(Path pdf) throws IOException {
    List<String> pages = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      PDFTextStripper stripper = new PDFTextStripper();
      for (int page = 1; page <= doc.getNumberOfPages(); page++) {
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        pages.add(stripper.getText(doc));
      }
    }
    return pages;
  }

  /** The fonts of every page, each checked to be embedded. */
  static List<String> embeddedFonts(Path pdf) throws IOException {
    List<String> fonts = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      for (PDPage page : doc.getPages()) {
        for (var name : page.getResources().getFontNames()) {
          PDFont font = page.getResources().getFont(name);
          if (!font.isEmbedded()) {
            throw new AssertionError(font.getName() + " is not embedded in " + pdf);
          }
          fonts.add(font.getName());
        }
      }
    }
    return fonts;
  }
}
