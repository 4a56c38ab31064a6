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
    Map<String, Long> quarantinedByRule,
    long rowsSilver,
    QualityGate gate,
    String fileErrors) {

  public FeedDayQuality {
    quarantinedByRule = Map.copyOf(quarantinedByRule);
  }

  public long rowsQuarantined() {
    return quarantinedByRule.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Quarantined rows over delivered rows; 0 when nothing was delivered. */
  public double rejectRate() {
    return rowsDelivered == 0 ? 0 : (double) rowsQuarantined() / rowsDelivered;
  }

  public boolean gatePassed() {
    return gate.passes(rowsQuarantined(), rowsDelivered);
  }

  /** The rules by count, largest first: "missing_key 10, malformed_row 2". */
  public String rulesByCount() {
    return quarantinedByRule.entrySet().stream()
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
        rowsQuarantined(),
        rowsDelivered,
        100 * rejectRate(),
        100 * gate.maxRejectRate(),
        rulesByCount());
  }
}
