"""Small text helpers the readers share: whitespace folding and joining wrapped lines.

Chinese text wraps anywhere, so the pieces of a label broken over lines (`本年新` / `制作数量`,
a vertical header printed one character per line) are joined without a space; a space is kept
only between two Latin letters or digits, where it separates words.
"""

from __future__ import annotations

import re

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
