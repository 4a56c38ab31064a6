"""Running a stage of the ``pcx`` command line from the jobs jar with spark-submit.

Every setting a job needs (the jar, the configuration folder, landing, warehouse, reports) is
resolved when a task runs, never when the DAG file is parsed, from the first of:

1. the DAG run's params, when the run was triggered with them;
2. the settings carried by the asset events that triggered the run: a period close started by a
   nightly run that was given another warehouse scores that same warehouse;
3. the Airflow Variable ``pcx_<name>``.

Task templates call the macros below, so the rendered command line shows in the task's
"Rendered Template" view.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk import Param, Variable
from airflow.sdk.exceptions import AirflowException, AirflowFailException

from partner_cx.notify import PcxFailureNotifier
from partner_cx.outcome import HELD, SUCCEEDED, Outcome, read_outcome

#: Entry point of the jobs jar.
MAIN_CLASS = "com.partnercx.cli.Pcx"

#: The run settings, each a DAG param and an Airflow Variable ``pcx_<name>``.
SETTINGS: dict[str, str] = {
    "jar": "Jobs jar for spark-submit (Spark itself not inside), e.g. jobs/target/partner-cx-jobs-spark.jar",
    "jvm_options_file": (
        "File with the driver and executor JVM options (Spark's Java 17 module flags, UTC time zone), "
        "written by the build next to the jar; default: jvm.options beside a local jar"
    ),
    "config": "Configuration folder: programs.yaml, partners.csv, feeds/",
    "landing": "Landing zone URI: <feed_id>/<yyyy-mm-dd>/<files>",
    "warehouse": "Warehouse root URI holding every table (folder, s3a://, abfss://, hdfs://)",
    "reports": "Folder the PDF scorecards are written to, one subfolder per period",
}

#: Variable with extra Spark properties (a JSON object) merged over SPARK_CONF, to size a cluster.
SPARK_CONF_VARIABLE = "pcx_spark_conf"

#: Variable with delta-rs storage options (a JSON object) for reading ops/runs from the worker.
STORAGE_OPTIONS_VARIABLE = "pcx_storage_options"

#: Driver and executor resources, sized for a brand of about 5,000 partners (the nightly of 1.6M
#: rows peaks at about 3.2 GiB of driver heap). Partition counts are not set: the jobs let
#: adaptive execution size and coalesce them by the data. Override any of these, or add cluster
#: properties, through the Variable pcx_spark_conf.
SPARK_CONF: dict[str, str] = {
    "spark.driver.memory": "4g",
    "spark.driver.cores": "1",
    "spark.executor.memory": "4g",
    "spark.executor.cores": "2",
    "spark.driver.extraJavaOptions": "{{ pcx_jvm_options(params, triggering_asset_events) }}",
    "spark.executor.extraJavaOptions": "{{ pcx_jvm_options(params, triggering_asset_events) }}",
}

#: Exit codes of the command line (README "The command line") that a retry cannot change.
EXIT_USAGE = 2
EXIT_GATE_HELD = 3

DEFAULT_ARGS: dict[str, Any] = {
    "owner": "partner-cx",
    "retries": 3,
    "retry_delay": timedelta(minutes=2),
    # Delays of 2, 4 and 8 minutes: long enough for a storage or cluster hiccup to pass.
    "retry_exponential_backoff": 2.0,
    "max_retry_delay": timedelta(minutes=30),
    "execution_timeout": timedelta(hours=3),
    # An e-mail per task that failed for good, once the Variable pcx_failure_email lists recipients.
    "on_failure_callback": [PcxFailureNotifier()],
}


def setting(name: str) -> str:
    """Template that renders the setting ``name`` when the task runs."""
    if name not in SETTINGS:
        raise KeyError(f"unknown setting '{name}'; known: {', '.join(SETTINGS)}")
    return "{{ pcx_setting(params, '" + name + "', triggering_asset_events) }}"


def setting_params(*names: str) -> dict[str, Param]:
    """Optional DAG params that override the Variables for one run (empty: use the Variable)."""
    return {
        name: Param(
            None,
            type=["null", "string"],
            title=name,
            description=f"{SETTINGS[name]}. Empty: the Variable pcx_{name}.",
        )
        for name in names
    }


def explicit_settings(params: Mapping[str, Any]) -> dict[str, str]:
    """The settings a run was given as params, to pass on with the asset events it emits."""
    return {name: str(params[name]) for name in SETTINGS if params.get(name) not in (None, "")}


def _event_settings(events: Mapping[Any, Sequence[Any]] | None) -> dict[str, str]:
    carried = [
        (event.extra or {}).get("settings") or {}
        for event_list in (events or {}).values()
        for event in event_list
    ]
    merged: dict[str, str] = {}
    for name in sorted({name for settings in carried for name in settings}):
        # An event without the setting came from a run that used the Variable: that differs too.
        values = {settings.get(name) for settings in carried}
        if len(values) > 1:
            shown = ", ".join(sorted(str(v) if v else "the Variable's" for v in values))
            raise AirflowFailException(
                f"The asset events that triggered this run name different values for the setting "
                f"'{name}' ({shown}). Close their periods in separate runs, each triggered with the "
                f"params 'period' and '{name}'."
            )
        merged[name] = values.pop()
    return merged


def _setting_value(
    params: Mapping[str, Any], name: str, events: Mapping[Any, Sequence[Any]] | None
) -> str | None:
    value = params.get(name)
    if value not in (None, ""):
        return str(value)
    value = _event_settings(events).get(name)
    if value:
        return value
    return Variable.get(f"pcx_{name}", default=None) or None


def pcx_setting(
    params: Mapping[str, Any], name: str, events: Mapping[Any, Sequence[Any]] | None = None
) -> str:
    """Macro: the value of a setting for this run (see the module's docstring for the order)."""
    value = _setting_value(params, name, events)
    if value is None:
        raise AirflowFailException(
            f"The partner-cx setting '{name}' ({SETTINGS[name]}) is not set. "
            f"Set the Airflow Variable 'pcx_{name}', or pass the DAG param '{name}' when triggering "
            "the run (see airflow-dags/README.md)."
        )
    return value


def pcx_jvm_options(params: Mapping[str, Any], events: Mapping[Any, Sequence[Any]] | None = None) -> str:
    """Macro: the JVM options from the build's options file, one string for spark.*.extraJavaOptions."""
    path = _setting_value(params, "jvm_options_file", events)
    if path is None:
        jar = pcx_setting(params, "jar", events)
        if "://" in jar and not jar.startswith("file://"):
            raise AirflowFailException(
                f"The jar {jar} is not a local file, so the JVM options file cannot be found beside it: "
                "set the Variable 'pcx_jvm_options_file' to a local copy of the build's jvm.options."
            )
        path = posixpath.join(posixpath.dirname(jar.removeprefix("file://")), "jvm.options")
    try:
        with open(path, encoding="utf-8") as options:
            return " ".join(options.read().split())
    except FileNotFoundError:
        raise AirflowFailException(
            f"JVM options file {path} not found. The Maven build writes it next to the jar: deploy it "
            "with the jar, or set the Variable 'pcx_jvm_options_file'."
        ) from None


def pcx_run_id(context: Mapping[str, Any]) -> str:
    """The run id a task passes to ``pcx --run-id``: one per DAG run, task and map index.

    The tries of a task share it: a retry that reconnects to a driver still running in cluster
    mode reads that driver's outcome, and a retry that runs the job again records a later row,
    which is the one read.
    """
    ti = context["ti"]
    raw = f"airflow.{ti.dag_id}.{ti.task_id}.{ti.map_index}.{context['run_id']}"
    return re.sub(r"[^A-Za-z0-9._:+=@-]", "_", raw)[:200]


#: Macros for every partner-cx DAG (user_defined_macros).
MACROS = {"pcx_setting": pcx_setting, "pcx_jvm_options": pcx_jvm_options}


class PcxJobOperator(SparkSubmitOperator):
    """Runs ``pcx <command> <args> <options> --config .. --landing .. --warehouse ..`` via spark-submit.

    ``args`` is what differs between the instances of a mapped task (a feed, a period); ``options``
    is fixed and may hold templates. The task passes ``--run-id`` and judges the run by the outcome
    the job recorded in ops/runs under it (see partner_cx.outcome), which every deploy mode keeps:
    held by the quality gate (or exit code 3) and a usage error (exit code 2) fail the task without
    retries, since running the same job again gives the same answer; a failure, or no outcome at
    all, fails it with retries.
    """

    def __init__(
        self,
        *,
        command: str,
        args: Sequence[str] = (),
        options: Sequence[str] = (),
        conn_id: str = "spark_default",
        **kwargs: Any,
    ) -> None:
        self.pcx_command = command
        self.pcx_args = list(args)
        kwargs.setdefault("name", f"pcx-{command}")
        super().__init__(
            application=setting("jar"),
            java_class=MAIN_CLASS,
            conn_id=conn_id,
            conf=dict(SPARK_CONF),
            application_args=[
                command,
                *args,
                *options,
                "--config",
                setting("config"),
                "--landing",
                setting("landing"),
                "--warehouse",
                setting("warehouse"),
            ],
            **kwargs,
        )

    def execute(self, context: Any) -> None:
        overrides = Variable.get(SPARK_CONF_VARIABLE, default=None, deserialize_json=True)
        if overrides:
            self.conf = {**(self.conf or {}), **{str(k): str(v) for k, v in overrides.items()}}
        run_id = pcx_run_id(context)
        self.application_args = [*self.application_args, "--run-id", run_id]
        self.log.info("pcx %s records its outcome in ops/runs under run id %s", self.pcx_command, run_id)
        failure: Exception | None = None
        try:
            super().execute(context)
        except (AirflowException, RuntimeError) as error:
            # Client mode raises AirflowException with the exit code; cluster mode a RuntimeError
            # naming the driver's final state (FAILED) without it.
            failure = error
        code = self._exit_code()
        if failure is not None and code == EXIT_USAGE:
            raise AirflowFailException(
                f"pcx {self.pcx_command}: the command line rejected its arguments (exit code 2); "
                "is the jar older than these DAGs?"
            ) from failure
        recorded = self._recorded_outcome(run_id, code)
        if (recorded is not None and recorded.outcome == HELD) or code == EXIT_GATE_HELD:
            why = recorded.message if recorded is not None and recorded.message else "see the log above"
            raise AirflowFailException(
                f"pcx {self.pcx_command}: the data-quality gate held this stage back. {why}\n"
                "Fix or re-deliver the data, then clear this task."
            ) from failure
        if failure is not None:
            raise failure
        if recorded is None:
            raise AirflowException(
                f"pcx {self.pcx_command}: spark-submit ended, but the job recorded no outcome in "
                f"ops/runs under run id {run_id}: the driver stopped before it finished (see the "
                "driver's log), or it wrote to another warehouse."
            )
        if recorded.outcome != SUCCEEDED:
            raise AirflowException(f"pcx {self.pcx_command} failed: {recorded.message}")

    def _recorded_outcome(self, run_id: str, exit_code: int | None) -> Outcome | None:
        """The outcome in ops/runs; where it cannot be read, the exit code alone decides in
        client mode (it is the driver's), and the task fails in cluster mode."""
        warehouse = self.application_args[self.application_args.index("--warehouse") + 1]
        options = Variable.get(STORAGE_OPTIONS_VARIABLE, default=None, deserialize_json=True)
        try:
            return read_outcome(warehouse, run_id, options)
        except Exception as error:  # noqa: BLE001 - any storage failure means the same here
            if exit_code is not None and not self._cluster_mode():
                self.log.warning(
                    "Cannot read ops/runs of %s (%s); judging by the exit code %s",
                    warehouse,
                    error,
                    exit_code,
                )
                return None if exit_code else Outcome(SUCCEEDED, 0, None)
            raise AirflowException(
                f"pcx {self.pcx_command}: cannot read the outcome from ops/runs of {warehouse}: {error}. "
                "In cluster deploy mode the Airflow worker needs read access to the warehouse "
                f"(storage credentials in the environment or the Variable {STORAGE_OPTIONS_VARIABLE})."
            ) from error

    def _cluster_mode(self) -> bool:
        connection = getattr(self._hook, "_connection", None) or {}
        return connection.get("deploy_mode") == "cluster"

    def _exit_code(self) -> int | None:
        # The hook's exception carries the exit code only in its text; the process it keeps has it.
        process = getattr(self._hook, "_submit_sp", None) if self._hook else None
        return process.returncode if process is not None else None
