package com.partnercx.cli;

import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The delivery dates a stage command processes: --date, or --from/--to in batches. */
final class DeliveryDates {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  DateRange dates;

  @Option(
      names = "--batch-days",
      paramLabel = "N",
      defaultValue = "31",
      description = "Delivery dates processed together in a backfill (default: ${DEFAULT-VALUE})")
  int batchDays;

  /** The dates in order, in batches of at most --batch-days. */
  List<List<LocalDate>> batches() {
    return DateRange.batches(dates.days(spec.commandLine()), batchDays);
  }
}
