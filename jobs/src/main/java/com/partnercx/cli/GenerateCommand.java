package com.partnercx.cli;

import com.partnercx.generate.SampleGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code pcx generate}: a deterministic sample landing zone with its configuration and the ground
 * truth of every planted defect and survey-integrity pattern.
 */
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

  @Option(
      names = "--plant-integrity",
      split = ",",
      paramLabel = "FLAG",
      converter = IntegrityFlagConverter.class,
      description =
          "Survey-integrity patterns to plant, each in one mid-quality partner of a program of its"
              + " own where possible, listed in ground_truth_integrity.csv (partner_id,period,flag;"
              + " not written without this option): top_score_share, concentrated_customers,"
              + " response_bursts, response_rate_drop (only when the days span two quarters; the"
              + " last quarter drops), csat_contradicts_complaints, score_solicitation, or all."
              + " Planted partners answer far more surveys. Default: none")
  List<String> plantIntegrity = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    Set<String> plants = new LinkedHashSet<>();
    for (String flag : plantIntegrity) {
      if (flag.equals(IntegrityFlagConverter.ALL)) {
        plants.addAll(SampleGenerator.INTEGRITY_FLAGS);
      } else {
        plants.add(flag);
      }
    }
    SampleGenerator.Summary summary =
        SampleGenerator.generate(
            new SampleGenerator.Settings(
                out, partners, start, days, seed, eventsPerPartnerDay, plants),
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

  /** Accepts the name of a survey-integrity flag, or all; anything else is a usage error. */
  static final class IntegrityFlagConverter implements ITypeConverter<String> {
    static final String ALL = "all";

    @Override
    public String convert(String value) {
      if (value.equals(ALL) || SampleGenerator.INTEGRITY_FLAGS.contains(value)) {
        return value;
      }
      throw new TypeConversionException(
          "'"
              + value
              + "' is not an integrity flag; expected all or one of "
              + String.join(", ", SampleGenerator.INTEGRITY_FLAGS));
    }
  }
}
