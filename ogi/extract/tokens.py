"""Step 1 of the table extraction: blocks → a stream of cell tokens.

Whatever way a table reached the document (a real grid, one cell per line, `cell |` lines,
tab-indented DOCX cells, Markdown rows, or a whole row glued onto one line), it becomes the
same stream: LABEL tokens (text) and VALUE tokens (a number, or NULL for a cell printed blank,
`-`, `—`, `/` or `无`), each with its source location.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple, TypedDict, Unpack

from ..model import Source
from ..read.document import Block, Grid, Paragraph

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom (PDF points), as ogi.read gives it

LABEL = 0
NUM = 1
NULL = 2

NULL_MARKS = frozenset({"-", "—", "——", "–", "―", "－", "/", "／", "无", "\\", "--", "———", "－－", "／／", "空",
                        # Words some reports print in a cell they leave without a figure.
                        "暂无", "不涉及", "N/A", "n/a", "×"})
# A zero typed as a lookalike (〇 or ○ from an input method, 零) or recognised as one by OCR (O,
# o): standing alone as a cell it is the figure 0, in doubt (the cell is uncertain). Read as a
# label it would shift the row's figures into the wrong cells.
ZERO_LOOKALIKES = frozenset({"〇", "○", "零", "O", "o", "Ｏ", "ｏ"})

# A number as printed in a cell: optional sign, digits (thousands separators allowed), optional
# decimals, optional unit. Digits right after 第 (第20条) or in (5) are label text, not values.
# A plus sign, or a dash typed for a minus (—3, –3), counts as a sign only where the figure starts
# a cell (`+3`, `—2` under 本年增/减): between two figures (`1+2`, `2020–2021`) it is text.
_NUMBER = re.compile(
    r"(?P<sign>[-−－+＋—–]?)(?P<int>\d+(?:,\d{3})*)(?P<dec>\.\d+)?(?P<unit>\s*(?:万元|万|元|件|个|项|宗|次))?"
)
_MINUS = "-−－—–"
_CELL_START_SIGNS = "+＋—–"  # signs only at the start of a cell (after nothing, a space or a bar)
# An enumerator at the start of a row label: `1.属于国家秘密`, `2、重复申请`. After glued digits
# (`00000001.属于国家秘密`) its digit is the label's, not the value's.
_ENUM_AFTER = re.compile(r"[.．、](?=[^\d\s])")
_SPLIT_CELLS = re.compile(r"[|\t]")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
# Page furniture inside tables: — 4 —, - 4 -, 第4页, 第 4 页 共 10 页, 4/10.
_PAGE_FOOTER = re.compile(
    r"^\s*(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|"
    r"共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页)\s*$"
)
_SPACES = "\u3000\xa0\u2002\u2003\u2009\u200b\ufeff "
_STRIP = _SPACES + "\r\n"
_STRIP_TAB = _STRIP + "\t"


class GridPlace(NamedTuple):
    """Where in a grid a token stands, and how sure the reader was of its text."""

    block: int | None
    row: int | None
    column: int | None
    bbox: BBox | None
    doubtful: bool


class Where(TypedDict, total=False):
    """A token's location, as the tokenizers hand it down to `Token` (the column apart)."""

    line: int | None
    page: int | None
    block: int | None
    row: int | None
    column: int | None
    bbox: BBox | None
    doubtful: bool


class CellWhere(Where):
    """A cell's location with its column (a row's cells, before they are tokenized)."""

    col: int | None


class Token:
    __slots__ = ("kind", "text", "unit", "sign", "line", "col", "page", "_at", "plain")

    kind: int
    text: str
    unit: str
    sign: str
    line: int | None
    col: int | None
    page: int | None
    _at: GridPlace | None
    plain: bool

    def __init__(self, kind: int, text: str, line: int | None = None, col: int | None = None,
                 page: int | None = None, block: int | None = None, row: int | None = None,
                 column: int | None = None, bbox: BBox | None = None, doubtful: bool = False) -> None:
        self.kind = kind
        self.text = text
        self.unit = ""
        self.sign = ""
        self.line = line
        self.col = col
        self.page = page
        if block is None and bbox is None and not doubtful:
            self._at = None
            # A count printed whole in running text: no sign, unit, decimals or grid position.
            self.plain = kind == NUM and text.isdigit()
        else:
            # Where in a grid, and how sure: rare outside HTML/DOCX/PDF/scans, so kept apart.
            self._at = GridPlace(block, row, column, bbox, doubtful)
            self.plain = False

    @property
    def block(self) -> int | None:
        return self._at.block if self._at else None

    @property
    def row(self) -> int | None:
        return self._at.row if self._at else None

    @property
    def column(self) -> int | None:
        return self._at.column if self._at else None

    @property
    def bbox(self) -> BBox | None:
        return self._at.bbox if self._at else None

    @property
    def doubtful(self) -> bool:
        return bool(self._at and self._at.doubtful)

    def source(self, text: str | None = None, offset: int = 0) -> Source:
        return Source(
            line=self.line,
            col=None if self.col is None else self.col + offset,
            page=self.page,
            bbox=self.bbox,
            block=self.block,
            row=self.row,
            column=self.column,
            text=self.raw if text is None else text,
        )

    @property
    def raw(self) -> str:
        if self.kind == NUM:
            return f"{self.sign}{self.text}{self.unit}"
        return self.text

    def __repr__(self) -> str:  # for --debug and test failures
        kind = {LABEL: "L", NUM: "N", NULL: "∅"}[self.kind]
        return f"{kind}:{self.raw}@{self.line if self.line is not None else self.page}"


def in_grid(token: Token) -> bool:
    """The token comes from a grid's cell (HTML, DOCX, PDF, scan), not from a line of text (which
    may still carry a box, or a doubt)."""
    return token._at is not None and token._at.block is not None


def is_page_furniture(text: str) -> bool:
    return bool(_PAGE_FOOTER.match(text))


_HAS_DIGIT = re.compile(r"\d")


def cell_tokens(text: str, col: int | None = 0, **where: Unpack[Where]) -> Iterator[Token]:
    """Tokens of one cell's text (which may hold a label glued to its values)."""
    stripped = text.strip(_STRIP)
    if not stripped:
        return
    col0 = col or 0
    lead = len(text) - len(text.lstrip(_STRIP)) if text[0] in _STRIP else 0
    # Fast paths for the common cells: a plain count, a label without digits, a blank mark.
    if stripped.isascii() and stripped.isdigit():
        yield Token(NUM, stripped, col=col0 + lead, **where)
    elif not _HAS_DIGIT.search(stripped):
        yield from _words(stripped, col0 + lead, where)
    else:
        yield from _scan(stripped, col0 + lead, where)


# Text around a cell's value that holds digits but is no value: a note in brackets
# (`22（其中修订16件，废止3件）`), a converter's placeholder header (`数据1`, `列2`, `Column3`), a
# measure from markup (`width:57px`, `57pt`, `12%`).
# (The lookahead skips at once the places where none can start; a measure is looked for only at
# the start of a run of digits: inside one it would fail as it failed at the start, and trying
# every place in a long glued run took time growing with the square of its length.)
_NOT_VALUES = re.compile(
    r"(?=[（(数列字表栏CcFf\dwhsbpm])(?:"
    r"[（(]\s*(?:其中|含|包括|包含|另有|另|注|备注)[^）)]*[）)]|"
    r"(?:数据|列|字段|表头|栏|Column|column|Col|col|Field|field)\s*\d+|"
    r"(?<!\d)\d+(?:\.\d+)?\s*(?:px|pt|em|rem|cm|mm)\b|(?:width|height|size|span|border|padding|margin)\s*[:=]\s*[\d.]+)"
)


def is_note(text: str) -> bool:
    """Label text that is only a note or markup beside a value (not a row or header label)."""
    return bool(_NOT_VALUES.fullmatch(text.strip(_STRIP)))


# (The first characters of blank marks and lookalikes: other text is a label, without a look.)
_MARK_STARTS = frozenset(t[0] for t in NULL_MARKS | ZERO_LOOKALIKES)


def _words(text: str, col: int, where: Where) -> Iterator[Token]:
    """The token of text without a figure of digits (stripped): a blank mark, a label, or zeros
    printed as lookalikes (ZERO_LOOKALIKES: one, or a row of them spaced apart, `〇  〇  〇`), each the
    figure 0 in doubt."""
    if text in NULL_MARKS:
        yield Token(NULL, text, col=col, **where)
    elif text[0] in ZERO_LOOKALIKES and all(p in ZERO_LOOKALIKES for p in text.split()):
        doubtful: Where = {**where, "doubtful": True}
        at = 0
        for part in text.split():
            at = text.index(part, at)
            yield Token(NUM, "0", col=col + at, **doubtful)
            at += len(part)
    else:
        yield Token(LABEL, text, col=col, **where)


def _scan(text: str, col0: int, where: Where) -> Iterator[Token]:
    pos = 0
    label_start = 0
    notes = [m.span() for m in _NOT_VALUES.finditer(text)]
    for m in _NUMBER.finditer(text):
        start, end = m.start(), m.end()
        sign = m.group("sign")
        if sign and sign in _CELL_START_SIGNS and start and not (text[start - 1].isspace() or text[start - 1] in "|｜"):
            start, sign = m.start("int"), ""  # (1+2, 2020–2021: the mark is text)
        if start < pos or (notes and any(a <= start < b for a, b in notes)):
            continue
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if after == " " and end + 1 < len(text) and text[end + 1] in "年月日":
            after = text[end + 1]  # 2021 年 1 月 7 日: a date printed with spaces
        digits = m.group("int")
        # Digits inside a label: 第20条, (5), 第(一)项 never has digits; 2019年 in a heading.
        if (before and before in "第(（") or (after and after in "年月日条)）%％"):
            continue
        # A decimal point followed by a non-digit is an enumerator: `1.属于国家秘密`.
        if not m.group("dec") and not m.group("unit") and _ENUM_AFTER.match(text, end):
            enum_len = 1 if len(digits) > 1 or sign else len(digits)
            digits_kept = digits[:-enum_len] if len(digits) > enum_len else ""
            if not digits_kept or before.isdigit():
                continue
            end = m.start("int") + len(digits_kept)
            unit = ""
            dec = ""
        else:
            unit = (m.group("unit") or "").strip()
            dec = m.group("dec") or ""
            digits_kept = digits
        label = text[label_start:start].strip(_SPACES)
        if label[:1] in _MARK_STARTS:
            yield from _words(label, col0 + label_start, where)
        elif label:
            yield Token(LABEL, label, col=col0 + label_start, **where)
        tok = Token(NUM, digits_kept.replace(",", "") + dec, col=col0 + start, **where)
        tok.sign = "-" if sign and sign in _MINUS else ""
        tok.unit = unit
        tok.plain = tok.plain and not tok.sign and not unit
        yield tok
        pos = label_start = end
    rest = text[label_start:].strip(_SPACES)
    if rest:
        yield from _words(rest, col0 + label_start, where)


def _row_tokens(cells: list[tuple[str | None, CellWhere]]) -> Iterator[Token]:
    """Tokens of a table row whose cells are known (a grid row, a Markdown row, a tab row).

    A cell printed blank after the row's label is a NULL value; blank cells before any label
    are the empty label columns of merged row headers and carry nothing.
    """
    tokens = [(None if text is None else list(cell_tokens(text, **where)), where) for text, where in cells]
    kinds = {t.kind for toks, _ in tokens if toks for t in toks}
    # A row of values with no label at all (table 4's): every blank cell is a blank value, the
    # first one too.
    seen_label = NUM in kinds and LABEL not in kinds
    for toks, where in tokens:
        if toks is None:  # covered by a merged cell
            continue
        if not toks:
            # A blank cell after the row's label or after a value is a blank value (table 4's
            # row of values has no label of its own).
            if seen_label:
                yield Token(NULL, "", **where)
            continue
        for t in toks:
            if t.kind != NULL:
                seen_label = True
            yield t


def line_tokens(text: str, line: int | None = None, page: int | None = None, bbox: BBox | None = None,
                bare: bool = False, width: int = 0) -> Iterator[Token]:
    """Tokens of one text line; `bare`: a row of a table html2text drew without outer pipes;
    `width`: the number of cells of the Markdown table the line stands in (0: none known)."""
    stripped = text.strip(_STRIP)
    if not stripped:
        return
    if _HAS_DIGIT.search(stripped) and is_page_furniture(text):
        return
    if "|" not in text and "\t" not in text:
        yield from cell_tokens(text, line=line, col=0, page=page, bbox=bbox)
        return
    stripped = text.strip(_SPACES)
    if _MD_RULE.match(stripped):
        return
    parts = []
    pos = 0
    for m in _SPLIT_CELLS.finditer(text):
        parts.append((text[pos:m.start()], pos))
        pos = m.end()
    parts.append((text[pos:], pos))
    if bare and len(parts) >= 2:
        # Every part is a cell, the first and the last included.
        yield from _row_tokens([(t, {"line": line, "col": c, "page": page}) for t, c in _join_split_decimals(parts)])
        return
    is_markdown = stripped.startswith("|") and stripped.endswith("|") and len(parts) >= 3
    if is_markdown:
        inner = _join_split_decimals(parts[1:-1])  # the strings outside the leading and trailing pipes
        if "<br" in text and len(inner) == width:
            yield from _row_tokens(_join_wrapped(inner, line, page))
            return
        yield from _row_tokens([(t, {"line": line, "col": c, "page": page}) for t, c in inner])
        return
    nonempty = [p for p in parts if p[0].strip(_SPACES)]
    if "\t" in text and len(nonempty) >= 2:
        # A tab-separated row: blanks between its cells are blank cells; leading and trailing
        # tabs are the indentation of merged label columns.
        first = parts.index(nonempty[0])
        last = parts.index(nonempty[-1])
        yield from _row_tokens([(t, {"line": line, "col": c, "page": page}) for t, c in parts[first:last + 1]])
        return
    # `cell |` lines: stray empty cells (`0 | ||`) carry nothing.
    for t, c in nonempty:
        yield from cell_tokens(t, line=line, col=c, page=page, bbox=bbox)


_WRAPPED = re.compile(r"\s*([1-9]\d*)((?:<br\s*/?>\d+)+)\s*")
_BR = re.compile(r"<br\s*/?>")


def _join_wrapped(cells: list[tuple[str, int]], line: int | None, page: int | None) -> list[tuple[str | None, CellWhere]]:
    """`|102<br>4|` in a Markdown row with as many cells as its table has columns: a figure its
    PDF cell wrapped, which the converter kept as a line break. One figure, 1024, in doubt (the
    same break between two figures of cells the converter merged leaves the row short of cells,
    and is not joined). Rows where most figures break, or a part starts with 0, are two rows run
    together, and are left as they are."""
    wrapped = [bool(_WRAPPED.fullmatch(t)) for t, _ in cells]
    figures = sum(1 for (t, _), w in zip(cells, wrapped, strict=True) if w or _FIGURE.fullmatch(t))
    broken_zero = any(p.strip().startswith("0") for t, _ in cells if "<br" in t for p in _BR.split(t)[1:])
    join = 0 < sum(wrapped) <= figures // 2 and not broken_zero
    out: list[tuple[str | None, CellWhere]] = []
    for (t, c), w in zip(cells, wrapped, strict=True):
        if join and w:
            out.append((_BR.sub("", t).strip(), {"line": line, "col": c, "page": page, "doubtful": True}))
        else:
            out.append((t, {"line": line, "col": c, "page": page}))
    return out


_FIGURE = re.compile(r"\s*-?\d+(?:\.\d+)?\s*")
_DECIMAL_HEAD = re.compile(r"^\s*\d+\.\s*$")


def _join_split_decimals(cells: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """`|1.|5|`: a converter that cuts cells at character positions split 1.5 in two; a cell that
    is digits and a point followed by a cell of digits alone is one decimal."""
    out: list[tuple[str, int]] = []
    i = 0
    while i < len(cells):
        text, col = cells[i]
        if i + 1 < len(cells) and _DECIMAL_HEAD.match(text) and cells[i + 1][0].strip().isdigit():
            out.append((text.strip() + cells[i + 1][0].strip(), col))
            i += 2
            continue
        out.append((text, col))
        i += 1
    return out


def grid_tokens(grid: Grid, block: int) -> Iterator[Token]:
    for r, row in enumerate(grid.rows):
        page = grid.row_pages[r] if grid.row_pages else grid.page
        line = None if grid.line is None else grid.line + r
        cells: list[tuple[str | None, CellWhere]] = []
        for c, text in enumerate(row):
            where: CellWhere = {"line": line, "col": None, "page": page, "block": block, "row": r, "column": c,
                     "bbox": grid.boxes[r][c] if grid.boxes else None,
                     "doubtful": bool(grid.doubtful and grid.doubtful[r][c])}
            cells.append((text, where))
        yield from _row_tokens(cells)


def tokenize(blocks: Iterable[Block]) -> list[Token]:
    out: list[Token] = []
    # Inside a table html2text drew without outer pipes (`规章| 1024| 1024| 8` under a `---|---`
    # rule, up to a blank line): its empty cells are blank values too.
    bare = False
    # A Markdown table that repeats a spanning cell in every column it spans (docling's): the
    # columns its last header row repeats (`本年增/减 | 本年增/减`), whose repeated figures are
    # one figure.
    repeated: frozenset[int] = frozenset()
    blocks = blocks if isinstance(blocks, list) else list(blocks)
    for i, b in enumerate(blocks):
        if isinstance(b, Paragraph):
            if not b.text:  # an empty line: no tokens, and the end of a bare table
                bare = False
                repeated = frozenset()
                continue
            if b.text.isspace():  # (blank: what `strip()` leaves nothing of)
                bare = False
            elif "--" in b.text:  # a rule has dashes
                text = b.text.strip()
                if not text.startswith("|") and _MD_RULE.match(text):
                    bare = True
            if b.bbox is None:
                shape = _line_shape(b.text, bare)
                if shape is not None:
                    if shape and b.text[:1] == "|":
                        repeated, spans = _repeats(b.text, [t[0] for t in shape], repeated)
                        if spans:
                            shape = tuple(t for t in shape if t[0] == LABEL or not _within(t[2], spans))
                    line, page = b.line, b.page
                    for kind, text, col in shape:
                        out.append(Token(kind, text, line, col, page))
                    continue
            tokens = line_tokens(b.text, b.line, b.page, b.bbox, bare,
                                 _table_width(blocks, i) if "<br" in b.text else 0)
            if b.text[:1] == "|" and (row := list(tokens)):
                repeated, spans = _repeats(b.text, [t.kind for t in row], repeated)
                if spans:
                    row = [t for t in row if t.kind == LABEL or t.col is None or not _within(t.col, spans)]
                tokens = iter(row)
            out.extend(tokens if b.xs is None or b.bbox is None else _in_place(tokens, b.xs, b.bbox))
        else:
            out.extend(grid_tokens(b, i))
    return out


def _md_parts(row: str) -> tuple[list[str], int]:
    """The cells of a Markdown row as printed (between its pipes), and where the first begins."""
    first = row.index("|") + 1
    inner = row.rstrip()[first:]
    return (inner[:-1] if inner.endswith("|") else inner).split("|"), first


def _repeats(row: str, kinds: list[int], repeated: frozenset[int]) -> tuple[frozenset[int], list[tuple[int, int]]]:
    """For a Markdown row of tokens of `kinds`: the columns repeated from here on (a header row
    of labels says anew), and where this row's repeated figures stand (to leave out)."""
    if all(kind == LABEL for kind in kinds):
        return _repeated_columns(row), []
    return repeated, _repeat_spans(row, repeated) if repeated else []


def _repeated_columns(row: str) -> frozenset[int]:
    """The columns of a Markdown header row that repeat the cell before them (a spanning cell)."""
    cells = [c.strip(_STRIP) for c in _md_parts(row)[0]]
    return frozenset(j for j in range(1, len(cells)) if cells[j] and cells[j] == cells[j - 1])


def _repeat_spans(row: str, repeated: frozenset[int]) -> list[tuple[int, int]]:
    """Where in a row the cells stand whose figure repeats the one before them under a repeated
    header column (the same figure printed into each column of its spanning cell); none when a
    column's figure differs from its neighbour's (no repeat: the row keeps every figure)."""
    parts, offset = _md_parts(row)
    cells = [c.strip(_STRIP) for c in parts]
    if any(j >= len(cells) or cells[j] != cells[j - 1] for j in repeated):
        return []
    spans = []  # where each cell's part stands in the row
    for part in parts:
        spans.append((offset, offset + len(part)))
        offset += len(part) + 1
    return [spans[j] for j in repeated]


def _within(col: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= col < b for a, b in spans)


def _in_place(tokens: Iterable[Token], xs: Sequence[float], line: BBox) -> Iterator[Token]:
    """A PDF line's tokens, each with the box of its own characters (`xs`: x0 and x1 of character
    i at 2i and 2i + 1) rather than the line's: where a figure stands in a table drawn without
    vertical rules (columns.py)."""
    n = len(xs) // 2
    for t in tokens:
        if t.col is not None and t._at is not None and 0 <= t.col < n:
            end = min(n, t.col + max(1, len(t.raw))) - 1
            t._at = t._at._replace(bbox=(xs[2 * t.col], line[1], xs[2 * end + 1], line[3]))
        yield t


def _table_width(blocks: list[Block], i: int) -> int:
    """The cells of the Markdown table paragraph `i` stands in, from the `|---|` rule above it (0
    when there is none: the line is not in a Markdown table). Looked for only for the rare line
    that needs it (a cell's line break)."""
    for b in reversed(blocks[max(0, i - 200):i]):
        text = b.text.strip() if isinstance(b, Paragraph) else ""
        if not text.startswith("|"):
            return 0
        if "--" in text and _MD_RULE.match(text):
            return text.strip("|").count("|") + 1
    return 0


# The kind of an empty cell's token in `_line_shape`: it has none.
_EMPTY = -1

# A row label led by its one-digit enumerator and holding no other digit: `1.属于国家秘密`. (A
# longer run of digits before the point is a value glued to the enumerator, `01.属于国家秘密`,
# which `_scan` splits off: such a line takes `line_tokens`.)
_ENUM_LABEL = re.compile(r"\d[.．、][^\d\s.．、][^\d]*$")


@functools.lru_cache(maxsize=8192)
def _line_shape(text: str, bare: bool = False) -> tuple[tuple[int, str, int], ...] | None:
    """The tokens of the commonest lines of flattened tables, as (kind, text, column): a bare
    count or label, one tab-indented DOCX cell, `cell |` lines and Markdown rows whose cells are
    plain counts, labels or blanks. None for anything subtler (units, signs, glued labels, page
    furniture), which takes `line_tokens`. (The speed of `ogi parse` is mostly here; the same
    lines, the rows' labels and their counts, come back in every report, so the shape of a line is
    kept: only its tokens are made anew.)"""
    stripped = text.strip(_STRIP_TAB)
    if not stripped:
        return ()
    if "\t" in text:
        if "|" in text or "\t" in stripped or bare:
            return None  # tabs between cells, or in an html2text table, where a tab is a blank cell
        if "--" in stripped and _MD_RULE.match(stripped):
            return ()  # a rule indented by a tab
    if "|" not in stripped:
        if stripped.isdigit() and stripped.isascii():
            return ((NUM, stripped, text.find(stripped)),)
        if stripped[0] in ZERO_LOOKALIKES:
            return None  # (a zero printed as a lookalike, or a row of them: `line_tokens`)
        if not _HAS_DIGIT.search(stripped) or _ENUM_LABEL.match(stripped):
            return ((NULL if stripped in NULL_MARKS else LABEL, stripped, text.find(stripped)),)
        return None
    if "\t" in stripped:
        return None
    parts = text.split("|")
    cells = [p.strip(_STRIP) for p in parts]
    kinds: list[int] = []  # each cell's token kind (_EMPTY: none), told while checking the cells
    for c in cells:
        if not c:
            kinds.append(_EMPTY)
        elif c.isdecimal():  # not isdigit: ② and ² are digits to Python, yet no count
            if not c.isascii() and _HAS_DIGIT.search(c) and not _ENUM_LABEL.match(c):
                return None  # (decimal digits other than ASCII: `line_tokens`)
            kinds.append(NUM)
        elif _HAS_DIGIT.search(c) and not _ENUM_LABEL.match(c):
            return None
        else:
            if c[0] in ZERO_LOOKALIKES:
                return None
            kinds.append(NULL if c in NULL_MARKS else LABEL)
    if "--" in stripped and _MD_RULE.match(stripped):  # (a rule has dashes)
        return ()
    markdown = stripped[0] == "|" and stripped[-1] == "|" and len(parts) >= 3
    # No outer pipes in html2text's tables: every part is a cell, the first and last included
    # (`| 0| 0| | 0|` is a blank, 0, 0, a blank, 0, a blank).
    bare = bare and len(parts) >= 2
    markdown = markdown and not bare
    out: list[tuple[int, str, int]] = []
    col = 0
    if not (markdown or bare):
        # `cell |` lines: empty cells carry nothing.
        for part, cell, kind in zip(parts, cells, kinds, strict=True):
            if cell:
                out.append((kind, cell, col + part.find(cell)))
            col += len(part) + 1
        return tuple(out)
    # A row of values with no label (table 4's): its first blank cell is a blank value too.
    seen_label = NUM in kinds and LABEL not in kinds
    first, last = (-1, len(parts)) if bare else (0, len(parts) - 1)
    for n, (part, cell, kind) in enumerate(zip(parts, cells, kinds, strict=True)):
        if cell:
            seen_label = seen_label or kind != NULL
            out.append((kind, cell, col + part.find(cell)))
        elif seen_label and first < n < last:
            out.append((NULL, "", col))  # a Markdown cell printed blank
        col += len(part) + 1
    return tuple(out)


# What an OCR makes of a row of zeros and rules, never a figure or a word of a report: digits
# and the letters that look like 0, 1 and | in one token (`0o`, `1O1`, `0|10100001n`), letters
# alone run together (`olololo`, `Lohofhohohola`), zeros read as a pair of o's (`0 oo oo`).
_RULES_AND_ZEROS = re.compile(
    r"(?<![A-Za-z])(?=[0-9oOlI|]*[0-9])(?=[0-9oOlI|]*[oOlI])[0-9oOlI|]{2,}(?![A-Za-z])"
    r"|(?<![A-Za-z0-9])\d{3,}[a-z](?![A-Za-z])|(?<![A-Za-z])[oOlLIihfan]{6,}(?![A-Za-z])"
    r"|(?<![A-Za-z0-9])[oO]{2,}(?![A-Za-z0-9])")
_ZERO_LETTERS = "oOlIn"
OCR_JUNK_LINES = 2  # lines that show it: one could be a slip of anyone's


# A page number between dashes an OCR read one of as 一 (`—1—` read `-1一`): no one types that.
_OCR_PAGE_NUMBER = re.compile(r"\n[ \t]*(?:[-—－–][ \t]*\d{1,3}[ \t]*一|一[ \t]*\d{1,3}[ \t]*[-—－–])[ \t]*(?=\n)")


def ocr_made(text: str) -> bool:
    """The text is an OCR's: it reads a table's zeros and rules as letters (Tesseract), or a page
    number's dash as 一 (rapidocr)."""
    if _OCR_PAGE_NUMBER.search(text):
        return True
    if not ("o" in text or "O" in text or "l" in text):
        return False  # (nearly every report's text: three quick scans)
    found = 0
    for line in text.split("\n"):
        # (The expression only on the few lines with such a letter: it is slow on long CJK lines.)
        if any(ch in line for ch in _ZERO_LETTERS) and _RULES_AND_ZEROS.search(line) \
                and "://" not in line and "www." not in line:  # (not a link's path)
            found += 1
            if found >= OCR_JUNK_LINES:
                return True
    return False
