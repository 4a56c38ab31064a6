package com.partnercx.score;

/** The interval formulas of DESIGN.md "Metrics". */
final class Statistics {
  /** Two-sided 95% normal quantile. */
  static final double Z95 = 1.959963984540054;

  private Statistics() {}

  /** Wilson score interval for {@code successes} out of {@code n}; null for n = 0. */
  static double[] wilson(long successes, long n) {
    if (n == 0) {
      return null;
    }
    double p = (double) successes / n;
    double z2 = Z95 * Z95;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / denominator;
    double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }

  /** clamp((value - floor) / (target - floor), 0, 1) x 100; works for both directions. */
  static double metricScore(double value, double floor, double target) {
    double share = (value - floor) / (target - floor);
    return Math.max(0, Math.min(1, share)) * 100;
  }
}
