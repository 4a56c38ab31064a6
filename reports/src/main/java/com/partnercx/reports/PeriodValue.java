package com.partnercx.reports;

/**
 * A figure for one period, for trend charts.
 *
 * @param period the period label
 * @param value the figure, or null when there was none
 */
public record PeriodValue(String period, Double value) {}
