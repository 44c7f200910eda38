"""The statistical tables as grids of merged cells, the way the format notice draws them.

One drawing serves every writer: `ogi.render` (DOCX, HTML, Markdown, PDF), `ogi.show` (the
terminal) and `ogi.synth` (plain-text layouts). Everything comes from the format: rows, row
groups, columns and their labels, and the table's `Shape` — its layout kind and header:

- BLOCKS (table 2): one block per row group (第二十条 item) — the group as a full-width band,
  a header row (the shape's corner, 信息内容, then the block's column labels), then the block's
  rows; a block with fewer columns than the widest one lets its last column span the rest;
- NESTED (table 3): label columns where row groups nest (三、本年度办理结果 spans its outcome
  rows, （三）不予公开 etc. span their reasons), a header tree over the columns (申请人情况 →
  自然人 / 法人或其他组织 (商业企业 … 其他) / 总计), the corner note;
- TREE (table 4): no label column; a header tree over the columns and one row of values.

A skeleton (values blank) depends only on the table and on which row groups a report prints as
one row; it is made once and kept on the table. Writers fill in the values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .base import BLOCKS, NESTED, TREE, Row, RowGroup, Table
from .ids import CellId, RowId
from .shared import HEADER_SEPARATOR

HEAD = "head"  # a printed header label
LABEL = "label"  # a row label
VALUE = "value"  # a number (or blank)
NOTE = "note"  # the 勾稽关系 note
BAND = "band"  # a full-width band (第二十条第（一）项)


@dataclass(frozen=True)
class GridCell:
    """One printed cell at its origin; `rowspan`/`colspan` cover the positions it merges."""

    row: int
    col: int
    text: str
    role: str
    rowspan: int = 1
    colspan: int = 1
    cell: CellId | None = None  # the cell id of a VALUE
    align: str = "center"  # "center" or "left"


@dataclass(frozen=True)
class TableGrid:
    table: Table
    n_rows: int  # cells are listed in row-major order of their origins
    n_cols: int
    header_rows: int  # the first rows that form the header (repeated on each page)
    label_cols: int  # the first columns that hold row labels
    cells: tuple[GridCell, ...]
    widths: tuple[float, ...]  # relative column widths, summing to 1

    def origin_at(self) -> dict[tuple[int, int], GridCell]:
        return {(c.row, c.col): c for c in self.cells}

    def covered(self) -> dict[tuple[int, int], GridCell]:
        """Every position → the cell printed over it (its origin or a merge reaching it)."""
        out: dict[tuple[int, int], GridCell] = {}
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    out[(r, k)] = c
        return out

    def text_rows(self) -> list[list[str | None]]:
        """The grid as a reader sees it: text at each origin, `None` where a merge covers."""
        rows: list[list[str | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            rows[c.row][c.col] = c.text
        return rows


def collapsed(table: Table, group: RowGroup, cells: Mapping[CellId, object]) -> bool:
    """Whether the report prints `group` as one row (a 2021 report with （六）其他处理 whole)."""
    if not group.collapsible:
        return False
    sub = [c for r in table.rows if r.group == group.id for c in r.cells]
    return any(c in cells for c in group.collapsed_cells) and not any(c in cells for c in sub)


def table_rows(table: Table, cells: Mapping[CellId, object]) -> tuple[Row, ...]:
    """The rows this report prints: the format's rows, with collapsed groups as one row."""
    out: list[Row] = []
    done: set[str] = set()
    for row in table.rows:
        group = next((g for g in table.groups if g.id == row.group), None)
        if group is not None and collapsed(table, group, cells):
            if group.id not in done:
                done.add(group.id)
                out.append(Row(RowId(group.id), group.label, group.collapsed_cells, row.columns, group.keys, (), None))
            continue
        out.append(row)
    return tuple(out)


# -- table 2: blocks -----------------------------------------------------------------------------

def _blocks_grid(table: Table, rows: Sequence[Row]) -> TableGrid:
    width = max(len(r.columns) for r in rows)
    n_cols = 1 + width
    cells: list[GridCell] = []
    r = 0
    groups = {g.id: g for g in table.groups}
    blocks: list[tuple[str | None, list[Row]]] = []
    for row in rows:
        if blocks and blocks[-1][0] == row.group:
            blocks[-1][1].append(row)
        else:
            blocks.append((row.group, [row]))
    for group_id, block in blocks:
        if group_id is not None:
            cells.append(GridCell(r, 0, groups[group_id].label, BAND, colspan=n_cols, align="left"))
            r += 1
        columns = block[0].columns
        cells.append(GridCell(r, 0, table.shape.corner, HEAD))
        for i, col in enumerate(columns):
            span = width - i if i == len(columns) - 1 else 1
            cells.append(GridCell(r, 1 + i, col.label, HEAD, colspan=span))
        r += 1
        for row in block:
            cells.append(GridCell(r, 0, row.label, LABEL))
            for i, cid in enumerate(row.cells):
                span = width - i if i == len(row.cells) - 1 else 1
                cells.append(GridCell(r, 1 + i, "", VALUE, colspan=span, cell=cid))
            r += 1
    widths = (0.34,) + tuple(0.66 / width for _ in range(width))
    return TableGrid(table, r, n_cols, 0, 1, tuple(cells), widths)


# -- header trees (tables 3 and 4) ----------------------------------------------------------------

def _header_tree(paths: Sequence[tuple[str, ...]], first_col: int) -> tuple[list[GridCell], int]:
    """Header cells for columns whose labels are paths (outer → inner); leaves reach the bottom."""
    depth = max(len(p) for p in paths)
    cells: list[GridCell] = []
    for level in range(depth):
        i = 0
        while i < len(paths):
            path = paths[i]
            if len(path) <= level:
                i += 1
                continue
            j = i + 1
            while j < len(paths) and len(paths[j]) > level and paths[j][: level + 1] == path[: level + 1]:
                j += 1
            leaf = len(path) == level + 1
            if leaf:
                j = i + 1
            cells.append(GridCell(level, first_col + i, path[level], HEAD,
                                  rowspan=depth - level if leaf else 1, colspan=j - i))
            i = j
    return cells, depth


def header_paths(table: Table) -> tuple[tuple[str, ...], ...]:
    """Each column's header labels, outer first: the shape's tree, else the label's parts."""
    return table.shape.header or tuple(tuple(c.label.split(HEADER_SEPARATOR)) for c in table.columns)


# -- table 3: nested row labels ------------------------------------------------------------------

def _nested_grid(table: Table, rows: Sequence[Row]) -> TableGrid:
    groups = {g.id: g for g in table.groups}
    spans: dict[str, tuple[int, int]] = {}
    for i, row in enumerate(rows):
        if row.group is not None:
            first, _ = spans.get(row.group, (i, i))
            spans[row.group] = (first, i)
    # Groups that contain each row, outer first (a wider span is an outer group).
    containing = [
        sorted((g for g, (a, b) in spans.items() if a <= i <= b), key=lambda g: spans[g][0] - spans[g][1])
        for i in range(len(rows))
    ]
    label_cols = 1 + max(len(c) for c in containing)
    columns = rows[0].columns
    head, header_rows = _header_tree(header_paths(table), label_cols)
    cells = [GridCell(0, 0, table.shape.corner, NOTE, rowspan=header_rows, colspan=label_cols, align="left")] + head
    seen: set[str] = set()
    for i, row in enumerate(rows):
        r = header_rows + i
        for depth, g in enumerate(containing[i]):
            if g not in seen:
                seen.add(g)
                a, b = spans[g]
                cells.append(GridCell(r, depth, groups[g].label, LABEL, rowspan=b - a + 1))
        level = len(containing[i])
        cells.append(GridCell(r, level, row.label, LABEL, colspan=label_cols - level, align="left"))
        for k, cid in enumerate(row.cells):
            cells.append(GridCell(r, label_cols + k, "", VALUE, cell=cid))
    label_widths = {3: (0.075, 0.11, 0.305), 2: (0.12, 0.37), 1: (0.49,)}.get(label_cols)
    if label_widths is None:
        label_widths = tuple(0.49 / label_cols for _ in range(label_cols))
    widths = label_widths + tuple(0.51 / len(columns) for _ in columns)
    return TableGrid(table, header_rows + len(rows), label_cols + len(columns), header_rows, label_cols,
                     tuple(cells), widths)


# -- table 4: header tree, one row of values -----------------------------------------------------

def _tree_grid(table: Table, rows: Sequence[Row]) -> TableGrid:
    columns = rows[0].columns
    head, header_rows = _header_tree(header_paths(table), 0)
    cells = list(head)
    for i, row in enumerate(rows):
        for k, cid in enumerate(row.cells):
            cells.append(GridCell(header_rows + i, k, "", VALUE, cell=cid))
    n = len(columns)
    return TableGrid(table, header_rows + len(rows), n, header_rows, 0, tuple(cells), tuple(1 / n for _ in range(n)))


# The layout kind a format gives a table (Table.shape.kind) → how it is drawn.
SHAPES: dict[str, Callable[[Table, Sequence[Row]], TableGrid]] = {
    BLOCKS: _blocks_grid,
    NESTED: _nested_grid,
    TREE: _tree_grid,
}


def skeleton(table: Table, folded: tuple[str, ...] = ()) -> TableGrid:
    """The table as printed with the row groups in `folded` collapsed, every VALUE blank: the
    drawing depends only on these, so it is made once per table and kept on it."""
    cache: dict[tuple[str, ...], TableGrid] = table.__dict__.setdefault("_skeletons", {})
    sk = cache.get(folded)
    if sk is None:
        marks = {cid: None for g in table.groups if g.id in folded for cid in g.collapsed_cells}
        sk = cache[folded] = SHAPES[table.shape.kind](table, table_rows(table, marks))
    return sk


def folded_groups(table: Table, cells: Mapping[CellId, object]) -> tuple[str, ...]:
    """The row groups that the report with these cells prints as one row."""
    return tuple(g.id for g in table.groups if collapsed(table, g, cells))


def text_rows(table: Table, folded: tuple[str, ...] = ()) -> list[tuple[list[GridCell], list[GridCell]]]:
    """The printed rows in order, each as (its label and header cells, its value cells): the
    grid as plain text reaches a reader, one row after the other."""
    sk = skeleton(table, folded)
    rows: list[tuple[list[GridCell], list[GridCell]]] = [([], []) for _ in range(sk.n_rows)]
    for c in sk.cells:
        rows[c.row][1 if c.role == VALUE else 0].append(c)
    return rows


