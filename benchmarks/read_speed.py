"""Reading speed per document format: documents per second and peak memory.

    .venv/bin/python benchmarks/read_speed.py [--docs 200] [--scan-docs 3] [--extract]

Documents are generated from the five seeds' gold files (tests/read/generate.py) with their
values varied (a seeded random generator), so every document is distinct: HTML (the four styles
in turn), DOCX, text PDF padded to 5 pages, and scanned PDF (the text PDF rendered at 200 dpi
and put back without text). Each format is then read in a fresh process pinned to one core (the
scans to two), `ogi.read.read_bytes` on every file; with `--extract` the extractor runs too.
Peak memory is the process's maximum resident set size, with the interpreter and imports
before the first document shown apart.

Targets (issue 3): HTML ≥ 200/s, DOCX ≥ 50/s, text PDF (5 pages) ≥ 10/s, scan ≤ 10 s per page
on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGETS = {"html": "≥ 200 docs/s", "docx": "≥ 50 docs/s", "pdf": "≥ 10 docs/s (5 pages)",
           "scan": "≤ 10 s/page (2 cores)"}


def _vary(spec, rng: random.Random):
    """A copy of the spec with its table values replaced by random counts."""
    import copy

    from tests.read import generate as g

    spec = copy.deepcopy(spec)
    for b in spec.blocks:
        if isinstance(b, g.TableSpec):
            for row in b.rows:
                for cell in row:
                    if cell.text.isdigit():
                        cell.text = str(rng.choice((0, 0, 1, 2, 5, 12, 37, 148)))
    return spec


def _pad_to_pages(spec, pages: int):
    """Narrative paragraphs added to section 1 until the text PDF has `pages` pages."""
    import pypdfium2 as pdfium

    from tests.read import generate as g

    filler = ("全年通过政府网站发布各类政务信息，及时回应社会关切，进一步规范依申请公开办理流程，"
              "严格落实保密审查制度，确保公开信息准确、及时、规范。")
    for n in range(0, 200, 4):
        trial = type(spec)(spec.name, spec.title, spec.agency, list(spec.blocks), spec.gold)
        trial.blocks[4:4] = [filler * 3] * n
        data = g.pdf_bytes(trial, "grid")
        if len(pdfium.PdfDocument(data)) >= pages:
            return trial, data
    raise RuntimeError("could not pad the PDF")


def generate(out: Path, n_docs: int, n_scans: int) -> dict[str, list[Path]]:
    from tests.read import generate as g

    rng = random.Random(20240101)
    specs = [g.build_spec(p) for p in g.gold_files()]
    files: dict[str, list[Path]] = {"html": [], "docx": [], "pdf": [], "scan": []}
    writers = list(g.HTML_WRITERS.values())
    for fmt in files:
        (out / fmt).mkdir(parents=True, exist_ok=True)
    padded = [_pad_to_pages(s, 5)[0] for s in specs]
    for i in range(n_docs):
        spec = _vary(specs[i % len(specs)], rng)
        files["html"].append(_write(out / "html" / f"{i}.html", writers[i % len(writers)](spec)))
        files["docx"].append(_write(out / "docx" / f"{i}.docx", g.docx_bytes(spec)))
        pdf = g.pdf_bytes(_vary(padded[i % len(padded)], rng), "grid")
        files["pdf"].append(_write(out / "pdf" / f"{i}.pdf", pdf))
        if i < n_scans:
            files["scan"].append(_write(out / "scan" / f"{i}.pdf", g.scan_pdf_bytes(g.pdf_bytes(spec, "grid"))))
    return files


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def worker(fmt: str, folder: Path, extract: bool) -> dict:
    from ogi.read import Grid, read_bytes

    if extract:
        from ogi.extract import extract as run_extract
    paths = sorted(folder.iterdir())
    datas = [p.read_bytes() for p in paths]
    read_bytes(datas[0], paths[0].name)  # imports (and the OCR models) before the clock starts
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pages = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for data, path in zip(datas, paths, strict=True):
        doc = read_bytes(data, path.name)
        pages += len({b.page for b in doc.blocks if b.page}) or 1
        assert any(isinstance(b, Grid) for b in doc.blocks), path
        if extract:
            run_extract(doc)
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"format": fmt, "docs": len(paths), "pages": pages, "seconds": seconds, "cpu_seconds": cpu,
            "docs_per_s": len(paths) / seconds, "s_per_page": seconds / max(pages, 1),
            "docs_per_cpu_s": len(paths) / cpu, "cpu_s_per_page": cpu / max(pages, 1),
            "load": os.getloadavg()[0],
            "peak_mb": peak, "baseline_mb": base, "cpus": sorted(os.sched_getaffinity(0))}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=200, help="documents per format (HTML, DOCX, PDF)")
    ap.add_argument("--scan-docs", type=int, default=3, help="scanned documents (OCR is slow)")
    ap.add_argument("--extract", action="store_true", help="run the extractor on every document too")
    ap.add_argument("--dir", type=Path, help="keep the generated documents here and reuse them next time")
    ap.add_argument("--worker", nargs=2, metavar=("FORMAT", "DIR"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker[0], Path(args.worker[1]), args.extract)))
        return 0
    with tempfile.TemporaryDirectory(prefix="ogi-bench-") as tmp:
        root = args.dir or Path(tmp)
        if args.dir and (root / "pdf").is_dir() and len(list((root / "pdf").iterdir())) >= args.docs:
            files = {fmt: sorted((root / fmt).iterdir()) for fmt in ("html", "docx", "pdf", "scan")}
            print(f"reusing the documents in {root}")
        else:
            t = time.perf_counter()
            files = generate(root, args.docs, args.scan_docs)
            print(f"generated {sum(len(v) for v in files.values())} documents in {time.perf_counter() - t:.0f} s",
                  flush=True)
        print("wall-clock figures are per document as timed; cpu figures count only the reader's own CPU time,\n"
              "so they hold on a busy machine (load = 1-minute load average while reading)", flush=True)
        print(f"{'format':<6} {'docs':>5} {'pages':>6} {'docs/s':>8} {'s/page':>7} {'docs/cpu-s':>10} "
              f"{'cpu-s/page':>10} {'peak MB':>8} {'(base)':>7} {'cores':>5} {'load':>5}  target", flush=True)
        for fmt, paths in files.items():
            if not paths:
                continue
            cores = {0, 1} if fmt == "scan" else {0}
            env = {**os.environ, "OMP_NUM_THREADS": str(len(cores))}
            cmd = [sys.executable, __file__, "--worker", fmt, str(root / fmt)] + (["--extract"] if args.extract
                                                                                else [])
            proc = subprocess.run(cmd, capture_output=True, text=True, env=env,
                                  preexec_fn=lambda c=cores: os.sched_setaffinity(0, c), check=False)
            if proc.returncode:
                print(f"{fmt}: failed\n{proc.stderr[-2000:]}")
                continue
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            print(f"{fmt:<6} {r['docs']:>5} {r['pages']:>6} {r['docs_per_s']:>8.1f} {r['s_per_page']:>7.3f} "
                  f"{r['docs_per_cpu_s']:>10.1f} {r['cpu_s_per_page']:>10.3f} {r['peak_mb']:>8.0f} "
                  f"{r['baseline_mb']:>7.0f} {len(r['cpus']):>5} {r['load']:>5.1f}  {TARGETS[fmt]}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
