package com.partnercx.cli;

import com.partnercx.errors.PcxException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pcx} command line: every stage of the pipeline, for any date or period. */
@Command(
    name = "pcx",
    mixinStandardHelpOptions = true,
    versionProvider = Pcx.Version.class,
    description =
        "Partner CX scorecards: ingest partner extracts, score partners, render PDF scorecards.",
    subcommands = {
      DemoCommand.class,
      GenerateCommand.class,
      ValidateConfigCommand.class,
      IngestCommand.class,
      ConformCommand.class,
      NightlyCommand.class,
      GateCommand.class,
      DqCommand.class,
      ScoreCommand.class,
      CloseCommand.class,
      AppealCommand.class,
      MaintainCommand.class,
      ReproduceCommand.class,
      ReportCommand.class,
      com.partnercx.cli.airflow.AirflowCommand.class,
      TestCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 done, 1 failed (the message says why), 2 usage error, 3 quality gate held the stage back."
    })
public final class Pcx implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
  }

  public static void main(String[] args) {
    int exit = commandLine().execute(args);
    if (Boolean.getBoolean("pcx.peakHeap")) {
      printPeakHeap();
    }
    System.exit(exit);
  }

  /**
   * Prints the driver's peak heap use for benchmarks: the sum of each heap pool's peak, an upper
   * bound of the true peak (pools peak at different moments).
   */
  private static void printPeakHeap() {
    long peak = 0;
    for (java.lang.management.MemoryPoolMXBean pool :
        java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.err.printf(
        java.util.Locale.ROOT,
        "pcx: peak heap %d MiB of max %d MiB%n",
        peak >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
  }

  /** The configured command line, shared by main and the tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Pcx());
    cli.registerConverter(java.time.LocalDate.class, new DateConverter());
    cli.setUsageHelpAutoWidth(true);
    // A usage error is one line saying what is wrong and where the help is, not the whole help.
    cli.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine failed = e.getCommandLine();
          failed.getErr().println("error: " + e.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(e, failed.getErr());
          failed
              .getErr()
              .println(
                  "Run '" + failed.getCommandSpec().qualifiedName() + " --help' for its options.");
          return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof PcxException pcx) {
            commandLine.getErr().println("error: " + pcx.getMessage());
            return pcx.code().exitCode();
          }
          throw e;
        });
    return cli;
  }

  /** Prints the project version the build wrote into version.properties. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws java.io.IOException {
      java.util.Properties build = new java.util.Properties();
      try (java.io.InputStream in = Pcx.class.getResourceAsStream("version.properties")) {
        if (in == null) {
          throw new IllegalStateException("version.properties is missing from the build");
        }
        build.load(in);
      }
      return new String[] {
        "pcx " + build.getProperty("version"),
        "Java "
            + System.getProperty("java.version")
            + ", Spark "
            + org.apache.spark.package$.MODULE$.SPARK_VERSION()
      };
    }
  }
}
