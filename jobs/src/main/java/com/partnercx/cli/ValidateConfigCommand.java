package com.partnercx.cli;

import com.partnercx.config.ConfigLoader;
import com.partnercx.config.Feed;
import com.partnercx.config.Lookup;
import com.partnercx.config.PcxConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "validate-config",
    mixinStandardHelpOptions = true,
    description =
        "Checks a configuration folder and lists every problem found, each with file, key and expectation.")
final class ValidateConfigCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      paramLabel = "DIR",
      description = "Configuration folder. Default: data-samples/config")
  Path config;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Path dir = config == null ? Defaults.config() : config;
    PcxConfig loaded = new ConfigLoader().load(dir);
    java.io.PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "%s is valid: %d programs, %d partners, %d feeds (configuration hash %s)%n",
        dir,
        loaded.programs().size(),
        loaded.partners().size(),
        loaded.feeds().size(),
        loaded.hash().substring(0, 12));
    out.print(feeds(loaded));
    out.flush();
    return 0;
  }

  /**
   * Per feed, what its files must carry: the columns of its keys, its period field and the fields
   * its partners' metrics read; the other mapped columns, which a file may lack; its lookups.
   */
  static String feeds(PcxConfig config) {
    StringBuilder out =
        new StringBuilder("\nWhat each feed's files must carry (the others may be absent):\n");
    for (Feed feed : config.feeds().values()) {
      List<String> absentOk = feed.optionalColumns();
      out.append("  ")
          .append(feed.id())
          .append(" (")
          .append(feed.entityId())
          .append(
              feed.isReference()
                  ? ""
                  : ", "
                      + feed.partners().size()
                      + (feed.partners().size() == 1 ? " partner" : " partners"))
          .append("): ")
          .append(feed.requiredColumns());
      if (!absentOk.isEmpty()) {
        out.append("; may lack ").append(absentOk);
      }
      for (Lookup lookup : feed.lookups()) {
        out.append("; takes ")
            .append(lookup.take().keySet())
            .append(" from ")
            .append(lookup.feed())
            .append(" by ")
            .append(lookup.on().keySet());
      }
      out.append('\n');
    }
    return out.toString();
  }
}
