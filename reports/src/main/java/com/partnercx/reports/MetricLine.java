package com.partnercx.reports;

import java.util.Locale;

/**
 * One KPI row of a scorecard, as stored in gold/scorecard and gold/benchmark.
 *
 * @param metricId the metric's fixed id
 * @param label the metric's name for readers
 * @param unit how its value, interval and target print
 * @param value its value, null when there is no data
 * @param adjusted the small-sample adjusted value that was scored, or null when not shrunk
 * @param n the sample it rests on
 * @param ciLow lower bound of the 95% interval, or null
 * @param ciHigh upper bound of the 95% interval, or null
 * @param floor the program's floor (scores 0)
 * @param target the program's target (scores 100)
 * @param weight the program's weight
 * @param score the metric score 0..100, null when data is insufficient
 * @param sufficient whether n reached the program's minimum
 * @param minN the program's minimum n for the metric
 * @param sampleNoun what n counts, plural ("responses", "timed events")
 * @param peerMedian the median of the program's partners for the period, or null when suppressed
 * @param previous the value of the previous period, or null
 * @param change value minus previous, or null
 * @param significant whether the change is significant at 95%; null when not tested
 */
public record MetricLine(
    String metricId,
    String label,
    MetricUnit unit,
    Double value,
    Double adjusted,
    long n,
    Double ciLow,
    Double ciHigh,
    double floor,
    double target,
    double weight,
    Double score,
    boolean sufficient,
    long minN,
    String sampleNoun,
    Double peerMedian,
    Double previous,
    Double change,
    Boolean significant) {

  /**
   * What a metric below its minimum lacks: "needs 30 responses, has 8", with no-break spaces that
   * keep "needs 30" and "has 8" on one line when a narrow column wraps it; "left out: survey
   * integrity" for a metric with enough data that does not count all the same.
   */
  public String shortfall() {
    if (value != null && n >= minN) {
      // Enough data, left out all the same: the program excludes the survey metrics of a partner
      // with survey-integrity flags.
      return "left\u00a0out: survey integrity";
    }
    return "needs\u00a0"
        + ScorecardFormat.count(minN)
        + " "
        + sampleNoun
        + ", has\u00a0"
        + ScorecardFormat.count(n);
  }

  /** Where a metric stands against its floor and target. */
  public enum Status {
    /** Worse than the floor. */
    RED,
    /** Between floor and target. */
    AMBER,
    /** At or better than the target. */
    GREEN;

    /** The status as printed: "red", "amber", "green". */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Whether a higher value is better (the target lies above the floor). */
  public boolean higherIsBetter() {
    return target >= floor;
  }

  /** The value the score rests on: the adjusted one where the rate was shrunk. */
  public Double scored() {
    return adjusted != null ? adjusted : value;
  }

  /** The metric's status against floor and target; null when it has too little data to count. */
  public Status status() {
    if (!sufficient || scored() == null) {
      return null;
    }
    double v = higherIsBetter() ? scored() : -scored();
    double f = higherIsBetter() ? floor : -floor;
    double t = higherIsBetter() ? target : -target;
    return v < f ? Status.RED : v >= t ? Status.GREEN : Status.AMBER;
  }

  /** Whether the scored value differs from the raw one in print. */
  public boolean shrunk() {
    return adjusted != null
        && value != null
        && !ScorecardFormat.value(unit, adjusted).equals(ScorecardFormat.value(unit, value));
  }
}
