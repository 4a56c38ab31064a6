package com.partnercx.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description =
        "Runs every test: the Maven suite (unit, Spark, Delta and PDF tests) and the Airflow tests. Same as `./pcx test` from the project folder.")
final class TestCommand implements Callable<Integer> {
  @Override
  public Integer call() throws IOException, InterruptedException {
    // The launcher owns the test suite (it needs Maven, not the built CLI); delegate to it.
    Process process =
        new ProcessBuilder(Defaults.home().resolve("pcx").toString(), "test")
            .directory(Defaults.home().toFile())
            .inheritIO()
            .start();
    return process.waitFor();
  }
}
