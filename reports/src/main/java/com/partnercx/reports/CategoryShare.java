package com.partnercx.reports;

/**
 * A complaint category's count and its share of the partner's complaints in the period.
 *
 * @param category the category as delivered
 * @param complaints complaints in it
 * @param share complaints over all of the partner's complaints
 */
public record CategoryShare(String category, long complaints, double share) {}
