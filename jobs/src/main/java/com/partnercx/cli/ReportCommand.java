package com.partnercx.cli;

import com.partnercx.config.PcxConfig;
import com.partnercx.publish.ReportJob;
import com.partnercx.reports.Audience;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "gold/scorecard -> PDFs for a period: each partner's scorecard for the partner"
            + " (partner/<id>.pdf) and for internal use (internal/<id>.pdf), a one-page brief"
            + " for the review (brief/<id>.pdf), the executive portfolio report (portfolio.pdf),"
            + " and manifest.json.")
final class ReportCommand implements Callable<Integer> {
  @Mixin StageOptions options;

  @Mixin PeriodOption periodOption;

  @Option(names = "--partner", paramLabel = "ID", description = "Render only this partner")
  String partner;

  @Option(
      names = "--audience",
      paramLabel = "WHO",
      defaultValue = "all",
      description =
          "partner (partner-facing scorecards), internal (scorecards with ranks), brief (one"
              + " page per partner for a review), executive (the portfolio report) or all."
              + " Default: all")
  String audience;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output folder; PDFs go to DIR/<period>/. Default: out/reports")
  Path out;

  @Override
  public Integer call() {
    Set<Audience> audiences = audiences();
    PcxConfig config = options.loadConfig();
    StageOptions.requirePartner(config, partner, spec.commandLine());
    return options.run(
        options.openExisting(config),
        pipeline -> {
          ReportJob.Outcome outcome =
              pipeline.report(
                  periodOption.period, partner, audiences, out == null ? Defaults.reports() : out);
          int exit = ReportSummary.print(outcome);
          return new StageOptions.Ending(
              exit, exit == 0 ? null : outcome.failures().size() + " PDF(s) failed to render");
        });
  }

  private Set<Audience> audiences() {
    if (audience.equals("all")) {
      return partner == null
          ? EnumSet.allOf(Audience.class)
          : EnumSet.of(Audience.PARTNER, Audience.INTERNAL, Audience.BRIEF);
    }
    Audience one =
        Audience.byId(audience)
            .orElseThrow(
                () ->
                    new ParameterException(
                        spec.commandLine(),
                        "Unknown --audience '"
                            + audience
                            + "': use partner, internal, brief, executive or all"));
    if (one == Audience.EXECUTIVE && partner != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--audience executive is the portfolio report over every partner; drop --partner");
    }
    return EnumSet.of(one);
  }
}
