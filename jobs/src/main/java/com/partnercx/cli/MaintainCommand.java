package com.partnercx.cli;

import com.partnercx.config.PcxConfig;
import com.partnercx.pipeline.Pipeline;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    description =
        "Housekeeping of every table: compacts small files (OPTIMIZE) and removes the files no version of the retention window needs (VACUUM). pcx reproduce keeps working for every scorecard written within the window.")
final class MaintainCommand implements Callable<Integer> {
  @Mixin StageOptions options;

  @Option(
      names = "--retain-days",
      paramLabel = "DAYS",
      description =
          "Days of history kept for time travel and pcx reproduce (at least 7). Default: 30")
  int retainDays = 30;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (retainDays < Pipeline.MIN_RETAIN_DAYS) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--retain-days "
              + retainDays
              + " is below "
              + Pipeline.MIN_RETAIN_DAYS
              + ": Delta keeps at least seven days of files for readers still running");
    }
    PcxConfig config = options.loadConfig();
    return options.run(
        options.openExisting(config),
        pipeline -> {
          Map<String, long[]> files = pipeline.maintain(retainDays);
          files.forEach(
              (table, counts) ->
                  System.out.printf(
                      java.util.Locale.ROOT,
                      "%-32s files %,d -> %,d%n",
                      table,
                      counts[0],
                      counts[1]));
          System.out.printf(
              java.util.Locale.ROOT,
              "%d tables maintained; time travel kept for %d days%n",
              files.size(),
              retainDays);
          return StageOptions.Ending.DONE;
        });
  }
}
