package com.partnercx.reports;

import static com.partnercx.reports.ReportFixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.reports.PortfolioReport.FeedCoverage;
import com.partnercx.reports.PortfolioReport.PartnerRanking;
import com.partnercx.reports.PortfolioReport.ProgramPayout;
import com.partnercx.reports.PortfolioReport.ProgramTier;
import com.partnercx.reports.PortfolioReport.RegionMedian;
import com.partnercx.reports.PortfolioReport.TierMove;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortfolioRendererTest {
  @TempDir Path dir;

  private static PortfolioReport report() {
    return new PortfolioReport(
        "2026-Q3",
        "2026-Q2",
        64.25,
        61.0,
        3,
        4,
        List.of(new PeriodValue("2026-Q2", 61.0), new PeriodValue("2026-Q3", 64.25)),
        List.of(
            new ProgramTier("Delivery", "gold", 2),
            new ProgramTier("Delivery", "bronze", 1),
            new ProgramTier("Delivery", "insufficient_data", 1)),
        List.of(
            new PartnerRanking(
                "D-002", "Sushi Bar Köln", "Delivery", "West", 80.5, "gold", "CSAT 4.0", null),
            new PartnerRanking(
                "D-001",
                "Trattoria Hamburg",
                "Installation subcontractors",
                "Nord",
                70.0,
                "gold",
                "NPS 9.0",
                null)),
        List.of(
            new PartnerRanking(
                "D-003",
                "Imbiss Ost",
                "Delivery",
                "Ost",
                42.25,
                "bronze",
                "CSAT (top-2-box) 20.1 · Net Promoter Score 12.4",
                "On-time rate")),
        List.of(
            new TierMove(
                "D-002",
                "Sushi Bar Köln",
                "Delivery",
                "silver",
                "gold",
                true,
                new BigDecimal("360.00"),
                "EUR"),
            new TierMove(
                "D-003",
                "Imbiss Ost",
                "Delivery",
                "gold",
                "bronze",
                false,
                new BigDecimal("-584.00"),
                "EUR")),
        List.of(
            new RegionMedian("Delivery", "Nord", 2, 70.0),
            new RegionMedian("Delivery", "West", 3, 80.5)),
        List.of(
            new ProgramPayout(
                "Delivery", 4, 2, new BigDecimal("1234567.50"), "EUR", new BigDecimal("1000000"))),
        List.of(
            new PartnerRanking(
                "D-004", "Kiosk Süd", "Delivery", "Süd", null, "insufficient_data", "", null)),
        List.of(new FeedCoverage("delivery_events", 92, 88, 1, 3, 0, 50000, 12)),
        List.of(
            new PortfolioReport.IntegrityFlag(
                "D-002",
                "Sushi Bar Köln",
                "Delivery",
                "response_bursts",
                "41 of 70 responses (58.6%) came in bursts of 5 or more",
                false)),
        ReportFixtures.PROVENANCE);
  }

  @Test
  void printsIndexTiersRankingsPayoutsAndCoverage() throws Exception {
    RenderedPdf pdf = new PortfolioRenderer().render(report(), dir.resolve("portfolio.pdf"));
    String text = text(pdf.file());
    assertTrue(text.contains("Partner CX portfolio · 2026-Q3"), text);
    assertTrue(text.contains("64.3"), "64.25 rounds half-up:\n" + text);
    assertTrue(text.contains("+3.3 vs 2026-Q2 (61.0)"), "64.25 - 61.0 = 3.25:\n" + text);
    assertTrue(text.contains("3 of 4"), text);
    assertTrue(
        text.contains("Delivery 4 2 1,234,567.50 1,000,000.00 +234,567.50 EUR"),
        "payout against the previous period:\n" + text);
    assertTrue(text.contains("Program GOLD BRONZE INSUFFICIENT"), text);
    assertTrue(text.contains("Delivery 2 1 1"), text);
    assertTrue(text.contains("Program Nord West"), text);
    assertTrue(
        text.contains("Delivery – (2) 80.5 (3)"),
        "a median on fewer than 3 partners is not shown:\n" + text);
    assertTrue(text.contains("Sushi Bar Köln Delivery D-002 West 80.5 GOLD"), text);
    assertTrue(
        text.contains("Trattoria Hamburg Installation subcontractors D-001 Nord 70.0 GOLD"),
        "a program's name is not wrapped inside a word:\n" + text);
    assertTrue(text.contains("Imbiss Ost Delivery D-003 Ost 42.3 BRONZE"), text);
    assertTrue(text.contains("What holds the bottom 1 back"), text);
    assertTrue(
        text.replaceAll("\\s+", " ")
            .contains(
                "Imbiss Ost CSAT (top-2-box) 20.1 · Net Promoter Score 12.4; capped by On-time rate"),
        text);
    // One of the program's four partners has too little data: counted in the body, named in
    // the appendix, which comes after the rankings.
    assertTrue(text.contains("Tier changes against 2026-Q2"), text);
    assertTrue(text.contains("1 up, 1 down."), text);
    String flowing = text.replaceAll("\\s+", " ");
    assertTrue(flowing.contains("Sushi Bar Köln Delivery D-002 SILVER ↗ GOLD +360.00 EUR"), text);
    assertTrue(text.contains("Partner Program ID From To Payout"), text);
    assertTrue(flowing.contains("Imbiss Ost Delivery D-003 GOLD ↘ BRONZE −584.00 EUR"), text);
    assertTrue(text.contains("Survey integrity flags"), text);
    assertTrue(text.contains("1 flag on 1 partner."), text);
    assertTrue(
        flowing.contains(
            "Sushi Bar Köln (D-002, Delivery) response bursts: 41 of 70 responses (58.6%) came in"
                + " bursts of 5 or more for review"),
        text);
    assertTrue(text.contains("Delivery 4 1 25.0%"), text);
    assertTrue(text.contains("Program Partners Unscored Share"), text);
    assertTrue(text.contains("Kiosk Süd Delivery D-004 Süd"), text);
    assertTrue(
        text.indexOf("Appendix A: partners with insufficient data")
            > text.indexOf("partners by composite, weakest first"),
        text);
    assertTrue(text.contains("Appendix B: feed deliveries in the period"), text);
    assertTrue(text.contains("delivery_events 92 88 1 3 0 12 of 50,000"), text);
    assertTrue(text.contains("Page 1 of " + pdf.pages()), text);
    assertEquals(pdf.pages(), text.split("Page \\d+ of").length - 1);
    assertTrue(
        ReportFixtures.embeddedFonts(pdf.file()).stream().anyMatch(f -> f.contains("DejaVuSans")));
  }
}
