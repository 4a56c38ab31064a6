package com.partnercx;

/** Programs for tests that need one to configure a feed, not to check its figures. */
public final class TestPrograms {
  private TestPrograms() {}

  /**
   * The entry of a program under {@code programs:} (indented two spaces) that scores the on-time
   * rate alone and has a single tier.
   */
  public static String onTimeOnly(String id, String name, String currency) {
    return String.join(
        "\n",
        "  " + id + ":",
        "    name: " + name,
        "    currency: " + currency,
        "    metrics:",
        "      on_time_rate: {weight: 1, direction: higher_is_better, floor: 0.5, target: 0.9}",
        "    tiers:",
        "      - {name: all, min_composite: 0, payout_pct: 0}",
        "");
  }
}
