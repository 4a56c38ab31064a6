package com.partnercx.archfixture.b;

import com.partnercx.archfixture.a.Upstream;

/** The other half of the deliberate package cycle of {@link Upstream}. */
public final class Downstream {
  private Downstream() {}

  public static int next(int n) {
    return n > 0 ? Upstream.next(n - 1) : 0;
  }
}
