"""PDFs laid out the ways agencies' own templates lay them out, read natively and through the PDF
converters the wild uses: cells right, wrong without a flag, flagged, unread, and `ogi check`
errors against the agency that it does not deserve, per layout and converter.

    .venv/bin/python benchmarks/pdf_layouts.py [--reports 24] [--jobs 2] [--details FILE]

The reports are the real-world benchmark's (`benchmarks/realworld/cases.make_case`: blank cells,
negative changes, planted errors, narratives that move the page breaks), rendered by OGI's own
DOCX → LibreOffice path in each layout:

- `official`: 仿宋 小五 tables on GB/T 9704 margins (OGI's default);
- `xiaosi`: tables in 小四 (12 pt), so that labels wrap onto two or three lines;
- `narrow`: 五号 (10.5 pt) tables between 38 mm margins: narrow figure columns;
- `sans`: tables in a sans font (黑体, 10 pt);
- `labels`: label columns at 0.55 of their width (every long label wraps, rows grow tall and split
  across pages);
- `widelabels`: label columns at 1.6 of their width (figure columns a few millimetres wide).

A report whose PDF lost table rows (LibreOffice drops rows when a table starts at the foot of a
page) is rendered again with its page breaks moved, as the real-world corpus does. Exit 1 on any
wrong cell without a flag, any undeserved error or any document OGI failed on.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, redirect_stdout
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.realworld.cases import make_case  # noqa: E402
from benchmarks.realworld.converters import CONVERTERS  # noqa: E402
from benchmarks.realworld.corpus import pdf_layout  # noqa: E402
from benchmarks.realworld.score import run_ogi  # noqa: E402
from ogi.render import docx as docx_render  # noqa: E402
from ogi.render.pdf import render_pdfs  # noqa: E402
from ogi.render.style import OFFICIAL, Font, Style  # noqa: E402

# name → (style, factor on the label columns' width)
LAYOUTS: dict[str, tuple[Style, float]] = {
    "official": (OFFICIAL, 1.0),
    "xiaosi": (replace(OFFICIAL, table_pt=12), 1.0),
    "narrow": (replace(OFFICIAL, table_pt=10.5, margins_mm=(37, 38, 35, 38)), 1.0),
    "sans": (replace(OFFICIAL, table_font=Font("黑体", "Noto Sans CJK SC", ("SimHei",), "sans-serif"), table_pt=10), 1.0),
    "labels": (OFFICIAL, 0.55),
    "widelabels": (OFFICIAL, 1.6),
}
READERS = ("native-pdf", "pdftotext", "pdftotext-layout", "markitdown-pdf", "pymupdf4llm")
FIRST_CASE = 1000  # cases of their own, not the real-world corpus's first documents


@contextmanager
def label_widths(factor: float) -> Iterator[None]:
    """Tables printed with their label columns `factor` times as wide (the figure columns share
    what is left), by the renderer's own table writer."""
    if factor == 1.0:
        yield
        return
    original = docx_render._table

    def table(grid, style):
        labels = [w * factor for w in grid.widths[:grid.label_cols]]
        rest = 1 - sum(labels)
        figures = sum(grid.widths[grid.label_cols:])
        widths = tuple(labels) + tuple(w * rest / figures for w in grid.widths[grid.label_cols:])
        return original(replace(grid, widths=widths), style)

    docx_render._table = table
    try:
        yield
    finally:
        docx_render._table = original


def render(indices: list[int], layout: str) -> dict[int, tuple[bytes, dict, dict]]:
    """index → (PDF, gold, PDF layout), each PDF with every table row on its pages."""
    style, factor = LAYOUTS[layout]
    out = {}
    with label_widths(factor):
        cases = [make_case(i) for i in indices]
        for case, pdf in zip(cases, render_pdfs([c.report for c in cases], style), strict=True):
            out[case.index] = (case, pdf)
        for i, (case, pdf) in list(out.items()):
            for shift in (1, 2, 3, 4, 5):
                lay = pdf_layout(pdf, case.report.meta.template, "collapsed_other" in case.deviations)
                if not lay["missing_rows"]:
                    break
                case = make_case(i, shift)
                pdf = render_pdfs([case.report], style)[0]
            out[i] = (case, pdf)
    return {i: (pdf, case.gold(), pdf_layout(pdf, case.report.meta.template, "collapsed_other" in case.deviations))
            for i, (case, pdf) in out.items()}


def score(job: tuple[str, str, int, str, dict]) -> dict:
    """One document through one reader: the real-world benchmark's scoring."""
    layout, reader, index, pdf_path, gold = job
    conv = CONVERTERS[reader]
    src = Path(pdf_path)
    out = src.with_name(f"{src.stem}.{reader}{conv.suffix}")
    try:
        with redirect_stdout(io.StringIO()):  # (pymupdf4llm prints its OCR engines)
            conv.convert(src, out)
    except Exception as e:  # a converter's failure is the converter's, not OGI's
        return {"layout": layout, "reader": reader, "index": index, "converter_failed": str(e)[:200]}
    s = run_ogi(out, gold, reader).to_json()
    s.update(layout=layout, reader=reader, index=index)
    return s


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=24)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--layouts", default=",".join(LAYOUTS))
    ap.add_argument("--readers", default=",".join(READERS))
    ap.add_argument("--details", type=Path, help="one JSON line per document and reader that is not all right")
    args = ap.parse_args()
    layouts = args.layouts.split(",")
    readers = [r for r in args.readers.split(",")
               if (why := CONVERTERS[r].available()) is None or print(f"{r}: {why}")]
    indices = list(range(FIRST_CASE, FIRST_CASE + args.reports))
    results: list[dict] = []
    t0 = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        jobs = []
        for layout in layouts:
            t = time.time()
            for i, (pdf, gold, lay) in render(indices, layout).items():
                path = Path(tmp) / f"{layout}-{i}.pdf"
                path.write_bytes(pdf)
                gold["layout"] = lay
                jobs += [(layout, reader, i, str(path), gold) for reader in readers]
            print(f"{layout}: {len(indices)} PDFs rendered in {time.time() - t:.0f} s", flush=True)
        with ProcessPoolExecutor(args.jobs) as pool:
            results = list(pool.map(score, jobs, chunksize=4))
    print(f"\n{args.reports} reports × {len(layouts)} layouts × {len(readers)} readers, {time.time() - t0:.0f} s")
    print(f"{'layout':11} {'reader':17} {'cells right':>19} {'WRONG!':>7} {'flagged':>8} {'unread':>7} "
          f"{'undeserved':>11} {'all right':>10}")
    bad = 0
    for layout in layouts:
        for reader in readers:
            rows = [r for r in results if r["layout"] == layout and r["reader"] == reader]
            done = [r for r in rows if "converter_failed" not in r]
            crashed = sum(1 for r in done if r["error"])
            cells = sum(r["cells"] for r in done)
            right = sum(r["right"] for r in done)
            wrong = sum(r["wrong_unflagged"] for r in done)
            undeserved = sum(len(r["undeserved"]) for r in done)
            bad += wrong + undeserved + crashed
            whole = sum(r["all_right"] for r in done)
            failed = f" ({len(rows) - len(done)} converter failures)" if len(done) < len(rows) else ""
            failed += f" ({crashed} OGI failures: {done[0]['error'] if crashed == len(done) else 'see --details'})" \
                if crashed else ""
            print(f"{layout:11} {reader:17} {f'{right}/{cells} {100 * right / max(cells, 1):.1f}%':>19} {wrong:>7} "
                  f"{sum(r['wrong_flagged'] for r in done):>8} {sum(r['missing'] for r in done):>7} {undeserved:>11} "
                  f"{f'{whole}/{len(done)}':>10}{failed}")
    if args.details:
        with args.details.open("w", encoding="utf-8") as f:
            for r in results:
                if not r.get("all_right"):
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
