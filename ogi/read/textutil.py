"""Small text helpers the readers share: whitespace folding and joining wrapped lines.

Chinese text wraps anywhere, so the pieces of a label broken over lines (`本年新` / `制作数量`,
a vertical header printed one character per line) are joined without a space; a space is kept
only between two Latin letters or digits, where it separates words.
"""

from __future__ import annotations

import re
import unicodedata

from .document import Document, Grid, Paragraph

# A footnote's mark as a superscript prints it (1, [2], （3）, *, ①): never part of the figure it
# stands beside.
NOTE_MARK = re.compile(r"\s*[\[［(（【]?\s*(?:[0-9０-９]{1,2}|[*＊†‡#a-z①-⑳])\s*[\]］)）】]?\s*", re.I)
_WS = re.compile(r"[ \t\r\n\f\v]+")
_WS_NL = re.compile(r"\s*\n\s*")
BLANKS = " \t\r\n\f\v\xa0\u3000\u2002\u2003\u200b\ufeff"


def _wordish(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def join_pieces(pieces: list[str]) -> str:
    """Join wrapped pieces of one label or sentence: no space unless both sides are Latin/digits."""
    out = ""
    for piece in pieces:
        piece = piece.strip(BLANKS)
        if not piece:
            continue
        if out and _wordish(out[-1]) and _wordish(piece[0]):
            out += " "
        out += piece
    return out


def fold_ws(text: str) -> str:
    """HTML whitespace folding that does not break Chinese: a line break between two CJK
    characters disappears, any other run of whitespace becomes one space."""

    def sub(m: re.Match[str]) -> str:
        s, e = m.start(), m.end()
        before = m.string[s - 1] if s > 0 else ""
        after = m.string[e] if e < len(m.string) else ""
        if "\n" in m.group(0) and not (_wordish(before) and _wordish(after)):
            return ""
        return " "

    return _WS.sub(sub, text)


def clean_cell(text: str) -> str:
    """A cell's text with blank-only content (&nbsp;, full-width spaces) reduced to ''."""
    return text.strip(BLANKS)


# PDFs made by WPS, and Word with some fonts, map common ideographs to the Kangxi radicals and the
# CJK radicals supplement in their text layer (⼀ U+2F00 for 一, ⽉ U+2F49 for 月, ⾏ U+2F8F for
# 行); pdftotext, pdfminer and PyMuPDF copy them as they are. The page shows the ideograph, so the
# text is the ideograph: each radical to the one character Unicode's compatibility mapping gives.
RADICALS = "\u2e80-\u2fdf"  # (a character class's range: encoding.py looks for them too)
_RADICAL = re.compile(f"[{RADICALS}]")
_IDEOGRAPH_OF_RADICAL = {cp: folded for cp in range(0x2E80, 0x2FE0)
                         if len(folded := unicodedata.normalize("NFKC", chr(cp))) == 1 and folded != chr(cp)}


def unify_radicals(text: str) -> str:
    """`text` with the radicals a PDF's text layer put for ideographs read as those ideographs."""
    return text.translate(_IDEOGRAPH_OF_RADICAL) if _RADICAL.search(text) else text


def unify_document_radicals(doc: Document) -> Document:
    """The same for every paragraph and cell of a document (in place; returned for chaining)."""
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            b.text = unify_radicals(b.text)
        elif isinstance(b, Grid):
            for row in b.rows:
                row[:] = [cell and unify_radicals(cell) for cell in row]
    return doc
