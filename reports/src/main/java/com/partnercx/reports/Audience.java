package com.partnercx.reports;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Who a PDF is written for; decides what it may show. */
public enum Audience {
  /** The partner itself: peers only as anonymous aggregates, never another partner's name or id. */
  PARTNER("Partner edition"),
  /** The brand's partner-relations team: adds the partner's rank in its program. */
  INTERNAL("Internal \u2013 not for distribution"),
  /**
   * Whoever prepares or leads a review: one page per partner with tier, composite and trend, the
   * three opportunities, what it takes to reach the next tier and the payout; ranks as internal.
   */
  BRIEF("Brief \u2013 internal"),
  /** Executives: the portfolio report over every partner. */
  EXECUTIVE("Executive portfolio");

  private final String label;

  Audience(String label) {
    this.label = label;
  }

  /** The id used on the command line, in folder names and in the manifest. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** How the PDF names its audience. */
  public String label() {
    return label;
  }

  public static Optional<Audience> byId(String id) {
    return Arrays.stream(values()).filter(a -> a.id().equals(id)).findFirst();
  }
}
