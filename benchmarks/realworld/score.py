"""Score one reading of a document against its gold.

A cell is right when its value equals the gold (blank = None; a missing cell is not right).
Wrong cells are split by whether OGI flagged them (`Cell.uncertain`): a wrong cell WITHOUT a flag
is the key failure, since nothing tells the user to look. Findings of severity error on the
equation and value rules that the planted errors do not explain are undeserved accusations;
`parse.*` findings are OGI's own doubt and accuse nobody.
"""

from __future__ import annotations

import signal
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

# Rules that accuse the report of arithmetic it does not have (docs/rules.md).
EQUATION_RULES = frozenset({"apply.E101", "apply.E102", "appeal.E101", "table.E100"})
VALUE_RULES = frozenset({"values.E301", "values.E302"})


@dataclass
class DocScore:
    converter: str
    doc: str
    path: str
    error: str | None = None  # the read/extract/check failed (exception or timeout)
    seconds: float = 0.0
    cells: int = 0  # gold cells
    right: int = 0
    wrong_unflagged: int = 0
    wrong_flagged: int = 0
    missing: int = 0
    extra: int = 0  # cells read that the gold does not have
    undeserved: list[dict] = field(default_factory=list)  # equation/value errors not planted
    other_errors: list[dict] = field(default_factory=list)  # format/section/time errors not expected
    planted: bool = False
    planted_found: bool = False
    agency_ok: bool = False
    date_ok: bool = False
    template_ok: bool = False
    wrong: list[dict] = field(default_factory=list)
    missing_cells: list[str] = field(default_factory=list)
    extra_cells: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    findings: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    deviations: list[str] = field(default_factory=list)
    across_pages: list[str] = field(default_factory=list)  # tables that break across pages in the PDF

    @property
    def all_right(self) -> bool:
        return self.error is None and self.right == self.cells and not self.extra

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["all_right"] = self.all_right
        return out


def same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return abs(float(a) - float(b)) < 1e-6
    except (TypeError, ValueError):
        return False


def score_report(report, findings, gold: dict, converter: str = "", path: str = "") -> DocScore:
    """Compare an extracted `AnnualReport` and its `ogi.check` findings with the gold."""
    s = DocScore(converter, gold["id"], path, deviations=list(gold.get("deviations", ())),
                 across_pages=list(gold.get("layout", {}).get("tables_across_pages", ())))
    gcells: dict[str, Any] = gold["cells"]
    s.cells = len(gcells)
    for cid, gv in gcells.items():
        cell = report.cells.get(cid)
        if cell is None:
            s.missing += 1
            s.missing_cells.append(cid)
        elif same(cell.value, gv):
            s.right += 1
        else:
            entry = {"cell": cid, "gold": gv, "read": cell.value, "uncertain": bool(cell.uncertain)}
            if cell.alternatives:
                entry["alternatives"] = list(cell.alternatives)
            if cell.source is not None and cell.source.text:
                entry["text"] = cell.source.text
            s.wrong.append(entry)
            if cell.uncertain:
                s.wrong_flagged += 1
            else:
                s.wrong_unflagged += 1
    s.extra_cells = sorted(c for c in report.cells if c not in gcells)
    s.extra = len(s.extra_cells)
    broken = set(gold.get("broken_equations", ()))
    expected = set(gold.get("expected_errors", ()))
    s.planted = bool(gold.get("planted"))
    for f in findings:
        if f.severity == "warning" or (f.severity == "error"):
            s.findings.append({"rule": f.rule, "severity": f.severity, "zh": f.zh,
                               **({"equation": f.evidence["equation"]} if "equation" in f.evidence else {}),
                               "cells": list(f.cells)[:12]})
        if f.severity != "error":
            continue
        if f.rule in EQUATION_RULES:
            eq = f.evidence.get("equation")
            if eq in broken:
                s.planted_found = True
            else:
                s.undeserved.append({"rule": f.rule, "equation": eq, "left": f.evidence.get("left"),
                                     "right": f.evidence.get("right")})
        elif f.rule in VALUE_RULES:
            s.undeserved.append({"rule": f.rule, "cells": list(f.cells), "values": f.evidence.get("values")})
        elif not f.rule.startswith("parse.") and f.rule not in expected:
            s.other_errors.append({"rule": f.rule, "zh": f.zh})
    gm = gold["meta"]
    m = report.meta
    published = m.published.isoformat() if m.published else None
    s.agency_ok = m.agency == gm["agency"]
    s.date_ok = published == gm["published"]
    s.template_ok = m.template == gm["template"]
    s.meta = {"agency": [gm["agency"], m.agency], "published": [gm["published"], published],
              "template": [gm["template"], m.template], "year": [gm["year"], m.year]}
    s.notes = [n.code for n in report.notes]
    return s


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def run_ogi(path: Path, gold: dict, converter: str, timeout: float = 60.0) -> DocScore:
    """read_path + extract + check, in this process, within `timeout` seconds; errors caught."""
    from ogi.check import check
    from ogi.extract import extract
    from ogi.read import read_path

    t = time.time()
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        report = extract(read_path(path))
        findings = check(report)
    except Timeout:
        s = _failed(gold, converter, path, f"timeout after {timeout:g} s")
    except Exception as e:  # counted, never fatal
        s = _failed(gold, converter, path, f"{type(e).__name__}: {getattr(e, 'code', '')} {e}"[:300])
    else:
        s = score_report(report, findings, gold, converter, str(path))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    s.seconds = time.time() - t
    return s


def _failed(gold: dict, converter: str, path: Path, error: str) -> DocScore:
    s = DocScore(converter, gold["id"], str(path), error=error, deviations=list(gold.get("deviations", ())))
    s.cells = s.missing = len(gold["cells"])
    s.planted = bool(gold.get("planted"))
    return s
