"""The real seeds as real documents print them: each seed's text changed the way reports, input
methods, OCR and page layout change a cell or a line, read again and scored against the gold.

    .venv/bin/python benchmarks/seed_variants.py [--seeds DIR] [--gold DIR] [--only NAME]

The five seeds (../shared/seeds, gold in ../shared/gold) are real reports: their values and
narrative are known. Each variant below rewrites some of a seed's lines and keeps its values
(a zero typed as 〇, a word where a figure stands, `+3` for a rise, page numbers inside a table,
…); OGI reads the variant and is scored per variant over the five seeds:

  right        cells whose value is the gold's (a cell the variant prints as a word for "no
               figure", 暂无 or 不涉及, is blank in the document: its gold is then blank too)
  WRONG!       cells read with another value and NOT flagged uncertain — must stay 0
  flagged      cells read with another value, flagged uncertain (OGI's doubt, said so)
  unread       gold cells OGI did not give
  undeserved   `ogi check` errors (other than OGI's own parse.*) that the seed itself does not get
  agency       variants whose agency or year differ from the seed's

Exit status 1 when any variant has a wrong cell without a flag or an undeserved error. The
variants are the families the probes of a session found (see the regression tests named after
them in tests/extract/test_real_layouts.py); add one when a new family turns up.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ogi.check import check  # noqa: E402
from ogi.extract import extract  # noqa: E402
from ogi.read import read_bytes  # noqa: E402

Variant = Callable[[str], str]
NO_FIGURE = ("暂无", "不涉及")  # words that print a cell blank (CELLS.md: null)


def _lone_zeros(word: str, share: float, seed: int) -> Variant:
    """Some cells printed `0` on a line of their own, or between bars, printed as `word`."""
    def change(text: str) -> str:
        rng = random.Random(seed)
        lines = [line.replace("0", word) if line.strip() == "0" and rng.random() < share else line
                 for line in text.split("\n")]
        return re.sub(r"(?m)(?<![\d.])0(?=\s*\|)", lambda m: word if rng.random() < share else "0", "\n".join(lines))
    return change


def _enumerators(form: str) -> Variant:
    return lambda text: re.sub(r"(?m)^(\s*)([1-9])\.(?=[\u4e00-\u9fa5])", lambda m: m.group(1) + form.format(m.group(2)),
                               text)


def _every(n: int, inserted: list[str]) -> Variant:
    def change(text: str) -> str:
        out: list[str] = []
        for i, line in enumerate(text.split("\n")):
            if i and i % n == 0:
                out.extend(x.format(n=i // n) for x in inserted)
            out.append(line)
        return "\n".join(out)
    return change


def _thousands(sep: str) -> Variant:
    return lambda text: re.sub(r"(?<![\d.])(\d{1,3})(\d{3})(?![\d年])", rf"\1{sep}\2", text)


VARIANTS: dict[str, Variant] = {
    **{f"zero as {w}": _lone_zeros(w, 0.5, 1) for w in ("〇", "○", "零", "O", "o")},
    **{f"no figure: {w}": _lone_zeros(w, 0.3, 2) for w in NO_FIGURE},
    **{f"word in a figure's place: {w} ({s})": _lone_zeros(w, 0.3, s) for w in ("*", "未统计", "（空）") for s in (1, 3)},
    **{f"enumerators {f.format(1)}": _enumerators(f) for f in ("（{}）", "({})", "{}、", "{}．", "第{}项")},
    **{f"thousands {s}": _thousands(s) for s in (",", "，")},
    "page numbers every 37 lines": _every(37, ["- {n} -"]),
    "page n of m every 53 lines": _every(53, ["第 {n} 页 共 9 页"]),
    "bare page numbers every 37 lines": _every(37, ["{n}"]),
    "running head every 37 lines": _every(37, ["", "政府信息公开工作年度报告", "- {n} -", ""]),
}


def score(name: str, change: Variant, seeds: list[tuple[Path, dict]]) -> dict[str, int]:
    total = {"cells": 0, "right": 0, "wrong": 0, "flagged": 0, "unread": 0, "undeserved": 0, "agency": 0}
    for path, gold in seeds:
        text = path.read_text(encoding="utf-8")
        own = {(f.rule, f.evidence.get("equation")) for f in check(extract(read_bytes(text.encode(), path.name)))
               if f.severity == "error"}
        changed = change(text)
        report = extract(read_bytes(changed.encode(), path.name))
        blank_words = name.startswith("no figure")
        for cid, value in gold["cells"].items():
            total["cells"] += 1
            cell = report.cells.get(cid)
            if cell is None:
                total["unread"] += 1
            elif cell.value == value or (blank_words and value == 0 and cell.value is None):
                total["right"] += 1
            elif cell.uncertain:
                total["flagged"] += 1
            else:
                total["wrong"] += 1
        errors = {(f.rule, f.evidence.get("equation")) for f in check(report) if f.severity == "error"}
        total["undeserved"] += len({e for e in errors - own if not e[0].startswith("parse.")})
        total["agency"] += (report.meta.agency, report.meta.year) != (gold["meta"]["agency"], gold["meta"]["year"])
    return total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    ap.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold")
    ap.add_argument("--only", default="", help="variants whose name holds this text")
    args = ap.parse_args()
    seeds = []
    for g in sorted(args.gold.glob("*.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        seeds.append((args.seeds / gold["source"], gold))
    if not seeds:
        print(f"no gold in {args.gold}", file=sys.stderr)
        return 2
    print(f"{len(seeds)} seeds; {'variant':40s} {'right':>12s} {'WRONG!':>6s} {'flagged':>7s} {'unread':>6s} "
          f"{'undeserved':>10s} {'agency':>6s}")
    bad = 0
    for name, change in VARIANTS.items():
        if args.only not in name:
            continue
        t = score(name, change, seeds)
        bad += t["wrong"] + t["undeserved"]
        print(f"{'':9s}{name:40s} {t['right']:>5}/{t['cells']:<6} {t['wrong']:>6} {t['flagged']:>7} {t['unread']:>6} "
              f"{t['undeserved']:>10} {t['agency']:>6}")
    print("every variant: no wrong cell without a flag, no undeserved error" if not bad else
          f"{bad} wrong cells without a flag or undeserved errors")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
