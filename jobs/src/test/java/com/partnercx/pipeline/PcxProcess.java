package com.partnercx.pipeline;

import com.partnercx.cli.Pcx;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code pcx} in a JVM of its own, as a scheduler starts it: the tests' classpath and JVM flags, a
 * salt in the environment, standard output and error in files. It can be killed as the kernel kills
 * a process ({@code SIGKILL}: no shutdown hook, no finally block runs).
 */
final class PcxProcess {
  /** How long a nightly on the tests' small landing zones may take before the test gives up. */
  private static final long TIMEOUT_MINUTES = 5;

  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private PcxProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Starts {@code pcx args...}; its output goes to {@code logs/name.out} and {@code .err}. */
  static PcxProcess start(Path logs, String name, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!flag.startsWith("-javaagent") && !flag.startsWith("-agentlib")) {
        command.add(flag);
      }
    }
    command.add("-Xmx2g");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Pcx.class.getName());
    command.addAll(args);
    Files.createDirectories(logs);
    Path out = logs.resolve(name + ".out");
    Path err = logs.resolve(name + ".err");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("PCX_PII_SALT", "a-test-salt-for-processes-of-the-tests");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().put("TZ", "UTC");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    return new PcxProcess(builder.start(), out, err);
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Waits for the end and returns the exit code; fails the test when it takes too long. */
  int waitFor() throws InterruptedException {
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(
          "pcx did not finish in " + TIMEOUT_MINUTES + " minutes; its output is in " + stdout);
    }
    return process.exitValue();
  }

  /** SIGKILL, then waits until the kernel has reaped it; returns the exit code (137). */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    return waitFor();
  }

  String stdout() throws IOException {
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  String stderr() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }
}
