"""A scan of the report OGI renders (official fonts' fallbacks, a 22 pt bold title): the strokes
of its large characters are long dark lines too; they are never closed into tables, so every
section heading is found and no section is said to be missing (issue 10)."""

from __future__ import annotations

import pytest

from ogi import synth
from ogi.check import check
from ogi.extract import extract
from ogi.read import read_bytes
from ogi.read.document import Grid

from .generate import scan_pdf_bytes

pytestmark = pytest.mark.slow


def test_scanned_rendered_report_keeps_its_headings(soffice):
    from ogi.render.pdf import render_pdfs

    truth = synth.random_report("2021", 5, busy=0.6)
    doc = read_bytes(scan_pdf_bytes(render_pdfs([truth])[0]), "scan.pdf")
    grids = [b for b in doc.blocks if isinstance(b, Grid)]
    assert len(grids) == 3, [g.rows[0][:3] for g in grids]  # tables 2, 3 and 4: nothing else
    report = extract(doc)
    assert sorted(report.sections) == [1, 2, 3, 4, 5, 6]
    assert "section.E401" not in {f.rule for f in check(report)}
