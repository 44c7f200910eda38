"""Values placed by their column position in space-aligned text (pdftotext -layout, pandoc and
LibreOffice plain text): a blank cell leaves only spaces, so a row prints fewer values than it has
cells; the header line above it says which column each value stands under.

    信息内容                 上一年项目数量   本年增/减        处理决定数量
    行政许可                 1                                 13

gives 上一年项目数量 1, 本年增/减 blank, 处理决定数量 13, where splitting "1 13" as glued digits would
not know where the blank was. Positions are display columns (a CJK character is two wide: text laid
out for a monospaced screen, as pandoc and LibreOffice lay it out) or characters (pdftotext -layout
puts every glyph, CJK or not, in one cell of its grid): the table's complete rows say which.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from ..formats import INFO_HEADER, Row, normalize_label
from .split import Piece
from .tokens import NULL, NUM, Token

if TYPE_CHECKING:
    from .tables import Segment


class Columns(NamedTuple):
    """Where a kind of row's values stand: each column's mean position, in the unit of width the
    text is aligned in (`display_width` or `len`), or on the page (None: a PDF line's figures,
    each in its own box)."""

    means: list[float]
    width: Callable[[str], int] | None
    # A lone complete row lines up in display columns and in characters alike: the placement in
    # the other unit, which must agree (`place_by_columns`).
    other: Columns | None = None


# A complete row (every cell printed on the row's own line): where it stands (its line, or its
# place on a PDF's page, `pdf_line`), its values and its line's text (None on a PDF's page).
CompleteRow = tuple[float, list[Token], str | None]
# The table's complete rows per kind of row (its columns' ids), in the order they stand.
ColumnPositions = dict[tuple[str, ...], list[CompleteRow]]

# How far above a row its header line may stand, in lines.
HEADER_LOOKBACK = 12


def display_width(text: str) -> int:
    if text.isascii():  # the common case, without a look at each character
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _header_garbled(row: Row, line_no: int, lines: Mapping[int, str]) -> bool:
    """The row's header line prints 信息内容 but none of its column labels (an OCR's
    `信息内容 下一年项目区是 林年增/减 浆主天定数晤`): its text is an OCR's, whose spacing says
    little of where a lost figure stood."""
    for back in range(1, HEADER_LOOKBACK + 1):
        header = lines.get(line_no - back)
        if header and header.strip() and not any(ch.isdigit() for ch in header):  # (the nearest line of words)
            return INFO_HEADER in header and not any(
                name in header for col in row.columns for name in (col.label, *col.aliases))
    return False


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


def _centres(tokens: list[Token], text: str, measure: Callable[[str], int] = display_width) -> list[float]:
    """The position of each token's middle: `measure(text[:tok.col]) + measure(tok.raw) / 2`, the
    text's width measured on from the previous token rather than from the line's start (a whole
    report printed as one line was measured again for every value); the same figures, as widths
    add up."""
    out = []
    at = width = 0  # the width of text[:at]
    for tok in tokens:
        col = len(text) if tok.col is None else tok.col  # (text[:None] is the whole text)
        if col < at:  # (out of order: measured from the start)
            at = width = 0
        width += measure(text[at:col])
        at = col
        out.append(width + measure(tok.raw) / 2)
    return out


def _row_centres(values: list[Token], text: str | None, measure: Callable[[str], int] | None) -> list[float]:
    """Where the row's values stand: measured in its text, or (no text) their boxes' middles."""
    if text is None or measure is None:
        return [(t.bbox[0] + t.bbox[2]) / 2 if t.bbox else 0.0 for t in values]
    return _centres(values, text, measure)


def pdf_line(values: list[Token]) -> float | None:
    """Where the row stands when its figures are all on one text line of a PDF's page, each in a
    box of its own (`tokens._in_place`): page and top, as one number (the page counting for more
    than any top); None otherwise."""
    nums = [t for t in values if t.kind == NUM]
    if not nums or any(t.kind == NULL for t in values):
        return None
    first = nums[0]
    box, page = first.bbox, first.page
    if first.line is not None or box is None or page is None or first.block is not None:
        return None
    if any(t.line is not None or t.bbox is None or t.page != page or t.bbox[1] != box[1] or t.block is not None
           for t in nums):
        return None
    return page * 100_000 + box[1]


def _one_line(values: list[Token]) -> int | None:
    nums = [t for t in values if t.kind == NUM]
    if not nums or any(t.kind == NULL for t in values):
        return None
    line = nums[0].line
    if line is None or any(t.line != line or t.col is None or t.bbox is not None for t in nums):
        return None
    return line


def column_positions(segments: list[Segment], lines: Mapping[int, str], ocr_text: bool = False) -> ColumnPositions:
    """The table's complete rows (every cell printed on the row's own line), per kind of row (its
    columns): value positions in space-aligned text need not line up with the header's words
    (pdftotext -layout), but they do with each other (`reference_columns`). None in an OCR's text
    (`tokens.ocr_made`), whose spacing is the OCR's guess: no complete row vouches for another's."""
    found: ColumnPositions = {}
    if ocr_text:
        return found
    for seg in segments:
        if len(seg.rows) != 1:
            continue
        row = seg.rows[0]
        values = seg.values[:len(row.cells)]
        if len(values) != len(row.cells):
            continue  # not a complete row
        line = _one_line(values)
        if line is not None and line in lines:
            found.setdefault(tuple(c.id for c in row.columns), []).append((line, values, lines[line]))
        elif (at := pdf_line(values)) is not None:
            found.setdefault(tuple(c.id for c in row.columns), []).append((at, values, None))
    return found


def reference_columns(columns: ColumnPositions, row: Row, line: float | None) -> Columns | None:
    """Where the values of `row` printed on `line` (a text line, or a place on a PDF's page:
    `pdf_line`) stand, as its two nearest complete rows of the same kind print theirs, when the
    two agree. (Near, not all: pdftotext -layout prints the rows right under a tall header a few
    characters narrower than the rest of the table.)"""
    complete = columns.get(tuple(c.id for c in row.columns))
    if not complete or line is None:
        return None
    rows = sorted(complete, key=lambda r: (abs(r[0] - line), r[0]))[:2]
    best: tuple[float, Columns] | None = None
    # In display columns or in characters: the unit in which the rows' values line up (the row
    # labels' CJK characters shift them in the other). A lone row agrees with itself in either:
    # display columns, as before there was a choice. (On a PDF's page: where the boxes stand.)
    measures: tuple[Callable[[str], int] | None, ...] = (
        (None,) if rows[0][2] is None else (display_width, len) if len(rows) >= 2 else (display_width,))
    for measure in measures:
        centres = [_row_centres(values, text, measure) for _, values, text in rows]
        means = [sum(col) / len(col) for col in zip(*centres, strict=True)]
        if len(rows) == 1 and measure is display_width:
            in_chars = [sum(col) / len(col) for col in zip(*(_row_centres(v, t, len) for _, v, t in rows), strict=True)]
            other = Columns(in_chars, len)
        else:
            other = None
        gaps = [b - a for a, b in zip(means, means[1:], strict=False)]
        # Space-aligned text puts a column's values at one position on every row; text whose
        # spaces were collapsed (one space between values, the label's length shifting them) does
        # not, and its positions say nothing about where a blank cell was.
        spread = max(abs(p - m) for row in centres for p, m in zip(row, means, strict=True))
        # (A lone complete row cannot show its positions are shared; its wide gaps must.)
        if gaps and min(gaps) > 0 and spread <= min(gaps) / 4 and (len(rows) >= 2 or min(gaps) >= 6):
            if best is None or spread / min(gaps) < best[0]:
                best = (spread / min(gaps), Columns(means, measure, other))
    return best[1] if best is not None else None


def place_by_lines(width: int, values: list[Token], anchor_line: int | None,
                   lines: Mapping[int, str]) -> list[Piece] | None:
    """One cell per line, a blank cell an empty line (LibreOffice's text export): the row's cells
    are the `width` lines after its label, so each figure's line says its cell. None unless every
    figure stands alone on one of those lines and the lines without a figure are empty."""
    if anchor_line is None or not values or len(values) >= width:
        return None
    span = range(anchor_line + 1, anchor_line + width + 1)
    taken = [t.line for t in values]
    if any(n not in span for n in taken) or len(set(taken)) != len(taken) or any(t.kind != NUM for t in values):
        return None
    if any(n not in taken and lines.get(n, "").strip() for n in span):
        return None  # a line of words among the row's: not one cell per line
    by_line = {t.line: t for t in values}
    return [None if (t := by_line.get(n)) is None else (t, 0, len(t.text.split(".")[0])) for n in span]


_RULER = re.compile(r"^\s*-{3,}(?:\s+-{3,})+\s*$")


def ruler_spans(width: int, line_no: int | None, lines: Mapping[int, str]) -> list[tuple[int, int]] | None:
    """The columns a pandoc table draws as runs of dashes above its rows (`----- ----- -----`):
    the display spans of the row's `width` cells, when the nearest ruler above has that many runs
    (or one more, the label column). None without such a ruler."""
    if line_no is None:
        return None
    for back in range(1, HEADER_LOOKBACK + 1):
        text = lines.get(line_no - back)
        if text is None or not _RULER.match(text):
            continue
        spans = [(m.start(), m.end()) for m in re.finditer(r"-{3,}", text)]
        if len(spans) == width + 1:
            spans = spans[1:]
        return spans if len(spans) == width else None
    return None


def place_by_columns(row: Row, values: list[Token], lines: Mapping[int, str],
                     reference: Columns | None = None,
                     spans: list[tuple[int, int]] | None = None) -> list[Piece] | None:
    """One piece per cell of `row` (None for a blank) when its values all stand on one text line
    and their positions say which column each is in: near the same column's values in the
    table's complete rows (`reference`), else within the span of the column's header word. None
    when positions do not settle it (the caller then splits, and flags, as before)."""
    nums = [t for t in values if t.kind == NUM]
    if reference is not None and reference.width is None:
        # A PDF line's figures in boxes of their own, under the nearest complete rows' boxes.
        if pdf_line(values) is None or len(nums) >= len(row.cells) or len(reference.means) != len(row.cells):
            return None
        return _under(nums, _row_centres(nums, None, None), reference.means, len(row.cells))
    if not spaced_row(row, values, lines):
        return None
    line_no = _one_line(values)
    if line_no is None:
        return None  # (`spaced_row` found the row on one line: never so)
    text = lines[line_no]
    if spans:
        targets = [(float(a), float(b)) for a, b in spans]  # the table's own ruler
    elif reference and len(reference.means) == len(row.cells) and reference.width is not None:
        if _header_garbled(row, line_no, lines):
            return None
        return _under(nums, _centres(nums, text, reference.width), reference.means, len(row.cells))
    else:
        spans = _header_spans(row, line_no, lines)
        if not spans:
            return None
        targets = [(a - 2, b + 2) for a, b in spans]
    return _placed(nums, _centres(nums, text), targets, len(row.cells))


def unit_unsettled(row: Row, values: list[Token], lines: Mapping[int, str], reference: Columns | None,
                   placed: list[Piece]) -> bool:
    """The row's figures go under other columns when its lone complete row is measured in the
    other unit (pdftotext -layout counts a CJK character one wide, pandoc two; one row cannot
    show which): the placement is a guess."""
    other = reference.other if reference is not None else None
    line_no = _one_line(values)
    if other is None or other.width is None or line_no is None or line_no not in lines:
        return False
    nums = [t for t in values if t.kind == NUM]
    return _under(nums, _centres(nums, lines[line_no], other.width), other.means, len(row.cells)) != placed


def _under(nums: list[Token], centres: list[float], means: list[float], width: int) -> list[Piece] | None:
    """Each figure in the column whose mean position it stands within half the narrowest gap of."""
    gaps = [b - a for a, b in zip(means, means[1:], strict=False)]
    tolerance = min(gaps) / 2 if gaps else 4.0
    return _placed(nums, centres, [(c - tolerance, c + tolerance) for c in means], width)


def _placed(nums: list[Token], centres: list[float], targets: list[tuple[float, float]], width: int) -> list[Piece] | None:
    """One piece per cell (None for a blank): each figure in the one span its middle falls in;
    None when one falls between spans, or two in one."""
    pieces: list[Piece] = [None] * width
    for tok, centre in zip(nums, centres, strict=True):
        hits = [k for k, (lo, hi) in enumerate(targets) if lo <= centre < hi]
        if len(hits) != 1 or pieces[hits[0]] is not None:
            return None  # between columns, or two values under one: not a layout this explains
        pieces[hits[0]] = (tok, 0, len(tok.text.split(".")[0]))
    return pieces


# Latin letters among a row's figures (`spaced_row`); a word for no figure (tokens.NULL_MARKS) aside.
_OCR_JUNK = re.compile(r"[A-Za-z]")
_NULL_WORDS = re.compile(r"N/A|n/a")


def spaced_row(row: Row, values: list[Token], lines: Mapping[int, str]) -> bool:
    """The row's values stand on one text line with fewer figures than cells, spaced as
    space-aligned text spaces them: what `place_by_columns` needs before it looks further."""
    nums = [t for t in values if t.kind == NUM]
    line_no = _one_line(values)
    if line_no is None or len(nums) >= len(row.cells):
        return False
    text = lines.get(line_no)
    # (One space between values: nothing shows where the blank cell was.)
    if not text:
        return False
    # Latin letters among the figures are an OCR's reading of zeros and rules (`0|olololo|lolho`):
    # the cells they stand in are unread, not blank, so no position places the figures.
    first = nums[0].col if nums and nums[0].col is not None else len(text)
    if _OCR_JUNK.search(_NULL_WORDS.sub("", text[first:])):
        return False
    # (`_one_line` saw every figure's column.)
    return _spaced([(t.col, len(t.raw)) for t in nums if t.col is not None], text)


def _spaced(spots: list[tuple[int, int]], text: str) -> bool:
    """The values (each its column and printed length) stand apart by more than a single space
    somewhere (the gap a blank cell leaves in space-aligned text), not one space after the other
    as collapsed text prints them."""
    n = len(text)
    starts = [0] + [col + width for col, width in spots[:-1]]
    for a, (col, _) in zip(starts, spots, strict=True):
        # The gap text[a:col] ends in three spaces (its last three characters are; the gap
        # itself is not copied: on a whole report printed as one line it is long).
        b = min(col, n)
        if b - a >= 3 and text[b - 3:b].isspace():
            return True
    return False


def _header_spans(row: Row, line_no: int, lines: Mapping[int, str]) -> list[tuple[int, int]] | None:
    for back in range(1, HEADER_LOOKBACK + 1):
        header = lines.get(line_no - back)
        if header and not any(ch.isdigit() for ch in header):
            spans = _label_spans(header, row)
            if spans:
                return spans
            norm = normalize_label(header)
            if norm and any(k in norm for k in row.keys):
                return None  # another row's label line: no header for this one
    return None
