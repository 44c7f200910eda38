"""`ogi render --to pdf` keeps every table row: LibreOffice dropped table 3's rows when the table
started at the foot of a page (10 of the corpus's first 200 documents lost 21–24 rows)."""

from __future__ import annotations

import pytest

from benchmarks.realworld.cases import make_case
from benchmarks.realworld.corpus import pdf_layout
from ogi.render.pdf import find_soffice, render_pdfs

pytestmark = pytest.mark.slow


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice not installed")
@pytest.mark.parametrize("index", [54, 72, 82])
def test_table_starting_at_a_page_foot_keeps_its_rows(index):
    case = make_case(index)
    pdf = render_pdfs([case.report])[0]
    layout = pdf_layout(pdf, case.report.meta.template, "collapsed_other" in case.deviations)
    assert layout["missing_rows"] == []
