"""Settings resolution, the JVM options, exit-code handling and the DAGs' Python tasks."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from types import SimpleNamespace

import pyarrow as pa
import pytest
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk.exceptions import AirflowException, AirflowFailException, AirflowSkipException
from deltalake import write_deltalake

import partner_cx_nightly
import partner_cx_period_close
from partner_cx import jobs
from partner_cx.assets import CLOSED_PERIOD
from partner_cx.jobs import PcxJobOperator, pcx_jvm_options, pcx_setting


@pytest.fixture
def variables(monkeypatch):
    """The Airflow Variables the code under test sees, keyed by name."""
    values: dict[str, object] = {}

    def get(key, default=None, deserialize_json=False):
        return values.get(key, default)

    monkeypatch.setattr(jobs.Variable, "get", staticmethod(get))
    return values


def events(*extras):
    return {CLOSED_PERIOD: [SimpleNamespace(extra=extra) for extra in extras]}


def test_a_run_param_wins_over_event_and_variable(variables):
    variables["pcx_warehouse"] = "/var/warehouse"
    assert (
        pcx_setting({"warehouse": "/param/wh"}, "warehouse", events({"settings": {"warehouse": "/e"}}))
        == "/param/wh"
    )


def test_settings_carried_by_the_triggering_events_win_over_the_variable(variables):
    variables["pcx_warehouse"] = "/var/warehouse"
    triggered = events({"periods": ["2026-09"], "settings": {"warehouse": "/nightly/wh"}})
    assert pcx_setting({"warehouse": None}, "warehouse", triggered) == "/nightly/wh"


def test_the_variable_applies_when_nothing_else_is_given(variables):
    variables["pcx_landing"] = "s3a://landing"
    assert pcx_setting({"landing": ""}, "landing", {}) == "s3a://landing"


def test_a_missing_setting_fails_without_retry_and_names_the_variable(variables):
    with pytest.raises(AirflowFailException, match="Set the Airflow Variable 'pcx_config'"):
        pcx_setting({}, "config", None)


def test_events_naming_different_warehouses_are_refused(variables):
    clash = events({"settings": {"warehouse": "/a"}}, {"settings": {"warehouse": "/b"}})
    with pytest.raises(AirflowFailException, match="different values for the setting 'warehouse'"):
        pcx_setting({}, "warehouse", clash)


def test_events_of_runs_with_and_without_a_warehouse_are_refused(variables):
    variables["pcx_warehouse"] = "/var/warehouse"
    mixed = events(
        {"periods": ["2026-08"], "settings": {}}, {"periods": ["2026-09"], "settings": {"warehouse": "/b"}}
    )
    with pytest.raises(AirflowFailException, match=r"'warehouse' \(/b, the Variable's\)"):
        pcx_setting({}, "warehouse", mixed)


def test_jvm_options_are_read_from_the_file_beside_the_jar(variables, tmp_path):
    (tmp_path / "jvm.options").write_text(
        "-XX:+IgnoreUnrecognizedVMOptions --add-opens=a=b\n-Duser.timezone=UTC\n"
    )
    variables["pcx_jar"] = str(tmp_path / "partner-cx-jobs-spark.jar")
    assert pcx_jvm_options({}) == "-XX:+IgnoreUnrecognizedVMOptions --add-opens=a=b -Duser.timezone=UTC"


def test_jvm_options_file_can_be_set_explicitly(variables, tmp_path):
    (tmp_path / "opts").write_text("-Dx=1\n")
    variables["pcx_jar"] = "hdfs://cluster/jars/partner-cx-jobs-spark.jar"
    assert pcx_jvm_options({"jvm_options_file": str(tmp_path / "opts")}) == "-Dx=1"


def test_missing_jvm_options_file_says_where_it_comes_from(variables, tmp_path):
    variables["pcx_jar"] = str(tmp_path / "partner-cx-jobs-spark.jar")
    with pytest.raises(
        AirflowFailException, match=r"jvm.options not found\. The Maven build writes it next to the jar"
    ):
        pcx_jvm_options({})


def test_a_remote_jar_needs_an_explicit_jvm_options_file(variables):
    variables["pcx_jar"] = "s3a://bucket/partner-cx-jobs-spark.jar"
    with pytest.raises(AirflowFailException, match="set the Variable 'pcx_jvm_options_file'"):
        pcx_jvm_options({})


def test_operator_command_line():
    task = PcxJobOperator(
        task_id="t", command="report", args=["--period", "2026-Q3"], options=["--out", "/r"]
    )

    def setting(name):
        return "{{ pcx_setting(params, '" + name + "', triggering_asset_events) }}"

    assert task.application_args == [
        "report", "--period", "2026-Q3", "--out", "/r",
        "--config", setting("config"), "--landing", setting("landing"), "--warehouse", setting("warehouse"),
    ]  # fmt: skip
    assert task.conf["spark.driver.memory"] == "4g"
    assert task.conf["spark.executor.memory"] == "4g"
    # Partition counts are left to the job's adaptive execution, never fixed by the DAG.
    assert "spark.sql.shuffle.partitions" not in task.conf
    assert task.conf["spark.driver.extraJavaOptions"] == task.conf["spark.executor.extraJavaOptions"]
    assert task.name == "pcx-report"


def fake_submit(monkeypatch, returncode: int | None, seen: dict | None = None, recorded: tuple | None = None):
    """Replaces the real spark-submit with one that ends with ``returncode``, after the job
    appended ``recorded`` (outcome, exit code, message) to ops/runs under the task's run id."""

    def execute(self, context):
        if seen is not None:
            seen["conf"] = dict(self.conf)
            seen["args"] = list(self.application_args)
        if recorded is not None:
            args = self.application_args
            record_outcome(args[args.index("--warehouse") + 1], args[args.index("--run-id") + 1], *recorded)
        self._hook = SimpleNamespace(_submit_sp=SimpleNamespace(returncode=returncode), _connection={})
        if returncode:
            raise AirflowException(f"Cannot execute: spark-submit ... Error code is: {returncode}.")

    monkeypatch.setattr(SparkSubmitOperator, "execute", execute)


def record_outcome(warehouse: str, run_id: str, outcome: str, exit_code: int, message: str | None) -> None:
    """Appends the row a pcx command writes last to ops/runs (the columns the DAGs read)."""
    row = pa.table(
        {
            "run_id": [run_id],
            "stage": ["command"],
            "params": pa.array(
                [[("command", "gate"), ("exit_code", str(exit_code))]], pa.map_(pa.string(), pa.string())
            ),
            "finished_at": pa.array([datetime.now(UTC)], pa.timestamp("us", tz="UTC")),
            "outcome": [outcome],
            "message": pa.array([message], pa.string()),
        }
    )
    write_deltalake(f"{warehouse}/ops/runs", row, mode="append")


def task_context(task_id: str = "t") -> dict:
    return {
        "run_id": "manual__2026-07-02T00:00:00+00:00",
        "ti": SimpleNamespace(dag_id="d", task_id=task_id, map_index=-1, try_number=2),
    }


def operator(tmp_path, command: str, **kwargs) -> PcxJobOperator:
    """The operator with its warehouse template rendered to a folder of the test."""
    task = PcxJobOperator(task_id="t", command=command, **kwargs)
    task.application_args[task.application_args.index("--warehouse") + 1] = str(tmp_path / "wh")
    return task


def test_the_run_id_names_dag_task_index_and_run():
    assert jobs.pcx_run_id(task_context("gate")) == "airflow.d.gate.-1.manual__2026-07-02T00:00:00+00:00"
    odd = task_context("x y'z")
    assert jobs.pcx_run_id(odd) == "airflow.d.x_y_z.-1.manual__2026-07-02T00:00:00+00:00"


def test_quality_gate_exit_code_fails_without_retry(monkeypatch, variables, tmp_path):
    fake_submit(monkeypatch, 3)
    task = operator(tmp_path, "gate", args=["--date", "2026-07-02"])
    with pytest.raises(AirflowFailException, match="data-quality gate held this stage back"):
        task.execute(task_context())


def test_a_held_outcome_in_ops_runs_fails_without_retry_whatever_the_exit_code(
    monkeypatch, variables, tmp_path
):
    """Cluster deploy mode: spark-submit ends with 0 or 1 while the job recorded that it was held."""
    for returncode in (0, 1):
        fake_submit(
            monkeypatch, returncode, recorded=("held", 3, "fixit_jobs 2026-07-02: 19 of 19 rows rejected")
        )
        with pytest.raises(
            AirflowFailException, match="held this stage back. fixit_jobs 2026-07-02: 19 of 19"
        ):
            operator(tmp_path / str(returncode), "gate").execute(task_context())


def test_no_outcome_recorded_is_a_retryable_failure(monkeypatch, variables, tmp_path):
    fake_submit(monkeypatch, 0)
    with pytest.raises(
        AirflowException, match="recorded no outcome in ops/runs under run id airflow.d.t"
    ) as failure:
        operator(tmp_path, "conform").execute(task_context())
    assert not isinstance(failure.value, AirflowFailException)


def test_a_failed_outcome_is_retryable_with_the_jobs_message(monkeypatch, variables, tmp_path):
    fake_submit(monkeypatch, 0, recorded=("failed", 1, "Warehouse s3a://x is not reachable"))
    with pytest.raises(
        AirflowException, match="pcx conform failed: Warehouse s3a://x is not reachable"
    ) as failure:
        operator(tmp_path, "conform").execute(task_context())
    assert not isinstance(failure.value, AirflowFailException)


def test_a_succeeded_outcome_passes_and_the_task_passes_its_run_id(monkeypatch, variables, tmp_path):
    seen: dict = {}
    fake_submit(monkeypatch, 0, seen, recorded=("succeeded", 0, None))
    operator(tmp_path, "conform").execute(task_context())
    assert seen["args"][-2:] == ["--run-id", "airflow.d.t.-1.manual__2026-07-02T00:00:00+00:00"]


def test_usage_error_fails_without_retry(monkeypatch, variables, tmp_path):
    fake_submit(monkeypatch, 2)
    with pytest.raises(AirflowFailException, match="rejected its arguments"):
        operator(tmp_path, "score").execute(task_context())


def test_other_failures_stay_retryable(monkeypatch, variables, tmp_path):
    fake_submit(monkeypatch, 1, recorded=("failed", 1, "boom"))
    with pytest.raises(AirflowException) as failure:
        operator(tmp_path, "conform").execute(task_context())
    assert not isinstance(failure.value, AirflowFailException)


def test_spark_conf_variable_sizes_the_job(monkeypatch, variables, tmp_path):
    seen: dict = {}
    fake_submit(monkeypatch, 0, seen, recorded=("succeeded", 0, None))
    variables["pcx_spark_conf"] = {"spark.sql.shuffle.partitions": 64, "spark.executor.memory": "8g"}
    operator(tmp_path, "conform").execute(task_context())
    assert seen["conf"]["spark.sql.shuffle.partitions"] == "64"
    assert seen["conf"]["spark.executor.memory"] == "8g"
    assert "spark.driver.extraJavaOptions" in seen["conf"]


# The DAGs' Python tasks, called directly.
select_feeds = partner_cx_nightly.dag.get_task("ingest.select_feeds").python_callable
close_period = partner_cx_nightly.dag.get_task("score_daily.close_period").python_callable
resolve_periods = partner_cx_period_close.dag.get_task("resolve_periods").python_callable
JULY_2 = datetime(2026, 7, 2, tzinfo=UTC)


def test_all_feeds_in_one_ingest_task_by_default(variables):
    assert select_feeds(params={"feeds": None}, logical_date=JULY_2) == [[]]


def test_one_ingest_task_per_listed_feed(variables):
    variables["pcx_feeds"] = ["fixit_jobs", "brand_pos_orders"]
    assert select_feeds(params={}, logical_date=JULY_2) == [
        ["--feed", "fixit_jobs"],
        ["--feed", "brand_pos_orders"],
    ]
    assert select_feeds(params={"feeds": ["app_sessions"]}, logical_date=JULY_2) == [
        ["--feed", "app_sessions"]
    ]


def test_nightly_needs_a_logical_date(variables):
    with pytest.raises(AirflowFailException, match="trigger it with a logical date"):
        select_feeds(params={}, logical_date=None)


def test_a_mid_month_date_emits_no_asset_event():
    outlet_events = defaultdict(SimpleNamespace)
    with pytest.raises(AirflowSkipException, match="2026-07-02 completes no month"):
        close_period(ds="2026-07-02", params={}, outlet_events=outlet_events)
    assert not outlet_events


def test_month_end_event_names_the_periods_and_the_runs_settings():
    outlet_events = defaultdict(SimpleNamespace)
    periods = close_period(
        ds="2026-07-01", params={"warehouse": "/tmp/wh", "feeds": ["x"]}, outlet_events=outlet_events
    )
    assert periods == ["2026-06", "2026-Q2"]
    assert outlet_events[CLOSED_PERIOD].extra == {
        "delivery_date": "2026-07-01",
        "periods": ["2026-06", "2026-Q2"],
        "settings": {"warehouse": "/tmp/wh"},
    }


def test_period_close_takes_the_periods_from_the_events():
    triggered = events({"periods": ["2026-09", "2026-Q3"]}, {"periods": ["2026-08"]})
    assert resolve_periods(params={"period": None}, triggering_asset_events=triggered) == [
        ["--period", "2026-08"],
        ["--period", "2026-09"],
        ["--period", "2026-Q3"],
    ]


def test_a_manual_period_close_needs_a_period():
    assert resolve_periods(params={"period": "2026-Q2"}, triggering_asset_events={}) == [
        ["--period", "2026-Q2"]
    ]
    with pytest.raises(AirflowFailException, match="trigger this DAG with the param 'period'"):
        resolve_periods(params={"period": None}, triggering_asset_events={})
