"""Compose a year of 1,000,000 applications; the target is under 10 seconds.

    .venv/bin/python benchmarks/compose_speed.py [N]

The applications are built through the event-sourced lifecycle (received → decided/closed, some
left open at the year end, some carried over from the year before); only `compose()` is timed,
the building is reported separately.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time

from ogi import formats
from ogi.ledger import APPLICANT_TYPES, CATEGORIES, Application, Event, Ledger, compose

TARGET_SECONDS = 10.0
YEAR = 2025


def build(n: int, seed: int = 2025) -> list[Application]:
    rng = random.Random(seed)
    start = dt.date(YEAR - 1, 12, 1)
    days = [start + dt.timedelta(days=i) for i in range(396)]  # Dec of last year .. Dec of this year
    decisions = [c for c in CATEGORIES if not c.startswith("other.overdue") and c != "unable.unclear"]
    apps: list[Application] = []
    append = apps.append
    for i in range(n):
        received = days[rng.randrange(len(days))]
        a = Application(f"B{i}", APPLICANT_TYPES[rng.randrange(6)])
        a.record(Event("received", received))
        roll = rng.random()
        if roll < 0.05:
            pass  # still open
        elif roll < 0.07:
            a.record(Event("withdrawn", received + dt.timedelta(days=3)))
        else:
            category = decisions[rng.randrange(len(decisions))]
            a.record(Event("decided", received + dt.timedelta(days=rng.randrange(1, 40)),
                           {"category": category, "basis": "依据"}))
        append(a)
    return apps


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    t0 = time.perf_counter()
    ledger = Ledger("基准测试局", applications=build(n))
    built = time.perf_counter() - t0
    t1 = time.perf_counter()
    report = compose(ledger, YEAR)
    took = time.perf_counter() - t1
    new = report.value(formats.for_year(YEAR).table("apply").row("new").cells[-1])
    print(f"构建 {n:,} 件申请 {built:.2f} 秒 / built {n:,} applications in {built:.2f} s")
    print(f"生成 {YEAR} 年度报告 {took:.2f} 秒（本年新收 {new:,} 件）/ composed the {YEAR} report in {took:.2f} s "
          f"({n / took:,.0f} applications/s); target < {TARGET_SECONDS:.0f} s: {'OK' if took < TARGET_SECONDS else 'TOO SLOW'}")
    return 0 if took < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
