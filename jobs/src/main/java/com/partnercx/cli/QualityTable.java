package com.partnercx.cli;

import com.partnercx.tables.DeliveryStatus;
import com.partnercx.tables.FeedDayQuality;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Data-quality tables for the terminal: per feed (end of a nightly run) and per feed-day. */
final class QualityTable {
  private static final String FEED_HEADER =
      "%-22s %6s %5s %5s %10s %10s %8s %8s %10s %5s %5s %6s%n";
  private static final String FEED_ROW =
      "%-22s %,6d %,5d %,5d %,10d %,10d %,8d %,8d %,10d %,5d %,5d %6s%n";

  private QualityTable() {}

  /** One line per feed over all the dates checked, then a total line. */
  static String perFeed(List<FeedDayQuality> results) {
    Map<String, List<FeedDayQuality>> byFeed =
        results.stream()
            .collect(
                Collectors.groupingBy(FeedDayQuality::feedId, TreeMap::new, Collectors.toList()));
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            FEED_HEADER,
            "feed",
            "files",
            "rej",
            "dup",
            "rows in",
            "bronze",
            "quarant",
            "refused",
            "silver",
            "miss",
            "late",
            "gate"));
    byFeed.forEach((feed, days) -> out.append(line(feed, days)));
    out.append(line("total", results));
    return out.toString();
  }

  private static String line(String label, List<FeedDayQuality> days) {
    long failed = days.stream().filter(d -> !d.gatePassed()).count();
    return String.format(
        Locale.ROOT,
        FEED_ROW,
        label,
        days.stream().mapToLong(FeedDayQuality::filesIngested).sum(),
        days.stream().mapToLong(FeedDayQuality::filesRejected).sum(),
        days.stream().mapToLong(FeedDayQuality::filesDuplicate).sum(),
        days.stream().mapToLong(FeedDayQuality::rowsDelivered).sum(),
        days.stream().mapToLong(FeedDayQuality::rowsBronze).sum(),
        days.stream().mapToLong(FeedDayQuality::rowsQuarantined).sum(),
        days.stream().mapToLong(FeedDayQuality::rowsRefused).sum(),
        days.stream().mapToLong(FeedDayQuality::rowsSilver).sum(),
        days.stream()
            .filter(
                d ->
                    d.delivery() == DeliveryStatus.MISSING
                        || d.delivery() == DeliveryStatus.REJECTED)
            .count(),
        days.stream().filter(d -> d.delivery() == DeliveryStatus.LATE).count(),
        failed == 0 ? "ok" : failed + " fail");
  }

  /** One line per feed and date, then the rules and file errors of the lines that need them. */
  static String perFeedDay(List<FeedDayQuality> results) {
    StringBuilder out = new StringBuilder();
    String header = "%-22s %-10s %-12s %5s %5s %9s %9s %8s %8s %9s %7s %7s %-4s%n";
    out.append(
        String.format(
            Locale.ROOT,
            header,
            "feed",
            "date",
            "delivery",
            "files",
            "rej",
            "rows in",
            "bronze",
            "quarant",
            "refused",
            "silver",
            "reject%",
            "max%",
            "gate"));
    for (FeedDayQuality q : results) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-22s %-10s %-12s %,5d %,5d %,9d %,9d %,8d %,8d %,9d %6.1f%% %6.1f%% %-4s%n",
              q.feedId(),
              q.deliveryDate(),
              q.delivery().label(),
              q.filesIngested(),
              q.filesRejected(),
              q.rowsDelivered(),
              q.rowsBronze(),
              q.rowsQuarantined(),
              q.rowsRefused(),
              q.rowsSilver(),
              100 * q.rejectRate(),
              100 * q.gate().maxRejectRate(),
              q.gatePassed() ? "pass" : "FAIL"));
    }
    List<FeedDayQuality> notable =
        results.stream().filter(q -> q.rowsRejected() > 0 || q.fileErrors() != null).toList();
    if (!notable.isEmpty()) {
      out.append(System.lineSeparator()).append("Quarantined rows by rule, rejected files:");
      out.append(System.lineSeparator());
      for (FeedDayQuality q : notable) {
        if (q.rowsRejected() > 0) {
          out.append(
              String.format(
                  Locale.ROOT, "  %s %s: %s%n", q.feedId(), q.deliveryDate(), q.rulesByCount()));
        }
        if (q.fileErrors() != null) {
          for (String error : q.fileErrors().split("\n")) {
            out.append(
                String.format(
                    Locale.ROOT, "  %s %s: rejected %s%n", q.feedId(), q.deliveryDate(), error));
          }
        }
      }
    }
    return out.toString();
  }
}
