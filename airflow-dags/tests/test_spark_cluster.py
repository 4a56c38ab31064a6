"""The jobs jar on a real Spark standalone cluster (master and worker on 127.0.0.1, from pyspark).

Selected with ``-m cluster``. A nightly over two delivery dates (the second with a feed whose rows
are all unreadable, so the quality gate holds it back), a period score and the report run through
``spark-submit`` with the README's command line in client deploy mode; executors must have run
their tasks, and the scorecards must equal a local-mode run of the same command lines. Then the
DAGs' operator runs the quality gate in cluster deploy mode, where the exit code does not carry
the gate's verdict: it must read the verdict from ops/runs, held for the broken date and passed
for the other.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from airflow.sdk import DAG
from airflow.sdk.exceptions import AirflowFailException

from conftest import REPO
from delta_table import read_table
from partner_cx.jobs import MACROS, PcxJobOperator
from partner_cx.outcome import read_outcome
from spark_standalone import StandaloneCluster

pytestmark = pytest.mark.cluster

SAMPLE_DATE = date(2026, 7, 2)
BROKEN_DATE = date(2026, 7, 3)
MONTH = "2026-07"
CONFIG = REPO / "data-samples/config"
LANDING = REPO / "data-samples/landing"
JAR = REPO / "jobs/target/partner-cx-jobs-spark.jar"
#: Set through spark-defaults.conf, as an operator would: the jobs must not override it.
SHUFFLE_PARTITIONS = "5"
#: A feed of the sample and a column whose every value on BROKEN_DATE is made unreadable, so that
#: the quality gate holds that date back.
BROKEN_FEED, BROKEN_COLUMN = "fixit_jobs", "booked_at"
TIMEOUT = 900


def readme_command() -> str:
    """The README's spark-submit command line up to the jar; the pcx arguments follow as "$@"."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(
        r"<!-- spark-submit:begin -->\s*```sh\n(.*?)```\s*<!-- spark-submit:end -->", text, re.S
    )
    assert block, "README.md lost its spark-submit command block"
    lines = block.group(1).splitlines()
    jar_line = next(i for i, line in enumerate(lines) if "partner-cx-jobs-spark.jar" in line)
    command = "\n".join(lines[:jar_line]) + "\n" + lines[jar_line].rstrip().removesuffix("\\")
    return command + ' "$@"\n'


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    if not JAR.is_file():
        message = f"the jobs jar {JAR} is not built yet: run 'mvn -DskipTests package' (or ./pcx)"
        if os.environ.get("PCX_E2E_REQUIRED") == "1":
            pytest.fail(message)
        pytest.skip(message)
    # Three cores to offer: in cluster deploy mode the driver takes one, the executor two.
    standalone = StandaloneCluster(tmp_path_factory.mktemp("spark-cluster"), worker_cores=3).start()
    yield standalone
    standalone.stop()


def spark_conf_dir(folder: Path, **settings: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "spark-defaults.conf").write_text("".join(f"{k} {v}\n" for k, v in settings.items()))
    return folder


def submit(
    cluster: StandaloneCluster, master: str, conf_dir: Path, *pcx_args: str
) -> subprocess.CompletedProcess:
    env = cluster.env() | {"SPARK_MASTER": master, "SPARK_CONF_DIR": str(conf_dir)}
    return subprocess.run(
        ["bash", "-c", readme_command(), "readme-spark-submit", *pcx_args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def pipeline(cluster, master, conf_dir, landing: Path, warehouse: Path, reports: Path | None) -> dict:
    """nightly over both dates (the broken one held: exit 3), score, report: the processes."""
    common = ["--config", str(CONFIG), "--landing", str(landing), "--warehouse", str(warehouse)]
    steps = [
        ("nightly", ["--from", str(SAMPLE_DATE), "--to", str(BROKEN_DATE)], 3),
        ("score", ["--period", MONTH, "--allow-failed-gate"], 0),
    ]
    if reports is not None:
        steps.append(("report", ["--period", MONTH, "--out", str(reports)], 0))
    runs = {}
    for command, args, expected in steps:
        run_id = f"test-{command}-{warehouse.name}"
        started = time.monotonic()
        done = submit(cluster, master, conf_dir, command, *args, *common, "--run-id", run_id)
        print(f"{command} on {master}: exit {done.returncode} in {time.monotonic() - started:.1f} s")
        assert done.returncode == expected, (
            f"{command} on {master}: exit {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
        )
        runs[command] = (run_id, done)
    return runs


def two_deliveries(folder: Path) -> Path:
    """The sample's deliveries of SAMPLE_DATE, and those of BROKEN_DATE with one feed's file made
    unreadable row by row, so that the quality gate holds BROKEN_DATE back."""
    for day in (SAMPLE_DATE, BROKEN_DATE):
        for feed in LANDING.iterdir():
            if (feed / str(day)).is_dir():
                shutil.copytree(feed / str(day), folder / feed.name / str(day))
    broken = next((folder / BROKEN_FEED / str(BROKEN_DATE)).glob("*.csv"))
    lines = broken.read_text(encoding="utf-8").splitlines()
    column = lines[0].split(",").index(BROKEN_COLUMN)
    rows = [line.split(",") for line in lines[1:]]
    for row in rows:
        row[column] = "not-a-time"
    broken.write_text("\n".join([lines[0], *(",".join(row) for row in rows)]) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def runs(cluster, tmp_path_factory):
    """The same commands on the standalone cluster and on a local master."""
    home = tmp_path_factory.mktemp("runs")
    landing = two_deliveries(home / "landing")
    events = spark_conf_dir(
        home / "conf-cluster",
        **{
            "spark.eventLog.enabled": "true",
            "spark.eventLog.dir": cluster.event_log_dir.as_uri(),
            # One plain JSON file per application, to read back below.
            "spark.eventLog.rolling.enabled": "false",
            "spark.eventLog.compress": "false",
            "spark.sql.shuffle.partitions": SHUFFLE_PARTITIONS,
        },
    )
    on_cluster = pipeline(cluster, cluster.master_url, events, landing, home / "cluster-wh", home / "pdf")
    local = pipeline(
        cluster, "local[2]", spark_conf_dir(home / "conf-local"), landing, home / "local-wh", None
    )
    return SimpleNamespace(home=home, landing=landing, cluster=on_cluster, local=local)


def event_logs(folder: Path) -> list[list[dict]]:
    return [
        [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
        for log in sorted(folder.iterdir())
        if log.is_file()
    ]


def test_executors_ran_every_task_with_the_operators_settings(runs, cluster):
    apps = event_logs(cluster.event_log_dir)
    assert len(apps) == 3, "one Spark application per command on the cluster"
    for events in apps:
        environment = next(e for e in events if e["Event"] == "SparkListenerEnvironmentUpdate")
        properties = (
            dict(environment["Spark Properties"])
            if isinstance(environment["Spark Properties"], list)
            else environment["Spark Properties"]
        )
        assert properties["spark.master"] == cluster.master_url
        assert properties["spark.sql.shuffle.partitions"] == SHUFFLE_PARTITIONS
        executors = [e["Task Info"]["Executor ID"] for e in events if e["Event"] == "SparkListenerTaskEnd"]
        jobs = sum(e["Event"] == "SparkListenerJobStart" for e in events)
        print(f"{properties.get('spark.app.name')}: {jobs} jobs, {len(executors)} tasks")
        assert executors, f"{properties.get('spark.app.name')}: no task ran"
        assert "driver" not in executors, "a task ran on the driver, not on an executor"


def test_progress_lines_and_the_gates_verdict_reach_the_spark_submit_output(runs):
    _, nightly = runs.cluster["nightly"]
    for stage in ("ingest", "conform", "dq", "score-daily"):
        assert re.search(rf"^{stage}\s+read [\d,]+\s+written", nightly.stdout, re.M), nightly.stdout[-2000:]
    assert f"{BROKEN_FEED} {BROKEN_DATE}: " in nightly.stderr
    assert "Exception" not in nightly.stderr


def test_the_cluster_scores_exactly_as_local_mode(runs):
    def scorecards(warehouse: Path) -> dict:
        return {
            row["partner_id"]: (
                row["tier"],
                row["payout"],
                row["figures_hash"],
                round(row["composite"] or 0, 9),
            )
            for row in read_table(warehouse / "gold/scorecard").to_pylist()
            if row["period"] == MONTH
        }

    cluster_cards = scorecards(runs.home / "cluster-wh")
    assert len(cluster_cards) >= 30
    assert cluster_cards == scorecards(runs.home / "local-wh")
    pdfs = list((runs.home / "pdf").rglob("*.pdf"))
    assert len(pdfs) == 3 * len(cluster_cards) + 1, "two editions and a brief each, and the portfolio"


def test_every_command_recorded_its_outcome(runs):
    expected = {"nightly": ("held", 3), "score": ("succeeded", 0), "report": ("succeeded", 0)}
    for command, (run_id, _) in runs.cluster.items():
        recorded = read_outcome(str(runs.home / "cluster-wh"), run_id)
        assert recorded is not None, command
        assert (recorded.outcome, recorded.exit_code) == expected[command]


def gate_operator(task_id: str, day: date) -> PcxJobOperator:
    with DAG(
        dag_id="pcx_cluster_mode_test",
        schedule=None,
        start_date=datetime(2026, 7, 1, tzinfo=UTC),
        user_defined_macros=MACROS,
    ):
        return PcxJobOperator(
            task_id=task_id,
            command="gate",
            args=["--date", str(day)],
            conn_id="pcx_standalone_cluster",
        )


def run_task(operator: PcxJobOperator) -> None:
    context = {
        "params": {},
        "triggering_asset_events": {},
        "run_id": f"cluster_test__{operator.task_id}",
        "ti": SimpleNamespace(
            dag_id=operator.dag_id, task_id=operator.task_id, map_index=-1, try_number=1, stats_tags={}
        ),
    }
    operator.render_template_fields(context)
    operator.execute(context)


@pytest.fixture
def cluster_mode(cluster, monkeypatch):
    """The Airflow connection and Variables of a deployment on the standalone cluster."""
    monkeypatch.setenv(
        "AIRFLOW_CONN_PCX_STANDALONE_CLUSTER",
        json.dumps(
            {
                "conn_type": "spark",
                "host": cluster.rest_url,
                # The provider follows the driver through the REST gateway's status endpoint.
                "extra": {"deploy-mode": "cluster", "rest-port": cluster.rest_port},
            }
        ),
    )
    monkeypatch.setenv("AIRFLOW_VAR_PCX_JAR", str(JAR))
    monkeypatch.setenv("AIRFLOW_VAR_PCX_CONFIG", str(CONFIG))
    monkeypatch.setenv("AIRFLOW_VAR_PCX_SPARK_CONF", json.dumps({"spark.master.rest.enabled": "true"}))
    for name, value in cluster.env().items():
        if name.startswith("SPARK_"):
            monkeypatch.setenv(name, value)
    return monkeypatch


def test_in_cluster_deploy_mode_the_gate_task_reads_its_verdict_from_ops_runs(runs, cluster, cluster_mode):
    cluster_mode.setenv("AIRFLOW_VAR_PCX_LANDING", str(runs.landing))
    cluster_mode.setenv("AIRFLOW_VAR_PCX_WAREHOUSE", str(runs.home / "cluster-wh"))
    gate = gate_operator("gate_held", BROKEN_DATE)
    with pytest.raises(AirflowFailException, match="held this stage back") as refused:
        run_task(gate)
    assert f"{BROKEN_FEED} {BROKEN_DATE}" in str(refused.value), cluster.driver_logs()
    # The driver ran on the worker: spark-submit's own exit code did not carry the verdict.
    assert gate._hook._driver_id, "submitted in cluster deploy mode"
    assert gate._exit_code() != 3
    recorded = read_outcome(
        str(runs.home / "cluster-wh"), "airflow.pcx_cluster_mode_test.gate_held.-1.cluster_test__gate_held"
    )
    assert recorded is not None and (recorded.outcome, recorded.exit_code) == ("held", 3)

    passing = gate_operator("gate_passes", SAMPLE_DATE)
    run_task(passing)
    assert passing._hook._driver_status == "FINISHED", cluster.driver_logs()
