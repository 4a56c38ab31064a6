package com.partnercx.tables;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One stored version of a partner's scorecard for a period: a row of {@code gold/scorecard}.
 *
 * @param scorecard the figures
 * @param periodStart first day of the period
 * @param periodEnd first day after the period
 * @param version 1 for the first scorecard of the partner and period, +1 per restatement
 * @param supersedes the version this one replaces, null for version 1
 * @param figuresHash SHA-256 over the figures, to tell whether a re-score changed anything
 * @param runId the run that wrote it
 * @param configHash the configuration it was scored with
 * @param sourceVersions Delta versions of the tables it was computed from
 * @param scoredAt when it was written
 * @param restatement for a version that replaces another: each figure that changed, then the inputs
 *     that changed; empty for version 1
 */
public record StoredScorecard(
    Scorecard scorecard,
    LocalDate periodStart,
    LocalDate periodEnd,
    int version,
    Integer supersedes,
    String figuresHash,
    String runId,
    String configHash,
    Map<String, Long> sourceVersions,
    Instant scoredAt,
    List<String> restatement) {

  public StoredScorecard {
    sourceVersions = Collections.unmodifiableMap(new TreeMap<>(sourceVersions));
    restatement = List.copyOf(restatement);
  }
}
