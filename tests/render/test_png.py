"""Look at it: each table drawn by LibreOffice (DOCX → PDF → PNG), merges read back from the bitmap.

Set OGI_RENDER_PNG_DIR to keep the pictures for a human look.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ogi.render.docx import render_table_docx
from ogi.render.layout import grids
from ogi.render.pdf import docx_to_pdf, find_soffice, resolved_style

from .conftest import by_shape
from .pngcheck import find_cells

DPI = 150

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_soffice() is None or shutil.which("pdftoppm") is None,
                       reason="needs LibreOffice (soffice) and poppler-utils (pdftoppm)"),
]


@pytest.fixture(scope="session")
def table_pictures(gold_reports, tmp_path_factory):
    """(shape, table id) → (grid, PNG path), all tables converted in one LibreOffice run."""
    keep = os.environ.get("OGI_RENDER_PNG_DIR")
    out = Path(keep) if keep else tmp_path_factory.mktemp("tables")
    out.mkdir(parents=True, exist_ok=True)
    style = resolved_style()
    jobs = [(shape, g) for shape, r in sorted(by_shape(gold_reports).items()) for g in grids(r)]
    pdfs = docx_to_pdf([render_table_docx(g, style) for _, g in jobs])
    result = {}
    for (shape, g), pdf in zip(jobs, pdfs, strict=True):
        stem = out / f"{shape}-table{g.table.number}"
        stem.with_suffix(".pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(stem.with_suffix(".pdf")), str(stem)], check=True)
        pages = sorted(out.glob(f"{stem.name}-*.png"))
        result[(shape, g.table.id)] = (g, pages)
    return result


CASES = [(s, t) for s in ("2019", "2021", "2021-collapsed") for t in ("active", "apply", "appeal")]


@pytest.mark.parametrize("shape,table", CASES)
def test_merged_cells_sit_where_the_notice_puts_them(table_pictures, shape, table):
    g, pages = table_pictures[(shape, table)]
    assert len(pages) == 1, f"table {table} of {shape} runs over {len(pages)} pages"
    found = find_cells(str(pages[0]), DPI)
    assert (len(found.ys) - 1, len(found.xs) - 1) == (g.n_rows, g.n_cols)
    expected = {(c.row, c.col, c.rowspan, c.colspan) for c in g.cells}
    assert found.cells == expected, (
        f"drawn but not in layout: {sorted(found.cells - expected)}; "
        f"in layout but not drawn: {sorted(expected - found.cells)}"
    )


def test_column_widths_follow_the_layout(table_pictures):
    g, pages = table_pictures[("2021", "apply")]
    found = find_cells(str(pages[0]), DPI)
    total = found.xs[-1] - found.xs[0]
    for k, w in enumerate(g.widths):
        drawn = (found.xs[k + 1] - found.xs[k]) / total
        assert abs(drawn - w) < 0.01, (k, drawn, w)
