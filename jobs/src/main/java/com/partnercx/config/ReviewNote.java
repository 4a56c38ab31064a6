package com.partnercx.config;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One line of a partner's review notes for a period (review_notes/&lt;period&gt;.csv): what the
 * partner committed to and the actions agreed, in the partner manager's own words.
 *
 * @param period the period label the notes were written for (2026-Q3, 2026-09)
 * @param line the line in its file, for messages
 * @param partnerId the partner
 * @param metric the metric the commitment is about, if any
 * @param commitment what the partner committed to, or ""
 * @param action the action agreed, or ""
 * @param owner who does it, or ""
 * @param due when it is due, if set
 */
public record ReviewNote(
    String period,
    long line,
    String partnerId,
    Optional<MetricId> metric,
    String commitment,
    String action,
    String owner,
    Optional<LocalDate> due) {}
