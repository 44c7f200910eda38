"""The three statistical tables as grids of merged cells, the way the format notice draws them.

Every writer (DOCX, HTML, Markdown, the PNG tests) draws the same `TableGrid`, built here from
`ogi.formats` only: rows, row groups, columns and their labels come from the format; this module
knows just the *shape* each table has in 国办公开办函〔2019〕60号 and 〔2021〕30号:

- table 2 (`active`): one block per 第二十条 item — the item as a full-width band, a 信息内容
  header row with the block's column labels, then the block's rows; a block with fewer columns
  than the widest one lets its last column span the rest;
- table 3 (`apply`): three label columns (row groups nest: 三、本年度办理结果 spans its outcome
  rows, （三）不予公开 etc. span their reasons), a three-row header 申请人情况 → 自然人 /
  法人或其他组织 (商业企业 … 其他) / 总计, the 勾稽关系 note in the corner;
- table 4 (`appeal`): no label column; a header tree taken from the column labels
  (行政复议 / 行政诉讼 → 未经复议直接起诉 / 复议后起诉 → 结果维持 …) and one row of values.

The pipeline is a chain of small pure functions: `table_rows(table, report)` (the rows this
report prints, with a collapsed （六）其他处理 when that is how the report has it) →
`grid(table, report)` → the writers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from ..formats import (
    APPLICANTS_HEADER,
    APPLY_NOTE,
    HEADER_SEPARATOR,
    INFO_HEADER,
    ORGANISATIONS_HEADER,
    CellId,
    Column,
    Format,
    Row,
    RowGroup,
    Table,
)
from ..model import AnnualReport, Number

# Applicant columns that sit directly under 申请人情况; the others are 法人或其他组织.
APPLICANTS_TOP_LEVEL = ("natural", "total")

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


def format_value(value: Number | None) -> str:
    """`None` → blank, `0` → "0", 24.0 → "24", 1.25 → "1.25"."""
    if value is None:
        return ""
    if isinstance(value, bool):  # not a count; print it plainly rather than as 1/0
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


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
                out.append(Row(group.id, group.label, group.collapsed_cells, row.columns, group.keys, (), None))
            continue
        out.append(row)
    return tuple(out)


# -- table 2: blocks -----------------------------------------------------------------------------

def _blocks_grid(table: Table, rows: Sequence[Row], values: Mapping[CellId, Number | None]) -> TableGrid:
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
        cells.append(GridCell(r, 0, INFO_HEADER, HEAD))
        for i, col in enumerate(columns):
            span = width - i if i == len(columns) - 1 else 1
            cells.append(GridCell(r, 1 + i, col.label, HEAD, colspan=span))
        r += 1
        for row in block:
            cells.append(GridCell(r, 0, row.label, LABEL))
            for i, cid in enumerate(row.cells):
                span = width - i if i == len(row.cells) - 1 else 1
                cells.append(GridCell(r, 1 + i, format_value(values.get(cid)), VALUE, colspan=span, cell=cid))
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


# -- table 3: nested row labels ------------------------------------------------------------------

def _applicant_path(col: Column) -> tuple[str, ...]:
    if col.id in APPLICANTS_TOP_LEVEL:
        return (APPLICANTS_HEADER, col.label)
    return (APPLICANTS_HEADER, ORGANISATIONS_HEADER, col.label)


def _nested_grid(table: Table, rows: Sequence[Row], values: Mapping[CellId, Number | None]) -> TableGrid:
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
    head, header_rows = _header_tree([_applicant_path(c) for c in columns], label_cols)
    cells = [GridCell(0, 0, APPLY_NOTE, NOTE, rowspan=header_rows, colspan=label_cols, align="left")] + head
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
            cells.append(GridCell(r, label_cols + k, format_value(values.get(cid)), VALUE, cell=cid))
    label_widths = {3: (0.075, 0.11, 0.305), 2: (0.12, 0.37), 1: (0.49,)}.get(label_cols)
    if label_widths is None:
        label_widths = tuple(0.49 / label_cols for _ in range(label_cols))
    widths = label_widths + tuple(0.51 / len(columns) for _ in columns)
    return TableGrid(table, header_rows + len(rows), label_cols + len(columns), header_rows, label_cols,
                     tuple(cells), widths)


# -- table 4: header tree, one row of values -----------------------------------------------------

def _tree_grid(table: Table, rows: Sequence[Row], values: Mapping[CellId, Number | None]) -> TableGrid:
    columns = rows[0].columns
    head, header_rows = _header_tree([tuple(c.label.split(HEADER_SEPARATOR)) for c in columns], 0)
    cells = list(head)
    for i, row in enumerate(rows):
        for k, cid in enumerate(row.cells):
            cells.append(GridCell(header_rows + i, k, format_value(values.get(cid)), VALUE, cell=cid))
    n = len(columns)
    return TableGrid(table, header_rows + len(rows), n, header_rows, 0, tuple(cells), tuple(1 / n for _ in range(n)))


# Table id → the shape the format notice gives it. A future format with a new table registers here.
SHAPES: dict[str, Callable[[Table, Sequence[Row], Mapping[CellId, Number | None]], TableGrid]] = {
    "active": _blocks_grid,
    "apply": _nested_grid,
    "appeal": _tree_grid,
}


def values_of(report: AnnualReport) -> dict[CellId, Number | None]:
    return {cid: c.value for cid, c in report.cells.items()}


# The drawing of a table depends only on the table and on which of its groups are collapsed; it is
# built once and then filled with each report's values. id(table) → (table, {collapsed: grid}).
_SKELETONS: dict[int, tuple[Table, dict[tuple[str, ...], TableGrid]]] = {}


def _skeleton(table: Table, values: Mapping[CellId, object]) -> TableGrid:
    folded = tuple(g.id for g in table.groups if collapsed(table, g, values))
    entry = _SKELETONS.get(id(table))
    if entry is None or entry[0] is not table:
        entry = _SKELETONS[id(table)] = (table, {})
    sk = entry[1].get(folded)
    if sk is None:
        marks = {cid: None for g in table.groups if g.id in folded for cid in g.collapsed_cells}
        sk = entry[1][folded] = SHAPES[table.id](table, table_rows(table, marks), {})
    return sk


def _fill(sk: TableGrid, values: Mapping[CellId, Number | None]) -> TableGrid:
    cells = tuple(
        GridCell(c.row, c.col, format_value(values.get(c.cell) if c.cell else None), VALUE, c.rowspan, c.colspan, c.cell, c.align)
        if c.role == VALUE else c
        for c in sk.cells
    )
    return replace(sk, cells=cells)


def grid(table: Table, report: AnnualReport) -> TableGrid:
    values = values_of(report)
    return _fill(_skeleton(table, values), values)


def grids(report: AnnualReport, fmt: Format | None = None) -> tuple[TableGrid, ...]:
    fmt = fmt or report.format
    values = values_of(report)
    return tuple(_fill(_skeleton(t, values), values) for t in fmt.tables)
