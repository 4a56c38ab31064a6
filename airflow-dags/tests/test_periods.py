"""Which periods a delivery date closes, and which periods a period-close run takes on."""

from __future__ import annotations

from datetime import date

import pytest

from partner_cx.periods import check_period, closed_periods, periods_to_close


@pytest.mark.parametrize(
    ("delivery_date", "periods"),
    [
        (date(2026, 7, 2), []),  # carries 07-01: mid-month
        (date(2026, 6, 30), []),  # carries 06-29
        (date(2026, 5, 1), ["2026-04"]),  # carries 04-30: April is complete
        (date(2026, 7, 1), ["2026-06", "2026-Q2"]),  # carries 06-30: June and Q2
        (date(2026, 10, 1), ["2026-09", "2026-Q3"]),  # the sample's last delivery
        (date(2027, 1, 1), ["2026-12", "2026-Q4"]),  # across the year end
        (date(2026, 3, 1), ["2026-02"]),
    ],
)
def test_the_delivery_on_the_first_closes_the_previous_month(delivery_date, periods):
    assert closed_periods(delivery_date) == periods


def test_a_requested_period_wins_over_the_asset_events():
    extras = [{"periods": ["2026-09", "2026-Q3"]}]
    assert periods_to_close("2026-Q2", extras) == ["2026-Q2"]


def test_periods_of_all_events_each_once_in_calendar_order():
    extras = [
        {"delivery_date": "2026-10-01", "periods": ["2026-09", "2026-Q3"]},
        {"delivery_date": "2026-08-01", "periods": ["2026-07"]},
        {"delivery_date": "2026-09-01", "periods": ["2026-08"]},
        {"delivery_date": "2026-08-01", "periods": ["2026-07"]},
    ]
    assert periods_to_close(None, extras) == ["2026-07", "2026-08", "2026-09", "2026-Q3"]


def test_no_request_and_no_event_means_nothing_to_close():
    assert periods_to_close(None, []) == []
    assert periods_to_close("", [{}, None]) == []


@pytest.mark.parametrize("period", ["2026-9", "2026-13", "2026-Q5", "Q3-2026", "2026-09-01"])
def test_malformed_periods_are_rejected_with_the_expected_forms(period):
    with pytest.raises(ValueError, match="use a month like 2026-09 or a quarter like 2026-Q3"):
        check_period(period)
    with pytest.raises(ValueError, match=period):
        periods_to_close(None, [{"periods": [period]}])
