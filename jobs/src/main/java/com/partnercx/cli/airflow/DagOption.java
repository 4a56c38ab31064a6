package com.partnercx.cli.airflow;

import picocli.CommandLine.Option;

/** The DAG a {@code pcx airflow} command acts on. */
final class DagOption {
  @Option(
      names = "--dag",
      paramLabel = "DAG_ID",
      defaultValue = AirflowCommand.DEFAULT_DAG,
      description = "Default: ${DEFAULT-VALUE}")
  String dag;
}
