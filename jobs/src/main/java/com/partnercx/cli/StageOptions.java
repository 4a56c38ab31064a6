package com.partnercx.cli;

import com.partnercx.config.ConfigLoader;
import com.partnercx.config.PcxConfig;
import com.partnercx.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options every stage command takes (DESIGN.md "Running"). */
final class StageOptions {
  @Option(
      names = "--config",
      paramLabel = "DIR",
      description =
          "Configuration folder (programs.yaml, partners.csv, feeds/). Default: data-samples/config")
  Path config;

  @Option(
      names = "--landing",
      paramLabel = "URI",
      description = "Landing zone: <feed_id>/<yyyy-mm-dd>/<files>. Default: data-samples/landing")
  String landing;

  @Option(
      names = "--warehouse",
      paramLabel = "URI",
      description =
          "Warehouse root holding every table (folder, s3a://, abfss://, hdfs://). Default: out/warehouse")
  String warehouse;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master. Default: spark.master if set, else local[*]")
  String master;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description = "Extra Spark setting; repeatable")
  Map<String, String> sparkConf = new LinkedHashMap<>();

  /** A usage error unless every feed is configured. */
  static void requireFeeds(PcxConfig config, java.util.Collection<String> feeds, CommandLine cli) {
    for (String feed : feeds) {
      if (!config.feeds().containsKey(feed)) {
        throw new CommandLine.ParameterException(
            cli, "--feed " + feed + " is not a configured feed; known: " + config.feeds().keySet());
      }
    }
  }

  PcxConfig loadConfig() {
    return new ConfigLoader().load(config == null ? Defaults.config() : config);
  }

  Pipeline open(PcxConfig loaded) {
    return Pipeline.open(
        loaded,
        landing == null ? Defaults.landing() : landing,
        warehouse == null ? Defaults.warehouse() : warehouse,
        master,
        sparkConf,
        line -> System.out.println(line));
  }
}
