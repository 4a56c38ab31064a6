package com.partnercx.errors;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/** The one factory of user-facing errors, so their wording stays consistent. */
public final class PcxErrors {
  private PcxErrors() {}

  public static PcxException invalidConfig(Path configDir, List<ConfigProblem> problems) {
    String lines =
        problems.stream().map(p -> "  - " + p.describe()).collect(Collectors.joining("\n"));
    return new PcxException(
        ErrorCode.CONFIG_INVALID,
        "Configuration in "
            + configDir
            + " has "
            + problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + ":\n"
            + lines
            + "\nFix the files above and run `pcx validate-config --config "
            + configDir
            + "` again.",
        null);
  }

  public static PcxException configFolderMissing(Path configDir) {
    return new PcxException(
        ErrorCode.CONFIG_INVALID,
        "Configuration folder "
            + configDir
            + " does not exist. Pass --config DIR pointing at a folder holding programs.yaml,"
            + " partners.csv and feeds/*.yaml (the sample one is data-samples/config).",
        null);
  }

  /** Conform would hash customer identifiers with a salt anyone can read in the source. */
  public static PcxException piiSaltMissing(String variable) {
    return new PcxException(
        ErrorCode.CONFIG_INVALID,
        variable
            + " is not set: customer identifiers are hashed with it, and without a secret salt"
            + " they can be recovered from their keys. Set "
            + variable
            + " to a secret, stable value (the same on every run and machine) and run again;"
            + " `pcx demo` runs the sample without one.",
        null);
  }

  public static PcxException noScorecards(String period, String warehouse) {
    return new PcxException(
        ErrorCode.NOT_FOUND,
        "No scorecards for period "
            + period
            + " in "
            + warehouse
            + ". Run `pcx score --period "
            + period
            + "` first, or check --warehouse.",
        null);
  }

  public static PcxException warehouseBusy(String warehouse, String holder, String lockFile) {
    return new PcxException(
        ErrorCode.STAGE_FAILED,
        "Warehouse "
            + warehouse
            + " is held by "
            + holder
            + "; nothing was written. Run again once it has finished; if that run is known to be"
            + " gone, delete "
            + lockFile
            + " first.",
        null);
  }

  public static PcxException warehouseMissing(String warehouse) {
    return new PcxException(
        ErrorCode.NOT_FOUND,
        "Warehouse "
            + warehouse
            + " does not exist. Run `pcx nightly` (or `pcx demo`) to create it, or point --warehouse"
            + " at an existing one.",
        null);
  }

  public static PcxException noDataForPeriod(String period, String warehouse) {
    return new PcxException(
        ErrorCode.NOT_FOUND,
        "No partner activity for period "
            + period
            + " in "
            + warehouse
            + "/gold/partner_daily: nothing was scored and nothing exported. Run `pcx nightly` for"
            + " the period's delivery dates first, or check --period and --warehouse.",
        null);
  }

  public static PcxException closedUnderOtherConfig(
      String period, String closedWith, String current) {
    return new PcxException(
        ErrorCode.STAGE_FAILED,
        "Period "
            + period
            + " was closed with configuration "
            + closedWith.substring(0, 12)
            + "; the configuration is "
            + current.substring(0, 12)
            + " now. Scoring a closed period under changed rules would restate every partner."
            + " Score it with the configuration folder it was closed with, or pass"
            + " --allow-config-change to restate it under the new rules.",
        null);
  }

  public static PcxException noScorecardVersion(String partnerId, String period, Integer version) {
    return new PcxException(
        ErrorCode.NOT_FOUND,
        "No scorecard "
            + (version == null ? "" : "version " + version + " ")
            + "for partner "
            + partnerId
            + " and period "
            + period
            + ". Check the partner id and the period, and list the versions in gold/scorecard.",
        null);
  }

  public static PcxException unknownPartner(String partnerId, String period) {
    return new PcxException(
        ErrorCode.NOT_FOUND,
        "Partner "
            + partnerId
            + " has no scorecard for period "
            + period
            + ". Check the partner id in partners.csv, or score the period first.",
        null);
  }

  /** An appeal that cannot be filed or decided: {@code rule} says which rule and what to do. */
  public static PcxException appealRefused(String what, String rule) {
    return new PcxException(ErrorCode.REQUEST_REFUSED, what + " refused: " + rule, null);
  }

  public static PcxException badPeriod(String text) {
    return new PcxException(
        ErrorCode.STAGE_FAILED,
        "Period '"
            + text
            + "' is not understood. Use a quarter such as 2026-Q3 or a month such as 2026-09.",
        null);
  }

  public static PcxException landingUnreadable(String location, Throwable cause) {
    return new PcxException(
        ErrorCode.INPUT_UNREADABLE,
        "Cannot list or read the landing zone at "
            + location
            + ": "
            + cause.getMessage()
            + ". Check --landing and the permissions of that folder.",
        cause);
  }

  /**
   * Scoring a period waits while feed-days that failed the quality gate delivered rows of it.
   *
   * @param failures one sentence per failed feed-day
   * @param firstDate the delivery date of the first failure
   * @param firstFeed the feed of the first failure
   */
  public static PcxException qualityGateHeld(
      String period, List<String> failures, LocalDate firstDate, String firstFeed) {
    String lines =
        failures.stream().limit(20).map(f -> "  - " + f).collect(Collectors.joining("\n"));
    String more = failures.size() > 20 ? "\n  ... and " + (failures.size() - 20) + " more" : "";
    return new PcxException(
        ErrorCode.QUALITY_GATE_HELD,
        "Quality gate: scoring "
            + period
            + " waits, because "
            + failures.size()
            + " feed-day(s) that failed the data-quality gate delivered rows of it:\n"
            + lines
            + more
            + "\nSee `pcx dq --date "
            + firstDate
            + "` and ops/quarantine. Then have the partner re-deliver a fixed extract and run"
            + " `pcx nightly --date "
            + firstDate
            + "` again, or raise quality.max_reject_rate in feeds/"
            + firstFeed
            + ".yaml if the rate is acceptable, or score anyway with --allow-failed-gate.",
        null);
  }

  /** Airflow answered an error; the client's message already says what to do. */
  public static PcxException airflowFailed(String message, Throwable cause) {
    return new PcxException(ErrorCode.STAGE_FAILED, message, cause);
  }

  public static PcxException airflowCredentials(Path file, String problem, Throwable cause) {
    return new PcxException(
        ErrorCode.INPUT_UNREADABLE,
        "The Airflow credentials file "
            + file
            + " "
            + problem
            + ". It holds two lines, username=... and password=...",
        cause);
  }

  public static PcxException renderFailed(String what, Throwable cause) {
    return new PcxException(
        ErrorCode.STAGE_FAILED, "Rendering " + what + " failed: " + cause.getMessage(), cause);
  }
}
