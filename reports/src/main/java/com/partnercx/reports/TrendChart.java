package com.partnercx.reports;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.util.List;

/** A 0..100 index over periods: gridlines, the line, a dot and the value at each period. */
final class TrendChart extends Chart {
  private static final long serialVersionUID = 1L;
  private static final double LEFT = 22;
  private static final double RIGHT = 14;
  private static final double TOP = 14;
  private static final double BOTTOM = 16;

  private final List<PeriodValue> points;

  TrendChart(List<PeriodValue> points) {
    this.points = List.copyOf(points);
  }

  @Override
  void draw(Graphics2D g, double width, double height) {
    double plotW = width - LEFT - RIGHT;
    double plotH = height - TOP - BOTTOM;
    g.setStroke(new BasicStroke(0.5f));
    for (int level = 0; level <= 100; level += 25) {
      double y = TOP + plotH * (1 - level / 100.0);
      g.setColor(ChartStyle.GRID);
      g.draw(new Line2D.Double(LEFT, y, LEFT + plotW, y));
      g.setColor(ChartStyle.MUTED);
      rightAligned(g, Integer.toString(level), ChartStyle.regular(6f), LEFT - 4, y + 2);
    }
    if (points.isEmpty()) {
      return;
    }
    double step = plotW / points.size();
    double[] xs = new double[points.size()];
    for (int i = 0; i < points.size(); i++) {
      xs[i] = LEFT + step * (i + 0.5);
      g.setColor(ChartStyle.MUTED);
      centred(g, points.get(i).period(), ChartStyle.regular(6.5f), xs[i], height - 4);
    }
    g.setColor(ChartStyle.NAVY);
    g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    for (int i = 1; i < points.size(); i++) {
      Double from = points.get(i - 1).value();
      Double to = points.get(i).value();
      if (from != null && to != null) {
        g.draw(new Line2D.Double(xs[i - 1], y(from, plotH), xs[i], y(to, plotH)));
      }
    }
    for (int i = 0; i < points.size(); i++) {
      Double value = points.get(i).value();
      boolean last = i == points.size() - 1;
      if (value == null) {
        g.setColor(ChartStyle.MUTED);
        centred(g, "n/a", ChartStyle.regular(6.5f), xs[i], TOP + plotH / 2);
        continue;
      }
      double y = y(value, plotH);
      double r = last ? 3.2 : 2.4;
      g.setColor(last ? ChartStyle.ACCENT : ChartStyle.NAVY);
      g.fill(new Ellipse2D.Double(xs[i] - r, y - r, 2 * r, 2 * r));
      g.setColor(ChartStyle.INK);
      centred(
          g,
          ScorecardFormat.score(value),
          last ? ChartStyle.bold(7f) : ChartStyle.regular(6.5f),
          xs[i],
          y - 5);
    }
  }

  private static double y(double value, double plotH) {
    return TOP + plotH * (1 - Math.max(0, Math.min(100, value)) / 100.0);
  }
}
