package com.partnercx.cli;

import com.partnercx.config.ConfigLoader;
import com.partnercx.config.PcxConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

  @Override
  public Integer call() {
    Path dir = config == null ? Defaults.config() : config;
    PcxConfig loaded = new ConfigLoader().load(dir);
    System.out.printf(
        "%s is valid: %d programs, %d partners, %d feeds (configuration hash %s)%n",
        dir,
        loaded.programs().size(),
        loaded.partners().size(),
        loaded.feeds().size(),
        loaded.hash().substring(0, 12));
    return 0;
  }
}
