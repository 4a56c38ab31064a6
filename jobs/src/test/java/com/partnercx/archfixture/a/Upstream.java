package com.partnercx.archfixture.a;

import com.partnercx.archfixture.b.Downstream;

/** Half of a deliberate package cycle, so the architecture test shows it detects one. */
public final class Upstream {
  private Upstream() {}

  public static int next(int n) {
    return n > 0 ? Downstream.next(n - 1) : 0;
  }
}
