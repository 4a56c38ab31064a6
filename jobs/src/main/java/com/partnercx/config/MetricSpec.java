package com.partnercx.config;

/**
 * How a program scores one metric.
 *
 * @param metric which metric
 * @param weight its weight in the composite (weights are normalised over the metrics with data)
 * @param direction whether higher or lower values are better
 * @param floor the value that scores 0
 * @param target the value that scores 100
 * @param minSample the smallest n for which the metric counts; below it, "insufficient data"
 * @param critical whether a value below the floor caps the partner's tier
 */
public record MetricSpec(
    MetricId metric,
    double weight,
    Direction direction,
    double floor,
    double target,
    int minSample,
    boolean critical) {}
