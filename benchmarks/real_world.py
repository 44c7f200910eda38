"""OGI on documents made by the converters the wild uses: how many cells it gets right, and how
many it gets wrong WITHOUT saying so.

    .venv/bin/python benchmarks/real_world.py [--docs 200] [--converters a,b] [--out DIR] [--keep]
        [--ocr-docs 30] [--jobs 2] [--timeout 60] [--details FILE] [--build-only] [--list]

The corpus (benchmarks/realworld/): N reports from ogi.synth in both formats with real deviations
(（六）其他处理 as one row, blank cells, negative 本年增/减, planted arithmetic errors, tables
across pages), rendered to DOCX, PDF and a government web page, then put through real converters
(pdftotext, markitdown, pymupdf4llm, html2text, trafilatura, pandoc, mammoth, LibreOffice, rapidocr,
a crawler's flattening, a JavaScript string). It is built once under --out (default
benchmarks/_data/realworld, or $OGI_REALWORLD_DIR) and reused; only what is missing is made.

Each document is read in-process (ogi.read.read_path → ogi.extract.extract → ogi.check.check) with
a timeout; failures are counted. Columns:

  docs        documents scored (conversion failures are listed apart)
  failed      OGI raised or timed out
  all-right   every gold cell right and no extra cell
  cells       right / gold cells (missing cells are not right)
  no-blanks   cells right in the reports without planted blank cells (which converters drop)
  WRONG!      wrong value, NOT flagged uncertain — the key figure
  flagged     wrong value, flagged uncertain
  missing     gold cell not in the output
  extra       cells read that the gold does not have
  undeserved  error findings the document does not deserve: on equation/value rules, those no
              planted error explains; on any other rule, those the gold does not call for
  other-err   of the undeserved, those outside the equation/value rules (format/section/time)
  planted     planted arithmetic errors found / planted
  agency, date  metadata right / docs
  s/doc       mean seconds per document for read + extract + check

--details FILE writes one JSON line per document (wrong cells with gold and read values, missing
and extra cells, findings, notes, metadata) for studying the failures. --keep also writes OGI's
JSON beside each converter output (rNNNNN.ogi.json).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.realworld.converters import CONVERTERS  # noqa: E402
from benchmarks.realworld.corpus import DEFAULT_DIR, build_outputs, doc_id  # noqa: E402
from benchmarks.realworld.score import DocScore, run_ogi  # noqa: E402

COLUMNS = ("converter", "docs", "failed", "all-right", "cells right", "no-blanks", "WRONG!", "flagged", "missing",
           "extra", "undeserved", "other-err", "planted", "agency", "date", "s/doc")


def _init() -> None:
    try:
        os.nice(10)
    except OSError:
        pass


def _score(args: tuple[str, str, str, float, bool]) -> dict:
    converter, path, gold_path, timeout, keep = args
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    s: DocScore = run_ogi(Path(path), gold, converter, timeout)
    if keep and s.error is None:
        try:
            from ogi.extract import extract
            from ogi.read import read_path

            data = extract(read_path(path)).to_json(provenance=False)
            Path(path).with_suffix(".ogi.json").write_text(json.dumps(data, ensure_ascii=False, indent=1),
                                                           encoding="utf-8")
        except Exception:
            pass
    return s.to_json()


class Totals:
    def __init__(self, name: str):
        self.name = name
        self.docs = self.failed = self.all_right = self.cells = self.right = 0
        self.wrong_unflagged = self.wrong_flagged = self.missing = self.extra = 0
        self.undeserved = self.undeserved_docs = self.other = self.planted = self.planted_found = 0
        self.agency = self.date = 0
        self.plain_cells = self.plain_right = 0  # in the reports without planted blank cells
        self.seconds = 0.0
        self.conv_failed = 0

    def add(self, d: dict) -> None:
        self.docs += 1
        self.failed += d["error"] is not None
        self.all_right += d["all_right"]
        self.cells += d["cells"]
        self.right += d["right"]
        if "blank_cells" not in (d.get("deviations") or ()):
            self.plain_cells += d["cells"]
            self.plain_right += d["right"]
        self.wrong_unflagged += d["wrong_unflagged"]
        self.wrong_flagged += d["wrong_flagged"]
        self.missing += d["missing"]
        self.extra += d["extra"]
        self.undeserved += len(d["undeserved"]) + len(d["other_errors"])
        self.undeserved_docs += bool(d["undeserved"] or d["other_errors"])
        self.other += len(d["other_errors"])
        self.planted += d["planted"]
        self.planted_found += d["planted_found"]
        self.agency += d["agency_ok"]
        self.date += d["date_ok"]
        self.seconds += d["seconds"]

    def merge(self, o: Totals) -> None:
        for k, v in vars(o).items():
            if isinstance(v, int | float) and not isinstance(v, bool):
                setattr(self, k, getattr(self, k) + v)

    def row(self) -> list[str]:
        pct = f"{self.right / self.cells:.1%}" if self.cells else "-"
        plain = f"{self.plain_right / self.plain_cells:.2%}" if self.plain_cells else "-"
        return [self.name, str(self.docs), str(self.failed), str(self.all_right), f"{self.right}/{self.cells} {pct}", plain,
                str(self.wrong_unflagged), str(self.wrong_flagged), str(self.missing), str(self.extra),
                f"{self.undeserved} ({self.undeserved_docs} docs)", str(self.other),
                f"{self.planted_found}/{self.planted}", f"{self.agency}/{self.docs}", f"{self.date}/{self.docs}",
                f"{self.seconds / self.docs:.2f}" if self.docs else "-"]


def print_table(rows: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for k, r in enumerate(rows):
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))))
        if k == 0 or k == len(rows) - 2:
            print("  ".join("-" * w for w in widths))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=200, help="documents per converter (default 200)")
    ap.add_argument("--converters", default="", help="comma-separated names (default: all; see --list)")
    ap.add_argument("--ocr-docs", type=int, default=30, help="documents for the slow OCR converters (default 30)")
    ap.add_argument("--out", type=Path, default=DEFAULT_DIR, help=f"corpus directory (default {DEFAULT_DIR})")
    ap.add_argument("--keep", action="store_true", help="write OGI's JSON beside each converter output")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes, niced (default 2)")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per document (default 60)")
    ap.add_argument("--details", type=Path, help="per-document JSON lines")
    ap.add_argument("--build-only", action="store_true", help="build the corpus, do not run OGI")
    ap.add_argument("--list", action="store_true", help="list the converters and whether they are installed")
    a = ap.parse_args(argv)

    if a.list:
        for name, c in CONVERTERS.items():
            reason = c.available()
            print(f"{name:18} {c.source:5} {'slow' if c.slow else 'fast':4} {reason or 'installed'}  {c.note}")
        return 0
    names = [n.strip() for n in a.converters.split(",") if n.strip()] or list(CONVERTERS)
    unknown = [n for n in names if n not in CONVERTERS]
    if unknown:
        print(f"unknown converter(s): {', '.join(unknown)}; choose from {', '.join(CONVERTERS)}", file=sys.stderr)
        return 2
    limits = {n: min(a.docs, a.ocr_docs) for n in names if CONVERTERS[n].slow}
    a.out.mkdir(parents=True, exist_ok=True)
    print(f"corpus: {a.out}")
    t0 = time.time()
    skipped = build_outputs(a.out, a.docs, names, jobs=a.jobs, limits=limits, log=print)
    print(f"corpus ready in {time.time() - t0:.0f} s")
    for name, reason in skipped.items():
        print(f"SKIPPED {name}: {reason}")
    for name in names:
        if name in limits and name not in skipped:
            print(f"{name}: {limits[name]} documents (slow; --ocr-docs to change)")
    if a.build_only:
        return 0

    manifest = json.loads((a.out / "manifest.json").read_text(encoding="utf-8"))
    tasks = []
    conv_failed: dict[str, int] = {}
    for name in names:
        if name in skipped:
            continue
        conv = CONVERTERS[name]
        count = limits.get(name, a.docs)
        failed = manifest.get("failed", {}).get(name, {})
        for i in range(count):
            did = doc_id(i)
            path = a.out / name / f"{did}{conv.suffix}"
            if did in failed or not path.exists():
                conv_failed[name] = conv_failed.get(name, 0) + 1
                continue
            tasks.append((name, str(path), str(a.out / name / f"{did}.gold.json"), a.timeout, a.keep))
    print(f"running OGI on {len(tasks)} documents ({a.jobs} processes, timeout {a.timeout:g} s each)")
    totals = {n: Totals(n) for n in names if n not in skipped}
    details = open(a.details, "w", encoding="utf-8") if a.details else None
    t1 = time.time()
    try:
        # multiprocessing.Pool recycles workers safely (ProcessPoolExecutor's max_tasks_per_child hangs
        # on Python 3.11); recycling bounds the memory a long run accumulates.
        with multiprocessing.get_context("fork").Pool(max(1, a.jobs), initializer=_init, maxtasksperchild=100) as pool:
            for k, d in enumerate(pool.imap(_score, tasks, chunksize=4), 1):
                totals[d["converter"]].add(d)
                if details:
                    details.write(json.dumps(d, ensure_ascii=False) + "\n")
                if k % 500 == 0:
                    print(f"  {k}/{len(tasks)} ({time.time() - t1:.0f} s)", flush=True)
    finally:
        if details:
            details.close()
    for name, n in conv_failed.items():
        if name in totals:
            totals[name].conv_failed = n
    print(f"OGI ran in {time.time() - t1:.0f} s\n")
    rows = [list(COLUMNS)]
    grand = Totals("TOTAL")
    for t in totals.values():
        rows.append(t.row())
        grand.merge(t)
    rows.append(grand.row())
    print_table(rows)
    notes = [f"{n}: {c} conversion failures not scored" for n, c in conv_failed.items() if c]
    for line in notes:
        print(line)
    print(f"\nTOTAL: {grand.docs} documents, {grand.all_right} all right; cells {grand.right}/{grand.cells}; "
          f"wrong without a flag {grand.wrong_unflagged}; wrong flagged {grand.wrong_flagged}; missing {grand.missing}; "
          f"undeserved errors {grand.undeserved} in {grand.undeserved_docs} docs; planted found "
          f"{grand.planted_found}/{grand.planted}; agency {grand.agency}/{grand.docs}; date {grand.date}/{grand.docs}; "
          f"failed {grand.failed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
