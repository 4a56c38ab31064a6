package com.partnercx.tables;

/**
 * One metric of one scorecard.
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
 * @param adjusted the value shrunk towards the program mean, where the program shrinks this rate;
 *     the score, the composite and the ranks use it
 * @param previous the value in the previous period, null when it had none
 * @param change value - previous
 * @param significant whether the change is significant at 95% (two-proportion z-test for rates, z
 *     on the two standard errors for NPS); null where no test applies
 * @param percentileRank the partner's percentile rank among the program's partners with sufficient
 *     data (100 = best), null when the peer group is below the program's minimum size
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
    Double adjusted,
    Double previous,
    Double change,
    Boolean significant,
    Double percentileRank) {

  /** The value the score is computed from: the adjusted one where shrinkage applies. */
  public Double scored() {
    return adjusted != null ? adjusted : value;
  }

  /** The same metric with the previous period's value, the change and its significance. */
  public MetricResult withTrend(Double previous, Boolean significant) {
    Double change = value == null || previous == null ? null : value - previous;
    return withContext(previous, change, significant, percentileRank);
  }

  /** The same metric with its percentile rank among the program's partners. */
  public MetricResult withPercentileRank(Double rank) {
    return withContext(previous, change, significant, rank);
  }

  private MetricResult withContext(
      Double previous, Double change, Boolean significant, Double percentileRank) {
    return new MetricResult(
        metricId,
        value,
        n,
        ciLow,
        ciHigh,
        floor,
        target,
        weight,
        score,
        sufficient,
        adjusted,
        previous,
        change,
        significant,
        percentileRank);
  }
}
