package com.partnercx.tables;

import java.time.Instant;
import java.util.List;

/**
 * A partner's appeal against items behind one metric of one period's scorecard, as it stands after
 * its latest change (a row of {@code ops/appeals}).
 *
 * @param id, ... in the order they were filed
 * @param partnerId the partner appealing
 * @param period the period label
 * @param metric the metric id the items are to be excluded from
 * @param items the keys of the records named (event ids, response ids, complaint ids ...)
 * @param reason the program's reason code
 * @param evidence what the partner gives as evidence
 * @param filedBy who filed it
 * @param filedAt when
 * @param decision {@link #ACCEPTED}, {@link #REJECTED}, or null while it waits for a decision
 * @param decidedBy who decided it, null while undecided
 * @param decidedAt when, null while undecided
 * @param note the decision's note, null while undecided
 * @param reissuedAt when the partner's PDFs were last rendered after the decision, or null
 */
public record Appeal(
    String id,
    String partnerId,
    String period,
    String metric,
    List<String> items,
    String reason,
    String evidence,
    String filedBy,
    Instant filedAt,
    String decision,
    String decidedBy,
    Instant decidedAt,
    String note,
    Instant reissuedAt) {
  public static final String ACCEPTED = "accepted";
  public static final String REJECTED = "rejected";

  public Appeal {
    items = List.copyOf(items);
  }

  public boolean accepted() {
    return ACCEPTED.equals(decision);
  }

  public boolean decided() {
    return decision != null;
  }

  /** The appeal with its decision. */
  public Appeal decide(boolean accept, String by, Instant at, String decisionNote) {
    return new Appeal(
        id,
        partnerId,
        period,
        metric,
        items,
        reason,
        evidence,
        filedBy,
        filedAt,
        accept ? ACCEPTED : REJECTED,
        by,
        at,
        decisionNote,
        null);
  }

  /** The appeal once the partner's PDFs were rendered with its decision. */
  public Appeal reissued(Instant at) {
    return new Appeal(
        id, partnerId, period, metric, items, reason, evidence, filedBy, filedAt, decision,
        decidedBy, decidedAt, note, at);
  }
}
