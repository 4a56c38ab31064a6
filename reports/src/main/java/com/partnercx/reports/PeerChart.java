package com.partnercx.reports;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * Where a partner's composite sits in its peer group: the 0..100 scale, the middle half of the
 * group as a band (25th to 75th percentile), the median, and the partner as a marker. Only
 * aggregates of the group are drawn, never another partner's figure.
 */
final class PeerChart extends Chart {
  private static final long serialVersionUID = 1L;
  private static final double SIDE = 12;

  private final PeerStanding peers;
  private final Double composite;

  PeerChart(PeerStanding peers, Double composite) {
    this.peers = peers;
    this.composite = composite;
  }

  @Override
  void draw(Graphics2D g, double width, double height) {
    double axisW = width - 2 * SIDE;
    double axisY = height * 0.55;
    if (!peers.comparable()) {
      g.setColor(ChartStyle.MUTED);
      centred(
          g,
          "Peer group of " + peers.partners() + " is too small to compare",
          ChartStyle.regular(7f),
          width / 2,
          axisY);
      return;
    }
    g.setColor(ChartStyle.GRID);
    g.setStroke(new BasicStroke(0.5f));
    for (int level = 0; level <= 100; level += 25) {
      double x = x(level, axisW);
      g.draw(new Line2D.Double(x, axisY - 16, x, axisY + 16));
      g.setColor(ChartStyle.MUTED);
      centred(g, Integer.toString(level), ChartStyle.regular(6f), x, axisY + 26);
      g.setColor(ChartStyle.GRID);
    }
    double low = x(peers.p25(), axisW);
    double high = x(peers.p75(), axisW);
    g.setColor(ChartStyle.BAND);
    g.fill(new Rectangle2D.Double(low, axisY - 9, Math.max(high - low, 1), 18));
    double median = x(peers.median(), axisW);
    g.setColor(ChartStyle.NAVY);
    g.setStroke(new BasicStroke(2f));
    g.draw(new Line2D.Double(median, axisY - 11, median, axisY + 11));
    g.setColor(ChartStyle.MUTED);
    centred(
        g,
        "median " + ScorecardFormat.score(peers.median()),
        ChartStyle.regular(6.5f),
        median,
        axisY + 36);
    if (composite != null) {
      double x = x(composite, axisW);
      Path2D marker = new Path2D.Double();
      marker.moveTo(x, axisY - 2);
      marker.lineTo(x - 5, axisY - 12);
      marker.lineTo(x + 5, axisY - 12);
      marker.closePath();
      g.setColor(ChartStyle.ACCENT);
      g.fill(marker);
      g.setColor(ChartStyle.INK);
      centred(g, "this partner " + ScorecardFormat.score(composite), ChartStyle.bold(7f), x, 10);
    }
  }

  private static double x(double value, double axisW) {
    return SIDE + axisW * Math.max(0, Math.min(100, value)) / 100.0;
  }
}
