package com.partnercx.cli;

import com.partnercx.config.PcxConfig;
import com.partnercx.pipeline.Pipeline;
import com.partnercx.score.ScorecardReproduction;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "reproduce",
    description =
        "Recomputes a stored scorecard from the Delta versions it recorded (time travel) and reports whether every figure matches. Exits 1 when some figure differs.")
final class ReproduceCommand implements Callable<Integer> {
  @Mixin StageOptions options;

  @Option(names = "--partner", required = true, paramLabel = "ID", description = "Partner id")
  String partner;

  @Mixin PeriodOption periodOption;

  @Option(
      names = "--version",
      paramLabel = "N",
      description = "Scorecard version (default: the latest)")
  Integer version;

  // Its own --help: the standard help options also claim --version, which here is the scorecard's.
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PcxConfig config = options.loadConfig();
    StageOptions.requirePartner(config, partner, spec.commandLine());
    ScorecardReproduction.Result result;
    try (Pipeline pipeline = options.openExisting(config)) {
      result =
          ScorecardReproduction.run(
              pipeline.context().warehouse(), config, partner, periodOption.period, version);
    }
    System.out.printf(
        "Scorecard %s %s version %d (run %s)%n  tables read again: %s%n",
        result.partnerId(),
        result.period(),
        result.version(),
        result.runId(),
        result.sourceVersions());
    if (!result.sameConfiguration()) {
      System.out.printf(
          "  note: scored with configuration %s, recomputed with the current one %s%n",
          result.recordedConfigHash().substring(0, 12), result.configHash().substring(0, 12));
    }
    if (result.matches()) {
      System.out.println("reproduced: every figure matches");
      return 0;
    }
    System.out.println("NOT reproduced; these figures differ (recorded -> recomputed):");
    result
        .differences()
        .forEach(
            d -> System.out.printf("  %s: %s -> %s%n", d.figure(), d.recorded(), d.recomputed()));
    return 1;
  }
}
