package com.partnercx.reports;

/** How a metric's value is printed. */
public enum MetricUnit {
  /** A share in [0, 1], printed as a percentage with one decimal. */
  PERCENT,
  /** Minutes with one decimal. */
  MINUTES,
  /** A score on its own scale (NPS -100..100, sentiment), one decimal. */
  POINTS,
  /** A count per 1,000, two decimals. */
  PER_THOUSAND,
  /** A mean on a survey scale (CES), two decimals. */
  MEAN
}
