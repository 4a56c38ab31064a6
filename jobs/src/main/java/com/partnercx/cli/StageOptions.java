package com.partnercx.cli;

import com.partnercx.config.ConfigLoader;
import com.partnercx.config.Partner;
import com.partnercx.config.PcxConfig;
import com.partnercx.errors.PcxErrors;
import com.partnercx.pipeline.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options every stage command takes: configuration, landing zone, warehouse and Spark. */
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

  /** A usage error unless the partner is in partners.csv: checked before Spark starts. */
  static void requirePartner(PcxConfig config, String partnerId, CommandLine cli) {
    if (partnerId != null && config.latestPartner(partnerId).isEmpty()) {
      List<String> known =
          config.partners().stream().map(Partner::partnerId).distinct().sorted().toList();
      throw new CommandLine.ParameterException(
          cli,
          "--partner "
              + partnerId
              + " is not in partners.csv; known: "
              + (known.size() > 10
                  ? String.join(", ", known.subList(0, 10)) + ", ... (" + known.size() + ")"
                  : String.join(", ", known)));
    }
  }

  /**
   * Opens the pipeline on a warehouse that must exist already, for commands that read what earlier
   * stages wrote: a local folder that is not there is reported before Spark starts and is not
   * created.
   */
  Pipeline openExisting(PcxConfig loaded) {
    String root = warehouse == null ? Defaults.warehouse() : warehouse;
    java.net.URI uri = java.net.URI.create(root.replace(" ", "%20"));
    boolean local = uri.getScheme() == null || uri.getScheme().equals("file");
    if (local && !Files.isDirectory(local(root, uri))) {
      throw PcxErrors.warehouseMissing(root);
    }
    return open(loaded);
  }

  private static Path local(String root, java.net.URI uri) {
    return uri.getScheme() == null ? Path.of(root) : Path.of(uri);
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
