"""Linking a corpus: one key per agency, year-over-year pairs, the cross-year checks, coverage.

Written next to the three tables:

- `links.parquet`: one row per readable report: the resolved agency key and region, whether it
  is the representative of its (agency, year) (duplicates — the same report scraped twice —
  point at it with `duplicate_of`), and `previous_id`, the representative of the year before.
- `cross_findings.parquet`: the findings of `ogi check`'s cross-year rules (`cross.*`) for every
  pair, in the findings schema with `previous_id` set.

Both are recomputed from the Parquet parts on every run, so a resumed corpus is linked whole.

Before the cross-year checks, a report whose cells of a cross-year identity OGI is unsure of
(glued table-2 digits the equations leave open) is read again with its previous year's report,
as `ogi check` does: last year's 现行有效 may settle the split (`extract.settled_by_last_year`).
Its rows are replaced: the old ones dropped first, then the new ones written as a new part, so an
interruption in between leaves the document undone (the next run redoes it), never doubled.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from ..check import check
from ..loading import could_settle
from ..model import AnnualReport, Cell, Meta, Source, parse_agency
from ..names import resolve
from .document import Rows, document_rows, file_key, finding_rows
from .store import FINDINGS, SCHEMAS, Chunk, PartWriter, drop_reports, table, write_atomic

LINKS = pa.schema([
    ("report_id", pa.string()), ("agency_key", pa.string()), ("region", pa.string()), ("year", pa.int32()),
    ("representative", pa.bool_()), ("duplicate_of", pa.string()), ("previous_id", pa.string()),
])
PAIR_BATCH = 2000  # reports whose cells are loaded at once for the cross-year checks


def _reports(out: Path) -> list[dict[str, Any]]:
    d = out / "reports"
    if not d.is_dir():
        return []
    cols = ["report_id", "path", "size", "mtime_ns", "agency", "agency_key", "region", "year", "template",
            "published", "kind", "score", "n_uncertain", "error_code"]
    rows: list[dict[str, Any]] = ds.dataset(d, format="parquet").to_table(columns=cols).to_pylist()
    return rows


def link_rows(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """links.parquet rows from report rows (pure: tested without files)."""
    ok = [r for r in reports if not r["error_code"] and r["agency_key"] and r["year"]]
    resolved = resolve((r["agency_key"] for r in ok), {r["agency_key"]: r["region"] for r in ok})
    groups: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for r in ok:
        groups[(resolved[r["agency_key"]], r["year"])].append(r)
    rep_of: dict[tuple[str, int], str] = {}
    out = []
    for (key, year), members in groups.items():
        members.sort(key=lambda r: (-(r["score"] or 0), r["report_id"]))
        rep_of[(key, year)] = members[0]["report_id"]
    for (key, year), members in sorted(groups.items()):
        rep = rep_of[(key, year)]
        parsed = parse_agency(key)
        region = parsed.division if parsed and parsed.division else members[0]["region"]
        for r in members:
            out.append({"report_id": r["report_id"], "agency_key": key, "region": region, "year": year,
                        "representative": r["report_id"] == rep,
                        "duplicate_of": None if r["report_id"] == rep else rep,
                        "previous_id": rep_of.get((key, year - 1)) if r["report_id"] == rep else None})
    return out


def _load_reports(out: Path, ids: set[str], meta: dict[str, dict[str, Any]],
                  keys: dict[str, str]) -> dict[str, AnnualReport]:
    """Rebuild AnnualReports (meta and cells with their sources) from the Parquet output."""
    cells = ds.dataset(out / "cells", format="parquet").to_table(
        filter=ds.field("report_id").isin(sorted(ids)),
        columns=["report_id", "cell", "value", "uncertain", "line", "page", "block", "grid_row", "grid_column", "text"])
    reports: dict[str, AnnualReport] = {}
    for rid in ids:
        m = meta[rid]
        published = m["published"]
        reports[rid] = AnnualReport(Meta(agency=keys[rid], year=m["year"], template=m["template"],
                                         published=published if isinstance(published, dt.date) else None,
                                         region=m["region"], kind=m["kind"]))
    for row in cells.to_pylist():
        v = row["value"]
        if v is not None and v.is_integer():
            v = int(v)
        src = Source(line=row["line"], page=row["page"], block=row["block"], row=row["grid_row"],
                     column=row["grid_column"], text=row["text"] or "")
        reports[row["report_id"]].cells[row["cell"]] = Cell(row["cell"], v, src, bool(row["uncertain"]))
    return reports


def cross_findings(out: Path, links: list[dict[str, Any]], reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The cross.* findings of `ogi check` for every (report, previous year's report) pair."""
    meta = {r["report_id"]: r for r in reports}
    keys = {link["report_id"]: link["agency_key"] for link in links}
    pairs = [(link["report_id"], link["previous_id"]) for link in links if link["previous_id"]]
    rows: list[dict[str, Any]] = []
    step = PAIR_BATCH // 2
    for i in range(0, len(pairs), step):
        batch = pairs[i:i + step]
        loaded = _load_reports(out, {x for p in batch for x in p}, meta, keys)
        for rid, prev in batch:
            found = [f for f in check(loaded[rid], previous=loaded[prev]) if f.rule.startswith("cross.")]
            rows += finding_rows(rid, found, previous_id=prev)
    return rows


def settle_with_previous(out: Path, links: list[dict[str, Any]], reports: list[dict[str, Any]]) -> int:
    """Read again, with the previous year's report, every report that may be settled by it (see the
    module docstring); returns how many were rewritten. Years are taken in order, so a report
    settled this way vouches in turn for the year after."""
    meta = {r["report_id"]: r for r in reports}
    keys = {link["report_id"]: link["agency_key"] for link in links}
    pairs = sorted(((link["report_id"], link["previous_id"]) for link in links
                    if link["previous_id"] and meta[link["report_id"]]["n_uncertain"]),
                   key=lambda p: (meta[p[0]]["year"], p[0]))
    reread: dict[str, AnnualReport] = {}
    fresh = Rows()
    step = PAIR_BATCH // 2
    for i in range(0, len(pairs), step):
        batch = pairs[i:i + step]
        loaded = _load_reports(out, {x for p in batch for x in p}, meta, keys)
        for rid, prev in batch:
            previous = reread.get(prev, loaded[prev])
            if not could_settle(loaded[rid], previous):
                continue
            m = meta[rid]
            path = Path(m["path"])
            try:
                if file_key(path) != (m["size"], m["mtime_ns"]):
                    continue  # changed since it was read: the next run redoes it
            except OSError:
                continue
            rows, report = document_rows(path, rid, previous)
            if report is None or len(report.uncertain) >= len(loaded[rid].uncertain):
                continue  # nothing settled: the rows already written stand
            reread[rid] = report
            fresh.extend(rows)
    if not fresh.reports:
        return 0
    drop_reports(out, {r["report_id"] for r in fresh.reports})
    writer = PartWriter(out, part_size=len(fresh.reports))
    writer.add(Chunk(len(fresh.reports), 0, {name: table(getattr(fresh, name), SCHEMAS[name]) for name in SCHEMAS}))
    writer.flush()
    return len(fresh.reports)


def link_corpus(out: str | Path) -> tuple[int, int]:
    """Write links.parquet and cross_findings.parquet; returns (pairs, cross-year findings)."""
    out = Path(out)
    reports = _reports(out)
    links = link_rows(reports)
    if links and settle_with_previous(out, links, reports):
        reports = _reports(out)
    found = cross_findings(out, links, reports) if links else []
    write_atomic(table(links, LINKS), out / "links.parquet")
    write_atomic(table(found, FINDINGS), out / "cross_findings.parquet")
    return sum(1 for link in links if link["previous_id"]), len(found)


def coverage(out: str | Path, agencies: list[str], year: int) -> list[dict[str, Any]]:
    """For each agency of a list (names as anyone writes them), the report it has for `year`, or none."""
    out = Path(out)
    links = pq.read_table(out / "links.parquet").to_pylist() if (out / "links.parquet").exists() else []
    by_key: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for link in links:
        if link["year"] == year and link["representative"]:
            by_key[link["agency_key"]].append(link)
    wanted = {}
    for name in agencies:
        parsed = parse_agency(name)
        wanted[name] = parsed.key if parsed else name
    mapping = resolve(list(wanted.values()) + list(by_key))
    rows = []
    for name, key in wanted.items():
        key = mapping.get(key, key)
        hit = by_key.get(key)
        rows.append({"agency": name, "agency_key": key, "year": year, "has_report": bool(hit),
                     "report_id": hit[0]["report_id"] if hit else None})
    return rows
