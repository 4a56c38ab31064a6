"""End to end, against the local Airflow of scripts/start.sh and the real jobs jar.

Selected with ``-m e2e``. Without a reachable Airflow these tests are skipped, unless
PCX_E2E_REQUIRED=1 (scripts/test.sh sets it), which turns that into a failure.
"""

from __future__ import annotations

import csv
import json
import os
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest

from airflow_api import AirflowApi, AirflowApiError
from conftest import REPO
from delta_table import read_table
from partner_cx.assets import CLOSED_PERIOD

pytestmark = pytest.mark.e2e

NIGHTLY = "partner_cx_nightly"
PERIOD_CLOSE = "partner_cx_period_close"
SAMPLE_DATE = date(2026, 7, 2)
TIMEOUT = float(os.environ.get("PCX_E2E_TIMEOUT", "2400"))


@pytest.fixture(scope="module")
def airflow() -> AirflowApi:
    url = os.environ.get("PCX_AIRFLOW_URL", "http://127.0.0.1:28080")
    api = AirflowApi(
        url, os.environ.get("PCX_AIRFLOW_USERNAME", "admin"), os.environ.get("PCX_AIRFLOW_PASSWORD", "admin")
    )
    try:
        api.health()
    except OSError as error:
        message = f"no Airflow at {url} ({error}): start it with airflow-dags/scripts/start.sh"
        if os.environ.get("PCX_E2E_REQUIRED") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return api


@pytest.fixture(scope="module")
def jar() -> Path:
    path = Path(os.environ.get("AIRFLOW_VAR_PCX_JAR", REPO / "jobs/target/partner-cx-jobs-spark.jar"))
    if not path.is_file():
        pytest.skip(
            f"the jobs jar {path} is not built yet: build it with 'mvn -DskipTests package' (or ./pcx)"
        )
    return path


def test_the_running_airflow_parsed_both_dags_without_errors(airflow):
    for dag_id in (NIGHTLY, PERIOD_CLOSE):
        dag = airflow.wait_for_dag(dag_id, timeout=120)
        assert dag["has_import_errors"] is False, dag_id
    # Other bundles (PCX_AIRFLOW_EXTRA_DAGS) may hold broken files on purpose.
    assert [e for e in airflow.import_errors() if e.get("bundle_name") == "dags-folder"] == []


def test_a_closed_period_event_queues_a_period_close(airflow):
    """The running Airflow binds partner_cx_period_close to the asset partner_cx_nightly updates.

    The local Airflow starts no asset-triggered runs (see scripts/airflow-env.sh), so the event
    stays queued, and is removed again.
    """
    airflow.wait_for_dag(PERIOD_CLOSE, timeout=120)
    airflow.set_paused(PERIOD_CLOSE, False)  # Airflow queues events for unpaused DAGs only
    try:
        airflow.create_asset_event(
            CLOSED_PERIOD.uri, {"delivery_date": "2026-10-01", "periods": ["2026-09", "2026-Q3"]}
        )
        queued = airflow.queued_asset_events(PERIOD_CLOSE)
    finally:
        airflow.set_paused(PERIOD_CLOSE, True)
        airflow.delete_queued_asset_events(PERIOD_CLOSE)
    assert [event["dag_id"] for event in queued] == [PERIOD_CLOSE]


def partners_active_on(day: date) -> set[str]:
    with open(REPO / "data-samples/config/partners.csv", newline="", encoding="utf-8") as partners:
        return {
            row["partner_id"]
            for row in csv.DictReader(partners)
            if date.fromisoformat(row["valid_from"]) <= day
            and (not row["valid_to"] or day <= date.fromisoformat(row["valid_to"]))
        }


def failure_report(airflow: AirflowApi, run_id: str, tasks: list[dict]) -> str:
    lines = []
    for ti in tasks:
        if ti["state"] in ("failed", "up_for_retry", "upstream_failed"):
            lines.append(f"--- {ti['task_id']}[{ti['map_index']}] {ti['state']}, try {ti['try_number']}")
            if ti["state"] != "upstream_failed":
                try:
                    lines.extend(airflow.task_log(NIGHTLY, run_id, ti).splitlines()[-40:])
                except AirflowApiError as error:
                    lines.append(f"(no log: {error})")
    return "\n".join(lines)


def test_nightly_run_fills_partner_daily_for_the_delivery_date(airflow, jar, tmp_path):
    warehouse = tmp_path / "warehouse"
    run_id = f"e2e__{SAMPLE_DATE}__{uuid.uuid4().hex[:8]}"
    logical_date = f"{SAMPLE_DATE}T00:00:00Z"
    airflow.wait_for_dag(NIGHTLY, timeout=120)
    airflow.delete_runs_on(NIGHTLY, logical_date)  # left by an earlier test against this Airflow
    # The operator sizes the jobs through the Variable pcx_spark_conf; the jobs must keep it.
    events = tmp_path / "spark-events"
    events.mkdir()
    spark_conf = {
        "spark.sql.shuffle.partitions": "3",
        "spark.eventLog.enabled": "true",
        "spark.eventLog.dir": events.as_uri(),
        # One plain JSON file per application, to read back below.
        "spark.eventLog.rolling.enabled": "false",
        "spark.eventLog.compress": "false",
    }
    airflow.set_variable("pcx_spark_conf", json.dumps(spark_conf))
    airflow.set_paused(NIGHTLY, False)
    try:
        airflow.trigger(NIGHTLY, run_id, logical_date, {"warehouse": str(warehouse)})
        run, tasks = airflow.wait_for_run(NIGHTLY, run_id, timeout=TIMEOUT)
    finally:
        airflow.set_paused(NIGHTLY, True)
        airflow.delete_variable("pcx_spark_conf")

    assert run["state"] == "success", failure_report(airflow, run_id, tasks)
    states = {(t["task_id"], t["rendered_map_index"]): t["state"] for t in tasks}
    assert states == {
        ("ingest.select_feeds", None): "success",
        ("ingest.ingest_feed", "all feeds"): "success",
        ("conform.conform", None): "success",
        ("quality_gate.gate", None): "success",
        ("score_daily.score", None): "success",
        # 2026-07-02 completes no month: no asset event, no period close.
        ("score_daily.close_period", None): "skipped",
    }

    rows = read_table(warehouse / "gold/partner_daily").to_pylist()
    event_day = SAMPLE_DATE - timedelta(days=1)  # a delivery carries the previous day's events
    assert {row["partner_id"] for row in rows} == partners_active_on(event_day)
    on_event_day = [row for row in rows if row["day"] == event_day]
    assert on_event_day, f"no partner_daily rows for {event_day}"
    assert sum(row["events"] for row in on_event_day) > 0
    assert all(row["day"] <= SAMPLE_DATE for row in rows)
    keys = [(row["partner_id"], row["day"]) for row in rows]
    assert len(keys) == len(set(keys)), "partner_daily holds a partner and day twice"

    # Every Spark application of the run (ingest, conform, gate, score) ran with the Variable's
    # shuffle partitions, and each task's job recorded that it succeeded under the task's run id.
    applications = sorted(events.iterdir())
    assert len(applications) == 4, [a.name for a in applications]
    for application in applications:
        environment = next(
            json.loads(line) for line in application.read_text().splitlines() if "EnvironmentUpdate" in line
        )
        properties = environment["Spark Properties"]
        properties = dict(properties) if isinstance(properties, list) else properties
        assert properties["spark.sql.shuffle.partitions"] == "3", application.name
    commands = [r for r in read_table(warehouse / "ops/runs").to_pylist() if r["stage"] == "command"]
    assert sorted(dict(r["params"])["command"] for r in commands) == ["conform", "gate", "ingest", "score"]
    assert {r["outcome"] for r in commands} == {"succeeded"}
    assert all(r["run_id"].startswith(f"airflow.{NIGHTLY}.") and run_id in r["run_id"] for r in commands)
