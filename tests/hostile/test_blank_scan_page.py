"""A page with nothing printed on it is not OCR'd.

Found by `benchmarks/fuzz.py`: mutated PDFs whose content stream was broken rendered as blank A4
pages, and text detection on a blank 1654×2339 page took 5–9 s on the shared 2-core machine
(over the fuzzer's 10 s with the load of other jobs). A blank page or image has no text: it is
refused as empty at once, without loading the OCR engine.
"""

from __future__ import annotations

import io
import time

import pytest

pytest.importorskip("pypdfium2")
pytest.importorskip("reportlab")

from ogi.read import ReadError, read_bytes, scan  # noqa: E402


def _blank_pdf(pages: int = 1) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for _ in range(pages):
        c.showPage()  # a page with no text layer and no ink
    c.save()
    return buf.getvalue()


def _blank_png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (1654, 2339), 255).save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture
def no_ocr(monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("the OCR engine was asked to read a blank page")

    monkeypatch.setattr(scan, "engine", refuse)


def test_blank_pdf_page_is_empty_without_ocr(no_ocr):
    t0 = time.perf_counter()
    with pytest.raises(ReadError) as e:
        read_bytes(_blank_pdf(3), "blank.pdf")
    assert e.value.code == "read.pdf.empty"
    assert time.perf_counter() - t0 < 5


def test_blank_image_is_empty_without_ocr(no_ocr):
    pytest.importorskip("rapidocr_onnxruntime")
    with pytest.raises(ReadError) as e:
        read_bytes(_blank_png(), "blank.png")
    assert e.value.code == "read.scan.empty"


def test_a_page_with_ink_is_still_ocrd(monkeypatch):
    """The blank test does not skip pages that hold a few marks."""
    import numpy as np

    page = np.full((200, 200), 255, np.uint8)
    assert scan.is_blank(page)
    page[100:102, 50:52] = 0
    assert not scan.is_blank(page)
