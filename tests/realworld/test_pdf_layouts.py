"""Reports laid out as agencies' own templates lay them out (benchmarks/pdf_layouts.py), read by
OGI's own PDF reader: never a wrong cell without a flag, never an error the document does not
deserve."""

from __future__ import annotations

import pytest

from benchmarks.pdf_layouts import render
from benchmarks.realworld.score import score_report
from ogi.check import check
from ogi.extract import extract
from ogi.read import read_bytes
from ogi.render.pdf import find_soffice

pytestmark = [pytest.mark.slow, pytest.mark.skipif(find_soffice() is None, reason="LibreOffice not installed")]


def test_last_row_split_at_a_page_break_joins_its_wrapped_digits():
    """Label columns 1.6 times as wide leave table 3's figure columns 7 mm wide: 217 wraps to `21` /
    `7`, and where the table's last row (结转下年度继续办理) meets a page break LibreOffice prints
    `21` at the foot of one page and `7` in an empty-labelled row on the next. Read as `21`, the
    row broke three equations and `ogi check` blamed the agency. The digits below the row, under
    their own columns, are joined (in doubt, note extract.wrapped_digits)."""
    pdfs = render([1006, 1011], "widelabels")
    for index, wrapped in ((1006, {"legal": 217, "total": 281}), (1011, {"natural": 1024, "total": 1024})):
        pdf, gold, _layout = pdfs[index]
        report = extract(read_bytes(pdf, f"r{index}.pdf"))
        score = score_report(report, check(report), gold)
        assert score.wrong_unflagged == 0 and score.undeserved == [], (index, score.wrong, score.undeserved)
        for column, value in wrapped.items():
            cell = report.cells[f"apply.carried_forward.{column}"]
            assert (cell.value, cell.uncertain) == (value, True), (index, column)
        assert "extract.wrapped_digits" in {n.code for n in report.notes}


# (layout, report, converter): where each reading went wrong without a flag, or blamed the agency.
CONVERTED = [
    # pdftotext -layout, figure columns 7 mm wide: 27 printed `2` above the row's line and `7`
    # below it, beside a row of zeros; read in the text's order the row added up (0+…+7 = 7).
    ("widelabels", 1001, "pdftotext-layout"),
    # … and 217 stacked `2` / `1` / `7` beside a row printed blank: the `2`s on the line between
    # the two labels read as the blank row's.
    ("widelabels", 1013, "pdftotext-layout"),
    # pdftotext -layout, one complete row of its kind in table 2: characters and display columns
    # place the row with a blank cell under different columns.
    ("xiaosi", 1009, "pdftotext-layout"),
    # markitdown: the row's label on a line of its own, then its figures beside padding cells: which
    # empty cell is the row's blank cannot be told.
    ("sans", 1016, "markitdown-pdf"),
    # markitdown: the signature's date drawn into a table after 六、 gave table 4 a fifteenth figure.
    ("labels", 1000, "markitdown-pdf"),
    # pdftotext (column by column): table 4's figures in an order that is not the row's; table 3's
    # rows filled by position; figures on their own lines read as a cell a line; the last row's
    # figures run on into the next columns'; table 2's last row took table 3's first figure.
    ("xiaosi", 1011, "pdftotext"),
    ("labels", 1012, "pdftotext"),
    ("widelabels", 1015, "pdftotext"),
    ("narrow", 1021, "pdftotext"),
    ("labels", 1008, "pdftotext"),
    # pdftotext: table 2's labels of three blocks first, then figures; 现行有效's 5, moved past a
    # page break, came straight after 行政事业性收费 and its block headings.
    ("widelabels", 1008, "pdftotext"),
    # pymupdf4llm: two long labels of （六） split over cells and `<br>`; joined, the second matched
    # the first's row and a blank line of cells became its reading (so `<br>` stays text).
    ("sans", 1018, "pymupdf4llm"),
]


@pytest.fixture(scope="module")
def rendered():
    out: dict[tuple[str, int], tuple[bytes, dict]] = {}
    for layout in dict.fromkeys(layout for layout, _, _ in CONVERTED):
        indices = [i for lay, i, _ in CONVERTED if lay == layout]
        for i, (pdf, gold, _layout) in render(indices, layout).items():
            out[layout, i] = (pdf, gold)
    return out


@pytest.mark.parametrize(("layout", "index", "converter"), CONVERTED)
def test_converted_pdf_layouts_are_never_silently_wrong_nor_an_accusation(rendered, tmp_path, layout, index, converter):
    from benchmarks.realworld.converters import CONVERTERS
    from benchmarks.realworld.score import run_ogi

    conv = CONVERTERS[converter]
    if conv.available() is not None:
        pytest.skip(conv.available())
    pdf, gold = rendered[layout, index]
    src = tmp_path / "report.pdf"
    src.write_bytes(pdf)
    out = tmp_path / f"report{conv.suffix}"
    conv.convert(src, out)
    score = run_ogi(out, gold, converter)
    assert score.error is None
    assert score.wrong_unflagged == 0, [w for w in score.wrong if not w["uncertain"]]
    assert score.undeserved == []
