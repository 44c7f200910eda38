"""Each family of silent misreading found on the converter corpus, reproduced on the document that
showed it: OGI read a wrong value and gave it as the document's. Now every such cell is right or
flagged uncertain, and `ogi check` raises no error the document does not deserve.

The documents are the corpus's own (`make_case(index)`, rendered and converted here by the same
converters `benchmarks/real_world.py` uses), so a test names the family and the document."""

from __future__ import annotations

import pytest

from benchmarks.realworld import CONVERTERS, make_case, run_ogi
from benchmarks.realworld.converters import DOCX, HTML, PDF
from benchmarks.realworld.corpus import pdf_layout
from benchmarks.realworld.sources import docx_bytes, pdf_batch, web_page

pytestmark = pytest.mark.slow


def _converted(tmp_path, converter: str, index: int):
    conv = CONVERTERS[converter]
    if conv.available() is not None or conv.convert is None:
        pytest.skip(f"{converter}: {conv.available() or 'batch only'}")
    case = None
    for shift in range(6):  # as the corpus does: move a page break LibreOffice loses rows at
        case = make_case(index, shift)
        if conv.source != PDF:
            break
        pdf = pdf_batch([case.report])[0]
        if not pdf_layout(pdf, case.report.meta.template, "collapsed_other" in case.deviations)["missing_rows"]:
            break
    src = tmp_path / f"source.{ {PDF: 'pdf', DOCX: 'docx', HTML: 'html'}[conv.source] }"
    if conv.source == PDF:
        src.write_bytes(pdf)
    elif conv.source == DOCX:
        src.write_bytes(docx_bytes(case.report))
    else:
        src.write_text(web_page(case.report, index)[0], encoding="utf-8")
    out = tmp_path / f"out{conv.suffix}"
    conv.convert(src, out)
    return out, case.gold()


FAMILIES = [
    # A header row's empty Markdown cells taken as table 4's blanks; an all-blank reading "fits".
    ("markitdown-pdf", 4, "blank header cells are no values"),
    ("markitdown-pdf", 143, "blank header cells before table 4's row"),
    # A converter's invented empty columns: `| 政府集中采购 | | 0 | | | 1.5 | |`.
    ("markitdown-pdf", 1, "padding cells around the figures"),
    ("markitdown-pdf", 15, "padding and a real blank look alike"),
    # Collapsed spaces: positions say nothing about where a blank cell was.
    ("markitdown-pdf", 3, "single-space text placed by position"),
    # Cells holding two figures (`| 0 1 |`): the grid is the converter's, not the table's.
    ("markitdown-pdf", 44, "two figures in one Markdown cell"),
    ("markitdown-pdf", 172, "blank moved by the converter's grid"),
    # A real blank before a number the converter split in two (|政府集中采购||12|0.4| is 120.4):
    # in table 2, with no equation, skipped blanks are not "just padding".
    ("pymupdf4llm", 51, "blank skipped where no equation confirms"),
    # A 4-digit number wrapped in a narrow column: 102 above the row, 4 below it.
    ("markitdown-pdf", 25, "wrapped number in table 4"),
    ("pdftotext-layout", 5, "wrapped number left out by a re-read"),
    # Values under the header's words alone: pdftotext -layout does not align them.
    ("pdftotext-layout", 7, "placement by header words"),
    # Separate figures split as glued digits where a blank was not printed.
    ("soffice-txt", 26, "glued split where a blank fits"),
    # A crawler's flattening: glued digits of a row that drops its blank (1024|13|␣|120|0|0|1157
    # also splits as 1024|131|2|0|0|0|1157); the headings glued after the title and after a
    # blank row's label (section.E401 accused the agency of lacking 一、总体情况).
    ("crawler", 114, "glued digits with an unprinted blank"),
    ("crawler", 2, "heading glued after the title"),
    ("crawler", 12, "heading glued after a blank row"),
    # Cells separated by empty lines (mammoth's Markdown): an empty line is no blank cell there.
    ("mammoth-md", 177, "empty lines between cells are separators"),
    ("mammoth-md", 163, "empty lines between cells, carried forward"),
    # Column-wise text: the tail of a label list took the values of the whole list.
    ("pdftotext", 144, "tail of a label list"),
    # Column-wise text whose anchors come out of order (crashed with IndexError).
    ("pdftotext", 8, "anchors out of order"),
    # （六）其他处理 printed as one row that column-wise text left unreadable: OGI's failure to
    # read it, not rows the report lacks (format.E203 accused the agency).
    ("pdftotext", 2, "collapsed group not read"),
]


@pytest.mark.parametrize(("converter", "index", "family"), FAMILIES, ids=[f[2] for f in FAMILIES])
def test_no_wrong_cell_without_a_flag(tmp_path, converter, index, family):
    path, gold = _converted(tmp_path, converter, index)
    s = run_ogi(path, gold, converter)
    assert s.error is None, s.error
    assert [w for w in s.wrong if not w["uncertain"]] == []
    assert s.undeserved == [] and s.other_errors == []


TABLE4 = ("review.", "suit_direct.", "suit_after_review.")
READ_WHOLE = [
    # pandoc draws a table's columns as runs of dashes: table 4's row of eleven figures for fifteen
    # cells is placed by them (was: the row dropped as narrative figures, 15 cells unread).
    ("pandoc-md", 3, "pandoc ruler places blank cells", ()),
    # html2text's tables without outer pipes: blank cells kept (was: 1024 split as glued digits).
    ("html2text", 0, "html2text blank cells", ()),
    ("html2text", 3, "html2text row starting with a blank", ()),
    # LibreOffice's text export: one cell per line, a blank cell an empty line; table 4's eleven
    # figures for fifteen cells placed by their lines after the header (was: 15 cells unread).
    ("soffice-txt", 3, "one cell per line, blanks as empty lines", TABLE4),
]


@pytest.mark.parametrize(("converter", "index", "family", "cells"), READ_WHOLE, ids=[f[2] for f in READ_WHOLE])
def test_every_cell_read_right(tmp_path, converter, index, family, cells):
    """Every cell (or every cell of the named tables) read, right and sure."""
    path, gold = _converted(tmp_path, converter, index)
    if cells:
        from ogi.extract import extract
        from ogi.read import read_path

        read = extract(read_path(path))
        mine = {c: v for c, v in gold["cells"].items() if c.startswith(cells)}
        assert {c: (read.value(c) if c in read.cells else "missing") for c in mine} == mine
        assert not [c for c in mine if read.cells[c].uncertain]
        return
    s = run_ogi(path, gold, converter)
    assert s.error is None, s.error
    assert (s.right, s.missing, s.wrong) == (s.cells, 0, [])
