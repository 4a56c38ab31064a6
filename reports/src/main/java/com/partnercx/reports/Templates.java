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
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperExportManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;

/** Compiling the JRXML templates and writing filled reports as PDF files. */
final class Templates {
  private static final String FOLDER = "/com/partnercx/reports/";

  private Templates() {}

  /**
   * Compiles {@code name}.jrxml from the classpath; a compiled report may be filled by many
   * threads.
   */
  static JasperReport compile(String name) {
    String resource = FOLDER + name + ".jrxml";
    try (InputStream in = Templates.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Template " + resource + " is missing from the classpath");
      }
      return JasperCompileManager.compileReport(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JRException e) {
      throw new IllegalStateException(
          "Template " + resource + " does not compile: " + e.getMessage(), e);
    }
  }

  /** Parameters every report gets: a fixed locale and time zone, whatever the machine's. */
  static Map<String, Object> fixedLocale() {
    Map<String, Object> p = new HashMap<>();
    p.put(JRParameter.REPORT_LOCALE, Locale.ROOT);
    p.put(JRParameter.REPORT_TIME_ZONE, TimeZone.getTimeZone("UTC"));
    return p;
  }

  /** Exports {@code print} to {@code file} (parent folders are created). */
  static RenderedPdf write(JasperPrint print, Path file) throws JRException, IOException {
    byte[] pdf = JasperExportManager.exportReportToPdf(print);
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path partial = Files.createTempFile(parent, file.getFileName().toString(), ".part");
    try {
      Files.write(partial, pdf);
      Files.move(
          partial,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
    return new RenderedPdf(file, print.getPages().size(), sha256(pdf));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
