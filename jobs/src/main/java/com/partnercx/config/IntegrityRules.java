package com.partnercx.config;

import java.util.List;

/**
 * How a program checks the integrity of its partners' surveys (programs.yaml {@code
 * integrity_action} and {@code integrity}): the thresholds of each flag and what a flag does.
 *
 * @param action what a flag does to the scorecard
 * @param minResponses the fewest responses (or, for the response-rate drop, responses of the
 *     previous period) a partner needs in a period before a rate or share of them is judged
 * @param topShareMargin how far above the program's share of top scores a partner's share must be
 * @param concentrationTop how many of the most frequent customer keys are counted
 * @param concentrationShare the share of keyed responses those customers must hold to be flagged
 * @param burstSeconds the most seconds between two responses of one burst
 * @param burstMinResponses the fewest responses that make a burst
 * @param burstShare the share of responses lying in bursts that is flagged
 * @param responseDrop the relative fall of the response rate against the previous period that is
 *     flagged (0.5: halved)
 * @param phrases phrases asking for scores, matched in comments without regard to case
 * @param phraseMinComments the fewest comments holding a phrase that are flagged
 */
public record IntegrityRules(
    Action action,
    int minResponses,
    double topShareMargin,
    int concentrationTop,
    double concentrationShare,
    int burstSeconds,
    int burstMinResponses,
    double burstShare,
    double responseDrop,
    List<String> phrases,
    int phraseMinComments) {

  /** What a survey-integrity flag does. */
  public enum Action {
    /** Flags are shown to the brand's staff; the scorecard is unchanged. */
    FLAG("flag"),
    /** The survey metrics of a flagged partner are left out of its composite. */
    EXCLUDE_FLAGGED("exclude_flagged");

    private final String word;

    Action(String word) {
      this.word = word;
    }

    /** The word used in programs.yaml. */
    public String word() {
      return word;
    }
  }

  public static final int DEFAULT_MIN_RESPONSES = 30;
  public static final double DEFAULT_TOP_SHARE_MARGIN = 0.20;
  public static final int DEFAULT_CONCENTRATION_TOP = 3;
  public static final double DEFAULT_CONCENTRATION_SHARE = 0.25;
  public static final int DEFAULT_BURST_SECONDS = 60;
  public static final int DEFAULT_BURST_MIN_RESPONSES = 5;
  public static final double DEFAULT_BURST_SHARE = 0.10;
  public static final double DEFAULT_RESPONSE_DROP = 0.5;
  public static final int DEFAULT_PHRASE_MIN_COMMENTS = 2;

  /** Every threshold at its default, flags shown only, no phrases. */
  public static final IntegrityRules DEFAULT =
      new IntegrityRules(
          Action.FLAG,
          DEFAULT_MIN_RESPONSES,
          DEFAULT_TOP_SHARE_MARGIN,
          DEFAULT_CONCENTRATION_TOP,
          DEFAULT_CONCENTRATION_SHARE,
          DEFAULT_BURST_SECONDS,
          DEFAULT_BURST_MIN_RESPONSES,
          DEFAULT_BURST_SHARE,
          DEFAULT_RESPONSE_DROP,
          List.of(),
          DEFAULT_PHRASE_MIN_COMMENTS);

  public IntegrityRules {
    phrases = List.copyOf(phrases);
  }

  /** Whether a flag leaves the partner's survey metrics out of its composite. */
  public boolean excludesFlagged() {
    return action == Action.EXCLUDE_FLAGGED;
  }
}
