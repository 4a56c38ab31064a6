package com.partnercx.tables;

/**
 * One metric of one scorecard, as published: a period's own figures only. The change against the
 * previous period and the peer rank are worked out when a report is made, from the published
 * scorecards of both periods and the period's peers, so they never make a new version.
 *
 * @param metricId the metric's fixed id
 * @param value the metric's value, null when n is 0
 * @param n the sample it rests on
 * @param ciLow lower bound of the 95% interval, null where undefined
 * @param ciHigh upper bound of the 95% interval, null where undefined
 * @param floor the program's floor (scores 0)
 * @param target the program's target (scores 100)
 * @param weight the program's weight
 * @param score the metric score 0..100, null when data is insufficient
 * @param sufficient whether n reached the program's minimum, so the metric counts
 * @param minN the program's minimum sample for the metric
 * @param adjusted the value shrunk towards the program mean, where the program shrinks this rate;
 *     the score, the composite and the ranks use it
 */
public record MetricResult(
    String metricId,
    Double value,
    long n,
    Double ciLow,
    Double ciHigh,
    double floor,
    double target,
    double weight,
    Double score,
    boolean sufficient,
    long minN,
    Double adjusted) {

  /** The value the score is computed from: the adjusted one where shrinkage applies. */
  public Double scored() {
    return adjusted != null ? adjusted : value;
  }
}
