"""Values placed by their column position in space-aligned text (pdftotext -layout, pandoc and
LibreOffice plain text): a blank cell leaves only spaces, so a row prints fewer values than it has
cells; the header line above it says which column each value stands under.

    信息内容                 上一年项目数量   本年增/减        处理决定数量
    行政许可                 1                                 13

gives 上一年项目数量 1, 本年增/减 blank, 处理决定数量 13, where splitting "1 13" as glued digits would
not know where the blank was. Positions are display columns (a CJK character is two wide).
"""

from __future__ import annotations

import unicodedata

from ..formats import Row, normalize_label
from .split import Piece
from .tokens import NULL, NUM, Token

# How far above a row its header line may stand, in lines.
HEADER_LOOKBACK = 12


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _label_spans(line: str, row: Row) -> list[tuple[int, int]] | None:
    """Display spans of the row's column labels in a header line, in column order; None unless
    every column's label is found there, left to right."""
    spans = []
    at = 0
    for col in row.columns:
        for name in sorted({col.label, *col.aliases}, key=len, reverse=True):
            i = line.find(name, at)
            if i >= 0:
                start = display_width(line[:i])
                spans.append((start, start + display_width(name)))
                at = i + len(name)
                break
        else:
            return None
    return spans


def place_by_columns(row: Row, values: list[Token], lines: dict[int, str]) -> list[Piece] | None:
    """One piece per cell of `row` (None for a blank) when its values all stand on one text line
    under a header line naming every column; None when positions do not settle it."""
    nums = [t for t in values if t.kind == NUM]
    if not nums or len(nums) >= len(row.cells) or any(t.kind == NULL for t in values):
        return None
    line_no = nums[0].line
    if line_no is None or any(t.line != line_no or t.col is None or t.bbox is not None for t in nums):
        return None
    text = lines.get(line_no)
    if not text:
        return None
    spans = None
    for back in range(1, HEADER_LOOKBACK + 1):
        header = lines.get(line_no - back)
        if header and not any(ch.isdigit() for ch in header):
            spans = _label_spans(header, row)
            if spans:
                break
            if normalize_label(header) and any(k in normalize_label(header) for k in row.keys):
                return None  # another row's label line: no header for this one
    if not spans:
        return None
    # Column k owns the display columns from midway after the previous label to midway before
    # the next one.
    bounds = [(spans[k - 1][1] + spans[k][0]) / 2 if k else float("-inf") for k in range(len(spans))]
    bounds.append(float("inf"))
    pieces: list[Piece] = [None] * len(row.cells)
    for tok in nums:
        start = display_width(text[:tok.col])
        centre = start + display_width(tok.raw) / 2
        k = next(i for i in range(len(spans)) if bounds[i] <= centre < bounds[i + 1])
        if pieces[k] is not None:
            return None  # two values under one column: not a layout this explains
        pieces[k] = (tok, 0, len(tok.text.split(".")[0]))
    return pieces
