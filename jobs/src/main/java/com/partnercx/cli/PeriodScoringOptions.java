package com.partnercx.cli;

import picocli.CommandLine.Option;

/** The overrides of the commands that score a month or quarter (score --period, close). */
final class PeriodScoringOptions {
  @Option(
      names = "--allow-failed-gate",
      description =
          "Score the period even though feed-days that failed the quality gate delivered rows of"
              + " it")
  boolean allowFailedGate;

  @Option(
      names = "--allow-config-change",
      description =
          "Score a closed period although the configuration changed since its close: every"
              + " partner may be restated under the new rules")
  boolean allowConfigChange;
}
