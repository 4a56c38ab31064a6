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
          "close",
          "appeal",
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
    assertTrue(err.toString().contains("Run 'pcx ingest --help' for its options."), err.toString());
    assertTrue(err.toString().lines().count() <= 3, "a usage error is not the whole help:\n" + err);
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
  void anAppealIsDecidedOneWayAndFiledWithItsRecords() {
    assertEquals(
        2, run("appeal", "decide", "A-1", "--accept", "--reject", "--note", "both ways at once"));
    assertTrue(err.toString().contains("mutually exclusive"), err.toString());
    assertEquals(2, run("appeal", "decide", "A-1", "--note", "no decision"));
    assertTrue(err.toString().contains("--accept"), err.toString());
    assertEquals(0, run("appeal", "decide", "--help"));
    assertTrue(out.toString().contains("--allow-failed-gate"), out.toString());
    assertEquals(
        2,
        run(
            "appeal",
            "file",
            "--partner",
            "D-001",
            "--period",
            "2026-Q3",
            "--metric",
            "on_time_rate",
            "--reason",
            "road_closure",
            "--evidence",
            "notice"));
    assertTrue(err.toString().contains("--items"), err.toString());
    assertEquals(0, run("appeal", "--help"));
    for (String sub : new String[] {"file", "decide", "list", "reissue"}) {
      assertTrue(out.toString().contains("  " + sub + " "), sub + " missing from:\n" + out);
    }
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
            .contains("Unknown --audience 'board': use partner, internal, brief, executive or all"),
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
  void validateConfigAcceptsTheSampleAndSaysWhatEachFeedsFilesMustCarry() {
    assertEquals(0, run("validate-config", "--config", "../data-samples/config"));
    // The delivery program scores on-time, delay, cancellations and condition issues: the
    // customer and the basket value are mapped, but a file may come without them.
    assertTrue(
        out.toString()
            .contains(
                "  metroeats_orders (service_event, 9 partners): [restaurant_code, order_no,"
                    + " ordered_at, eta, delivered_at, order_state, food_issue]; may lack"
                    + " [customer_email, basket_eur]\n"),
        out.toString());
  }

  @Test
  void validateConfigNamesWhatALookedUpFeedMustCarry(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("programs.yaml"),
        """
        programs:
          market:
            name: Market
            currency: BRL
            metrics: {cancellation_rate: {weight: 1, direction: lower_is_better, floor: 0.5, target: 0}}
            tiers: [{name: all, min_composite: 0, payout_pct: 0}]
        """);
    Files.writeString(
        dir.resolve("partners.csv"),
        "partner_id,name,program,region,base_incentive,valid_from\nS-1,One,market,SP,0,2024-01-01\n");
    Files.createDirectories(dir.resolve("feeds"));
    Files.writeString(dir.resolve("feeds/items.yaml"), "entity: reference\nschedule: none\n");
    Files.writeString(
        dir.resolve("feeds/orders.yaml"),
        """
        entity: service_event
        partners: all
        timezone: UTC
        lookups: [{feed: items, on: order_id, take: {seller_id: seller}}]
        columns: {partner_id: seller, event_id: order_id, created_at: bought, status: state,
                  order_value: price}
        """);
    assertEquals(0, run("validate-config", "--config", dir.toString()));
    assertTrue(
        out.toString()
            .contains(
                "  items (reference): [order_id, seller_id]\n"
                    + "  orders (service_event, 1 partner): [order_id, bought, state]; may lack"
                    + " [price]; takes [seller_id] from items by [order_id]\n"),
        out.toString());
  }

  @Test
  void aMalformedDateIsOneLineNamingTheForm() {
    assertEquals(2, run("nightly", "--date", "07/02/2026"));
    assertTrue(
        err.toString()
            .contains("'07/02/2026' is not a date; write it as yyyy-mm-dd, e.g. 2026-07-02"),
        err.toString());
    assertTrue(!err.toString().contains("Exception"), err.toString());
    assertTrue(err.toString().lines().count() <= 3, err.toString());
  }

  @Test
  void theVersionIsTheBuilds() {
    assertEquals(0, run("--version"));
    assertTrue(out.toString().matches("(?s)pcx \\d+\\.\\d+\\.\\d+.*"), out.toString());
    assertTrue(out.toString().contains("Spark 4."), out.toString());
  }

  @Test
  void everyCommandsHelpWorks() {
    for (String command :
        new String[] {
          "demo",
          "generate",
          "validate-config",
          "ingest",
          "conform",
          "nightly",
          "gate",
          "dq",
          "score",
          "close",
          "reproduce",
          "report",
          "test"
        }) {
      out.getBuffer().setLength(0);
      assertEquals(0, run(command, "--help"), command + ": " + err);
      assertTrue(out.toString().contains("Usage: pcx " + command), out.toString());
    }
  }

  @Test
  void commandDescriptionsAreWholeSentences() {
    assertEquals(0, run("--help"));
    String help = out.toString().replaceAll("\\s+", " ");
    assertTrue(
        help.contains("Both exit 3 when the gate holds them back."),
        "score's description is cut:\n" + out);
    assertTrue(help.contains("Exits 1 when some figure differs."), out.toString());
  }

  /**
   * The partner is checked against partners.csv first, before the warehouse and before Spark: the
   * warehouse given here does not exist, and the error is still the partner's.
   */
  @Test
  void anUnknownPartnerIsReportedBeforeSparkStarts(@TempDir Path dir) {
    var sessionBefore = org.apache.spark.sql.SparkSession.getDefaultSession();
    assertEquals(
        2,
        run(
            "reproduce",
            "--partner",
            "NOPE-1",
            "--period",
            "2026-Q3",
            "--config",
            "../data-samples/config",
            "--warehouse",
            dir.resolve("none").toString()));
    assertTrue(err.toString().contains("--partner NOPE-1 is not in partners.csv"), err.toString());
    assertEquals(sessionBefore, org.apache.spark.sql.SparkSession.getDefaultSession());
  }

  @Test
  void aReadCommandOnAMissingWarehouseCreatesNothing(@TempDir Path dir) {
    var sessionBefore = org.apache.spark.sql.SparkSession.getDefaultSession();
    Path missing = dir.resolve("no-warehouse");
    assertEquals(
        1,
        run(
            "dq",
            "--date",
            "2026-07-02",
            "--config",
            "../data-samples/config",
            "--warehouse",
            missing.toString()));
    assertTrue(err.toString().contains("Warehouse " + missing + " does not exist"), err.toString());
    assertTrue(Files.notExists(missing));
    assertEquals(sessionBefore, org.apache.spark.sql.SparkSession.getDefaultSession());
  }

  @Test
  void pcxTestHelpDoesNotRunTheTests() throws Exception {
    Process p =
        new ProcessBuilder("bash", "../pcx", "test", "--help").redirectErrorStream(true).start();
    String text =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), text);
    assertTrue(text.startsWith("Usage: pcx test"), text);
  }
}
