package com.partnercx.cli.airflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.partnercx.cli.Pcx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pcx airflow ...} against the real Airflow 3 that `./pcx test` starts (with the client test
 * DAGs of airflow-dags/client_test_dags); skipped when no Airflow was started for it.
 */
class AirflowCommandTest {
  private static String url;

  @TempDir Path dir;

  @BeforeAll
  static void airflow() {
    url = System.getenv("PCX_AIRFLOW_URL");
    if ("required".equals(System.getenv("PCX_AIRFLOW_IT"))) {
      assertNotNull(url, "PCX_AIRFLOW_IT=required but PCX_AIRFLOW_URL is not set");
    }
    assumeTrue(url != null, "no PCX_AIRFLOW_URL: start airflow-dags/scripts/start.sh to run these");
  }

  /** Runs pcx with a credentials file, returning exit code, standard output and error. */
  private String[] pcx(String... args) throws Exception {
    Path credentials = dir.resolve("airflow.properties");
    Files.writeString(
        credentials,
        "username="
            + System.getenv("PCX_AIRFLOW_USERNAME")
            + "\npassword="
            + System.getenv("PCX_AIRFLOW_PASSWORD")
            + "\n");
    return pcxWith(credentials, args);
  }

  private String[] pcxWith(Path credentials, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", url, "--credentials-file", credentials.toString()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    PrintStream original = System.out;
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      picocli.CommandLine cli = Pcx.commandLine();
      cli.setErr(new PrintWriter(err, true));
      code = cli.execute(all.toArray(String[]::new));
    } finally {
      System.setOut(original);
    }
    return new String[] {
      String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString()
    };
  }

  @Test
  void triggerWaitShowsTaskProgressAndSucceeds() throws Exception {
    assertEquals("0", pcx("airflow", "unpause", "--dag", "pcx_client_ok")[0]);
    String runId = "cli-ok-" + UUID.randomUUID();
    String[] r =
        pcx(
            "airflow",
            "trigger",
            "--dag",
            "pcx_client_ok",
            "--run-id",
            runId,
            "--date",
            "2026-07-03",
            "--wait");
    assertEquals("0", r[0], r[1] + r[2]);
    assertTrue(r[1].contains("triggered pcx_client_ok " + runId), r[1]);
    assertTrue(r[1].matches("(?s).*say_hello\\s+success.*"), r[1]);
    assertTrue(r[1].matches("(?s).*" + runId + "\\s+success.*"), r[1]);
  }

  @Test
  void aFailedRunExitsOneAndFailuresShowsTheLogTail() throws Exception {
    assertEquals("0", pcx("airflow", "unpause", "--dag", "pcx_client_fail")[0]);
    String runId = "cli-fail-" + UUID.randomUUID();
    String[] waited =
        pcx("airflow", "trigger", "--dag", "pcx_client_fail", "--run-id", runId, "--wait");
    assertEquals("1", waited[0], waited[1] + waited[2]);
    String[] failures = pcx("airflow", "failures", "--dag", "pcx_client_fail", "--run", runId);
    assertEquals("0", failures[0], failures[2]);
    assertTrue(failures[1].contains("fail_on_purpose"), failures[1]);
    assertTrue(failures[1].contains("deliberate failure for the client test"), failures[1]);
  }

  @Test
  void importErrorsNamesTheBrokenFileAndExitsOne() throws Exception {
    String[] r = pcx("airflow", "import-errors");
    assertEquals("1", r[0], r[2]);
    assertTrue(r[1].contains("pcx_client_broken.py"), r[1]);
  }

  @Test
  void wrongCredentialsSayWhatToDoWithoutShowingThePassword() throws Exception {
    Path bad = dir.resolve("bad.properties");
    Files.writeString(bad, "username=admin\npassword=not-the-password-42\n");
    String[] r = pcxWith(bad, "airflow", "status");
    assertEquals("1", r[0], r[1]);
    assertTrue(r[2].toLowerCase().contains("credential"), r[2]);
    assertTrue(!r[2].contains("not-the-password-42"), r[2]);
  }
}
