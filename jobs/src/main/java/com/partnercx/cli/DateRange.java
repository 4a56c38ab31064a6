package com.partnercx.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Either one delivery date or an inclusive range of them (a backfill). */
final class DateRange {
  @Option(
      names = "--date",
      paramLabel = "yyyy-mm-dd",
      required = true,
      description = "Delivery date to process")
  LocalDate date;

  @ArgGroup(exclusive = false)
  Range range;

  static final class Range {
    @Option(
        names = "--from",
        paramLabel = "yyyy-mm-dd",
        required = true,
        description = "First delivery date of a backfill")
    LocalDate from;

    @Option(
        names = "--to",
        paramLabel = "yyyy-mm-dd",
        required = true,
        description = "Last delivery date of a backfill (inclusive)")
    LocalDate to;
  }

  /** Consecutive slices of at most {@code size} dates, processed as one batch each. */
  static List<List<LocalDate>> batches(List<LocalDate> days, int size) {
    List<List<LocalDate>> batches = new ArrayList<>();
    for (int i = 0; i < days.size(); i += size) {
      batches.add(days.subList(i, Math.min(days.size(), i + size)));
    }
    return batches;
  }

  /** The dates to process, in order; a reversed range is a usage error. */
  List<LocalDate> days(CommandLine commandLine) {
    if (date != null) {
      return List.of(date);
    }
    if (range.from.isAfter(range.to)) {
      throw new CommandLine.ParameterException(
          commandLine,
          "--from " + range.from + " is after --to " + range.to + "; give the earlier date first");
    }
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = range.from; !d.isAfter(range.to); d = d.plusDays(1)) {
      days.add(d);
    }
    return days;
  }
}
