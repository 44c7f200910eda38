"""Plain text and Markdown: decode, then one Paragraph per line.

Flattened tables stay as lines; the extractor knows their layouts (one cell per line, `cell |`,
tab-indented DOCX cells, Markdown rows).
"""

from __future__ import annotations

import itertools
import re

from .document import Document, Paragraph, ReadError
from .encoding import decode
from .limits import Limits

# Markdown's backslash escapes (`1\.5`, `2024\-01\-15`, `\|`) as converters write them: the
# character itself is what the document printed.
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>])")


def read_text(data: bytes, name: str = "-", kind: str = "txt", *, limits: Limits | None = None) -> Document:
    """(Text has no limits of its own to check: `read_bytes` checks its size and its lines.)"""
    text = decode(data, name)
    return text_document(text, name, kind)


def text_document(text: str, name: str = "-", kind: str = "txt") -> Document:
    if not text or text.isspace():  # (what `strip()` leaves nothing of, without a copy)
        raise ReadError("read.empty", "文件是空的", "the file is empty")
    if "\\" in text:
        text = _MD_ESCAPE.sub(lambda m: m.group(1) if m.group(1) != "|" else "｜", text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # (text, line): one paragraph a line, made by `map` (a text report has hundreds of lines)
    return Document(list(map(Paragraph, lines, itertools.count(1))), name=name, kind=kind)
