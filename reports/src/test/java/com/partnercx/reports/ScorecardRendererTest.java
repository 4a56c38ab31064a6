package com.partnercx.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScorecardRendererTest {
  private static ScorecardRenderer renderer;

  @TempDir Path dir;

  @BeforeAll
  static void compileOnce() {
    renderer = new ScorecardRenderer();
  }

  private static PartnerScorecard sample(String name, List<MetricLine> metrics) {
    return new PartnerScorecard(
        "P-017",
        name,
        "Food delivery partners",
        "Nord",
        "2026-Q3",
        2,
        "gold",
        72.36,
        "EUR",
        new BigDecimal("12000.00"),
        new BigDecimal("960.00"),
        metrics,
        List.of(
            "on_time_rate = 0.875 (n=40) -> score 70.0 x weight 0.4",
            "payout = 12000.00 EUR x 8% = 960.00 EUR"),
        "run-20261001T020000Z-abc123",
        "0123456789abcdef0123456789abcdef",
        "gold/partner_daily@7",
        Instant.parse("2026-10-01T02:03:04Z"));
  }

  private static MetricLine onTime() {
    // 35 of 40 on time: 87.5%; the interval bounds are passed in, not recomputed here.
    return new MetricLine(
        "on_time_rate",
        "On-time rate",
        MetricUnit.PERCENT,
        0.875,
        40,
        0.7388,
        0.9454,
        0.95,
        70.0,
        true);
  }

  private static String text(Path pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      return new PDFTextStripper().getText(doc);
    }
  }

  @Test
  void printsHeaderKpisCalculationAndFooter() throws Exception {
    MetricLine thin =
        new MetricLine(
            "avg_delay_min",
            "Average delay",
            MetricUnit.MINUTES,
            4.25,
            12,
            null,
            null,
            5.0,
            null,
            false);
    RenderedPdf pdf =
        renderer.render(
            sample("Pizzeria Müller – Nord", List.of(onTime(), thin)), dir.resolve("a/P-017.pdf"));

    String text = text(pdf.file());
    assertTrue(text.contains("Pizzeria Müller – Nord"), text);
    assertTrue(
        text.contains(
            "P-017 · Food delivery partners · Nord · period 2026-Q3 · version 2 (restated)"),
        text);
    assertTrue(text.contains("GOLD"), text);
    assertTrue(text.contains("72.4"), "composite rounded half-up to one decimal:\n" + text);
    assertTrue(text.contains("960.00 EUR"), text);
    assertTrue(text.contains("On-time rate 87.5% 40 73.9% – 94.5% 95.0% 70.0"), text);
    assertTrue(text.contains("Average delay 4.3 min 12 – 5.0 min insufficient data"), text);
    assertTrue(text.contains("payout = 12000.00 EUR x 8% = 960.00 EUR"), text);
    assertTrue(
        text.contains(
            "Run run-20261001T020000Z-abc123 · config 0123456789ab · gold/partner_daily@7 · generated 2026-10-01 02:03 UTC"),
        text);
    assertTrue(text.contains("Page 1 of 1"), text);
    assertEquals(1, pdf.pages());
    assertEquals(64, pdf.sha256().length());
  }

  @Test
  void embedsEveryFont() throws Exception {
    RenderedPdf pdf =
        renderer.render(sample("Embedded Fonts GmbH", List.of(onTime())), dir.resolve("f.pdf"));
    List<String> fonts = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf.file().toFile())) {
      for (PDPage page : doc.getPages()) {
        for (var name : page.getResources().getFontNames()) {
          PDFont font = page.getResources().getFont(name);
          assertTrue(font.isEmbedded(), font.getName() + " is not embedded");
          fonts.add(font.getName());
        }
      }
    }
    assertTrue(fonts.stream().anyMatch(f -> f.contains("DejaVuSans")), fonts.toString());
  }

  @Test
  void longKpiTablesFlowOntoMorePagesWithPageNumbers() throws Exception {
    List<MetricLine> many = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      many.add(
          new MetricLine(
              "m" + i,
              "Metric " + i,
              MetricUnit.POINTS,
              (double) i,
              i,
              null,
              null,
              50,
              (double) i,
              true));
    }
    RenderedPdf pdf = renderer.render(sample("Long Table Ltd", many), dir.resolve("long.pdf"));
    assertEquals(2, pdf.pages());
    String text = text(pdf.file());
    assertTrue(text.contains("Page 1 of 2") && text.contains("Page 2 of 2"), text);
    assertTrue(text.contains("Metric 59"), text);
    assertTrue(Files.size(pdf.file()) > 1000);
  }
}
