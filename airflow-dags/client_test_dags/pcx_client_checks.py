"""Small DAGs the Java client's integration tests drive on the test Airflow: one that succeeds
quickly, one that fails on purpose. They run no Spark and touch nothing outside their own logs."""

from __future__ import annotations

import pendulum
from airflow.sdk import dag, task

DEFAULTS = {"owner": "partner-cx", "retries": 0}


@dag(
    dag_id="pcx_client_ok",
    # Daily, so it can be backfilled; the test Airflow starts no scheduled runs by itself.
    schedule="@daily",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    default_args=DEFAULTS,
    tags=["partner-cx", "client-test"],
    doc_md="Two quick tasks that succeed; the client tests trigger, wait for and backfill it.",
)
def pcx_client_ok():
    @task
    def say_hello(**context) -> str:
        print(f"hello from pcx_client_ok for {context['ds']}")
        return context["ds"]

    @task
    def check(day: str) -> None:
        print(f"checked {day}")

    check(say_hello())


@dag(
    dag_id="pcx_client_fail",
    schedule=None,
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    default_args=DEFAULTS,
    tags=["partner-cx", "client-test"],
    doc_md="A task that fails on purpose, so `pcx airflow failures` has something to report.",
)
def pcx_client_fail():
    @task
    def fail_on_purpose() -> None:
        print("about to fail on purpose for the client test")
        raise RuntimeError("deliberate failure for the client test")

    fail_on_purpose()


pcx_client_ok()
pcx_client_fail()
