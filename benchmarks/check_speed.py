"""How much `ogi check` costs on top of `ogi parse`, on a generated corpus.

    .venv/bin/python benchmarks/check_speed.py [-n 10000] [--corpus DIR]

Without --corpus, the corpus is benchmarks/corpus.py's (random consistent reports of both
formats in every text layout, written once under benchmarks/_data/text_corpus, shared with
parse_speed.py); with --corpus, every file of DIR. Files are read into memory first, so disk
time counts for neither side. Pinned to one core, like parse_speed.py. Timings, one process,
the same documents:

- parse: bytes → Document → AnnualReport (read_bytes + extract), then the JSON `ogi parse` prints;
- check: check(report) + quality_profile(report, findings), then the JSON `ogi check` prints;

and the ratio check / parse, which is what `ogi check` costs more than `ogi parse`. The goal
(issue 4) is under 0.20.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ogi.check import check, quality_profile  # noqa: E402
from ogi.extract import extract  # noqa: E402
from ogi.read import ReadError, read_bytes  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "_data" / "text_corpus"  # the one benchmarks/parse_speed.py uses


def generate(n: int) -> list[tuple[str, bytes]]:
    """The shared corpus of benchmarks/corpus.py (written once, reused), read into memory."""
    from benchmarks.corpus import make_corpus

    return [(p.name, p.read_bytes()) for p in make_corpus(CORPUS, n)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=10_000, help="reports to generate (default 10000)")
    ap.add_argument("--corpus", help="read the corpus from this directory instead of generating it")
    args = ap.parse_args(argv)

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    t0 = time.perf_counter()
    if args.corpus:
        docs = [(p.name, p.read_bytes()) for p in sorted(Path(args.corpus).iterdir()) if p.is_file()]
    else:
        docs = generate(args.n)
    print(f"corpus: {len(docs)} documents, {sum(len(d) for _, d in docs) / 1e6:.1f} MB "
          f"({time.perf_counter() - t0:.1f} s to generate or read)")

    reports = []
    unreadable = 0
    t0 = time.perf_counter()
    for name, data in docs:
        try:
            reports.append(extract(read_bytes(data, name)))
        except ReadError:
            unreadable += 1
    t_extract = time.perf_counter() - t0
    t0 = time.perf_counter()
    for r in reports:
        json.dumps(r.to_json(), ensure_ascii=False)
    t_parse_out = time.perf_counter() - t0

    t0 = time.perf_counter()
    results = [(r, check(r)) for r in reports]
    profiles = [quality_profile(r, f) for r, f in results]
    t_check = time.perf_counter() - t0
    t0 = time.perf_counter()
    for (r, findings), profile in zip(results, profiles, strict=True):
        json.dumps({"meta": r.meta.to_json(), "findings": [f.to_json() for f in findings], "profile": profile},
                   ensure_ascii=False)
    t_check_out = time.perf_counter() - t0

    n = len(reports)
    parse = t_extract + t_parse_out
    extra = t_check + t_check_out
    findings = sum(len(f) for _, f in results)
    errors = sum(1 for _, f in results if any(x.severity == "error" for x in f))
    print(f"parse  (read+extract):        {t_extract:8.2f} s  {t_extract / n * 1e3:7.3f} ms/report")
    print(f"parse  JSON output:           {t_parse_out:8.2f} s  {t_parse_out / n * 1e3:7.3f} ms/report")
    print(f"check  (check+profile):       {t_check:8.2f} s  {t_check / n * 1e3:7.3f} ms/report")
    print(f"check  JSON output:           {t_check_out:8.2f} s  {t_check_out / n * 1e3:7.3f} ms/report")
    print(f"findings: {findings} on {n} reports ({errors} with an error); unreadable: {unreadable}")
    print(f"check / parse (library):      {t_check / t_extract:.3f}")
    print(f"ogi check / ogi parse − 1:    {extra / parse:.3f}   (goal < 0.20)")
    return 0 if extra / parse < 0.20 else 1


if __name__ == "__main__":
    sys.exit(main())
