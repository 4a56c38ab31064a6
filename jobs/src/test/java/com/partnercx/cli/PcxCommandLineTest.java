package com.partnercx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Parsing, help and exit codes of the command line; no stage runs here. */
class PcxCommandLineTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Pcx.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void helpListsEverySubcommand() {
    assertEquals(0, run("--help"));
    for (String command :
        new String[] {
          "demo",
          "validate-config",
          "ingest",
          "conform",
          "nightly",
          "gate",
          "dq",
          "score",
          "report",
          "test"
        }) {
      assertTrue(out.toString().contains("  " + command + " "), command + " missing from:\n" + out);
    }
    assertTrue(out.toString().contains("Exit codes: 0 done, 1 failed"), out.toString());
  }

  @Test
  void subcommandHelpShowsItsOptions() {
    assertEquals(0, run("report", "--help"));
    assertTrue(out.toString().contains("--period=PERIOD"), out.toString());
    assertTrue(out.toString().contains("--warehouse=URI"), out.toString());
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertEquals(2, run("ingest", "--date", "2026-07-06", "--bogus"));
    assertTrue(err.toString().contains("Unknown option: '--bogus'"), err.toString());
    assertTrue(err.toString().contains("Usage: pcx ingest"), err.toString());
  }

  @Test
  void aMissingArgumentIsAUsageError() {
    assertEquals(2, run("nightly"));
    assertTrue(err.toString().contains("Missing required argument"), err.toString());
    assertEquals(2, run("score"));
    assertTrue(
        err.toString().contains("Missing required argument (specify one of these):"),
        err.toString());
    assertTrue(err.toString().contains("--period=PERIOD"), err.toString());
    assertEquals(2, run("gate"));
  }

  @Test
  void scoreTakesAPeriodOrADateNotBoth() {
    assertEquals(2, run("score", "--period", "2026-Q3", "--date", "2026-07-06"));
    assertTrue(err.toString().contains("mutually exclusive"), err.toString());
  }

  @Test
  void anUnknownFeedIsAUsageErrorNamingTheKnownOnes() {
    assertEquals(
        2,
        run(
            "ingest",
            "--date",
            "2026-07-06",
            "--config",
            "../data-samples/config",
            "--feed",
            "nosuch"));
    assertTrue(
        err.toString().contains("--feed nosuch is not a configured feed; known: [app_sessions,"),
        err.toString());
  }

  @Test
  void badValuesAreUsageErrorsThatSayWhatIsAccepted() {
    assertEquals(2, run("score", "--period", "2026-Q5"));
    assertTrue(
        err.toString().contains("Use a quarter such as 2026-Q3 or a month such as 2026-09"),
        err.toString());
    assertEquals(2, run("nightly", "--date", "20260706"));
    assertTrue(err.toString().contains("Invalid value for option '--date'"), err.toString());
    assertEquals(
        2, run("nightly", "--date", "2026-07-06", "--from", "2026-07-01", "--to", "2026-07-02"));
    assertTrue(err.toString().contains("mutually exclusive"), err.toString());
  }

  @Test
  void reportAudiencesAreCheckedBeforeAnythingRuns() {
    assertEquals(2, run("report", "--period", "2026-Q3", "--audience", "board"));
    assertTrue(
        err.toString()
            .contains("Unknown --audience 'board': use partner, internal, executive or all"),
        err.toString());
    assertEquals(
        2, run("report", "--period", "2026-Q3", "--partner", "D-001", "--audience", "executive"));
    assertTrue(err.toString().contains("drop --partner"), err.toString());
  }

  @Test
  void noSubcommandIsAUsageError() {
    assertEquals(2, run());
    assertTrue(err.toString().contains("Missing subcommand"), err.toString());
  }

  @Test
  void validateConfigFailsListingEveryProblem(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("programs.yaml"), "programs: {}\n");
    assertEquals(1, run("validate-config", "--config", dir.toString()));
    String message = err.toString();
    assertTrue(message.startsWith("error: Configuration in " + dir + " has 3 problems:"), message);
    assertTrue(message.contains("programs.yaml [programs]: is empty"), message);
    assertTrue(message.contains("partners.csv: file missing"), message);
    assertTrue(message.contains("feeds/: folder missing"), message);
  }

  @Test
  void validateConfigAcceptsTheSample() {
    assertEquals(0, run("validate-config", "--config", "../data-samples/config"));
  }
}
