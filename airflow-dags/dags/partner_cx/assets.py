"""Assets through which the partner-cx DAGs trigger each other."""

from __future__ import annotations

from airflow.sdk import Asset

#: Updated by partner_cx_nightly when a delivery date completes a month (and maybe a quarter) of
#: gold/partner_daily. The event's extra says which periods: {"delivery_date": "2026-10-01",
#: "periods": ["2026-09", "2026-Q3"]}. partner_cx_period_close is scheduled on it.
CLOSED_PERIOD = Asset(
    name="partner_cx_closed_period",
    uri="pcx://gold/partner_daily/closed-period",
    group="partner-cx",
)
