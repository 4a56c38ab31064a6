package com.partnercx.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The beta-binomial prior and the shrunk rates, worked out by hand. */
class ShrinkageTest {
  private static final double EPS = 1e-9;

  @Test
  void fitsThePriorByTheMethodOfMomentsAndShrinksSmallSamplesTowardsTheMean() {
    // 8/10, 2/10, 5/10: m = 15/30 = 0.5; S = 10 x 0.3^2 x 2 = 1.8; k = 3;
    // N - sum n^2 / N = 30 - 300/30 = 20; rho = (1.8 - 0.25 x 2) / (0.25 x 20) = 0.26;
    // M = 1/0.26 - 1 = 2.846153846...
    Shrinkage prior =
        Shrinkage.fit(List.of(new long[] {8, 10}, new long[] {2, 10}, new long[] {5, 10}));
    assertEquals(0.5, prior.mean(), EPS);
    assertEquals(1 / 0.26 - 1, prior.strength(), EPS);
    // (8 + 0.5 M) / (10 + M) = 9.4230769 / 12.8461538
    assertEquals(0.7335329341, prior.adjust(8, 10), 1e-9);
    assertEquals(0.2664670659, prior.adjust(2, 10), 1e-9);
    assertEquals(0.5, prior.adjust(5, 10), EPS);
    // A large sample barely moves: (800 + 1.4230769) / (1000 + 2.8461538)
    assertEquals(0.7991486, prior.adjust(800, 1000), 1e-7); // 801.4230769 / 1002.8461538
  }

  @Test
  void ratesNoMoreSpreadThanNoiseArePooledCompletely() {
    // 5/10 and 5/10: S = 0, so rho = -0.25 / (0.25 x 10) < 0.
    Shrinkage prior = Shrinkage.fit(List.of(new long[] {5, 10}, new long[] {5, 10}));
    assertTrue(Double.isInfinite(prior.strength()));
    assertEquals(0.5, prior.adjust(9, 10), EPS);
  }

  @Test
  void nothingIsFittedForOnePartnerOrADegenerateMean() {
    assertNull(Shrinkage.fit(List.of(new long[] {3, 10})));
    assertNull(Shrinkage.fit(List.of(new long[] {3, 10}, new long[] {0, 0})), "n = 0 is no data");
    assertNull(Shrinkage.fit(List.of(new long[] {0, 10}, new long[] {0, 20})), "mean 0");
    assertNull(Shrinkage.fit(List.of(new long[] {10, 10}, new long[] {20, 20})), "mean 1");
  }
}
