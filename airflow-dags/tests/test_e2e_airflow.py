"""End to end, against the local Airflow of scripts/start.sh and the real jobs jar.

Selected with ``-m e2e``. Without a reachable Airflow these tests are skipped, unless
PCX_E2E_REQUIRED=1 (scripts/test.sh sets it), which turns that into a failure.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import uuid
from datetime import date, time, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from airflow_api import AirflowApi, AirflowApiError
from conftest import REPO
from delta_table import read_table
from partner_cx.assets import CLOSED_PERIOD

pytestmark = pytest.mark.e2e

NIGHTLY = "partner_cx_nightly"
PERIOD_CLOSE = "partner_cx_period_close"
SAMPLE_DATE = date(2026, 7, 2)
#: The month and quarter of the sample date's events.
MONTH, QUARTER = "2026-07", "2026-Q3"
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


def failure_report(airflow: AirflowApi, run_id: str, tasks: list[dict], dag_id: str = NIGHTLY) -> str:
    lines = []
    for ti in tasks:
        if ti["state"] in ("failed", "up_for_retry", "upstream_failed"):
            lines.append(f"--- {ti['task_id']}[{ti['map_index']}] {ti['state']}, try {ti['try_number']}")
            if ti["state"] != "upstream_failed":
                try:
                    lines.extend(airflow.task_log(dag_id, run_id, ti).splitlines()[-40:])
                except AirflowApiError as error:
                    lines.append(f"(no log: {error})")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def nightly(airflow, jar, tmp_path_factory) -> SimpleNamespace:
    """A run of partner_cx_nightly for SAMPLE_DATE into a warehouse of its own."""
    home = tmp_path_factory.mktemp("nightly")
    warehouse = home / "warehouse"
    run_id = f"e2e__{SAMPLE_DATE}__{uuid.uuid4().hex[:8]}"
    logical_date = f"{SAMPLE_DATE}T00:00:00Z"
    airflow.wait_for_dag(NIGHTLY, timeout=120)
    airflow.delete_runs_on(NIGHTLY, logical_date)  # left by an earlier test against this Airflow
    # The operator sizes the jobs through the Variable pcx_spark_conf; the jobs must keep it.
    events = home / "spark-events"
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
    return SimpleNamespace(run_id=run_id, run=run, tasks=tasks, warehouse=warehouse, events=events)


def test_nightly_run_fills_partner_daily_for_the_delivery_date(airflow, nightly):
    run, tasks, run_id, warehouse, events = (
        nightly.run,
        nightly.tasks,
        nightly.run_id,
        nightly.warehouse,
        nightly.events,
    )
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


def pcx(*args: str) -> str:
    """Runs the repository's pcx command line as an operator would; its standard output."""
    done = subprocess.run([str(REPO / "pcx"), *args], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, (
        f"pcx {' '.join(args)}: exit {done.returncode}\n{done.stdout}\n{done.stderr[-4000:]}"
    )
    return done.stdout


def pdf_text(path: Path) -> str:
    """The PDF's text with every run of white space made one space, as lines wrap anywhere."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_period_close_reissues_the_pdfs_of_a_partner_whose_appeal_was_decided(airflow, nightly, tmp_path):
    """An appeal against 2026-07 is decided after its close; the next period-close run, for another
    period (2026-Q3), renders that period's PDFs and re-issues the appealed partner's 2026-07 PDFs,
    which print the change, and marks the appeal re-issued."""
    assert nightly.run["state"] == "success", failure_report(airflow, nightly.run_id, nightly.tasks)
    warehouse, reports = nightly.warehouse, tmp_path / "reports"
    stores = ["--config", str(REPO / "data-samples/config"), "--warehouse", str(warehouse)]
    pcx("close", "--period", MONTH, *stores)

    # Four completed service events of the busiest partner, created well inside 2026-07-01 in any
    # time zone the programs use.
    events = [
        row
        for row in read_table(warehouse / "silver/service_event").to_pylist()
        if row["status"] == "completed"
        and row["created_at"].date() == SAMPLE_DATE - timedelta(days=1)
        and time(6) <= row["created_at"].time() <= time(18)
    ]
    partner = max(
        sorted({row["partner_id"] for row in events}), key=lambda p: sum(r["partner_id"] == p for r in events)
    )
    items = sorted(row["event_id"] for row in events if row["partner_id"] == partner)[:4]
    assert len(items) == 4, (
        f"{partner} has fewer than 4 completed events on {SAMPLE_DATE - timedelta(days=1)}"
    )
    filed = pcx(
        "appeal",
        "file",
        "--partner",
        partner,
        "--period",
        MONTH,
        "--metric",
        "on_time_rate",
        "--items",
        *items,
        "--reason",
        "road_closure",
        "--evidence",
        "Bridge closed by the city",
        "--by",
        "partner-relations",
        *stores,
    )
    appeal = re.search(r"^(A-\d+) filed", filed, re.M)
    assert appeal, filed
    appeal_id = appeal.group(1)
    decided = pcx(
        "appeal",
        "decide",
        appeal_id,
        "--accept",
        "--by",
        "review-board",
        "--note",
        "Closure confirmed",
        *stores,
    )
    assert f"{MONTH} scored again: 1 restated scorecard(s)" in decided, decided

    run_id = f"e2e_close__{uuid.uuid4().hex[:8]}"
    logical_date = "2026-10-01T00:00:00Z"
    airflow.wait_for_dag(PERIOD_CLOSE, timeout=120)
    airflow.delete_runs_on(PERIOD_CLOSE, logical_date)
    airflow.set_paused(PERIOD_CLOSE, False)
    try:
        conf = {"warehouse": str(warehouse), "reports": str(reports), "period": QUARTER}
        airflow.trigger(PERIOD_CLOSE, run_id, logical_date, conf)
        run, tasks = airflow.wait_for_run(PERIOD_CLOSE, run_id, timeout=TIMEOUT)
    finally:
        airflow.set_paused(PERIOD_CLOSE, True)
    assert run["state"] == "success", failure_report(airflow, run_id, tasks, PERIOD_CLOSE)
    states = {(t["task_id"], t["rendered_map_index"]): t["state"] for t in tasks}
    assert states == {
        ("resolve_periods", None): "success",
        ("close_period", QUARTER): "success",
        ("render_reports", QUARTER): "success",
        ("reissue_appeals", None): "success",
    }

    assert (reports / QUARTER / "portfolio.pdf").is_file()
    # 2026-07 was never rendered before: the re-issue wrote the appealed partner's three editions
    # and the period's portfolio, nothing else.
    reissued = sorted(str(path.relative_to(reports / MONTH)) for path in (reports / MONTH).rglob("*.pdf"))
    assert reissued == sorted(
        [f"brief/{partner}.pdf", f"internal/{partner}.pdf", f"partner/{partner}.pdf", "portfolio.pdf"]
    )
    change = f"appeal {appeal_id} accepted, 4 service events excluded, reason road_closure"
    assert change in pdf_text(reports / MONTH / "partner" / f"{partner}.pdf")
    assert change in pdf_text(reports / MONTH / "internal" / f"{partner}.pdf")
    decision = (
        f"Appeal {appeal_id} against on_time_rate (4 records, reason road_closure) accepted by review-board"
    )
    assert decision in pdf_text(reports / MONTH / "partner" / f"{partner}.pdf")

    states_of_appeal = [
        row for row in read_table(warehouse / "ops/appeals").to_pylist() if row["appeal_id"] == appeal_id
    ]
    assert [row["change"] for row in sorted(states_of_appeal, key=lambda r: r["changed_at"])] == [
        "filed",
        "decided",
        "reissued",
    ]
    last = max(states_of_appeal, key=lambda r: r["changed_at"])
    assert last["reissued_at"] is not None
    assert (
        last["changed_by"].startswith(f"airflow.{PERIOD_CLOSE}.reissue_appeals")
        and run_id in last["changed_by"]
    )
