package com.partnercx.tables;

import com.partnercx.config.QualityGate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The data-quality figures of one feed for one delivery date: a row of ops/dq_results.
 *
 * @param feedId the feed
 * @param deliveryDate the landing date folder
 * @param entity the canonical entity the feed maps to
 * @param expected whether the schedule expects a delivery on that date
 * @param delivery what became of the delivery
 * @param dueAt when it was due
 * @param filesIngested files read into bronze (header-only files included)
 * @param filesRejected files that could not be read at all
 * @param filesDuplicate files with the bytes of a file already ingested
 * @param rowsDelivered rows in the files ingested
 * @param rowsBronze rows kept in bronze
 * @param rowsRefused rows of the rejected files: delivered, but neither in bronze nor quarantined
 * @param quarantinedByRule rows set aside, by rule (malformed_row and the conform rules)
 * @param rowsSilver rows of this delivery that silver holds now
 * @param gate the feed's gate thresholds when checked
 * @param fileErrors why each rejected file was rejected
 */
public record FeedDayQuality(
    String feedId,
    LocalDate deliveryDate,
    String entity,
    boolean expected,
    DeliveryStatus delivery,
    Instant dueAt,
    long filesIngested,
    long filesRejected,
    long filesDuplicate,
    long rowsDelivered,
    long rowsBronze,
    long rowsRefused,
    Map<String, Long> quarantinedByRule,
    long rowsSilver,
    QualityGate gate,
    String fileErrors) {

  public FeedDayQuality {
    quarantinedByRule = Map.copyOf(quarantinedByRule);
  }

  /** The rule name under which rows of rejected files are counted in the gate's message. */
  public static final String REJECTED_FILE = "rejected_file";

  public long rowsQuarantined() {
    return quarantinedByRule.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Rows the gate counts as rejected: quarantined, and those of rejected files. */
  public long rowsRejected() {
    return rowsQuarantined() + rowsRefused;
  }

  /** Rows the gate counts as delivered: in the files ingested, and in the rejected files. */
  public long rowsReceived() {
    return rowsDelivered + rowsRefused;
  }

  /** Rejected rows over received rows; 0 when nothing was received. */
  public double rejectRate() {
    return rowsReceived() == 0 ? 0 : (double) rowsRejected() / rowsReceived();
  }

  public boolean gatePassed() {
    return gate.passes(rowsRejected(), rowsReceived());
  }

  /**
   * The rules by count, largest first, rows of rejected files among them: "missing_key 10, ...".
   */
  public String rulesByCount() {
    Map<String, Long> rules = new java.util.HashMap<>(quarantinedByRule);
    if (rowsRefused > 0) {
      rules.merge(REJECTED_FILE, rowsRefused, Long::sum);
    }
    return rules.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /** One sentence for the quality-gate message. */
  public String gateSentence() {
    return String.format(
        Locale.ROOT,
        "%s %s: %,d of %,d rows rejected (%.1f%% > %.1f%%): %s",
        feedId,
        deliveryDate,
        rowsRejected(),
        rowsReceived(),
        100 * rejectRate(),
        100 * gate.maxRejectRate(),
        rulesByCount());
  }
}
