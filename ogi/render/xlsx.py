"""Many AnnualReports → one XLSX: one sheet per table, one row per report, cell ids as columns.

Each table sheet starts with the report's metadata columns, then one column per cell id of every
format the reports use (2019 ids, then the ids only 2021 has; `apply.other.*` of a collapsed
（六）其他处理 next to the sub-rows). `null` is an empty cell, `0` is 0. A last sheet, 字段说明,
gives the Chinese row and column label of every cell id. Written in openpyxl's write-only mode.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from .. import formats
from ..formats import CellId, Format
from ..model import AnnualReport
from .layout import collapsed, table_rows

META_COLUMNS = ("agency", "year", "template", "published", "region", "kind", "source")
LEGEND_SHEET = "字段说明"
LEGEND_COLUMNS = ("cell", "table", "row", "column", "format")


def _shape(report: AnnualReport) -> tuple[str, tuple[str, ...]]:
    """(format id, ids of the groups this report prints collapsed)."""
    fmt = report.format
    values = report.cells
    groups = tuple(g.id for t in fmt.tables for g in t.groups if collapsed(t, g, values))
    return fmt.id, groups


def _columns(shapes: Sequence[tuple[str, tuple[str, ...]]]) -> dict[str, list[CellId]]:
    """table id → ordered cell ids over every shape the reports have."""
    out: dict[str, list[CellId]] = {}
    seen: dict[str, set[CellId]] = {}
    order = sorted(set(shapes), key=lambda s: (formats.get(s[0]).first_year, s[1]))
    for fmt_id, groups in order:
        fmt = formats.get(fmt_id)
        for table in fmt.tables:
            marks = {cid: None for g in table.groups if g.id in groups for cid in g.collapsed_cells}
            cols = out.setdefault(table.id, [])
            have = seen.setdefault(table.id, set())
            for row in table_rows(table, marks):
                for cid in row.cells:
                    if cid not in have:
                        have.add(cid)
                        cols.append(cid)
    return out


def _titles(fmts: Sequence[Format]) -> dict[str, str]:
    titles: dict[str, str] = {}
    for fmt in fmts:
        for t in fmt.tables:
            titles.setdefault(t.id, t.title.split("、", 1)[-1][:31])
    return titles


def render_xlsx(reports: Sequence[AnnualReport]) -> bytes:
    from openpyxl import Workbook

    shapes = [_shape(r) for r in reports] or [(formats.all_formats()[-1].id, ())]
    columns = _columns(shapes)
    used = sorted({formats.get(s[0]) for s in shapes}, key=lambda f: f.first_year)
    titles = _titles(used)
    wb = Workbook(write_only=True)
    metas = [r.meta.to_json() for r in reports]
    meta_rows = [[m[k] for k in META_COLUMNS] for m in metas]
    for table_id, cols in columns.items():
        ws = wb.create_sheet(titles[table_id])
        ws.append(list(META_COLUMNS) + cols)
        for report, meta in zip(reports, meta_rows, strict=True):
            cells = report.cells
            ws.append(meta + [c.value if (c := cells.get(cid)) is not None else None for cid in cols])
    legend = wb.create_sheet(LEGEND_SHEET)
    legend.append(list(LEGEND_COLUMNS))
    done: set[CellId] = set()
    for fmt in used:
        for table in fmt.tables:
            for cid in columns.get(table.id, ()):
                if cid in done:
                    continue
                try:
                    row, col = fmt.label_of(cid)
                except KeyError:
                    continue
                done.add(cid)
                legend.append([cid, table.title, row, col, fmt.id])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
