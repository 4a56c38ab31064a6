package com.partnercx.reports;

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
 * @param target the program's target
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
    double target,
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
   * keep "needs 30" and "has 8" on one line when a narrow column wraps it.
   */
  public String shortfall() {
    return "needs\u00a0"
        + ScorecardFormat.count(minN)
        + " "
        + sampleNoun
        + ", has\u00a0"
        + ScorecardFormat.count(n);
  }

  /** Whether the scored value differs from the raw one in print. */
  public boolean shrunk() {
    return adjusted != null
        && value != null
        && !ScorecardFormat.value(unit, adjusted).equals(ScorecardFormat.value(unit, value));
  }
}
