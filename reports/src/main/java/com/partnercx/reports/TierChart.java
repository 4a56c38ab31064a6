package com.partnercx.reports;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One stacked bar per program: its partners by tier, with a legend of the tiers. */
final class TierChart extends Chart {
  private static final long serialVersionUID = 1L;
  private static final double LABEL = 92;
  private static final double LEGEND = 26;

  private final Map<String, List<PortfolioReport.ProgramTier>> programs = new LinkedHashMap<>();
  private final List<String> tiers = new ArrayList<>();

  TierChart(List<PortfolioReport.ProgramTier> counts) {
    for (PortfolioReport.ProgramTier count : counts) {
      programs.computeIfAbsent(count.program(), p -> new ArrayList<>()).add(count);
      if (!tiers.contains(count.tier())) {
        tiers.add(count.tier());
      }
    }
  }

  @Override
  void draw(Graphics2D g, double width, double height) {
    if (programs.isEmpty()) {
      return;
    }
    double barsH = height - LEGEND;
    double rowH = Math.min(22, barsH / programs.size());
    double barW = width - LABEL - 4;
    int row = 0;
    for (var entry : programs.entrySet()) {
      double y = row++ * rowH;
      int total = entry.getValue().stream().mapToInt(PortfolioReport.ProgramTier::partners).sum();
      g.setColor(ChartStyle.INK);
      g.setFont(ChartStyle.regular(7f));
      g.drawString(clip(g, entry.getKey(), LABEL - 6), 0f, (float) (y + rowH / 2 + 2.5));
      double x = LABEL;
      for (PortfolioReport.ProgramTier count : entry.getValue()) {
        if (count.partners() == 0 || total == 0) {
          continue;
        }
        double w = barW * count.partners() / total;
        g.setColor(ChartStyle.tier(count.tier()));
        g.fill(new Rectangle2D.Double(x, y + 3, w, rowH - 6));
        String label = Integer.toString(count.partners());
        if (width(g, label, ChartStyle.bold(6.5f)) + 4 < w) {
          g.setColor(
              count.tier().equals("insufficient_data") ? ChartStyle.INK : java.awt.Color.WHITE);
          centred(g, label, ChartStyle.bold(6.5f), x + w / 2, y + rowH / 2 + 2.5);
        }
        x += w;
      }
    }
    double x = 0;
    double legendY = programs.size() * rowH + 11;
    for (String tier : tiers) {
      String label = ScorecardFormat.tierLabel(tier).toLowerCase(java.util.Locale.ROOT);
      double itemW = 14 + width(g, label, ChartStyle.regular(6.5f));
      if (x > 0 && x + itemW > width) {
        x = 0;
        legendY += 10;
      }
      g.setColor(ChartStyle.tier(tier));
      g.fill(new Rectangle2D.Double(x, legendY - 6, 7, 7));
      g.setColor(ChartStyle.MUTED);
      g.setFont(ChartStyle.regular(6.5f));
      g.drawString(label, (float) x + 10, (float) legendY);
      x += itemW;
    }
  }

  private static String clip(Graphics2D g, String text, double max) {
    String out = text;
    while (out.length() > 3 && width(g, out, ChartStyle.regular(7f)) > max) {
      out = out.substring(0, out.length() - 2) + "\u2026";
    }
    return out;
  }
}
