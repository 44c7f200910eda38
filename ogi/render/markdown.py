"""AnnualReport → Markdown (GFM pipe tables).

Markdown has no merged cells, and an empty pipe cell means a blank value, so the tables are
drawn without empty filler cells:

- tables with row labels get one label column; a row group (三、本年度办理结果, （三）不予公开,
  第二十条第（一）项) is a short row of its own — `| （三）不予公开 |` — before the rows it holds
  (GFM fills the missing cells of a short row);
- a value that spans the rest of its row is written once, at the end of the row;
- the header is one row: the corner (the 勾稽关系 note of table 3) and the innermost column
  labels; a table without row labels (table 4) keeps its header rows as they are drawn.
"""

from __future__ import annotations

from ..model import AnnualReport
from .layout import TableGrid
from .outline import Heading, Para, Signature, TableBlock, Title, outline


def _cell(text: str | None) -> str:
    return (text or "").replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _line(cells: list[str | None]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _full_grid(grid: TableGrid) -> list[list[str | None]]:
    return grid.text_rows()


def _labelled(grid: TableGrid) -> list[list[str | None]]:
    origin = grid.origin_at()
    covered = grid.covered()
    n_values = grid.n_cols - grid.label_cols
    rows: list[list[str | None]] = []
    if grid.header_rows:
        corner = origin.get((0, 0))
        leaves = [covered[(grid.header_rows - 1, k)].text for k in range(grid.label_cols, grid.n_cols)]
        rows.append([corner.text if corner else "", *leaves])
    for r in range(grid.header_rows, grid.n_rows):
        labels = [origin[(r, k)] for k in range(grid.label_cols) if (r, k) in origin]
        values = [origin[(r, k)] for k in range(grid.label_cols, grid.n_cols) if (r, k) in origin]
        if not values:  # a band spanning the whole row
            rows.extend([c.text] for c in labels)
            continue
        rows.extend([c.text] for c in labels[:-1])
        line: list[str | None] = [labels[-1].text if labels else ""]
        for i, c in enumerate(values):
            line.append(c.text)
            if i < len(values) - 1:  # a span inside the row keeps the columns after it in place
                line.extend([""] * (c.colspan - 1))
        rows.append(line)
    if not grid.header_rows and rows:  # GFM needs a full-width header row
        rows[0] = rows[0] + [""] * (1 + n_values - len(rows[0]))
    return rows


def table_markdown(grid: TableGrid) -> str:
    rows = _labelled(grid) if grid.label_cols else _full_grid(grid)
    lines = []
    for i, row in enumerate(rows):
        lines.append(_line(row))
        if i == 0:
            lines.append("|" + "|".join(" --- " for _ in row) + "|")
    return "\n".join(lines)


def render_markdown(report: AnnualReport) -> str:
    out: list[str] = []
    for block in outline(report):
        if isinstance(block, Title):
            out.append(f"# {block.text}")
        elif isinstance(block, Heading):
            out.append(f"## {block.text}")
        elif isinstance(block, Para):
            out.append(block.text)
        elif isinstance(block, TableBlock):
            out.append(table_markdown(block.grid))
        elif isinstance(block, Signature):
            out.append("\n".join(f"{line}  " for line in block.lines).rstrip())
    return "\n\n".join(out) + "\n"
