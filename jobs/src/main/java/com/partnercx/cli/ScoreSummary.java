package com.partnercx.cli;

import com.partnercx.config.PcxConfig;
import com.partnercx.config.Program;
import com.partnercx.config.Tier;
import com.partnercx.score.ScorecardCalculator;
import com.partnercx.tables.Scorecard;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The per-program table printed after scoring: partners per tier, payout total, insufficient data.
 */
final class ScoreSummary {
  private ScoreSummary() {}

  static String render(PcxConfig config, List<Scorecard> scorecards) {
    StringBuilder out = new StringBuilder();
    for (Program program : config.programs().values()) {
      List<Scorecard> mine =
          scorecards.stream().filter(s -> s.programId().equals(program.id())).toList();
      if (mine.isEmpty()) {
        continue;
      }
      out.append(
          String.format(
              Locale.ROOT, "%s (%s): %d partners%n", program.name(), program.id(), mine.size()));
      StringBuilder tiers = new StringBuilder("  ");
      for (Tier tier : program.tiers()) {
        long n = mine.stream().filter(s -> s.tier().equals(tier.name())).count();
        tiers.append(String.format(Locale.ROOT, "%s %d  ", tier.name(), n));
      }
      long insufficient =
          mine.stream().filter(s -> s.tier().equals(ScorecardCalculator.INSUFFICIENT_DATA)).count();
      tiers.append(String.format(Locale.ROOT, "insufficient data %d", insufficient));
      out.append(tiers.toString().stripTrailing()).append(System.lineSeparator());
      BigDecimal payout =
          mine.stream()
              .map(Scorecard::payout)
              .filter(p -> p != null)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      out.append(
          String.format(Locale.ROOT, "  payout total %,.2f %s%n", payout, program.currency()));
    }
    return out.toString();
  }
}
