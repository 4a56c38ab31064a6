"""
### partner_cx_period_close

Closes finished periods and renders their PDF scorecards:

1. **resolve_periods** decides which periods this run closes;
2. **close_period** runs `pcx close --period P` for each: scores the period one last time and
   freezes its peer figures and shrinkage priors (ops/period_close); on a period closed before,
   it scores late corrections against what was frozen, restating only the partners they change;
3. **render_reports** runs `pcx report --period P --out <reports>` for each;
4. **reissue_appeals** runs `pcx appeal reissue --out <reports>`: renders again the PDFs of every
   partner with an appeal decided since its PDFs were last rendered (any period), so a decision
   reaches the partner with the next run of this DAG. To re-issue at once, trigger it with the
   appealed period as `period`: its close then scores late corrections only, and restates nothing
   an accepted appeal has not restated already.

**Where the periods come from.** The DAG is scheduled on the asset
`pcx://gold/partner_daily/closed-period`. partner_cx_nightly updates it when a delivery date
completes a month: deliveries carry the previous day's events, so the delivery dated the 1st
completes the previous month, and the quarter too when that month ends one. The asset event's
extra names the periods, e.g. `{"delivery_date": "2026-10-01", "periods": ["2026-09", "2026-Q3"]}`;
a run takes the union of the periods of all the events it was triggered by (a backfill may
close several months before one run starts). Asset-triggered runs have no logical date, so
nothing is derived from it. A manual run names its period with the param `period` (`2026-09`
or `2026-Q3`), which then wins.

Settings: DAG params or Variables `pcx_jar`, `pcx_config`, `pcx_landing`, `pcx_warehouse`,
`pcx_reports` (see airflow-dags/README.md).
"""

from __future__ import annotations

from datetime import UTC, datetime

from airflow.sdk import DAG, Param, task
from airflow.sdk.exceptions import AirflowFailException

from partner_cx.assets import CLOSED_PERIOD
from partner_cx.jobs import DEFAULT_ARGS, MACROS, PcxJobOperator, setting, setting_params
from partner_cx.periods import PERIOD_PATTERN, periods_to_close

PERIOD_LABEL = "{{ task.pcx_args[-1] }}"

with DAG(
    dag_id="partner_cx_period_close",
    description="Close the finished month or quarter and render its PDF scorecards",
    doc_md=__doc__,
    schedule=CLOSED_PERIOD,
    start_date=datetime(2026, 4, 2, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    params={
        **setting_params("jar", "jvm_options_file", "config", "landing", "warehouse", "reports"),
        "period": Param(
            None,
            type=["null", "string"],
            pattern=PERIOD_PATTERN,
            title="period",
            description="Month (2026-09) or quarter (2026-Q3) to score and render. Empty: the "
            "periods named by the triggering asset events.",
        ),
    },
    user_defined_macros=MACROS,
    tags=["partner-cx", "spark", "scorecards"],
) as dag:

    @task
    def resolve_periods(params: dict, triggering_asset_events=None) -> list[list[str]]:
        """The `--period P` arguments of the scoring and rendering tasks, in period order."""
        extras = [event.extra for events in (triggering_asset_events or {}).values() for event in events]
        periods = periods_to_close(params.get("period"), extras)
        if not periods:
            raise AirflowFailException(
                "No period to close: trigger this DAG with the param 'period' (e.g. 2026-Q3), or let "
                "partner_cx_nightly trigger it through the closed-period asset."
            )
        return [["--period", period] for period in periods]

    periods = resolve_periods()

    # Every close writes gold/scorecard and ops/period_close: one at a time.
    close = PcxJobOperator.partial(
        task_id="close_period",
        command="close",
        max_active_tis_per_dagrun=1,
        map_index_template=PERIOD_LABEL,
    ).expand(args=periods)

    render = PcxJobOperator.partial(
        task_id="render_reports",
        command="report",
        options=["--out", setting("reports")],
        max_active_tis_per_dagrun=1,
        map_index_template=PERIOD_LABEL,
    ).expand(args=periods)

    # Decisions on appeals (pcx appeal decide) restated their partners already; this renders the
    # PDFs of every partner with a decision since its PDFs were last rendered.
    reissue = PcxJobOperator(
        task_id="reissue_appeals",
        command="appeal",
        args=["reissue"],
        options=["--out", setting("reports")],
    )

    close >> render >> reissue
