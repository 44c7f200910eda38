"""A PDF whose fonts carry no Unicode map (no ToUnicode: the text copies out as 乱码, its digits
as control characters or other digits) is read from its pages' images, never from its codes; a
few unmapped characters on a good page are never taken for digits."""

from __future__ import annotations

import pytest

from ogi.extract import extract
from ogi.read import read_bytes

from . import generate as g

pytestmark = pytest.mark.slow
SPEC = g.build_spec(g.gold_files()[0])


@pytest.fixture(scope="module")
def report_pdf(soffice) -> bytes:
    """The seed report in OGI's official layout, as LibreOffice prints it: embedded subset fonts,
    each with the ToUnicode map a copy of the text depends on."""
    from ogi.render import render

    return render([extract(read_bytes(g.docx_bytes(SPEC), "report.docx"))], "pdf")


def _without_unicode_maps(data: bytes, which: slice = slice(None)) -> bytes:
    """The PDF with its fonts' ToUnicode maps removed (all, or those `which` selects)."""
    import pymupdf

    doc = pymupdf.open(stream=data, filetype="pdf")
    fonts = [x for x in range(1, doc.xref_length()) if doc.xref_get_key(x, "ToUnicode")[0] != "null"]
    assert fonts
    for xref in fonts[which]:
        doc.xref_set_key(xref, "ToUnicode", "null")
    return doc.tobytes()


def _assert_right_or_doubted(data: bytes) -> dict[str, str]:
    document = read_bytes(data, "report.pdf")
    cells = extract(document).cells
    wrong = {k: (v, cells[k].value if k in cells else "missing") for k, v in SPEC.gold["cells"].items()
             if (k not in cells or cells[k].value != v) and not (k in cells and cells[k].uncertain)}
    assert not wrong, wrong
    assert sum(c.uncertain for c in cells.values()) <= len(SPEC.gold["cells"]) // 10
    return document.hints


@pytest.mark.parametrize("which", [slice(None), slice(0, 1)], ids=["every font", "one font"])
def test_garbled_text_layer_read_from_the_page_images(report_pdf, which):
    data = _without_unicode_maps(report_pdf, which)
    from ogi.read import pdf

    pdfium, raw = pdf._pdfium()
    document = pdfium.PdfDocument(data)
    page = document[0]
    glyphs = pdf.page_glyphs(page, page.get_size()[1], raw)
    unmapped = sum(g.text == pdf.UNMAPPED for g in glyphs)
    assert unmapped > pdf.GARBLED_SHARE * len(glyphs)  # what every copy of its text gets
    assert pdf.garbled(glyphs)
    page.close()
    document.close()
    hints = _assert_right_or_doubted(data)
    assert int(hints["garbled_pages"]) >= 1


def test_good_pdf_has_no_unmapped_characters(report_pdf):
    from ogi.read import pdf

    _assert_right_or_doubted(report_pdf)
    pdfium, raw = pdf._pdfium()
    document = pdfium.PdfDocument(report_pdf)
    for i in range(len(document)):
        page = document[i]
        assert not any(g.text == pdf.UNMAPPED for g in pdf.page_glyphs(page, page.get_size()[1], raw))
        page.close()
    document.close()
