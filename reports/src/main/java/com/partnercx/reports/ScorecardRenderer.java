package com.partnercx.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperExportManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;

/**
 * Renders partner scorecards to PDF with JasperReports. The template is compiled once per renderer;
 * {@link #render} may then be called from several threads at once.
 */
public final class ScorecardRenderer {
  static final String TEMPLATE = "/com/partnercx/reports/partner_scorecard.jrxml";

  private final JasperReport report;

  public ScorecardRenderer() {
    try (InputStream in = ScorecardRenderer.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("Template " + TEMPLATE + " is missing from the classpath");
      }
      this.report = JasperCompileManager.compileReport(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JRException e) {
      throw new IllegalStateException(
          "Template " + TEMPLATE + " does not compile: " + e.getMessage(), e);
    }
  }

  /** Renders one scorecard to {@code file} (parent folders are created). */
  public RenderedPdf render(PartnerScorecard scorecard, Path file) throws JRException, IOException {
    JasperPrint print =
        JasperFillManager.fillReport(
            report,
            parameters(scorecard),
            new JRMapCollectionDataSource(rows(scorecard.metrics())));
    byte[] pdf = JasperExportManager.exportReportToPdf(print);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, pdf);
    return new RenderedPdf(file, print.getPages().size(), sha256(pdf));
  }

  static Map<String, Object> parameters(PartnerScorecard s) {
    Map<String, Object> p = new HashMap<>();
    p.put(JRParameter.REPORT_LOCALE, Locale.ROOT);
    p.put(JRParameter.REPORT_TIME_ZONE, TimeZone.getTimeZone("UTC"));
    p.put("PartnerName", s.partnerName());
    p.put("PartnerId", s.partnerId());
    p.put("ProgramName", s.programName());
    p.put("Region", s.region());
    p.put("Period", s.period());
    p.put("Version", s.version() > 1 ? "version " + s.version() + " (restated)" : "version 1");
    p.put("Tier", ScorecardFormat.tierLabel(s.tier()));
    p.put(
        "Composite",
        s.composite() == null
            ? ScorecardFormat.INSUFFICIENT
            : ScorecardFormat.score(s.composite()));
    p.put("Payout", ScorecardFormat.money(s.payout(), s.currency()));
    p.put("BaseIncentive", ScorecardFormat.money(s.baseIncentive(), s.currency()));
    p.put("Explanation", String.join("\n", s.explanation()));
    p.put(
        "Footer",
        "Run "
            + s.runId()
            + " \u00b7 config "
            + shortHash(s.configHash())
            + " \u00b7 "
            + s.tableVersions()
            + " \u00b7 generated "
            + ScorecardFormat.timestamp(s.generatedAt()));
    return p;
  }

  static List<Map<String, ?>> rows(List<MetricLine> metrics) {
    return metrics.stream()
        .<Map<String, ?>>map(
            m ->
                Map.of(
                    "metric", m.label(),
                    "value",
                        m.sufficient() || m.value() != null
                            ? ScorecardFormat.value(m.unit(), m.value())
                            : ScorecardFormat.NONE,
                    "n", ScorecardFormat.count(m.n()),
                    "interval", ScorecardFormat.interval(m.unit(), m.ciLow(), m.ciHigh()),
                    "target", ScorecardFormat.value(m.unit(), m.target()),
                    "score",
                        m.sufficient()
                            ? ScorecardFormat.score(m.score())
                            : ScorecardFormat.INSUFFICIENT))
        .toList();
  }

  private static String shortHash(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) : hash;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
