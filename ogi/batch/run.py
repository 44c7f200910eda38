"""`ogi batch`: a corpus directory in, Parquet out, resumable, with progress."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .document import file_key, report_id
from .engines import run_dask, run_local
from .store import Chunk, PartWriter, clean_incomplete, done_ledger, drop_reports, output_lock

if TYPE_CHECKING:
    from rich.progress import Progress, Task
    from rich.text import Text


@dataclass
class BatchResult:
    found: int = 0
    skipped: int = 0  # already in the output (resumed)
    processed: int = 0
    errors: int = 0  # documents OGI could not read
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.processed / self.seconds if self.seconds else 0.0


def discover(root: Path, exclude: Path | None = None) -> list[Path]:
    """Every path under `root` that will get a row, recursively, in a stable order: regular
    files, and also what cannot be read as a document — FIFOs, sockets, devices, broken links,
    symbolic link loops, folders that cannot be listed or that a link leads back into — so that
    nothing given is silently left out (their rows carry the reason). Hidden files and
    directories (.git, .DS_Store) and the output directory are left out. No FIFO is opened."""
    out = []
    exclude = exclude.resolve() if exclude else None
    seen: set[Path] = {root.resolve()}
    stack = [root]
    while stack:
        d = stack.pop()
        try:
            entries = sorted(d.iterdir(), key=lambda p: p.name)
        except OSError:
            if d != root:
                out.append(d)  # a folder that cannot be listed: one row saying so
            continue
        for p in entries:
            if p.name.startswith("."):
                continue
            try:
                real = p.resolve() if p.is_dir() else None
            except (OSError, RuntimeError):  # a symbolic link loop
                out.append(p)
                continue
            if real is not None:
                if real == exclude:
                    continue
                if real in seen:
                    out.append(p)  # a link back into a folder already walked: a row, not a loop
                    continue
                seen.add(real)
                stack.append(p)
            else:
                out.append(p)
    out.sort()
    return out


def plan(root: Path, out: Path, retry_errors: bool = False) -> tuple[list[Path], int]:
    """The files still to do, and how many are already done. Files changed since they were done
    (size or mtime) are dropped from the output and redone."""
    clean_incomplete(out)
    files = discover(root, exclude=out)
    ledger = done_ledger(out)
    todo, stale = [], set()
    errors = _error_ids(out) if retry_errors and ledger else set()
    for p in files:
        rid = report_id(p, root)
        seen = ledger.get(rid)
        if seen is not None and rid not in errors:
            try:
                key = file_key(p)
            except OSError:
                key = (0, 0)  # what document_rows records for a path it cannot stat (a link loop)
            if key == seen:
                continue
        if seen is not None:
            stale.add(rid)
        todo.append(p)
    drop_reports(out, stale)
    return todo, len(files) - len(todo)


def _error_ids(out: Path) -> set[str]:
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    t = ds.dataset(out / "reports", format="parquet").to_table(columns=["report_id", "error_code"])
    return set(t.filter(pc.is_valid(t.column("error_code"))).column("report_id").to_pylist())


def _progress(total: int, quiet: bool) -> Progress | None:
    if quiet or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    class Rate(TextColumn):
        def render(self, task: Task) -> Text:  # reports per second
            speed = task.finished_speed or task.speed
            from rich.text import Text

            return Text(f"{speed:,.0f} 份/秒 reports/s" if speed else "— 份/秒", style="cyan")

    return Progress(TextColumn("解析 parsing"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
                    Rate(""), TimeElapsedColumn(), TextColumn("剩余 ETA"), TimeRemainingColumn(),
                    console=Console(stderr=True), transient=False)


def run_batch(input_dir: str | Path, out_dir: str | Path, workers: int = 1, engine: str = "local",
              scheduler: str | None = None, part_size: int = 500, quiet: bool = False,
              retry_errors: bool = False, limit: int | None = None, link: bool = True,
              wait: bool = False) -> BatchResult:
    root, out = Path(input_dir).resolve(), Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    with output_lock(out, wait):
        return _run(root, out, workers, engine, scheduler, part_size, quiet, retry_errors, limit, link)


def _run(root: Path, out: Path, workers: int, engine: str, scheduler: str | None, part_size: int, quiet: bool,
         retry_errors: bool, limit: int | None, link: bool) -> BatchResult:
    todo, skipped = plan(root, out, retry_errors)
    if limit is not None:
        todo = todo[:limit]
    result = BatchResult(found=len(todo) + skipped, skipped=skipped)
    paths = [str(p) for p in todo]
    t0 = time.perf_counter()
    stream: Iterator[Chunk]
    if engine == "dask":
        stream = run_dask(paths, str(root), scheduler, workers=max(workers, 1))
    else:
        stream = run_local(paths, str(root), workers)
    writer = PartWriter(out, part_size, done=set(done_ledger(out)))
    progress = _progress(len(paths), quiet)
    task = progress.add_task("batch", total=len(paths)) if progress else None
    if progress:
        progress.start()
    try:
        for chunk in stream:
            writer.add(chunk)
            result.processed += chunk.documents
            result.errors += chunk.errors
            if progress is not None and task is not None:
                progress.advance(task, chunk.documents)
    finally:
        close = getattr(stream, "close", None)
        if close:
            close()  # stops the pool or the cluster client
        writer.flush()  # what finished is kept, also when interrupted
        if progress:
            progress.stop()
        result.seconds = time.perf_counter() - t0
    if link:
        from .link import link_corpus

        link_corpus(out)
    return result
