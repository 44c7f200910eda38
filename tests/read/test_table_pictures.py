"""Many published reports paste their tables into the PDF as pictures (screenshots of a
spreadsheet or of the Word table) beside a real text layer. OGI reads such a picture by OCR, in its
place among the page's text: every cell right or flagged, none silently wrong. A page image that
carries its own text layer (a searchable scan) is read from that layer, not OCR'd again. So are
the pictures of a Word document, of a web page that carries them (data: URIs) and of a saved web
page (MHT); a picture the page only links to, or one OCR cannot read, leaves its table unread:
OGI's doubt, never a table the report lacks."""

from __future__ import annotations

import io

import pytest

from ogi import synth
from ogi.extract import extract
from ogi.read import read_bytes

from . import generate as g
from .generate import pdf_with_table_pictures, spec_of_report

pytestmark = pytest.mark.slow


def _assert_read_by_ocr(doc, gold) -> None:
    assert doc.hints.get("ocr_pictures") == "3" and "unread_pictures" not in doc.hints
    report = extract(doc)
    for key in ("agency", "year", "template", "published"):
        value = getattr(report.meta, key)
        assert (value.isoformat() if key == "published" and value else value) == gold["meta"][key], key
    cells = report.cells
    assert set(cells) == set(gold["cells"])
    silently_wrong = {c: (v, cells[c].value) for c, v in gold["cells"].items()
                      if cells[c].value != v and not cells[c].uncertain}
    assert not silently_wrong
    right = sum(cells[c].value == v for c, v in gold["cells"].items())
    assert right >= 0.95 * len(gold["cells"]), f"{right} of {len(gold['cells'])} right"
    # in their place: the tables' sections hold the narrative around the pictures
    assert sorted(report.sections) == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("fmt, seed", [("2019", 11), ("2021", 12)])
def test_tables_pasted_as_pictures_are_read_by_ocr_in_their_place(tmp_path, fmt, seed):
    spec, gold = spec_of_report(synth.random_report(fmt, seed, busy=0.7), tmp_path)
    doc = read_bytes(pdf_with_table_pictures(spec), "report.pdf")
    assert doc.kind == "pdf"
    _assert_read_by_ocr(doc, gold)


WRITERS = {"docx": (g.docx_with_table_pictures, "report.docx"),
           "html_data_uri": (g.html_with_table_pictures, "report.html"),
           "mht_word": (g.mht_with_table_pictures, "report.mht")}


@pytest.mark.parametrize("kind", list(WRITERS))
def test_pictured_tables_of_word_documents_and_web_pages_are_read_by_ocr(tmp_path, kind):
    spec, gold = spec_of_report(synth.random_report("2021", 15, busy=0.7), tmp_path)
    write, name = WRITERS[kind]
    _assert_read_by_ocr(read_bytes(write(spec), name), gold)


def test_tables_a_page_only_links_to_as_pictures_are_unread_not_lacking(tmp_path):
    """The page links to its tables' pictures on the site: nothing to read them from. The report
    is given (agency, year, date, sections), each table's cells unread, and `ogi check` blames
    the agency for none of it (no missing table, no error)."""
    from ogi.check import check, quality_profile

    spec, gold = spec_of_report(synth.random_report("2021", 16, busy=0.7), tmp_path)
    doc = read_bytes(g.html_with_table_pictures(spec, "linked"), "report.html")
    assert doc.hints.get("unread_pictures") == "3"
    report = extract(doc)
    assert report.meta.agency == gold["meta"]["agency"] and report.meta.year == gold["meta"]["year"]
    assert not report.cells and set(report.unread) == set(report.missing)
    assert any(n.code == "extract.pictures_unread" for n in report.notes)
    findings = check(report)
    assert not [f.rule for f in findings if f.severity == "error"]
    assert [f.rule for f in findings if f.rule == "parse.W501"] == ["parse.W501"] * 3
    assert quality_profile(report, findings)["score"] is None


def test_word_document_pictures_without_ocr_are_unread(tmp_path, monkeypatch):
    """Without ogi[ocr] the pictures stay unread, counted, and the text is read."""
    from ogi.read import scan

    def no_ocr():
        raise scan.ReadError("read.missing_ocr", "需要安装 ogi[ocr]", "needs ogi[ocr]")

    monkeypatch.setattr(scan, "require_ocr", no_ocr)
    spec, _ = spec_of_report(synth.random_report("2019", 17, busy=0.7), tmp_path)
    doc = read_bytes(g.docx_with_table_pictures(spec), "report.docx")
    assert doc.hints.get("unread_pictures") == "3" and "ocr_pictures" not in doc.hints
    report = extract(doc)
    assert not report.cells and report.meta.agency


def test_page_image_under_its_own_text_layer_is_not_read_again():
    """A searchable scan: the page is one picture, its words a (here visible) text layer on it."""
    import pypdfium2 as pdfium
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from ogi.read.pdf import _pdfium, page_glyphs, picture_regions

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    png = io.BytesIO()
    Image.new("L", (800, 1100), 235).save(png, "PNG")
    png.seek(0)
    c.drawImage(ImageReader(png), 0, 0, width=A4[0], height=A4[1])
    c.setFont("STSong-Light", 12)
    for k in range(30):
        c.drawString(60, A4[1] - 60 - 20 * k, f"第{k + 1}行 政府信息公开工作年度报告正文")
    c.save()
    pdf = pdfium.PdfDocument(buf.getvalue())
    page = pdf[0]
    width, height = page.get_size()
    _, raw = _pdfium()
    assert picture_regions(page, width, height, page_glyphs(page, height, raw), raw) == []
    page.close()
    pdf.close()
    doc = read_bytes(buf.getvalue(), "searchable.pdf")
    assert "ocr_pictures" not in doc.hints


def test_scanned_pages_with_a_stamped_text_footer_are_read_by_ocr(tmp_path):
    """A scan whose pages carry one line of real text (第N页 and the issuing office): the text layer
    covers next to nothing of the page picture, so the picture is read by OCR, not lost."""
    from .generate import pdf_bytes, scan_with_text_footer

    spec, gold = spec_of_report(synth.random_report("2019", 13, busy=0.7), tmp_path)
    doc = read_bytes(scan_with_text_footer(pdf_bytes(spec, "landscape")), "scan.pdf")
    assert int(doc.hints.get("ocr_pictures", "0")) >= 2
    report = extract(doc)
    assert report.meta.agency == gold["meta"]["agency"]
    cells = report.cells
    assert not {c: (v, cells[c].value) for c, v in gold["cells"].items()
                if c in cells and cells[c].value != v and not cells[c].uncertain}
    right = sum(c in cells and cells[c].value == v for c, v in gold["cells"].items())
    assert right >= 0.9 * len(gold["cells"]), f"{right} of {len(gold['cells'])} right"


def test_pictures_left_unread_near_the_end_of_the_time_budget_keep_the_text(tmp_path):
    """OCR takes seconds a picture: with less time left than a picture needs, the pictures stay
    unread (and the document says how many), the text layer is read, nothing times out."""
    from ogi.read import Limits

    spec, _ = spec_of_report(synth.random_report("2019", 14, busy=0.7), tmp_path)
    doc = read_bytes(pdf_with_table_pictures(spec), "report.pdf", Limits(timeout_s=10))
    assert doc.hints.get("unread_pictures") == "3" and "ocr_pictures" not in doc.hints
    assert any("总体情况" in getattr(b, "text", "") for b in doc.blocks)


def test_screenshot_of_a_table_keeps_the_strokes_of_its_characters(tmp_path):
    """A screenshot of table 2 (an image smaller than a page): its ruling is found without taking
    the horizontal strokes of 一 二 十 本 for table lines, so its labels are read whole."""
    import pypdfium2 as pdfium
    from PIL import Image

    from ogi.read.document import Grid

    spec, gold = spec_of_report(synth.random_report("2021", 12, busy=0.7), tmp_path)
    pictures = pdfium.PdfDocument(pdf_with_table_pictures(spec))
    page = pictures[0]
    picture = next(iter(page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=2)))
    png = io.BytesIO()
    picture.get_bitmap().to_pil().convert("L").save(png, "PNG")
    pictures.close()
    assert Image.open(io.BytesIO(png.getvalue())).size[1] < 1000
    doc = read_bytes(png.getvalue(), "table.png")
    text = "".join(c or "" for b in doc.blocks if isinstance(b, Grid) for row in b.rows for c in row)
    for label in ("第二十条第（一）项", "本年制发件数", "规章", "行政规范性文件"):
        assert label in text, label


@pytest.mark.parametrize("picture", [b"\x89PNG\r\n\x1a\n" + b"\0" * 40, b"not a picture at all",
                                     b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\x01\x86\xa0\0\x01\x86\xa0\x08\0\0\0\0"])
def test_broken_or_absurd_pictures_are_counted_unread_and_the_text_is_read(tmp_path, picture):
    """A Word document and a web page carrying a broken, cut or absurdly large picture (100,000 px
    square): the text is read, the picture counted unread; nothing is decoded past the limits."""
    import base64
    import zipfile

    spec, _ = spec_of_report(synth.random_report("2021", 18, busy=0.7), tmp_path)
    source = io.BytesIO(g.docx_with_table_pictures(spec))
    out = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, picture if info.filename == "word/media/image1.png" else zin.read(info))
    doc = read_bytes(out.getvalue(), "report.docx")
    assert doc.hints.get("unread_pictures") == "1" and doc.hints.get("ocr_pictures") == "2"
    page = f'<html><body><p>{spec.title}</p><p><img src="data:image/png;base64,{base64.b64encode(picture).decode()}">' \
           "</p><p>一、总体情况</p></body></html>"
    doc = read_bytes(page.encode("utf-8"), "report.html")
    assert doc.hints.get("unread_pictures") == "1" and "总体情况" in doc.blocks[-1].text


def test_word_document_picture_in_a_table_cell_is_read(tmp_path):
    """A picture of the tables put in a one-cell table (a frame, as WPS users do): read too."""
    import docx
    from docx.shared import Cm

    spec, gold = spec_of_report(synth.random_report("2019", 19, busy=0.7), tmp_path)
    d = docx.Document()
    pictures = iter(g.table_pictures(spec))
    for b in spec.blocks:
        if isinstance(b, str):
            d.add_paragraph(b)
        else:
            frame = d.add_table(rows=1, cols=1)
            frame.cell(0, 0).paragraphs[0].add_run().add_picture(io.BytesIO(next(pictures)), width=Cm(16))
    buf = io.BytesIO()
    d.save(buf)
    _assert_read_by_ocr(read_bytes(buf.getvalue(), "framed.docx"), gold)


def test_news_page_with_a_photograph_is_no_report(tmp_path, capsys):
    """A news item about disclosure work with a photograph: not a report whose tables are
    pictures, refused as before (it has none of the report's headings)."""
    from ogi.cli import main

    page = ("<html><head><meta charset='utf-8'><title>我局召开政府信息公开工作推进会</title></head><body>"
            "<p>我局召开政府信息公开工作推进会</p><p><img src='/upload/photo1.jpg'></p>"
            "<p>12月3日，我局召开政府信息公开工作推进会，部署主动公开和依申请公开工作。</p></body></html>")
    path = tmp_path / "news.html"
    path.write_text(page, encoding="utf-8")
    assert main(["parse", str(path)]) == 2
    assert "[extract.no_tables]" in capsys.readouterr().err
