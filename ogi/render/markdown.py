"""AnnualReport → Markdown (GFM pipe tables).

Markdown has no merged cells: a merged label is printed once, at its origin, and the positions
it covers are left empty — the way a table copied out of Word reads. The first grid row is the
pipe table's header row.
"""

from __future__ import annotations

from ..model import AnnualReport
from .layout import TableGrid
from .outline import Heading, Para, Signature, TableBlock, Title, outline


def _cell(text: str | None) -> str:
    return (text or "").replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def table_markdown(grid: TableGrid) -> str:
    rows = grid.text_rows()
    lines = []
    for i, row in enumerate(rows):
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
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
