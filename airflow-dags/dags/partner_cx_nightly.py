"""
### partner_cx_nightly

Processes one **delivery date** (the run's logical date, `ds`) of partner extracts:

1. **ingest**: landing -> bronze, every feed's files delivered on that date (`pcx ingest`);
   one Spark job for all feeds, or one per feed when the param `feeds` or the Variable
   `pcx_feeds` lists them;
2. **conform**: bronze -> silver (`pcx conform`);
3. **quality_gate**: recomputes the data quality of the date (`pcx gate`); when a feed breaks its
   thresholds the task fails without retries and scoring waits;
4. **score_daily**: gold/partner_daily for the event days the deliveries touched (`pcx score
   --date`); then, when the date completes a month, `close_period` updates the asset
   `pcx://gold/partner_daily/closed-period`, which starts **partner_cx_period_close**.

Every stage is idempotent, so a run can be cleared and re-run, and a backfill is a series of
runs with logical dates. The scheduled run for a day starts at midnight UTC after it. Settings:
DAG params or Variables `pcx_jar`, `pcx_config`, `pcx_landing`, `pcx_warehouse` (see
airflow-dags/README.md).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from airflow.sdk import DAG, CronDataIntervalTimetable, Param, TaskGroup, Variable, task
from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException

from partner_cx.assets import CLOSED_PERIOD
from partner_cx.jobs import DEFAULT_ARGS, MACROS, PcxJobOperator, explicit_settings, setting_params
from partner_cx.periods import closed_periods

DELIVERY_DATE = ["--date", "{{ ds }}"]

with DAG(
    dag_id="partner_cx_nightly",
    description="Ingest, conform, quality-gate and score one delivery date of partner extracts",
    doc_md=__doc__,
    # An interval schedule: the run for day D starts once D is over and has logical date D.
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="UTC"),
    start_date=datetime(2026, 4, 2, tzinfo=UTC),
    catchup=False,
    # The runs of different dates write the same tables: one date at a time, in order.
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    params={
        **setting_params("jar", "jvm_options_file", "config", "landing", "warehouse"),
        "feeds": Param(
            None,
            type=["null", "array"],
            items={"type": "string"},
            title="feeds",
            description="Ingest only these feeds, one task each. Empty: the Variable pcx_feeds "
            "(a JSON list), else every configured feed in one task.",
        ),
    },
    user_defined_macros=MACROS,
    tags=["partner-cx", "spark", "nightly"],
) as dag:
    with TaskGroup("ingest", tooltip="landing -> bronze: the files delivered on the date") as ingest:

        @task
        def select_feeds(params: dict, logical_date: datetime | None = None) -> list[list[str]]:
            """The feed arguments of the ingest tasks: one `--feed F` per listed feed, or none."""
            if logical_date is None:
                raise AirflowFailException(
                    "partner_cx_nightly processes the delivery date given as the run's logical date: "
                    "trigger it with a logical date (e.g. 2026-07-02T00:00:00Z)."
                )
            feeds = params.get("feeds") or Variable.get("pcx_feeds", default=None, deserialize_json=True)
            return [["--feed", feed] for feed in feeds] if feeds else [[]]

        PcxJobOperator.partial(
            task_id="ingest_feed",
            command="ingest",
            options=DELIVERY_DATE,
            # Every feed's ingest appends to the shared ops tables: one at a time.
            max_active_tis_per_dagrun=1,
            map_index_template="{{ task.pcx_args[-1] if task.pcx_args else 'all feeds' }}",
        ).expand(args=select_feeds())

    with TaskGroup("conform", tooltip="bronze -> silver: map, type, check and merge") as conform:
        PcxJobOperator(task_id="conform", command="conform", args=DELIVERY_DATE)

    with TaskGroup("quality_gate", tooltip="data quality per feed; holds scoring back") as quality_gate:
        PcxJobOperator(task_id="gate", command="gate", args=DELIVERY_DATE)

    with TaskGroup("score_daily", tooltip="silver -> gold/partner_daily") as score_daily:
        score = PcxJobOperator(task_id="score", command="score", args=DELIVERY_DATE)

        @task(outlets=[CLOSED_PERIOD])
        def close_period(ds: str, params: dict, outlet_events=None) -> list[str]:
            """Announces the month (and quarter) this delivery date completes, if any."""
            periods = closed_periods(date.fromisoformat(ds))
            if not periods:
                raise AirflowSkipException(f"delivery date {ds} completes no month")
            outlet_events[CLOSED_PERIOD].extra = {
                "delivery_date": ds,
                "periods": periods,
                # The period close works on the same warehouse etc. as this run.
                "settings": explicit_settings(params),
            }
            return periods

        score >> close_period()

    ingest >> conform >> quality_gate >> score_daily
