package com.partnercx.reports;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * Colours and fonts the charts share with the templates. The fonts are the DejaVu faces bundled
 * with JasperReports' font extension, loaded from the classpath, so charts look the same on a
 * machine without any system fonts.
 */
final class ChartStyle {
  static final Color INK = new Color(0x1E2A38);
  static final Color MUTED = new Color(0x7A8797);
  static final Color GRID = new Color(0xD5DBE3);
  static final Color NAVY = new Color(0x1F3A5F);
  static final Color ACCENT = new Color(0xD9822B);
  static final Color BAND = new Color(0xB8C7DA);

  private static final Font REGULAR = load("DejaVuSans.ttf");
  private static final Font BOLD = load("DejaVuSans-Bold.ttf");

  private static final Map<String, Color> TIERS =
      Map.of(
          "platinum", new Color(0x3E5C76),
          "gold", new Color(0xB08D2E),
          "silver", new Color(0x8A939E),
          "bronze", new Color(0xA0673A),
          "probation", new Color(0xB3413B),
          "insufficient_data", new Color(0xD5DBE3));

  private static final Color[] OTHER_TIERS = {
    new Color(0x5B8E7D), new Color(0x7D5BA6), new Color(0x4A90A4), new Color(0xC06C84)
  };

  private ChartStyle() {}

  static Font regular(float size) {
    return REGULAR.deriveFont(size);
  }

  static Font bold(float size) {
    return BOLD.deriveFont(size);
  }

  /** The tier's colour, the same as the badge on the scorecard; unknown tiers get a steady one. */
  static Color tier(String tier) {
    Color known = TIERS.get(tier.toLowerCase(Locale.ROOT));
    return known != null ? known : OTHER_TIERS[Math.floorMod(tier.hashCode(), OTHER_TIERS.length)];
  }

  private static Font load(String file) {
    String resource = "/net/sf/jasperreports/fonts/dejavu/" + file;
    try (InputStream in = ChartStyle.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            resource
                + " is missing: add net.sf.jasperreports:jasperreports-fonts to the classpath");
      }
      return Font.createFont(Font.TRUETYPE_FONT, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (FontFormatException e) {
      throw new IllegalStateException(resource + " is not a TrueType font", e);
    }
  }
}
