"""How fast `ogi.render` writes: DOCX and HTML reports per second, XLSX of 10,000 reports.

    .venv/bin/python benchmarks/render_speed.py [--seconds 5] [--xlsx 10000]

Targets (one core): DOCX ≥ 50 reports/s, HTML ≥ 500 reports/s, XLSX of 10,000 reports < 30 s.
The reports are the gold files of ../shared/gold with their values varied, so that no two are alike.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ogi.model import AnnualReport  # noqa: E402
from ogi.render import render  # noqa: E402

GOLD = ROOT.parent / "shared" / "gold"
TARGETS = {"docx": 50.0, "html": 500.0}
XLSX_TARGET_S = 30.0


def reports(n: int, seed: int = 5) -> list[AnnualReport]:
    rng = random.Random(seed)
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]
    if not golds:
        raise SystemExit(f"没有金标准文件 / no gold files in {GOLD}")
    out = []
    for i in range(n):
        g = golds[i % len(golds)]
        cells = {c: (None if rng.random() < 0.02 else rng.randint(0, 500)) for c in g["cells"]}
        out.append(AnnualReport.from_json({"meta": {**g["meta"], "agency": f"{g['meta']['agency']}{i}"},
                                           "cells": cells}))
    return out


def per_second(form: str, pool: list[AnnualReport], seconds: float) -> tuple[float, int, float]:
    n = 0
    size = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        size += len(render([pool[n % len(pool)]], form))
        n += 1
    elapsed = time.perf_counter() - start
    return n / elapsed, n, size / n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=5.0, help="time per single-report form")
    ap.add_argument("--xlsx", type=int, default=10_000, help="reports in the XLSX run")
    args = ap.parse_args(argv)
    pool = reports(200)
    ok = True
    for form, target in TARGETS.items():
        rate, n, size = per_second(form, pool, args.seconds)
        good = rate >= target
        ok &= good
        print(f"{form:5} {rate:8.1f} 份/秒 reports/s  ({n} reports, {size / 1024:.1f} KiB each; "
              f"目标 target ≥ {target:.0f}/s) {'OK' if good else 'SLOW'}")
    many = reports(args.xlsx)
    start = time.perf_counter()
    data = render(many, "xlsx")
    elapsed = time.perf_counter() - start
    good = elapsed < XLSX_TARGET_S or args.xlsx != 10_000
    ok &= good
    print(f"xlsx  {args.xlsx} 份报告 reports in {elapsed:.2f} s ({len(data) / 1024 / 1024:.1f} MiB; "
          f"目标 target < {XLSX_TARGET_S:.0f} s for 10,000) {'OK' if good else 'SLOW'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
