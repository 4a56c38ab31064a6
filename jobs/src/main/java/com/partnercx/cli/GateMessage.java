package com.partnercx.cli;

import com.partnercx.tables.FeedDayQuality;
import java.time.LocalDate;
import java.util.List;

/** What the user reads when the quality gate held dates back, and what to do about it. */
final class GateMessage {
  private static final int SHOWN = 20;

  private GateMessage() {}

  static String of(List<FeedDayQuality> quality, List<LocalDate> held) {
    List<FeedDayQuality> failures = quality.stream().filter(q -> !q.gatePassed()).toList();
    StringBuilder out =
        new StringBuilder("Quality gate: the daily score of ")
            .append(held.size())
            .append(" delivery date(s) waits, because these feed-days rejected too many rows:\n");
    failures.stream()
        .limit(SHOWN)
        .forEach(f -> out.append("  - ").append(f.gateSentence()).append('\n'));
    if (failures.size() > SHOWN) {
      out.append("  ... and ").append(failures.size() - SHOWN).append(" more\n");
    }
    return out.append("See `pcx dq --date ")
        .append(held.get(0))
        .append(
            "` for the rules and files. Have the partner re-deliver a fixed extract and run the")
        .append(" date again, or raise quality.max_reject_rate in the feed's YAML and run")
        .append(" `pcx gate --date ")
        .append(held.get(0))
        .append("` again.")
        .toString();
  }
}
