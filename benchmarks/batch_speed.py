"""`ogi batch` on a corpus of generated text reports: reports/s with 1 and 2 workers, peak memory,
and the same corpus through a local Dask cluster.

    python benchmarks/batch_speed.py [N] [--no-dask] [--workers 1,2]

N defaults to 100,000 (benchmarks/_data/batch_N, written once by benchmarks/corpus.py). Peak
memory is the largest sum of the resident set sizes of this process and all its children
(pool workers, Dask scheduler and workers), sampled every 0.2 s with psutil.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psutil  # noqa: E402

from benchmarks.corpus import make_corpus  # noqa: E402
from ogi.batch import link_corpus, run_batch  # noqa: E402

DATA = Path(__file__).resolve().parent / "_data"


class PeakRSS:
    """Peak RSS of this process tree, sampled in a thread."""

    def __init__(self, interval: float = 0.2):
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        me = psutil.Process()
        total = me.memory_info().rss
        for child in me.children(recursive=True):
            try:
                total += child.memory_info().rss
            except psutil.Error:
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def one_run(corpus: Path, label: str, **kw) -> tuple[float, float]:
    out = Path(tempfile.mkdtemp(prefix="ogi-batch-bench-"))
    try:
        with PeakRSS() as mem:
            t0 = time.perf_counter()
            result = run_batch(corpus, out, quiet=True, link=False, **kw)
            seconds = time.perf_counter() - t0
        rate = result.processed / seconds
        print(f"{label:<28} {result.processed:>7} reports  {seconds:8.1f} s  {rate:7.1f} reports/s  "
              f"peak RSS {mem.peak / 2**20:7.0f} MiB  errors {result.errors}", flush=True)
        if label.startswith("local, 2"):
            t0 = time.perf_counter()
            pairs, found = link_corpus(out)
            print(f"{'linking + cross-year':<28} {pairs:>7} pairs    {time.perf_counter() - t0:8.1f} s  "
                  f"{found} cross-year findings", flush=True)
        return rate, mem.peak
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _parse_sample(paths: list[str]) -> float:
    from ogi.batch import process_document

    t0 = time.perf_counter()
    for p in paths:
        process_document(p)
    return len(paths) / (time.perf_counter() - t0)


def hardware_ceiling(corpus: Path, n: int = 400) -> float:
    """What two independent processes get over one on this machine (no OGI pool involved): the
    most any pool can scale here."""
    import concurrent.futures as cf
    import multiprocessing

    paths = [str(p) for p in sorted(corpus.iterdir())[:n]]
    ctx = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(2, mp_context=ctx) as ex:
        ex.submit(_parse_sample, paths[:20]).result()  # start-up off the clock
        solo = ex.submit(_parse_sample, paths).result()
        both = [f.result() for f in [ex.submit(_parse_sample, paths), ex.submit(_parse_sample, paths)]]
    ratio = sum(both) / solo
    print(f"hardware: one process {solo:.0f} reports/s, two at once {both[0]:.0f} + {both[1]:.0f} = "
          f"{ratio:.2f}x (the ceiling of any 2-worker pool on this machine)", flush=True)
    return ratio


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=100_000)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--no-dask", action="store_true")
    args = ap.parse_args()
    corpus = DATA / f"batch_{args.n}"
    t0 = time.perf_counter()
    make_corpus(corpus, args.n)
    print(f"corpus: {args.n} text reports in {corpus} ({time.perf_counter() - t0:.0f} s to make or find)",
          flush=True)
    hardware_ceiling(corpus)
    rates = {}
    for w in (int(x) for x in args.workers.split(",")):
        rates[w], _ = one_run(corpus, f"local, {w} worker{'s' if w > 1 else ''}", workers=w)
    if 1 in rates and 2 in rates:
        print(f"scaling 1 → 2 workers: {rates[2] / rates[1]:.2f}x (target ≥ 1.7x)", flush=True)
    if not args.no_dask:
        rate, _ = one_run(corpus, "dask LocalCluster, 2 procs", engine="dask", workers=2)
        if 2 in rates:
            print(f"Dask overhead vs local pool of 2: {100 * (1 - rate / rates[2]):.1f}% fewer reports/s "
                  f"(includes cluster start-up)", flush=True)


if __name__ == "__main__":
    main()
