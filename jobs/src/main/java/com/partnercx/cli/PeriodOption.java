package com.partnercx.cli;

import com.partnercx.schema.Period;
import picocli.CommandLine.Option;

/** The required {@code --period} of the commands that work on one month or quarter. */
final class PeriodOption {
  @Option(
      names = "--period",
      required = true,
      paramLabel = "PERIOD",
      converter = PeriodConverter.class,
      description = "A quarter (2026-Q3) or a month (2026-09)")
  Period period;
}
