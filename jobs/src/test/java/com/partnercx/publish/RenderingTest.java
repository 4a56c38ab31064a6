package com.partnercx.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.reports.Audience;
import com.partnercx.reports.RenderedPdf;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderingTest {
  @Test
  void aFailingPdfIsNamedWithItsPartnerAndTheOthersAreStillWritten() {
    ReportJob.Rendering rendering = new ReportJob.Rendering(4);
    rendering.render(
        "partner/A-001.pdf",
        "A-001",
        Audience.PARTNER,
        () -> new RenderedPdf(Path.of("partner/A-001.pdf"), 1, "aa"));
    rendering.render(
        "partner/B-002.pdf",
        "B-002",
        Audience.PARTNER,
        () -> {
          throw new IllegalStateException("Partner B-002 is not in partners.csv");
        });
    rendering.render(
        "portfolio.pdf",
        null,
        Audience.EXECUTIVE,
        () -> new RenderedPdf(Path.of("portfolio.pdf"), 3, "cc"));

    rendering.failed(
        "internal/C-003.pdf",
        "C-003",
        new IllegalStateException("Partner C-003 is not in partners.csv"));

    assertEquals(
        List.of("partner/A-001.pdf", "portfolio.pdf"),
        rendering.entries.stream().map(ReportJob.ManifestEntry::file).sorted().toList());
    assertEquals(2, rendering.failures.size());
    assertTrue(rendering.failures.get("internal/C-003.pdf").startsWith("partner C-003: "));
    String why = rendering.failures.get("partner/B-002.pdf");
    assertTrue(why.startsWith("partner B-002: "), why);
    assertTrue(why.contains("not in partners.csv"), why);
  }

  @Test
  void eachAudienceHasItsFolder() {
    assertEquals("partner/D-001.pdf", ReportJob.file(Audience.PARTNER, "D-001"));
    assertEquals("internal/D-001.pdf", ReportJob.file(Audience.INTERNAL, "D-001"));
    assertEquals("portfolio.pdf", ReportJob.file(Audience.EXECUTIVE, null));
  }
}
