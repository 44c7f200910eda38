"""bytes → Document. The reader is picked by content (magic bytes), not by file name.

| kind  | module       | needs                                                            |
|-------|--------------|------------------------------------------------------------------|
| txt   | text.py      | –                                                                |
| html  | html.py      | ogi[read] (lxml)                                                 |
| mht   | mht.py       | ogi[read] (lxml): a page saved as one file, its HTML read by html.py |
| json  | jsonpage.py  | ogi[read] (lxml): a site's or crawler's JSON, its page read by html.py |
| docx  | docx.py      | ogi[read] (lxml); .odt through LibreOffice                       |
| doc   | office.py    | LibreOffice (Debian: libreoffice-writer-nogui) – .doc, .wps, .rtf |
| pdf   | pdf.py       | ogi[read] (pypdfium2, pdfplumber); pages without text: ogi[ocr]   |
| image | scan.py      | ogi[ocr] (rapidocr-onnxruntime, its models inside the wheel)     |

Shared steps: encoding.py (bytes → str), layout.py (positioned glyphs + ruling → grids and
lines, for PDFs and scans), limits.py (every refusal of a hostile file). Readers for formats that
need optional packages import them lazily and raise a `ReadError` that names what to install.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Protocol

from .document import Block, Document, Grid, Paragraph, ReadError
from .limits import (
    EXPECTED_KIND,
    Limits,
    TimeBudget,
    check_document,
    check_size,
    env_limits,
    io_error,
    read_capped,
    read_file,
    wrong_type,
)
from .text import read_text, text_document
from .textutil import unify_document_radicals


class Reader(Protocol):
    """A reader: a document's bytes and name, read under the limits given (the environment's
    when none are)."""

    def __call__(self, data: bytes, name: str = "-", *, limits: Limits | None = None) -> Document: ...


# kind -> reader; filled below and by the modules of the other formats.
READERS: dict[str, Reader] = {"txt": read_text}


def _lazy(module: str, func: str) -> Reader:
    """A reader whose module (and its optional packages) is imported on first use."""

    def reader(data: bytes, name: str = "-", *, limits: Limits | None = None) -> Document:
        import importlib

        read: Reader = getattr(importlib.import_module(f"{__name__}.{module}"), func)
        return read(data, name, limits=limits)

    reader.__name__ = f"{module}.{func}"
    return reader


READERS.update({
    "html": _lazy("html", "read_html"),
    "mht": _lazy("mht", "read_mht"),
    "json": _lazy("jsonpage", "read_json_page"),
    "docx": _lazy("docx", "read_docx"),
    "doc": _lazy("office", "read_doc"),
    "rtf": _lazy("office", "read_doc"),
    "pdf": _lazy("pdf", "read_pdf"),
    "image": _lazy("scan", "read_image"),
})


def register_reader(kind: str, reader: Reader) -> None:
    READERS[kind] = reader


def sniff(data: bytes) -> str:
    """The kind of document these bytes are, judged from their content."""
    head = data[:2048].lstrip()
    if data.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"  # OLE2: .doc, .wps
    if data.startswith(b"\x89PNG") or data.startswith(b"\xff\xd8\xff") or data[:4] in (b"II*\x00", b"MM\x00*"):
        return "image"
    if _MIME_HEADER.match(head) and _MIME_MULTIPART.search(head.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]):
        return "mht"  # a web page saved as one file: MIME headers, then the page and its parts
    if head[:1] in (b"{", b"[") and looks_like_json(head):
        return "json"  # a portal's API answer, a crawler's record: the page in its string values
    lower = head[:1024].lower()
    if lower.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<meta", b"<body", b"<div", b"<table",
                         b"<p", b"<article", b"<section", b"<style", b"<main")) or b"<html" in lower or b"<table" in lower:
        return "html"
    if b"<" in data and _TABLE_TAG.search(data):
        return "html"  # text or Markdown with HTML tables further down (PDF-to-Markdown tools)
    return "txt"


def looks_like_json(head: bytes) -> bool:
    """Whether bytes that open so may be JSON (an object or a list of objects or strings): read by
    jsonpage.py, imported only then."""
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return head[:1] == b"{" and re.match(rb'\{\s*(?:"|\})', head) is not None or \
        head[:1] == b"[" and re.match(rb'\[\s*(?:\{|"|\])', head) is not None


_MIME_HEADER = re.compile(rb"[A-Za-z][A-Za-z0-9-]*:")
_MIME_MULTIPART = re.compile(rb"content-type:\s*multipart/", re.I)
_TABLE_TAG = re.compile(rb"<table\b[^>]*>\s*<(?:tr|tbody|thead|caption|colgroup)\b", re.I)


def read_bytes(data: bytes, name: str = "-", limits: Limits | None = None) -> Document:
    """Read any supported document; hostile input is refused with a ReadError (see limits.py)
    under `limits` (the environment's when none are given)."""
    lim = limits or env_limits()
    check_size(data, lim)
    kind = sniff(data)
    reader = READERS.get(kind)
    if reader is None:
        raise ReadError(
            "read.unsupported",
            f"无法读取此类文件（{kind}）：需要安装 ogi[read] 或 ogi[ocr]",
            f"cannot read this kind of file ({kind}): install ogi[read] or ogi[ocr]",
        )
    try:
        doc = reader(data, name, limits=lim)
        # (A text's radicals are unified as it is decoded, in the scan that checks it is text.)
        return check_document(doc if kind == "txt" else unify_document_radicals(doc), lim)
    except ReadError as e:
        suffix = Path(name).suffix.lower()
        if e.code == "read.binary" and suffix in EXPECTED_KIND and EXPECTED_KIND[suffix][0] != kind:
            raise wrong_type(suffix, data[:8]) from None  # garbage named .pdf: say the name lies
        raise
    except MemoryError:
        raise ReadError("read.memory", "文档所需内存超过上限，已放弃读取",
                        "the document needs more memory than allowed: gave up") from None
    except RecursionError:
        raise ReadError("read.too_deep", "文档嵌套过深，无法读取", "the document is nested too deeply to read") from None
    except Exception as e:  # a broken file no check foresaw: refuse it, never crash
        raise ReadError("read.failed", f"文件无法读取（{kind}，{type(e).__name__}：{e}）",
                        f"the file cannot be read ({kind}, {type(e).__name__}: {e})") from e


def read_path(path: str | Path, limits: Limits | None = None) -> Document:
    """A file read and turned into blocks: special files refused, the size checked before reading."""
    lim = limits or env_limits()
    return read_bytes(read_file(path, lim), Path(path).name, lim)


__all__ = ["Block", "Document", "Grid", "Limits", "Paragraph", "ReadError", "TimeBudget", "io_error", "read_bytes", "read_path",
           "read_file", "read_capped", "check_document",
           "register_reader", "sniff", "text_document", "env_limits", "READERS"]
