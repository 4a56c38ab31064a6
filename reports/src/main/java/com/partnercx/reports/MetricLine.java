package com.partnercx.reports;

/**
 * One KPI row of a scorecard, as stored in gold/scorecard.
 *
 * @param metricId the metric's fixed id
 * @param label the metric's name for readers
 * @param unit how its value, interval and target print
 * @param value its value, null when there is no data
 * @param n the sample it rests on
 * @param ciLow lower bound of the 95% interval, or null
 * @param ciHigh upper bound of the 95% interval, or null
 * @param target the program's target
 * @param score the metric score 0..100, null when data is insufficient
 * @param sufficient whether n reached the program's minimum
 */
public record MetricLine(
    String metricId,
    String label,
    MetricUnit unit,
    Double value,
    long n,
    Double ciLow,
    Double ciHigh,
    double target,
    Double score,
    boolean sufficient) {}
