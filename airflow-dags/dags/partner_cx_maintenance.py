"""
### partner_cx_maintenance

Weekly housekeeping of the warehouse: **maintain** runs `pcx maintain --retain-days N`, which
compacts each Delta table's small files (OPTIMIZE) and removes the files no version of the last
N days needs (VACUUM), after setting each table's log and deleted-file retention to N days. Time
travel, and so `pcx reproduce` of a disputed scorecard, keeps working for every version written
in those N days. N is the param `retain_days` or the Variable `pcx_retain_days` (default 30,
at least 7).

Settings: DAG params or Variables `pcx_jar`, `pcx_config`, `pcx_landing`, `pcx_warehouse` (see
airflow-dags/README.md).
"""

from __future__ import annotations

from datetime import UTC, datetime

from airflow.sdk import DAG, CronDataIntervalTimetable, Param

from partner_cx.jobs import DEFAULT_ARGS, MACROS, PcxJobOperator, setting_params

RETAIN_DAYS = "{{ params.retain_days or var.value.get('pcx_retain_days', 30) }}"

with DAG(
    dag_id="partner_cx_maintenance",
    description="Compact and vacuum the warehouse's Delta tables, keeping the reproducible window",
    doc_md=__doc__,
    # Sunday 03:00 UTC, after the night's run has finished.
    schedule=CronDataIntervalTimetable("0 3 * * 0", timezone="UTC"),
    start_date=datetime(2026, 4, 5, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    params={
        **setting_params("jar", "jvm_options_file", "config", "landing", "warehouse"),
        "retain_days": Param(
            None,
            type=["null", "integer"],
            minimum=7,
            title="retain_days",
            description="Days of history kept for time travel and pcx reproduce. Empty: the "
            "Variable pcx_retain_days, else 30.",
        ),
    },
    user_defined_macros=MACROS,
    tags=["partner-cx", "spark", "maintenance"],
) as dag:
    PcxJobOperator(task_id="maintain", command="maintain", args=["--retain-days", RETAIN_DAYS])
