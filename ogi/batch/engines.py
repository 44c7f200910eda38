"""Where `process_document` runs: in this process, a local process pool, or a Dask cluster.

Every engine takes the same list of files and yields `Rows` as documents finish (in any order);
none of them changes what is computed for a document.
"""

from __future__ import annotations

import functools
import multiprocessing
from collections.abc import Iterator
from itertools import islice

from .document import process_many
from .store import SCHEMAS, Chunk, table


def process_chunk(paths: list[str], root: str) -> Chunk:
    """`process_document` over a chunk of files, the rows turned into Arrow tables where they were
    made (in the worker), so the parent only concatenates and writes."""
    rows = process_many(paths, root)
    return Chunk(len(rows.reports), sum(1 for r in rows.reports if r["error_code"]),
                 {name: table(getattr(rows, name), SCHEMAS[name]) for name in SCHEMAS})


def _chunks(paths: list[str], size: int) -> Iterator[list[str]]:
    return (paths[i:i + size] for i in range(0, len(paths), size))


def run_inline(paths: list[str], root: str, chunksize: int = 32) -> Iterator[Chunk]:
    for chunk in _chunks(paths, chunksize):
        yield process_chunk(chunk, root)


def run_local(paths: list[str], root: str, workers: int, chunksize: int = 32) -> Iterator[Chunk]:
    """A pool of `workers` processes (spawned: safe with threads in the parent, same on every OS)."""
    if workers <= 1:
        yield from run_inline(paths, root, chunksize)
        return
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(workers) as pool:
        yield from pool.imap_unordered(functools.partial(process_chunk, root=root), _chunks(paths, chunksize))


def run_dask(paths: list[str], root: str, scheduler: str | None = None, workers: int = 2,
             chunksize: int = 32, window_per_thread: int = 3) -> Iterator[Chunk]:
    """Tasks of `chunksize` files on a dask.distributed cluster at `scheduler` (a local cluster of
    `workers` processes when none is given). At most `window_per_thread` tasks per worker thread
    are in flight, so results never pile up in the client whatever the corpus size.

    The workers open the files themselves: on a real cluster the input and output directories
    must be on storage every worker sees under the same path.
    """
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        threads = sum(client.nthreads().values()) or 1
        batches = _chunks(paths, chunksize)
        futures = [client.submit(process_chunk, b, root, pure=False) for b in islice(batches, threads * window_per_thread)]
        pending = as_completed(futures)
        for fut in pending:
            rows = fut.result()
            fut.release()
            nxt = next(batches, None)
            if nxt is not None:
                pending.add(client.submit(process_chunk, nxt, root, pure=False))
            yield rows
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
