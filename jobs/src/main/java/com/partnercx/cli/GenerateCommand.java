package com.partnercx.cli;

import com.partnercx.generate.SampleGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Writes a deterministic landing zone of partner extracts for every partner type and entity, with known defects, plus the matching configuration and ground_truth.csv.")
final class GenerateCommand implements Callable<Integer> {
  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Folder receiving landing/, config/ and ground_truth.csv")
  Path out;

  @Option(
      names = "--partners",
      defaultValue = "60",
      paramLabel = "N",
      description = "Partners, spread over the seven types (default: ${DEFAULT-VALUE})")
  int partners;

  @Option(
      names = "--start",
      defaultValue = "2026-04-01",
      paramLabel = "yyyy-mm-dd",
      description = "First data day (default: ${DEFAULT-VALUE})")
  LocalDate start;

  @Option(
      names = "--days",
      defaultValue = "183",
      paramLabel = "D",
      description = "Data days; each is delivered the next day (default: ${DEFAULT-VALUE})")
  int days;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "S",
      description =
          "Random seed; the same arguments give byte-identical files (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--events-per-partner-day",
      defaultValue = "4",
      paramLabel = "X",
      description =
          "Average service events per partner and day; other entities follow in proportion (default: ${DEFAULT-VALUE})")
  double eventsPerPartnerDay;

  @Override
  public Integer call() throws IOException {
    SampleGenerator.Summary summary =
        SampleGenerator.generate(
            new SampleGenerator.Settings(out, partners, start, days, seed, eventsPerPartnerDay),
            line -> System.err.println(line));
    System.out.printf(
        Locale.ROOT,
        "%,d files, %,d rows, %.1f MB in %.1f s (%,.0f rows/s) -> %s%n",
        summary.files(),
        summary.rows(),
        summary.bytes() / 1e6,
        summary.seconds(),
        summary.rows() / Math.max(summary.seconds(), 1e-3),
        out.toAbsolutePath());
    return 0;
  }
}
