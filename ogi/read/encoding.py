"""Bytes to text for text-like documents, by declared and detected encoding.

Chinese government pages are often GBK/GB2312/GB18030 without a declared charset; UTF-8 is tried
first (it rarely decodes anything else by accident), then GB18030 (a superset of GBK/GB2312),
then what charset-normalizer detects.
"""

from __future__ import annotations

import re

from .document import ReadError
from .textutil import RADICALS, unify_radicals

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))

# Share of control characters (other than tab, newline, carriage return, form feed) above which
# bytes are binary garbage rather than text.
MAX_CONTROL_SHARE = 0.02
# A control character, or a radical a PDF's text layer put for an ideograph (textutil.py): found
# in one scan of the text, the one every decoded text gets.
_CONTROL_OR_RADICAL = re.compile(f"[\x00-\x08\x0b\x0e-\x1f{RADICALS}]")


def decode(data: bytes, name: str = "-", declared: str | None = None) -> str:
    if not data.strip():
        raise ReadError("read.empty", "文件是空的", "the file is empty")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _checked(data[len(bom):].decode(enc, errors="replace"))
    candidates = [declared] if declared else []
    candidates += ["utf-8", "gb18030"]
    for enc in candidates:
        try:
            return _checked(data.decode(enc))
        except (UnicodeDecodeError, LookupError):
            continue
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except ImportError:  # pragma: no cover - a core dependency
        best = None
    if best is not None:
        return _checked(str(best))
    raise ReadError("read.binary", "不是文本文件，也不是 OGI 能读的文档格式",
                    "not text, nor a document format OGI reads")


def _checked(text: str) -> str:
    """The decoded text, refused when it is binary garbage, with its radicals read as ideographs."""
    if not text:
        return text
    found = _CONTROL_OR_RADICAL.findall(text)
    control = sum(1 for ch in found if ch < " ")
    if control / len(text) > MAX_CONTROL_SHARE or "\ufffd" * 4 in text:
        raise ReadError("read.binary", "内容是二进制乱码，不是文本", "the content is binary garbage, not text")
    return unify_radicals(text) if control < len(found) else text
