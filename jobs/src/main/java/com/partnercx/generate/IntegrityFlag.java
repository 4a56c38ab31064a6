package com.partnercx.generate;

import com.partnercx.schema.Entity;
import java.util.Arrays;
import java.util.List;

/**
 * A survey-integrity pattern the generator can plant in one partner, by the name the scorer gives
 * its flag, with the columns the partner's feeds must carry for the pattern to be seen in silver.
 */
enum IntegrityFlag {
  /** Every response of the partner gives the top score. */
  TOP_SCORE_SHARE("top_score_share", new Need(Entity.SURVEY_RESPONSE, "nps")),

  /** A few customers hold a large share of the partner's surveyed service events. */
  CONCENTRATED_CUSTOMERS(
      "concentrated_customers",
      new Need(Entity.SURVEY_RESPONSE, "event_id"),
      new Need(Entity.SERVICE_EVENT, "customer_key")),

  /** Responses arrive in runs seconds apart; the survey feed must keep seconds. */
  RESPONSE_BURSTS("response_bursts", new Need(Entity.SURVEY_RESPONSE, "responded_at")),

  /** Responses per completed service event collapse in the last quarter. */
  RESPONSE_RATE_DROP(
      "response_rate_drop",
      new Need(Entity.SURVEY_RESPONSE, "responded_at"),
      new Need(Entity.SERVICE_EVENT, "status")),

  /** Top CSAT while complaints pile up. */
  CSAT_CONTRADICTS_COMPLAINTS(
      "csat_contradicts_complaints",
      new Need(Entity.SURVEY_RESPONSE, "csat"),
      new Need(Entity.COMPLAINT, "opened_at"),
      new Need(Entity.SERVICE_EVENT, "status")),

  /** Comments quote the partner asking for a top score. */
  SCORE_SOLICITATION("score_solicitation", new Need(Entity.SURVEY_RESPONSE, "comment"));

  /**
   * Phrases asking for a score, written into every generated program's integrity settings and
   * quoted by the comments of the partner planted with {@link #SCORE_SOLICITATION}. No digit run
   * looks like a phone number, so masking in conform leaves them intact.
   */
  static final List<String> SOLICITATION_PHRASES =
      List.of("rate us 10", "give us 5 stars", "please score us 10");

  /**
   * A column the partner's feeds of one entity must carry.
   *
   * @param entity the entity whose feeds are checked
   * @param column the canonical column
   */
  record Need(Entity entity, String column) {}

  private final String id;
  private final List<Need> needs;

  IntegrityFlag(String id, Need... needs) {
    this.id = id;
    this.needs = List.of(needs);
  }

  /** The flag's name as the scorer writes it. */
  String id() {
    return id;
  }

  /** The flag of a name, or null when no flag has that name. */
  static IntegrityFlag of(String id) {
    return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst().orElse(null);
  }

  /** Every flag name, in declaration order. */
  static List<String> ids() {
    return Arrays.stream(values()).map(IntegrityFlag::id).toList();
  }

  /**
   * Whether partners of {@code type} can show this pattern: for every entity the flag needs, the
   * type has at least one feed of it, and each such feed carries the column (bursts further need
   * timestamps with seconds, which the FixIt survey feed does not keep).
   */
  boolean fits(PartnerType type, List<FeedSpec> feeds) {
    for (Need need : needs) {
      List<FeedSpec> carrying =
          feeds.stream()
              .filter(f -> f.entity() == need.entity() && f.types().contains(type))
              .toList();
      if (carrying.isEmpty()
          || carrying.stream().anyMatch(f -> !f.columns().containsKey(need.column()))) {
        return false;
      }
      if (this == RESPONSE_BURSTS
          && carrying.stream().anyMatch(f -> !f.timestampPattern().contains("ss"))) {
        return false;
      }
    }
    return true;
  }
}
