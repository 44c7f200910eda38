"""One document → its rows in the three tables. The only function the engines run.

`process_document(path, root)` reads, extracts and checks one file and returns plain Python
rows (picklable, JSON-ready) for reports, cells and findings. It never raises for a bad
document: a file OGI cannot read becomes a report row with its error code and message, and no
cells. The local process pool and Dask call it unchanged.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..check import ERROR, INFO, WARNING, Finding, check, quality_profile
from ..errors import OgiError, internal
from ..extract import extract
from ..guard import isolated
from ..model import AnnualReport, parse_agency
from ..read import env_limits, io_error, read_bytes, read_file

POINTS = ("completeness", "timeliness", "consistency", "concreteness")


@dataclass(slots=True)
class Rows:
    """What one or more documents add to the three tables (one dict per row)."""

    reports: list[dict[str, Any]] = field(default_factory=list)
    cells: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)

    def extend(self, other: Rows) -> None:
        self.reports += other.reports
        self.cells += other.cells
        self.findings += other.findings


def file_key(path: Path) -> tuple[int, int]:
    """(size, mtime in ns): what the done-ledger compares to tell a finished file from a changed one."""
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def report_id(path: Path, root: Path) -> str:
    """The id of a report in every table: its path relative to the input directory (POSIX)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _base_row(rid: str, path: Path, size: int, mtime_ns: int, digest: str | None) -> dict[str, Any]:
    return {"report_id": rid, "path": str(path), "size": size, "mtime_ns": mtime_ns, "sha256": digest,
            "doc_kind": None, "agency": None, "agency_key": None, "region": None, "parent_regions": None,
            "year": None, "template": None, "published": None, "kind": None, "title": None,
            "n_cells": 0, "n_missing": None, "n_uncertain": None, "n_unread": None, "verdict": None,
            "score": None, "passed": None,
            "fully_parsed": None, **{f"score_{p}": None for p in POINTS}, "timeliness": None,
            "broken_equations": None, "n_error": 0, "n_warning": 0, "n_info": 0, "rules": None,
            "error_code": None, "error_zh": None, "error_en": None, "seconds": 0.0}


def cell_rows(rid: str, report: AnnualReport) -> list[dict[str, Any]]:
    out = []
    for cid, c in report.cells.items():
        s = c.source
        out.append({"report_id": rid, "cell": cid, "value": None if c.value is None else float(c.value),
                    "uncertain": bool(c.uncertain),
                    "alternatives": json.dumps(list(c.alternatives)) if c.alternatives else None,
                    "line": s.line if s else None, "page": s.page if s else None,
                    "block": s.block if s else None, "grid_row": s.row if s else None,
                    "grid_column": s.column if s else None, "text": s.text if s else None})
    return out


def finding_rows(rid: str, findings: Iterable[Finding], previous_id: str | None = None) -> list[dict[str, Any]]:
    out = []
    for f in findings:
        loc = f.location
        out.append({"report_id": rid, "rule": f.rule, "severity": f.severity, "cells": list(f.cells),
                    "zh": f.zh, "en": f.en, "line": loc.line if loc else None, "page": loc.page if loc else None,
                    "location": loc.describe() if loc else None,
                    "evidence": json.dumps(f.evidence, ensure_ascii=False, default=str),
                    "previous_id": previous_id})
    return out


def report_row(base: dict[str, Any], report: AnnualReport, findings: list[Finding], doc_kind: str) -> dict[str, Any]:
    m = report.meta
    profile = quality_profile(report, findings)
    parsed = parse_agency(m.agency)
    counts = profile["counts"]
    base.update({
        "doc_kind": doc_kind, "agency": m.agency, "agency_key": parsed.key if parsed else None,
        "region": (parsed.division if parsed and parsed.division else m.region),
        "parent_regions": "".join(parsed.parents) if parsed and parsed.parents else None,
        "year": m.year, "template": m.template, "published": m.published, "kind": m.kind, "title": m.title,
        "n_cells": len(report.cells), "n_missing": len(report.missing), "n_uncertain": len(report.uncertain),
        "n_unread": len(set(report.unread) - set(report.cells)), "verdict": profile["verdict"],
        "score": profile["score"], "passed": profile["passed"], "fully_parsed": profile["fully_parsed"],
        **{f"score_{p}": profile["points"][p]["score"] for p in POINTS},
        "timeliness": profile["points"]["timeliness"].get("status"),
        "broken_equations": profile["points"]["consistency"].get("broken_equations"),
        "n_error": counts[ERROR], "n_warning": counts[WARNING], "n_info": counts[INFO],
        "rules": sorted({f.rule for f in findings if f.severity != INFO}),
    })
    return base


def process_document(path: str | Path, root: str | Path | None = None) -> Rows:
    """Read, extract and check one file; every outcome, good or bad, is rows."""
    path = Path(path)
    return document_rows(path, report_id(path, Path(root) if root is not None else path.parent))[0]


def document_rows(path: Path, rid: str, previous: AnnualReport | None = None) -> tuple[Rows, AnnualReport | None]:
    """The rows of one file under the id `rid`, and its report (None when OGI could not read it).
    `previous`, the same agency's report of the year before, may settle glued digits (the linking
    step reads a document again with it)."""
    t0 = time.perf_counter()
    rows = Rows()
    report: AnnualReport | None = None
    try:
        st = os.stat(path)
        size, mtime_ns = st.st_size, st.st_mtime_ns
    except (OSError, ValueError) as e:
        base = _base_row(rid, path, 0, 0, None)
        err = io_error(e) if isinstance(e, OSError) else internal(e)
        base.update(error_code=err.code, error_zh=err.zh, error_en=err.en)
        rows.reports.append(base)
        return rows, None
    base = _base_row(rid, path, size, mtime_ns, None)
    try:
        data = read_file(path, env_limits())  # special files refused unopened, the size checked before reading
        base["sha256"] = hashlib.sha256(data).hexdigest()
        # one time limit, one memory cap
        kind, report, findings = isolated(_read_extract_check, data, path.name, previous)
    except OgiError as e:
        base.update(error_code=e.code, error_zh=e.zh, error_en=e.en)
    except Exception as e:  # noqa: BLE001 — one bad document never stops a corpus; it is recorded
        base.update(error_code="batch.crash", error_zh=f"处理时出错：{type(e).__name__}: {e}"[:500],
                    error_en=f"failed while processing: {type(e).__name__}: {e}"[:500])
    else:
        report_row(base, report, findings, kind)
        rows.cells = cell_rows(rid, report)
        rows.findings = finding_rows(rid, findings)
    base["seconds"] = round(time.perf_counter() - t0, 4)
    rows.reports.append(base)
    return rows, report


def _read_extract_check(data: bytes, name: str,
                        previous: AnnualReport | None = None) -> tuple[str, AnnualReport, list[Finding]]:
    doc = read_bytes(data, name)
    report = extract(doc, previous=previous)
    return doc.kind, report, check(report)


def process_many(paths: list[str], root: str | None = None) -> Rows:
    """`process_document` over a chunk of files (one task of an engine)."""
    out = Rows()
    for p in paths:
        out.extend(process_document(p, root))
    return out


def environ_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
