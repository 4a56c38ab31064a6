package com.partnercx.cli;

import com.partnercx.publish.ReportJob;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What the user needs after rendering: where the PDFs are, and which partners failed. */
final class ReportSummary {
  private ReportSummary() {}

  /** Prints the outcome; returns the exit code (1 when any PDF failed). */
  static int print(ReportJob.Outcome outcome) {
    Map<String, Long> byAudience =
        outcome.entries().stream()
            .collect(
                Collectors.groupingBy(
                    ReportJob.ManifestEntry::audience, TreeMap::new, Collectors.counting()));
    System.out.printf(
        Locale.ROOT,
        "%d PDFs (%s) in %s; rendered at %.1f PDFs/s; manifest %s%n",
        outcome.entries().size(),
        byAudience.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", ")),
        outcome.folder().toAbsolutePath(),
        outcome.entries().size() / Math.max(outcome.renderSeconds(), 1e-3),
        outcome.folder().resolve(ReportJob.MANIFEST).toAbsolutePath());
    outcome.failures().forEach((file, why) -> System.err.printf("PDF %s failed: %s%n", file, why));
    return outcome.failures().isEmpty() ? 0 : 1;
  }
}
