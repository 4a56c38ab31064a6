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
            new PartnerRanking("D-002", "Sushi Bar Köln", "Delivery", "West", 80.5, "gold"),
            new PartnerRanking("D-001", "Trattoria Hamburg", "Delivery", "Nord", 70.0, "gold")),
        List.of(new PartnerRanking("D-003", "Imbiss Ost", "Delivery", "Ost", 42.25, "bronze")),
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
            new RegionMedian("Delivery", "Nord", 1, 70.0),
            new RegionMedian("Delivery", "West", 1, 80.5)),
        List.of(new ProgramPayout("Delivery", 4, 2, new BigDecimal("1234567.50"), "EUR")),
        List.of(
            new PartnerRanking("D-004", "Kiosk Süd", "Delivery", "Süd", null, "insufficient_data")),
        List.of(new FeedCoverage("delivery_events", 92, 88, 1, 3, 0, 50000, 12)),
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
    assertTrue(text.contains("Delivery 4 2 1,234,567.50 EUR"), text);
    assertTrue(text.contains("Program GOLD BRONZE INSUFFICIENT"), text);
    assertTrue(text.contains("Delivery 2 1 1"), text);
    assertTrue(text.contains("Program Nord West"), text);
    assertTrue(text.contains("Delivery 70.0 (1) 80.5 (1)"), text);
    assertTrue(text.contains("Sushi Bar Köln D-002 Delivery West 80.5 GOLD"), text);
    assertTrue(text.contains("Imbiss Ost D-003 Delivery Ost 42.3 BRONZE"), text);
    // One of the program's four partners has too little data: counted in the body, named in
    // the appendix, which comes after the rankings.
    assertTrue(text.contains("Tier changes against 2026-Q2"), text);
    assertTrue(text.contains("1 up, 1 down."), text);
    assertTrue(text.contains("Sushi Bar Köln D-002 Delivery SILVER ↗ GOLD +360.00 EUR"), text);
    assertTrue(text.contains("Partner ID Program From To Payout"), text);
    assertTrue(text.contains("Imbiss Ost D-003 Delivery GOLD ↘ BRONZE −584.00 EUR"), text);
    assertTrue(text.contains("Delivery 4 1 25.0%"), text);
    assertTrue(text.contains("Program Partners Unscored Share"), text);
    assertTrue(text.contains("Kiosk Süd D-004 Delivery Süd"), text);
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
