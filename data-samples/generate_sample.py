#!/usr/bin/env python3
"""Writes the sample landing zone for data-samples/config: weekly service-event extracts of two
feeds for 2026-Q3, deterministic for a given seed.

Partners have a hidden true quality (on-time and cancellation probabilities) so their scorecards
differ for real reasons; a few known defects are planted so the quarantine has something to show:
  metro_orders 2026-07-20: one malformed row, one order delivered before it was placed,
                           one exact duplicate row
  metro_orders 2026-08-03: a correction file re-sending two orders of the week before
  fixit_jobs   2026-07-20: one job without a job_id

Usage: python3 generate_sample.py [--out landing] [--seed 7]
"""
import argparse
import csv
import datetime as dt
import os
import random
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
START = dt.date(2026, 7, 1)
END = dt.date(2026, 9, 30)

# partner -> (orders per day, P(on time), P(cancelled), typical lateness in minutes when late)
DELIVERY = {
    "D-101": (24, 0.96, 0.02, 8),
    "D-102": (30, 0.88, 0.05, 12),
    "D-103": (20, 0.93, 0.03, 10),
    "D-104": (26, 0.74, 0.09, 25),
    "D-105": (0.8, 0.90, 0.04, 10),  # new partner: too few orders for a reliable score
    "D-106": (22, 0.64, 0.11, 30),  # on-time below the critical floor
}
INSTALLER = {
    "I-201": (4, 0.94, 0.03, 40),
    "I-202": (5, 0.80, 0.07, 90),
    "I-203": (3, 0.86, 0.05, 60),
    "I-204": (4, 0.55, 0.12, 150),
}


def days(start, end):
    d = start
    while d <= end:
        yield d
        d += dt.timedelta(days=1)


def delivery_monday(day):
    """Deliveries are weekly: the Monday after the week (Mon-Sun) the event belongs to."""
    return day + dt.timedelta(days=7 - day.weekday())


def count_for(rng, per_day):
    whole = int(per_day)
    return whole + (1 if rng.random() < per_day - whole else 0)


def event_times(rng, day, on_time_p, lateness, open_hour, close_hour, lead_min, lead_max, grace):
    created = dt.datetime.combine(day, dt.time(0, 0), BERLIN) + dt.timedelta(
        minutes=rng.randint(open_hour * 60, close_hour * 60 - 1))
    promised = created + dt.timedelta(minutes=rng.randint(lead_min, lead_max))
    if rng.random() < on_time_p:
        fulfilled = promised - dt.timedelta(minutes=rng.randint(-grace, 15))
    else:
        fulfilled = promised + dt.timedelta(minutes=grace + 1 + int(rng.expovariate(1 / lateness)))
    return created, promised, fulfilled


def status(rng, cancel_p):
    r = rng.random()
    if r < cancel_p:
        return "cancelled"
    if r < cancel_p + 0.01:
        return "failed"
    return "completed"


def metro_rows(rng):
    weeks = {}
    for partner, (per_day, on_time, cancel, late) in DELIVERY.items():
        seq = 0
        for day in days(START, END):
            for _ in range(count_for(rng, per_day)):
                seq += 1
                created, promised, fulfilled = event_times(rng, day, on_time, late, 11, 23, 25, 45, 5)
                state = status(rng, cancel)
                fmt = "%d.%m.%Y %H:%M"
                row = [
                    partner,
                    f"MO-{partner[2:]}-{seq:05d}",
                    f"guest{rng.randint(1, 5000)}@example.net",
                    created.strftime(fmt),
                    promised.strftime(fmt),
                    fulfilled.strftime(fmt) if state == "completed" else "",
                    state,
                    ("yes" if rng.random() < 0.04 else "no") if state == "completed" else "",
                    f"{rng.uniform(9, 80):.2f}",
                ]
                weeks.setdefault(delivery_monday(day), []).append(row)
    return weeks


def fixit_rows(rng):
    weeks = {}
    for partner, (per_day, on_time, cancel, late) in INSTALLER.items():
        seq = 0
        for day in days(START, END):
            if day.weekday() == 6:
                continue
            for _ in range(count_for(rng, per_day)):
                seq += 1
                created, promised, fulfilled = event_times(rng, day, on_time, late, 7, 17, 60 * 24, 60 * 72, 30)
                state = status(rng, cancel)
                row = [
                    partner,
                    f"J{partner[2:]}{seq:05d}",
                    f"CUST-{rng.randint(10000, 99999)}",
                    f"{rng.randint(10000, 99999)}",
                    created.isoformat(timespec="seconds"),
                    promised.isoformat(timespec="seconds"),
                    fulfilled.isoformat(timespec="seconds") if state == "completed" else "",
                    state,
                    ("true" if rng.random() < 0.85 else "false") if state == "completed" else "",
                ]
                weeks.setdefault(delivery_monday(day), []).append(row)
    return weeks


def write(path, header, rows, delimiter):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, delimiter=delimiter, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "landing"))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    metro_header = ["restaurant_code", "order_no", "customer_email", "ordered_at", "eta",
                    "delivered_at", "order_state", "food_issue", "basket_eur"]
    metro = metro_rows(rng)
    for monday, rows in sorted(metro.items()):
        rows = sorted(rows, key=lambda r: (r[0], r[1]))
        if monday == dt.date(2026, 7, 20):
            rows.insert(5, ["D-101", "MO-101-BROKEN", "x@example.net", "13.07.2026 12:00"])  # too few fields
            bad = list(rows[10])
            bad[5] = "01.07.2026 00:01"  # delivered before it was ordered
            rows[10] = bad
            rows.append(list(rows[20]))  # exact duplicate
        write(os.path.join(args.out, "metro_orders", monday.isoformat(), "orders.csv"), metro_header, rows, ";")
        if monday == dt.date(2026, 8, 3):
            previous = sorted(metro[dt.date(2026, 7, 27)], key=lambda r: (r[0], r[1]))
            corrected = [list(r) for r in previous if r[6] == "completed"][:2]
            for r in corrected:
                r[5] = r[4]  # the platform corrected the delivery time to the promised time
            write(os.path.join(args.out, "metro_orders", monday.isoformat(), "orders_corrections.csv"),
                  metro_header, corrected, ";")

    fixit_header = ["contractor_id", "job_id", "customer_ref", "postcode", "booked_at", "slot_start",
                    "arrived_at", "job_status", "fixed_first_visit"]
    fixit = fixit_rows(rng)
    for monday, rows in sorted(fixit.items()):
        rows = sorted(rows, key=lambda r: (r[0], r[1]))
        if monday == dt.date(2026, 7, 20):
            rows[3] = list(rows[3])
            rows[3][1] = ""  # missing key
        write(os.path.join(args.out, "fixit_jobs", monday.isoformat(), "jobs.csv"), fixit_header, rows, ",")


if __name__ == "__main__":
    main()
