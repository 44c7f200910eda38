"""A figure wrapped within a narrow PDF table cell (102 over 4) is one value, 1024; two figures
that only share a cell (a rule missing between two rows) stay two (issue 10)."""

from __future__ import annotations

import io

from ogi.read import read_bytes
from ogi.read.document import Grid


def _pdf(cells: list[str], width_pt: float, font_pt: float = 9) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("c", fontName="STSong-Light", fontSize=font_pt, leading=font_pt * 1.3,
                           wordWrap="CJK", alignment=1)
    table = Table([["维持", "纠正", "其他", "总计"], [Paragraph(c, style) for c in cells]], colWidths=[width_pt] * 4,
                  style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build([table])
    return buf.getvalue()


def _row(data: bytes) -> list[str | None]:
    grid = next(b for b in read_bytes(data, "t.pdf").blocks if isinstance(b, Grid))
    return grid.rows[-1]


def test_figure_wrapped_within_its_cell_is_one_value():
    # 1024 at 9 pt is about 18 pt wide; a 24 pt column with reportlab's 6 pt padding wraps it
    assert _row(_pdf(["0", "0", "1024", "1024"], 24)) == ["0", "0", "1024", "1024"]


def test_two_figures_stacked_in_a_wide_cell_stay_two():
    assert _row(_pdf(["0", "0", "1<br/>0", "1"], 60)) == ["0", "0", "1 0", "1"]
