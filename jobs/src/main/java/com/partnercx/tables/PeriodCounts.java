package com.partnercx.tables;

import java.util.Map;

/**
 * A partner's gold/partner_daily measures summed over a period: the inputs of its metrics.
 *
 * @param partnerId the partner
 * @param programId its program at the end of the period
 * @param sums measure (a {@link PartnerDailyTable} name) -> sum; absent measures are 0
 */
public record PeriodCounts(String partnerId, String programId, Map<String, Double> sums) {
  public PeriodCounts {
    sums = Map.copyOf(sums);
  }

  public double get(String measure) {
    return sums.getOrDefault(measure, 0.0);
  }

  public long count(String measure) {
    return Math.round(get(measure));
  }

  /** These counts less {@code part}'s, measure by measure: the counts without part's records. */
  public PeriodCounts minus(PeriodCounts part) {
    Map<String, Double> left = new java.util.HashMap<>(sums);
    part.sums().forEach((measure, value) -> left.put(measure, get(measure) - value));
    return new PeriodCounts(partnerId, programId, left);
  }
}
