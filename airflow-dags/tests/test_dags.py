"""Every DAG file loads, and each DAG has the shape, schedule, retries and tags intended."""

from __future__ import annotations

from datetime import timedelta

import pytest
from airflow.dag_processing.dagbag import DagBag
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk import Asset, CronDataIntervalTimetable

from conftest import DAGS_FOLDER
from partner_cx.assets import CLOSED_PERIOD
from partner_cx.jobs import MAIN_CLASS, PcxJobOperator

NIGHTLY = "partner_cx_nightly"
PERIOD_CLOSE = "partner_cx_period_close"
MAINTENANCE = "partner_cx_maintenance"


@pytest.fixture(scope="module")
def dagbag() -> DagBag:
    return DagBag(dag_folder=str(DAGS_FOLDER), safe_mode=False)


def test_every_dag_file_imports_without_errors(dagbag):
    assert dagbag.import_errors == {}


def test_the_folder_holds_exactly_the_three_dags(dagbag):
    assert sorted(dagbag.dag_ids) == [MAINTENANCE, NIGHTLY, PERIOD_CLOSE]


def test_maintenance_runs_pcx_maintain_weekly_with_the_retention(dagbag):
    dag = dagbag.dags[MAINTENANCE]
    assert dag.timetable == CronDataIntervalTimetable("0 3 * * 0", timezone="UTC")
    assert [task.task_id for task in dag.tasks] == ["maintain"]
    maintain = dag.get_task("maintain")
    assert isinstance(maintain, PcxJobOperator)
    assert maintain.application_args[0] == "maintain"
    assert maintain.application_args[1] == "--retain-days"
    assert "pcx_retain_days" in maintain.application_args[2]
    assert dag.params["retain_days"] is None
    assert "maintenance" in dag.tags


def test_helper_package_is_not_parsed_for_dags(dagbag):
    parsed = {dag.fileloc for dag in dagbag.dags.values()}
    assert not any("/partner_cx/" in path for path in parsed)
    assert (DAGS_FOLDER / ".airflowignore").read_text().count("partner_cx/") == 1


def upstream(dag) -> dict[str, set[str]]:
    return {task.task_id: set(task.upstream_task_ids) for task in dag.tasks}


def test_nightly_runs_the_stages_in_order(dagbag):
    dag = dagbag.dags[NIGHTLY]
    assert upstream(dag) == {
        "ingest.select_feeds": set(),
        "ingest.ingest_feed": {"ingest.select_feeds"},
        "conform.conform": {"ingest.ingest_feed"},
        "quality_gate.gate": {"conform.conform"},
        "score_daily.score": {"quality_gate.gate"},
        "score_daily.close_period": {"score_daily.score"},
    }


def test_nightly_groups_tasks_by_stage(dagbag):
    dag = dagbag.dags[NIGHTLY]
    groups = {task.task_id: task.task_group.group_id for task in dag.tasks}
    assert groups == {
        "ingest.select_feeds": "ingest",
        "ingest.ingest_feed": "ingest",
        "conform.conform": "conform",
        "quality_gate.gate": "quality_gate",
        "score_daily.score": "score_daily",
        "score_daily.close_period": "score_daily",
    }


def test_nightly_stage_commands(dagbag):
    dag = dagbag.dags[NIGHTLY]
    date = ["--date", "{{ ds }}"]
    assert dag.get_task("conform.conform").application_args[:3] == ["conform", *date]
    assert dag.get_task("quality_gate.gate").application_args[:3] == ["gate", *date]
    assert dag.get_task("score_daily.score").application_args[:3] == ["score", *date]
    ingest = dag.get_task("ingest.ingest_feed")
    assert ingest.partial_kwargs["command"] == "ingest"
    assert ingest.partial_kwargs["options"] == date
    # The feeds are expanded from the select_feeds task at run time, one task instance each.
    assert set(ingest.expand_input.value) == {"args"}
    assert ingest.partial_kwargs["max_active_tis_per_dagrun"] == 1


def test_nightly_schedule_gives_each_run_its_delivery_date(dagbag):
    dag = dagbag.dags[NIGHTLY]
    assert dag.timetable == CronDataIntervalTimetable("0 0 * * *", timezone="UTC")
    assert dag.catchup is False
    assert dag.max_active_runs == 1


def test_nightly_announces_closed_periods_through_the_asset(dagbag):
    dag = dagbag.dags[NIGHTLY]
    producers = [task.task_id for task in dag.tasks if CLOSED_PERIOD in task.outlets]
    assert producers == ["score_daily.close_period"]


def test_period_close_is_scheduled_on_the_asset_and_closes_before_rendering(dagbag):
    dag = dagbag.dags[PERIOD_CLOSE]
    assert isinstance(dag.timetable.asset_condition, Asset)
    assert dag.timetable.asset_condition == CLOSED_PERIOD
    assert upstream(dag) == {
        "resolve_periods": set(),
        "close_period": {"resolve_periods"},
        "render_reports": {"resolve_periods", "close_period"},
        "reissue_appeals": {"render_reports"},
    }
    close, render = dag.get_task("close_period"), dag.get_task("render_reports")
    reissue = dag.get_task("reissue_appeals")
    assert reissue.pcx_command == "appeal"
    assert reissue.application_args[:3] == ["appeal", "reissue", "--out"]
    assert close.partial_kwargs["command"] == "close"
    assert render.partial_kwargs["command"] == "report"
    assert render.partial_kwargs["options"][0] == "--out"
    assert "'reports'" in render.partial_kwargs["options"][1]


@pytest.mark.parametrize("dag_id", [NIGHTLY, PERIOD_CLOSE, MAINTENANCE])
def test_retries_back_off_exponentially(dagbag, dag_id):
    for task in dagbag.dags[dag_id].tasks:
        assert task.owner == "partner-cx", task.task_id
        assert task.retries == 3, task.task_id
        assert task.retry_delay == timedelta(minutes=2), task.task_id
        assert task.retry_exponential_backoff == 2.0, task.task_id
        assert task.max_retry_delay == timedelta(minutes=30), task.task_id
        assert task.execution_timeout == timedelta(hours=3), task.task_id


@pytest.mark.parametrize(
    ("dag_id", "tags"),
    [
        (NIGHTLY, {"partner-cx", "spark", "nightly"}),
        (PERIOD_CLOSE, {"partner-cx", "spark", "scorecards"}),
        (MAINTENANCE, {"partner-cx", "spark", "maintenance"}),
    ],
)
def test_tags_and_docs(dagbag, dag_id, tags):
    dag = dagbag.dags[dag_id]
    assert set(dag.tags) == tags
    assert dag_id in dag.doc_md


@pytest.mark.parametrize("dag_id", [NIGHTLY, PERIOD_CLOSE, MAINTENANCE])
def test_spark_tasks_submit_the_jobs_jar(dagbag, dag_id):
    spark_tasks = [t for t in dagbag.dags[dag_id].tasks if issubclass(t.operator_class, SparkSubmitOperator)]
    assert spark_tasks
    for task in spark_tasks:
        assert issubclass(task.operator_class, PcxJobOperator), task.task_id
        if isinstance(task, PcxJobOperator):
            assert task.application == "{{ pcx_setting(params, 'jar', triggering_asset_events) }}"
            assert task._java_class == MAIN_CLASS
            assert task._conn_id == "spark_default"
            assert task.application_args[-6::2] == ["--config", "--landing", "--warehouse"]


@pytest.mark.parametrize(
    ("dag_id", "params"),
    [
        (NIGHTLY, {"jar", "jvm_options_file", "config", "landing", "warehouse", "feeds"}),
        (PERIOD_CLOSE, {"jar", "jvm_options_file", "config", "landing", "warehouse", "reports", "period"}),
        (MAINTENANCE, {"jar", "jvm_options_file", "config", "landing", "warehouse", "retain_days"}),
    ],
)
def test_params_default_to_empty_so_the_variables_apply(dagbag, dag_id, params):
    dag = dagbag.dags[dag_id]
    assert set(dag.params) == params
    assert all(dag.params[name] is None for name in params)
