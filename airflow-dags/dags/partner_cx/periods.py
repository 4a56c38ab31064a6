"""Which scoring periods a delivery date closes, and which periods a period-close run scores.

Partners deliver each day's extract on the following day (the files under
``landing/<feed>/2026-07-02/`` hold the events of 2026-07-01). So the delivery dated the first
of a month carries the last event day of the previous month: once the nightly run for that date
has scored it, the month is complete, and so is the quarter when that month ends one.

Periods use the command line's notation: ``2026-09`` for a month, ``2026-Q3`` for a quarter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

#: Days between the last event day in a delivery and the delivery date.
DELIVERY_LAG = timedelta(days=1)

PERIOD_PATTERN = r"^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$"


def closed_periods(delivery_date: date) -> list[str]:
    """The month (and quarter) whose last event day the delivery of ``delivery_date`` carries."""
    last_event_day = delivery_date - DELIVERY_LAG
    if (last_event_day + timedelta(days=1)).day != 1:
        return []
    periods = [f"{last_event_day.year:04d}-{last_event_day.month:02d}"]
    if last_event_day.month % 3 == 0:
        periods.append(f"{last_event_day.year:04d}-Q{last_event_day.month // 3}")
    return periods


def check_period(period: str) -> str:
    """Returns ``period`` when it is a month (2026-09) or a quarter (2026-Q3), else raises."""
    if not re.match(PERIOD_PATTERN, period):
        raise ValueError(f"'{period}' is not a period: use a month like 2026-09 or a quarter like 2026-Q3")
    return period


def period_order(period: str) -> tuple[int, int, int]:
    """Sort key: by the period's last month, a month before the quarter it ends."""
    year, rest = period.split("-")
    if rest.startswith("Q"):
        return int(year), int(rest[1]) * 3, 1
    return int(year), int(rest), 0


def periods_to_close(requested: str | None, event_extras: Iterable[dict]) -> list[str]:
    """The periods a period-close run scores and renders, in order, each once.

    ``requested`` (the DAG param ``period`` of a manual run) wins; otherwise the periods named by
    the triggering asset events, of which one run may have collected several (a backfill closes
    one month after another faster than the reports render).
    """
    if requested:
        return [check_period(requested)]
    periods = {check_period(p) for extra in event_extras for p in (extra or {}).get("periods", [])}
    return sorted(periods, key=period_order)
