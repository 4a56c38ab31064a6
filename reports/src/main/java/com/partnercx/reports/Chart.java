package com.partnercx.reports;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import net.sf.jasperreports.engine.JasperReportsContext;
import net.sf.jasperreports.renderers.AbstractRenderToImageAwareRenderer;
import net.sf.jasperreports.renderers.Graphics2DRenderable;

/**
 * A chart drawn with Java2D straight into the PDF (vector, not a bitmap). Subclasses draw into a
 * box of the image element's size, in points, origin top left.
 */
abstract class Chart extends AbstractRenderToImageAwareRenderer implements Graphics2DRenderable {
  private static final long serialVersionUID = 1L;

  @Override
  public final void render(JasperReportsContext context, Graphics2D g, Rectangle2D box) {
    AffineTransform saved = g.getTransform();
    try {
      g.translate(box.getX(), box.getY());
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      draw(g, box.getWidth(), box.getHeight());
    } finally {
      g.setTransform(saved);
    }
  }

  abstract void draw(Graphics2D g, double width, double height);

  /** Draws text centred on x with its baseline at y. */
  static void centred(Graphics2D g, String text, Font font, double x, double y) {
    g.setFont(font);
    float w = (float) g.getFontMetrics().getStringBounds(text, g).getWidth();
    g.drawString(text, (float) x - w / 2, (float) y);
  }

  /** Draws text ending at x with its baseline at y. */
  static void rightAligned(Graphics2D g, String text, Font font, double x, double y) {
    g.setFont(font);
    float w = (float) g.getFontMetrics().getStringBounds(text, g).getWidth();
    g.drawString(text, (float) x - w, (float) y);
  }

  static double width(Graphics2D g, String text, Font font) {
    g.setFont(font);
    return g.getFontMetrics().getStringBounds(text, g).getWidth();
  }
}
