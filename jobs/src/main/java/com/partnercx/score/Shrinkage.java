package com.partnercx.score;

import java.util.List;

/**
 * Beta-binomial empirical Bayes for a rate metric across a program's partners in a period
 * (docs/metrics.md "From metric to payout"). The prior is fitted by the method of moments with
 * binomial noise taken out, and a partner's rate moves towards the program mean by as much as its
 * sample is small:
 *
 * <pre>
 * mean    m   = sum x / sum n
 * spread  S   = sum n_i (p_i - m)^2
 * rho         = (S - m(1-m)(k-1)) / (m(1-m)(N - sum n_i^2 / N))   over the k partners with n_i > 0
 * strength M  = 1/rho - 1                    (the prior's alpha + beta; alpha = m M)
 * adjusted    = (x + m M) / (n + M)
 * </pre>
 *
 * When the rates vary no more than binomial noise alone would make them (rho <= 0) every partner is
 * the program mean ({@link #complete}); with fewer than two partners, or a mean of 0 or 1, nothing
 * is shrunk.
 *
 * @param mean the program mean m
 * @param strength the prior strength M; infinite for complete pooling
 */
public record Shrinkage(double mean, double strength) {

  /** The prior fitted to {@code [successes, n]} pairs, or null when nothing can be fitted. */
  public static Shrinkage fit(List<long[]> partners) {
    List<long[]> withData = partners.stream().filter(p -> p[1] > 0).toList();
    int k = withData.size();
    if (k < 2) {
      return null;
    }
    double x = 0;
    double total = 0;
    double squares = 0;
    for (long[] p : withData) {
      x += p[0];
      total += p[1];
      squares += (double) p[1] * p[1];
    }
    double m = x / total;
    if (m <= 0 || m >= 1) {
      return null;
    }
    double spread = 0;
    for (long[] p : withData) {
      double rate = (double) p[0] / p[1];
      spread += p[1] * (rate - m) * (rate - m);
    }
    double rho = (spread - m * (1 - m) * (k - 1)) / (m * (1 - m) * (total - squares / total));
    if (rho <= 0) {
      return complete(m);
    }
    return new Shrinkage(m, Math.max(0, 1 / rho - 1));
  }

  /** Every partner at the program mean. */
  static Shrinkage complete(double mean) {
    return new Shrinkage(mean, Double.POSITIVE_INFINITY);
  }

  /** The adjusted rate of {@code successes} out of {@code n}. */
  public double adjust(long successes, long n) {
    if (Double.isInfinite(strength)) {
      return mean;
    }
    return (successes + mean * strength) / (n + strength);
  }
}
