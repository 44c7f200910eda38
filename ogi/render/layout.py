"""The statistical tables as grids of merged cells, filled with a report's values.

The drawing itself — rows, row groups, the header tree, merges — is `ogi.formats.grid`'s, from
the format alone (the same grid `ogi.show` and `ogi.synth` print); this module fills it with a
report's values for the writers (DOCX, HTML, Markdown, the PNG tests):
`grid(table, report)` → the writers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from ..formats import CellId, Format, Table
from ..formats.grid import (
    BAND,
    HEAD,
    LABEL,
    NOTE,
    VALUE,
    GridCell,
    TableGrid,
    collapsed,
    folded_groups,
    skeleton,
    table_rows,
)
from ..model import AnnualReport, Number

__all__ = ["BAND", "HEAD", "LABEL", "NOTE", "VALUE", "GridCell", "TableGrid", "collapsed", "format_value", "grid",
           "grids", "table_rows", "values_of"]


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



def values_of(report: AnnualReport) -> dict[CellId, Number | None]:
    return {cid: c.value for cid, c in report.cells.items()}


def _skeleton(table: Table, values: Mapping[CellId, object]) -> TableGrid:
    return skeleton(table, folded_groups(table, values))


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
