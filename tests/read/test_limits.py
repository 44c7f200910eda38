"""Hostile and broken files: each refused with a stable code, Chinese first, exit code 2."""

from __future__ import annotations

import io
import zipfile

import pytest

from ogi.cli import main
from ogi.read import Limits, ReadError, read_bytes

from . import generate as g
from .conftest import SEEDS


def refused(data: bytes, name: str = "x", limits: Limits | None = None) -> ReadError:
    """The refusal of `data` read under `limits` (passed to the reader: no limits are in force
    anywhere else)."""
    with pytest.raises(ReadError) as e:
        read_bytes(data, name, limits)
    err = e.value
    assert err.zh and err.en and err.code.startswith("read.")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err.zh)
    return err


def test_size_cap_is_configurable():
    assert refused(b"<p>" + b"x" * 200 + b"</p>", limits=Limits(max_bytes=100)).code == "read.too_large"


def test_limits_are_read_from_the_environment_when_a_document_is_read(monkeypatch):
    """No limits held in a module: the environment is read for each document, and limits given
    to `read_bytes` reach every check of the reader."""
    doc = b"<p>" + b"x" * 200 + b"</p>"
    assert read_bytes(doc, "x").blocks
    monkeypatch.setenv("OGI_MAX_BYTES", "100")
    assert refused(doc).code == "read.too_large"
    assert read_bytes(doc, "x", Limits()).blocks


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_docx_zip_bomb():
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<" + b"\0" * 5_000_000})
    assert len(bomb) < 50_000
    assert refused(bomb, limits=Limits(max_unzipped_bytes=1_000_000, zip_ratio_floor=100_000)).code == "read.zip_bomb"


def test_xlsx_is_not_word():
    assert refused(_zip({"xl/workbook.xml": b"<workbook/>"})).code == "read.docx.not_word"


def test_broken_zip():
    assert refused(b"PK\x03\x04" + b"\x00" * 100).code == "read.docx.broken"


def _pdf(pages: int = 1, encrypt: str | None = None) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=encrypt)
    for i in range(pages):
        c.drawString(72, 720, f"page {i + 1}")
        c.showPage()
    c.save()
    return buf.getvalue()


def test_encrypted_pdf():
    assert refused(_pdf(encrypt="secret")).code == "read.pdf.encrypted"


def test_broken_pdf():
    assert refused(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage\n%%EOF").code == "read.pdf.broken"


def test_too_many_pages():
    assert refused(_pdf(pages=5), limits=Limits(max_pages=3)).code == "read.too_many_pages"


def test_pdf_with_broken_xref_is_repaired():
    data = _pdf(pages=2)
    start = data.rindex(b"startxref")
    broken = data[:start] + b"startxref\n999999\n%%EOF\n"
    doc = read_bytes(broken)
    assert [b.text for b in doc.blocks] == ["page 1", "page 2"]


def test_timeout():
    assert refused(_pdf(pages=2), limits=Limits(timeout_s=0)).code == "read.timeout"


def test_image_of_absurd_dimensions():
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (400, 300), 255).save(buf, format="PNG")
    err = refused(buf.getvalue(), limits=Limits(max_image_pixels=10_000))
    assert err.code == "read.image_too_large"


def test_broken_image():
    assert refused(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50).code == "read.image.broken"


def test_doc_without_libreoffice(monkeypatch):
    monkeypatch.setenv("OGI_SOFFICE", "/nonexistent/soffice")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    err = refused(ole, "a.doc")
    assert err.code == "read.doc.no_libreoffice" and "LibreOffice" in err.zh


def test_binary_garbage_is_refused():
    assert refused(bytes(range(256)) * 20).code == "read.binary"


def test_cli_exit_code_2_and_chinese_first(tmp_path, capsys):
    path = tmp_path / "report.pdf"
    path.write_bytes(_pdf(encrypt="secret"))
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert "report.pdf" in err and err.index("加密") < err.index("encrypted") and "[read.pdf.encrypted]" in err


def test_wrong_extension_still_reads(corpus, tmp_path, capsys):
    seed = SEEDS[1]
    path = tmp_path / "report.pdf"
    path.write_bytes(g.docx_bytes(corpus.specs[seed]))
    assert main(["parse", str(path)]) == 0


@pytest.mark.parametrize("data", [
    b"<html><body>" + b"<div>" * 5000 + b"x" + b"</div>" * 5000 + b"</body></html>",
    b"%PDF-1.7\n" + b"\x00" * 300,
    b"PK\x03\x04\x14\x00" + b"\xff" * 200,
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\xff" * 100,
    b"\xff\xd8\xff\xe0" + b"\x00" * 64,
    b"<table><tr><td rowspan=999999 colspan=-3>x</td></tr></table>",
])
def test_garbage_never_crashes(data, monkeypatch):
    monkeypatch.setenv("OGI_SOFFICE", "/nonexistent/soffice")
    try:
        read_bytes(data, "garbage")
    except ReadError as e:
        assert e.code.startswith("read.") and e.zh


def test_limits_from_the_environment(monkeypatch):
    """Positive numbers override the defaults; 0, negative, NaN and garbage are ignored."""
    from ogi.read.limits import env_limits

    monkeypatch.setenv("OGI_MAX_BYTES", "1000")
    monkeypatch.setenv("OGI_TIMEOUT", "2.5")
    monkeypatch.setenv("OGI_MAX_PAGES", "0")
    monkeypatch.setenv("OGI_MAX_MEMORY", "1e6")  # an int limit: not an integer, ignored
    got = env_limits()
    assert (got.max_bytes, got.timeout_s, got.max_pages, got.max_memory) == (1000, 2.5, Limits.max_pages,
                                                                              Limits.max_memory)
    for bad in ("-1", "nan", "x", ""):
        monkeypatch.setenv("OGI_TIMEOUT", bad)
        assert env_limits().timeout_s == Limits.timeout_s
    monkeypatch.setenv("OGI_TIMEOUT", "inf")  # no limit at all: taken
    assert env_limits().timeout_s == float("inf")
