package com.partnercx.stats;

/** The interval and significance formulas of the metric definitions (docs/metrics.md). */
public final class Statistics {
  /** Two-sided 95% normal quantile. */
  public static final double Z95 = 1.959963984540054;

  private Statistics() {}

  /** Wilson score interval for {@code successes} out of {@code n}; null for n = 0. */
  public static double[] wilson(long successes, long n) {
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
  public static double metricScore(double value, double floor, double target) {
    double share = (value - floor) / (target - floor);
    return Math.max(0, Math.min(1, share)) * 100;
  }

  /** Two-proportion z-test, pooled: whether x1/n1 and x2/n2 differ at 95%; null if n is 0. */
  public static Boolean twoProportionSignificant(long x1, long n1, long x2, long n2) {
    if (n1 == 0 || n2 == 0) {
      return null;
    }
    double pooled = (double) (x1 + x2) / (n1 + n2);
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
    if (se == 0) {
      return false;
    }
    double z = ((double) x1 / n1 - (double) x2 / n2) / se;
    return Math.abs(z) > Z95;
  }

  /**
   * Whether two NPS values differ at 95%: z = (NPS1 - NPS2) / sqrt(se1^2 + se2^2), where an NPS's
   * standard error is 100 x sqrt((p + d - (p - d)^2) / n).
   */
  public static Boolean npsChangeSignificant(
      long promoters1, long detractors1, long n1, long promoters2, long detractors2, long n2) {
    if (n1 == 0 || n2 == 0) {
      return null;
    }
    double se1 = npsStandardError(promoters1, detractors1, n1);
    double se2 = npsStandardError(promoters2, detractors2, n2);
    double se = Math.sqrt(se1 * se1 + se2 * se2);
    double difference =
        100.0
            * ((double) (promoters1 - detractors1) / n1 - (double) (promoters2 - detractors2) / n2);
    if (se == 0) {
      return difference != 0;
    }
    return Math.abs(difference / se) > Z95;
  }

  public static double npsStandardError(long promoters, long detractors, long n) {
    double p = (double) promoters / n;
    double d = (double) detractors / n;
    return 100 * Math.sqrt((p + d - (p - d) * (p - d)) / n);
  }

  /**
   * Whether two published NPS values differ at 95%, from each one's 95% interval: z = (NPS1 - NPS2)
   * / sqrt(se1^2 + se2^2), se = interval half-width / z95 (the interval is +-z95 x se).
   */
  public static Boolean npsChangeSignificant(
      double nps1, double ciHigh1, double nps2, double ciHigh2) {
    double se1 = (ciHigh1 - nps1) / Z95;
    double se2 = (ciHigh2 - nps2) / Z95;
    double se = Math.sqrt(se1 * se1 + se2 * se2);
    double difference = nps1 - nps2;
    if (se < 1e-12) {
      return Math.abs(difference) > 1e-9;
    }
    return Math.abs(difference / se) > Z95;
  }
}
