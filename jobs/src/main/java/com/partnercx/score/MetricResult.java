package com.partnercx.score;

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
    boolean sufficient) {}
