package com.partnercx.cli;

import com.partnercx.config.PcxConfig;
import com.partnercx.pipeline.Pipeline;
import com.partnercx.publish.ReportJob;
import com.partnercx.score.Appeals;
import com.partnercx.tables.Appeal;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pcx appeal}: file, decide, list and re-issue appeals against closed scorecards. */
@Command(
    name = "appeal",
    mixinStandardHelpOptions = true,
    description =
        "Appeals of partners against items behind a figure of a closed period's scorecard"
            + " (ops/appeals). An accepted appeal leaves exactly the named records out of the"
            + " named metric, restates the scorecard, and the re-issued PDFs print the change.",
    subcommands = {
      AppealCommand.FileCommand.class,
      AppealCommand.DecideCommand.class,
      AppealCommand.ListCommand.class,
      AppealCommand.ReissueCommand.class
    })
final class AppealCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Name what to do: file, decide, list or reissue");
  }

  /** Who is working: the operating system's user, unless given. */
  private static String who(String given) {
    return given != null ? given : System.getProperty("user.name", "unknown");
  }

  @Command(
      name = "file",
      mixinStandardHelpOptions = true,
      description =
          "Files an appeal: the partner's records (--items) to leave out of one metric of a closed"
              + " period, with one of the program's reason codes and the evidence. Refused, with"
              + " the rule it breaks, outside the program's appeal window or when a record is not"
              + " the partner's or not of the period.")
  static final class FileCommand implements Callable<Integer> {
    @Mixin StageOptions options;

    @Mixin PeriodOption periodOption;

    @Option(names = "--partner", required = true, paramLabel = "ID", description = "The partner")
    String partner;

    @Option(
        names = "--metric",
        required = true,
        paramLabel = "METRIC",
        description = "The metric id the records are to be left out of, e.g. on_time_rate")
    String metric;

    @Option(
        names = "--items",
        required = true,
        arity = "1..*",
        paramLabel = "KEY",
        description =
            "The records' keys: event ids for delivery metrics, response ids for survey metrics,"
                + " complaint ids for complaint metrics, ...")
    List<String> items;

    @Option(
        names = "--reason",
        required = true,
        paramLabel = "CODE",
        description = "One of the program's reason codes (programs.yaml appeals.reasons)")
    String reason;

    @Option(
        names = "--evidence",
        required = true,
        paramLabel = "TEXT",
        description = "What the appeal rests on")
    String evidence;

    @Option(
        names = "--by",
        paramLabel = "NAME",
        description = "Who files it. Default: the user running pcx")
    String by;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PcxConfig config = options.loadConfig();
      StageOptions.requirePartner(config, partner, spec.commandLine());
      return options.run(
          options.openExisting(config),
          pipeline -> {
            Appeal appeal =
                pipeline.fileAppeal(
                    new Appeals.Request(
                        partner, periodOption.period, metric, items, reason, evidence, who(by)));
            System.out.println(
                appeal.id()
                    + " filed: "
                    + appeal.partnerId()
                    + " "
                    + appeal.period()
                    + " "
                    + appeal.metric()
                    + ", "
                    + appeal.items().size()
                    + " record(s), reason "
                    + appeal.reason()
                    + ". Decide it with: pcx appeal decide "
                    + appeal.id()
                    + " --accept|--reject --by NAME --note TEXT");
            return StageOptions.Ending.DONE;
          });
    }
  }

  @Command(
      name = "decide",
      mixinStandardHelpOptions = true,
      description =
          "Accepts or rejects an appeal; the decision is final. An accepted appeal's period is"
              + " scored again at once: the partner's scorecard is restated without the records."
              + " Exits 3 when the quality gate holds that score run back (the decision stands and"
              + " the next score or close applies it); --allow-failed-gate scores as `pcx score`"
              + " would with it.")
  static final class DecideCommand implements Callable<Integer> {
    @Mixin StageOptions options;

    @Mixin PeriodScoringOptions scoring;

    @Parameters(index = "0", paramLabel = "ID", description = "The appeal, e.g. A-17")
    String id;

    static final class Decision {
      @Option(names = "--accept", required = true, description = "Accept the appeal")
      boolean accept;

      @Option(names = "--reject", required = true, description = "Reject the appeal")
      boolean reject;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Decision decision;

    @Option(
        names = "--by",
        paramLabel = "NAME",
        description = "Who decides. Default: the user running pcx")
    String by;

    @Option(
        names = "--note",
        required = true,
        paramLabel = "TEXT",
        description = "Why; printed on the partner's PDFs")
    String note;

    @Override
    public Integer call() {
      PcxConfig config = options.loadConfig();
      return options.run(
          options.openExisting(config),
          pipeline -> {
            Pipeline.AppealDecision decided =
                pipeline.decideAppeal(
                    id,
                    decision.accept,
                    who(by),
                    note,
                    scoring.allowFailedGate,
                    scoring.allowConfigChange);
            Appeal appeal = decided.appeal();
            System.out.println(
                appeal.id() + " " + appeal.decision() + " by " + appeal.decidedBy() + ".");
            if (decided.rescored() != null) {
              System.out.println(
                  appeal.period()
                      + " scored again: "
                      + decided.rescored().newVersions()
                      + " restated scorecard(s). Re-issue the PDFs with: pcx appeal reissue");
            }
            return StageOptions.Ending.DONE;
          });
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists every appeal as it stands: id, partner, period, metric, state.")
  static final class ListCommand implements Callable<Integer> {
    @Mixin StageOptions options;

    @Option(names = "--period", paramLabel = "PERIOD", description = "Only this period")
    String period;

    @Override
    public Integer call() {
      PcxConfig config = options.loadConfig();
      return options.run(
          options.openExisting(config),
          pipeline -> {
            List<Appeal> appeals =
                pipeline.appeals().stream()
                    .filter(a -> period == null || a.period().equals(period))
                    .toList();
            System.out.printf(
                "%-6s %-10s %-8s %-26s %5s  %-16s %s%n",
                "id", "partner", "period", "metric", "items", "reason", "state");
            for (Appeal a : appeals) {
              System.out.printf(
                  "%-6s %-10s %-8s %-26s %5d  %-16s %s%n",
                  a.id(),
                  a.partnerId(),
                  a.period(),
                  a.metric(),
                  a.items().size(),
                  a.reason(),
                  a.decided()
                      ? a.decision()
                          + " by "
                          + a.decidedBy()
                          + (a.reissuedAt() == null ? ", PDFs to re-issue" : ", PDFs re-issued")
                      : "awaiting a decision");
            }
            System.out.println(appeals.size() + " appeal(s).");
            return StageOptions.Ending.DONE;
          });
    }
  }

  @Command(
      name = "reissue",
      mixinStandardHelpOptions = true,
      description =
          "Renders again the PDFs (partner, internal, brief) of every partner with an appeal"
              + " decided since they were last rendered, and the portfolio of each period"
              + " concerned; those appeals are then marked re-issued.")
  static final class ReissueCommand implements Callable<Integer> {
    @Mixin StageOptions options;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description = "Output folder; PDFs go to DIR/<period>/. Default: out/reports")
    Path out;

    @Override
    public Integer call() {
      PcxConfig config = options.loadConfig();
      return options.run(
          options.openExisting(config),
          pipeline -> {
            List<ReportJob.Outcome> outcomes =
                pipeline.reissueAppealed(out == null ? Defaults.reports() : out);
            int exit = 0;
            for (ReportJob.Outcome outcome : outcomes) {
              exit = Math.max(exit, ReportSummary.print(outcome));
            }
            if (outcomes.isEmpty()) {
              System.out.println("No decided appeal waits for its PDFs.");
            }
            return new StageOptions.Ending(
                exit, exit == 0 ? null : "some PDFs failed to render; run it again");
          });
    }
  }
}
