package com.partnercx.cli;

import com.partnercx.report.ReportJob;
import java.util.Locale;

/** What the user needs after rendering: where the PDFs are, and which partners failed. */
final class ReportSummary {
  private ReportSummary() {}

  /** Prints the outcome; returns the exit code (1 when any PDF failed). */
  static int print(ReportJob.Outcome outcome) {
    System.out.printf(
        Locale.ROOT,
        "%d PDFs in %s (%.1f PDFs/s), manifest %s%n",
        outcome.entries().size(),
        outcome.folder().toAbsolutePath(),
        outcome.entries().size() / Math.max(outcome.stage().seconds(), 1e-3),
        outcome.folder().resolve(ReportJob.MANIFEST).toAbsolutePath());
    outcome
        .failures()
        .forEach(
            (partner, why) -> System.err.printf("PDF for partner %s failed: %s%n", partner, why));
    return outcome.failures().isEmpty() ? 0 : 1;
  }
}
