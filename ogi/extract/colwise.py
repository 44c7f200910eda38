"""A reading of a table printed column by column: each column's header, then that column's values
for the rows under it, band after band (pdftotext's default mode prints table 2 so):

    规章  规范性文件  行政许可  …  政府集中采购        (the row labels, all first)
    本年新制作数量  64  3                               (a column header, then one value per row)
    本年新公开数量  5  5
    …
    上一年项目数量  5  5                                 (the next band: 行政许可, 其他对外管理服务事项)

A band is a run of consecutive rows under one merged group label (第二十条第（五）项) that share
their columns. The format fixes the order of bands and of their columns, so the reading is the
only one this order allows: a column's values are placed only when the header printed just before
them is that column's and they are exactly as many as the band has rows. A column whose count
differs (a blank cell the converter did not print) leaves its band unread: nothing says which row
lost its value. The reading stops at the first header that is not the next one expected.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..formats import CellId, Column, Row, Table, normalize_label
from .tables import MAX_VALUE_DIGITS, Run
from .tokens import NULL, NUM, Token


@dataclass(frozen=True)
class Band:
    """Consecutive rows under one group label that share their columns."""

    rows: tuple[Row, ...]
    columns: tuple[Column, ...]


def bands(table: Table) -> tuple[Band, ...]:
    out: list[Band] = []
    for row in table.rows:
        last = out[-1] if out else None
        if last is not None and row.group is not None and last.rows[-1].group == row.group and \
                last.columns == row.columns:
            out[-1] = Band(last.rows + (row,), last.columns)
        else:
            out.append(Band((row,), row.columns))
    return tuple(out)


def _names(col: Column) -> tuple[str, ...]:
    return tuple(n for n in {normalize_label(x) for x in (col.label, *col.aliases)} if n)


# A header wrapped over several lines is matched over at most this many label lines.
MAX_HEADER_LINES = 3


def _header_at(pairs: list[tuple[str, int | None, list[Token]]], at: int, col: Column) -> int | None:
    """How many label lines from `at` on print the column's header (None: they do not). The
    shortest that ends with it: a header printed alone on a line, with no value after it, is a
    column printed without values, not part of the next header."""
    names = _names(col)
    text = ""
    for k in range(MAX_HEADER_LINES):
        if at + k >= len(pairs) or (k and pairs[at + k - 1][2]):
            return None  # (values in between: not one header)
        text += pairs[at + k][0]
        if any(text.endswith(n) for n in names):
            return k + 1
    return None


def _one_per_line(vals: list[Token], header_line: int | None) -> bool:
    """The values stand one per line below their header, as a column printed as lines of text
    does: a figure, or a printed mark for a blank (`-`, `/`). Empty cells of a grid beside the
    header (`| 本年新制作数量 |     |     |`, Markdown) are not a column of values."""
    lines = [t.line for t in vals]
    return header_line is not None and all(n is not None and n > header_line for n in lines) and \
        len(set(lines)) == len(lines) and all(
            (t.kind == NUM and len(t.text.split(".")[0]) <= MAX_VALUE_DIGITS) or (t.kind == NULL and t.text)
            for t in vals)


@dataclass
class ColumnReading:
    """Cells read column by column: each with its token (None for a printed blank)."""

    cells: dict[CellId, Token]
    units: dict[CellId, str]  # the unit the column's header states for an amount ("万元", "元", "")
    bands_read: int  # bands whose every column was placed
    bands: int  # bands in the table
    steps: list[str]  # what was matched, for --debug


def column_reading(rs: list[Run], zone: tuple[int, int], table: Table) -> ColumnReading | None:
    """The bands of the table read column by column, or None when no band is printed that way
    (the first band's first column header is nowhere in the zone, or no band's columns fit)."""
    start, end = zone
    # (label line, its line number, the value tokens right after it), in printed order.
    pairs: list[tuple[str, int | None, list[Token]]] = []
    for r in rs[start:end]:
        if r.is_label:
            pairs.extend((normalize_label(t.text), t.line, []) for t in r.tokens)
        elif pairs:
            pairs[-1][2].extend(r.tokens)
    all_bands = bands(table)
    expected = [(band, col) for band in all_bands for col in band.columns]
    if not expected:
        return None
    first_col = expected[0][1]
    at = next((k for k in range(len(pairs)) if _header_at(pairs, k, first_col)), None)
    if at is None:
        return None
    cells: dict[CellId, Token] = {}
    units: dict[CellId, str] = {}
    steps: list[str] = []
    failed: set[int] = set()  # bands with a column that did not fit
    placed: dict[int, int] = {}  # band → columns placed
    band_index = {id(b): n for n, b in enumerate(all_bands)}
    for band, col in expected:
        if at >= len(pairs):
            break
        lines = _header_at(pairs, at, col)
        if lines is None:
            steps.append(f"stopped at 「{pairs[at][0][:20]}」: not the header {col.label} expected next")
            break
        header = "".join(p[0] for p in pairs[at:at + lines])
        _, header_line, vals = pairs[at + lines - 1]
        at += lines
        n = band_index[id(band)]
        usable = _one_per_line(vals, header_line)
        if len(vals) != len(band.rows) or not usable:
            # A blank cell leaves nothing in this text, and the converter then moves the values
            # of the cells beside it to another column's run (行政许可's blank 处理决定数量 sent
            # 其他对外管理服务事项's 0 after 行政处罚's): from here on a count that fits proves
            # nothing, so only the bands before are read.
            failed.add(n)
            steps.append(f"{col.label}: {len(vals)} values for {len(band.rows)} rows; stopped, the bands from "
                         "here on left unread")
            break
        unit = "万元" if "万元" in header else "元" if "元" in header else ""
        for row, tok in zip(band.rows, vals, strict=True):
            cell = row.cells[band.columns.index(col)]
            cells[cell] = tok
            units[cell] = unit
        placed[n] = placed.get(n, 0) + 1
        steps.append(f"{col.label}: {' '.join(t.raw for t in vals)}")
    done = {n for n, k in placed.items() if n not in failed and k == len(all_bands[n].columns)}
    keep = {c: t for c, t in cells.items()
            if any(c in row.cells for n in done for row in all_bands[n].rows)}
    if not keep:
        return None
    return ColumnReading(keep, {c: units[c] for c in keep}, len(done), len(all_bands), steps)
