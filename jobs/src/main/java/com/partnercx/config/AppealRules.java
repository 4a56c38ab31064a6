package com.partnercx.config;

import java.util.List;

/**
 * How a program takes appeals against its scorecards (programs.yaml {@code appeals}).
 *
 * @param windowDays days after the period's close during which an appeal may be filed
 * @param reasons the reason codes an appeal may give; none means the program takes no appeals
 */
public record AppealRules(int windowDays, List<String> reasons) {
  /** Days after close an appeal may be filed when the program does not say. */
  public static final int DEFAULT_WINDOW_DAYS = 30;

  /** A program that takes no appeals. */
  public static final AppealRules NONE = new AppealRules(DEFAULT_WINDOW_DAYS, List.of());

  public AppealRules {
    reasons = List.copyOf(reasons);
  }
}
