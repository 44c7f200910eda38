"""Parquet out, in parts: `OUT/reports/part-NNNNN.parquet`, `OUT/cells/…`, `OUT/findings/…`.

Each part holds the rows of about `part_size` documents (whole chunks), so memory stays flat whatever the size
of the corpus. A part is written cells first, findings next, reports last, each to a temporary
name and renamed: a reports part exists only when its cells and findings are complete. The
reports parts are therefore the done-ledger: a document whose (report id, size, mtime) is in
them is not processed again; parts left without their reports part by an interrupted run are
removed when the next run starts.

Every table is read back with DuckDB as `read_parquet('OUT/reports/*.parquet')`.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import OgiError

TABLES = ("cells", "findings", "reports")  # write order; reports last (it is the ledger)

REPORTS = pa.schema([
    ("report_id", pa.string()), ("path", pa.string()), ("size", pa.int64()), ("mtime_ns", pa.int64()),
    ("sha256", pa.string()), ("doc_kind", pa.string()),
    ("agency", pa.string()), ("agency_key", pa.string()), ("region", pa.string()), ("parent_regions", pa.string()),
    ("year", pa.int32()), ("template", pa.string()), ("published", pa.date32()), ("kind", pa.string()),
    ("title", pa.string()),
    ("n_cells", pa.int32()), ("n_missing", pa.int32()), ("n_uncertain", pa.int32()),
    # n_unread: cells of rows the document prints that OGI could not read; verdict: errors (the
    # document's, read with certainty) / unverified (OGI not sure of every cell) / passed.
    ("n_unread", pa.int32()), ("verdict", pa.string()),
    ("score", pa.float64()), ("passed", pa.bool_()), ("fully_parsed", pa.bool_()),
    ("score_completeness", pa.float64()), ("score_timeliness", pa.float64()),
    ("score_consistency", pa.float64()), ("score_concreteness", pa.float64()),
    ("timeliness", pa.string()), ("broken_equations", pa.int32()),
    ("n_error", pa.int32()), ("n_warning", pa.int32()), ("n_info", pa.int32()), ("rules", pa.list_(pa.string())),
    ("error_code", pa.string()), ("error_zh", pa.string()), ("error_en", pa.string()), ("seconds", pa.float64()),
])
CELLS = pa.schema([
    ("report_id", pa.string()), ("cell", pa.string()), ("value", pa.float64()), ("uncertain", pa.bool_()),
    ("alternatives", pa.string()), ("line", pa.int32()), ("page", pa.int32()), ("block", pa.int32()),
    ("grid_row", pa.int32()), ("grid_column", pa.int32()), ("text", pa.string()),
])
FINDINGS = pa.schema([
    ("report_id", pa.string()), ("rule", pa.string()), ("severity", pa.string()), ("cells", pa.list_(pa.string())),
    ("zh", pa.string()), ("en", pa.string()), ("line", pa.int32()), ("page", pa.int32()),
    ("location", pa.string()), ("evidence", pa.string()), ("previous_id", pa.string()),
])
SCHEMAS = {"reports": REPORTS, "cells": CELLS, "findings": FINDINGS}

_PART = re.compile(r"^part-(\d+)\.parquet$")


def table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema)


def write_atomic(tbl: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(tbl, tmp, compression="zstd")
    os.replace(tmp, path)


def part_numbers(out: Path, name: str) -> set[int]:
    d = out / name
    if not d.is_dir():
        return set()
    return {int(m.group(1)) for p in d.iterdir() if (m := _PART.match(p.name))}


def clean_incomplete(out: Path) -> None:
    """Remove temporary files and the cells/findings parts of an interrupted write (no reports part)."""
    done = part_numbers(out, "reports")
    for name in TABLES:
        d = out / name
        if not d.is_dir():
            continue
        for p in d.iterdir():
            m = _PART.match(p.name)
            if p.name.endswith(".tmp") or (m and name != "reports" and int(m.group(1)) not in done):
                p.unlink()


def done_ledger(out: Path) -> dict[str, tuple[int, int]]:
    """report_id → (size, mtime_ns) of every document already in the output."""
    d = out / "reports"
    if not d.is_dir() or not any(d.glob("part-*.parquet")):
        return {}
    ledger: dict[str, tuple[int, int]] = {}
    for p in sorted(d.glob("part-*.parquet")):
        t = pq.read_table(p, columns=["report_id", "size", "mtime_ns"])
        for rid, size, mtime in zip(*(t.column(i).to_pylist() for i in range(3)), strict=True):
            ledger[rid] = (size, mtime)
    return ledger


@dataclass
class Chunk:
    """The Arrow tables of a chunk of documents, as an engine hands them back."""

    documents: int
    errors: int
    tables: dict[str, pa.Table]


LOCK_NAME = ".ogi-batch.lock"


@contextlib.contextmanager
def output_lock(out: Path, wait: bool = False) -> Iterator[None]:
    """One run at a time on an output folder: a second run refuses at once (`batch.locked`), or
    waits for the first with `wait`. The lock is the kernel's (flock): a killed run frees it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock
        yield
        return
    fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise OgiError("batch.locked", "另一个 ogi batch 正在写入此输出目录，请等它结束（或加 --wait 等待）",
                           "another ogi batch run is writing to this output directory: wait for it (or use --wait)",
                           str(out)) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)  # closing releases the lock


class PartWriter:
    """Buffers rows and writes a part of each table every `part_size` documents, or every
    `flush_seconds` when documents finish slowly: a run killed at any point keeps what it
    finished up to then. A document already in the output (`done`) is never written twice."""

    def __init__(self, out: Path, part_size: int = 500, done: set[str] | None = None, flush_seconds: float = 10.0):
        self.out = out
        self.part_size = part_size
        self.flush_seconds = flush_seconds
        self.next_part = max(part_numbers(out, "reports") | {-1}) + 1
        self.buffers: dict[str, list[pa.Table]] = {n: [] for n in TABLES}
        self.pending = 0
        self.written = 0
        self.done: set[str] = set(done or ())
        self.last_flush = time.monotonic()

    def add(self, chunk: Chunk) -> None:
        import pyarrow.compute as pc

        ids = chunk.tables["reports"].column("report_id").to_pylist()
        fresh = [i for i in ids if i not in self.done]
        if len(fresh) != len(ids) or len(set(fresh)) != len(fresh):
            fresh = list(dict.fromkeys(fresh))
            keep = pa.array(fresh, pa.string())
            tables = {n: t.filter(pc.is_in(t.column("report_id"), value_set=keep)) for n, t in chunk.tables.items()}
            # one row per document in reports even if a chunk repeats one
            tables["reports"] = _first_rows(tables["reports"])
        else:
            tables = chunk.tables
        self.done.update(fresh)
        for name in TABLES:
            self.buffers[name].append(tables[name])
        self.pending += len(fresh)
        if self.pending >= self.part_size or (self.pending and time.monotonic() - self.last_flush >= self.flush_seconds):
            self.flush()

    def flush(self) -> None:
        self.last_flush = time.monotonic()
        if not self.pending:
            return
        name = f"part-{self.next_part:05d}.parquet"
        for t in TABLES:  # reports last: it marks the part complete
            write_atomic(pa.concat_tables(self.buffers[t]), self.out / t / name)
        self.written += self.pending
        self.next_part += 1
        self.pending = 0
        self.buffers = {n: [] for n in TABLES}


def _first_rows(t: pa.Table) -> pa.Table:
    seen: set[str] = set()
    keep = []
    for rid in t.column("report_id").to_pylist():
        keep.append(rid not in seen)
        seen.add(rid)
    return t.filter(pa.array(keep, pa.bool_()))


def drop_reports(out: Path, ids: set[str]) -> int:
    """Rewrite the parts that hold any of `ids` without their rows (a changed file is redone)."""
    if not ids:
        return 0
    import pyarrow.compute as pc

    value_set = pa.array(sorted(ids), pa.string())
    dropped = 0
    for n in part_numbers(out, "reports"):
        name = f"part-{n:05d}.parquet"
        reports = pq.read_table(out / "reports" / name)
        mask = pc.is_in(reports.column("report_id"), value_set=value_set)
        hit = pc.sum(mask).as_py() or 0
        if not hit:
            continue
        dropped += hit
        for t in TABLES:  # reports last, as when writing
            path = out / t / name
            tbl = reports if t == "reports" else pq.read_table(path)
            keep = pc.invert(pc.is_in(tbl.column("report_id"), value_set=value_set))
            write_atomic(tbl.filter(keep), path)
    return dropped
