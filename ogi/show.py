"""The three tables of a report in the terminal, as a person reads them (Chinese labels)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table as RichTable

from .formats import CellId, Table, grid
from .model import AnnualReport


def _cell(report: AnnualReport, cell: CellId) -> str:
    if cell not in report.cells:
        return "[red]缺[/red]"
    c = report.cells[cell]
    if c.value is None:
        text = "[dim]（空）[/dim]"
    else:
        text = f"{c.value:g}" if isinstance(c.value, float) else str(c.value)
    if c.uncertain:
        alts = "/".join(str(a) for a in c.alternatives)
        text = f"[yellow]{text}?[/yellow]" + (f"[dim]（或{alts}）[/dim]" if alts else "")
    return text


def _table(report: AnnualReport, table: Table) -> RichTable:
    """The table's layout grid (the one `ogi.render` draws) as terminal rows: header and label
    cells where the grid puts them, a row group's label on a line of its own, labels indented
    by how deep they nest."""
    if table.blocks:
        return _blocks(report, table)
    sk = grid.skeleton(table, grid.folded_groups(table, report.cells))
    width = max(1, sk.n_cols - sk.label_cols)
    rt = RichTable(title=table.title, show_header=False, show_lines=False, title_justify="left")
    rt.add_column("项目")
    for _ in range(width):
        rt.add_column(justify="right")
    for heads, values in grid.text_rows(table, grid.folded_groups(table, report.cells)):
        labels = [c for c in heads if c.col < sk.label_cols]
        header = [c for c in heads if c.col >= sk.label_cols]
        if not values:
            cells = [""] * width
            for c in header:
                cells[c.col - sk.label_cols] = f"[bold]{c.text}[/bold]"
            first = " ".join(c.text for c in labels)
            rt.add_row(f"[bold]{first}[/bold]" if first else "", *cells)
            continue
        for c in labels[:-1]:  # the groups this row opens
            rt.add_row("  " * c.col + f"[bold]{c.text}[/bold]", *([""] * width))
        own = labels[-1] if labels else None
        cells = [""] * width
        for c in values:
            if c.cell:
                cells[c.col - sk.label_cols] = _cell(report, c.cell)
        rt.add_row("  " * own.col + own.text if own else "", *cells)
    return rt


def _blocks(report: AnnualReport, table: Table) -> RichTable:
    """A table of blocks (table 4) one block a line: its fifteen or more columns side by side
    do not fit a terminal. The outcome labels are the innermost level of the grid's header."""
    paths = grid.header_paths(table)
    at = {c: i for i, c in enumerate(table.rows[0].cells)}
    rt = RichTable(title=table.title, show_lines=False, title_justify="left")
    rt.add_column("类别")
    for cell in table.blocks[0].cells:
        rt.add_column(paths[at[cell]][-1], justify="right")
    for block in table.blocks:
        rt.add_row(block.label, *(_cell(report, c) for c in block.cells))
    return rt


def print_report(report: AnnualReport, console: Console | None = None) -> None:
    console = console or Console(width=None if Console().is_terminal else 160)
    m = report.meta
    fmt = report.format
    console.print(f"[bold]{m.agency or '（机关不详）'} {m.year or '????'}年政府信息公开工作年度报告[/bold]")
    console.print(f"格式：{fmt.id}年格式（{fmt.notice}）  发布日期：{m.published or '未注明'}  来源：{m.source or '-'}")
    for table in fmt.tables:
        console.print(_table(report, table))
    if report.notes:
        console.print("[bold]提示[/bold]")
        for note in report.notes:
            console.print(f"  [{note.code}] {note.zh}")
    missing = report.missing
    if missing:
        console.print(f"[red]未能读出的单元格 {len(missing)} 个[/red]：{', '.join(missing[:12])}{' …' if len(missing) > 12 else ''}")
