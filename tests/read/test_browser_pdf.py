"""A second PDF generator: the report's web page printed by a browser (Debian's chromium). Its
tables split a row across pages without a rule at the cut, the label on one page and its rest on
the next: OGI closes the cut tables and puts the row back together (issue 10)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from benchmarks.realworld.converters import CHROMIUM_FLAGS
from ogi import synth
from ogi.extract import extract
from ogi.read import read_bytes
from ogi.read.document import Grid
from ogi.render.html import render_html_fragment

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# A site's page as a CMS holds it: plain bordered tables, no print rules (rows may break across
# pages), on a narrow page where the long row labels wrap into tall rows, so that page breaks fall
# inside rows.
PAGE = ("<!DOCTYPE html><html><head><meta charset='utf-8'><style>@page {{ size: 120mm 160mm; margin: 8mm; }}"
        "body {{ font-size: 12px; }} table {{ border-collapse: collapse; width: 100%; }}"
        "td, th {{ border: 1px solid #000; font-weight: normal; }}</style></head><body>{}</body></html>")


def _web_page(report) -> str:
    fragment = render_html_fragment(report)
    return PAGE.format(fragment[fragment.index("</style>") + len("</style>"):])


def _printed(html: str) -> bytes:
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: apt-get install -y chromium")
    with tempfile.TemporaryDirectory(prefix="ogi-test-chromium-") as tmp:
        page, pdf = Path(tmp) / "report.html", Path(tmp) / "report.pdf"
        page.write_text(html, encoding="utf-8")
        subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf}", page.as_uri()], check=True, capture_output=True, timeout=120)
        return pdf.read_bytes()


def _cut_print(report) -> tuple[bytes, list[Grid]]:
    """The page printed with a spacer before the tables grown until a page break falls inside a
    table row (the reader then finds a table whose last row the page cut)."""
    page = _web_page(report)
    at = page.index("<table")
    for spacer in range(0, 400, 24):
        data = _printed(page[:at] + f'<div style="height:{spacer}px"></div>' + page[at:])
        if _cut_rows(data):
            return data, [b for b in read_bytes(data, "report.pdf").blocks if isinstance(b, Grid)]
    pytest.fail("no page break fell inside a table row")


def _cut_rows(data: bytes) -> int:
    """How many pages end with a table row the page break cut (read page by page)."""
    from ogi.read import pdf
    from ogi.read.layout import page_blocks

    pdfium, raw = pdf._pdfium()
    document = pdf.open_pdf(data)
    cut = 0
    try:
        for i in range(len(document)):
            page = document[i]
            width, height = page.get_size()
            blocks = page_blocks(pdf.page_glyphs(page, height, raw), pdf.page_edges(page, width, height, raw), i + 1)
            cut += any(isinstance(b, Grid) and b.cut_bottom for b in blocks)
            page.close()
    finally:
        document.close()
    return cut


@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_browser_printed_report_with_rows_cut_by_the_page_is_read_whole(fmt):
    truth = synth.random_report(fmt, 7, busy=0.8)
    data, _ = _cut_print(truth)
    read = extract(read_bytes(data, "report.pdf"))
    wrong = {c: (read.value(c), x.value) for c, x in truth.cells.items() if read.value(c) != x.value}
    assert not wrong
    assert not read.uncertain


@pytest.mark.parametrize("seed", [3, 11])
def test_row_cut_by_the_page_is_one_grid_row(seed):
    """Every row label of tables 2 and 3 stands whole in one grid row, the one the page cut too."""
    from ogi import formats

    truth = synth.random_report("2021", seed, busy=0.8)
    _, grids = _cut_print(truth)
    labels = {c for g in grids for row in g.rows for c in row if c}
    fmt = formats.get("2021")
    rows = {r.label for t in fmt.tables[:2] for r in t.rows if r.label}
    assert rows <= labels, rows - labels
