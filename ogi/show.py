"""The three tables of a report in the terminal, as a person reads them (Chinese labels)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table as RichTable

from . import formats
from .model import AnnualReport


def _cell(report: AnnualReport, cell: str) -> str:
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


def print_report(report: AnnualReport, console: Console | None = None) -> None:
    console = console or Console(width=None if Console().is_terminal else 160)
    m = report.meta
    fmt = report.format
    console.print(f"[bold]{m.agency or '（机关不详）'} {m.year or '????'}年政府信息公开工作年度报告[/bold]")
    console.print(f"格式：{fmt.id}年格式（{fmt.notice}）  发布日期：{m.published or '未注明'}  来源：{m.source or '-'}")
    groups = {g.id: g.label for t in fmt.tables for g in t.groups}
    for table in fmt.tables:
        rt = RichTable(title=table.title, show_lines=False, title_justify="left")
        if table.id == "active":
            rt.add_column("项目")
            rt.add_column(formats.INFO_HEADER)
            rt.add_column("数值")
            for row in table.rows:
                values = "  ".join(f"{col.label}：{_cell(report, c)}" for c, col in zip(row.cells, row.columns,
                                                                                    strict=True))
                rt.add_row(groups.get(row.group or "", ""), row.label, values)
        elif table.id == "apply":
            rt.add_column("办理情况", no_wrap=True)
            for col in table.rows[0].columns:
                rt.add_column(col.label, justify="right")
            collapsed = [g for g in table.groups if g.collapsible and g.collapsed_cells[0] in report.cells]
            shown_collapsed: set[str] = set()
            shown_groups: set[str] = set()
            for row in table.rows:
                group = next((g for g in collapsed if g.id == row.group), None)
                if group:
                    if group.id not in shown_collapsed:
                        shown_collapsed.add(group.id)
                        rt.add_row(group.label + "（未分项）", *(_cell(report, c) for c in group.collapsed_cells))
                    continue
                if row.group and row.group not in shown_groups:
                    shown_groups.add(row.group)
                    rt.add_row(f"[bold]{groups[row.group]}[/bold]", *([""] * len(row.cells)))
                indent = "  " * ((row.group is not None) + (row.group not in (None, "result")))
                rt.add_row(indent + row.label, *(_cell(report, c) for c in row.cells))
        else:
            row = table.rows[0]
            rt.add_column("类别")
            for col in row.columns[:5]:
                rt.add_column(col.label.split(formats.HEADER_SEPARATOR)[-1], justify="right")
            for block in range(0, len(row.cells), 5):
                label = row.columns[block].label.rsplit(formats.HEADER_SEPARATOR, 1)[0]
                rt.add_row(label, *(_cell(report, c) for c in row.cells[block:block + 5]))
        console.print(rt)
    if report.notes:
        console.print("[bold]提示[/bold]")
        for note in report.notes:
            console.print(f"  [{note.code}] {note.zh}")
    missing = report.missing
    if missing:
        console.print(f"[red]未能读出的单元格 {len(missing)} 个[/red]：{', '.join(missing[:12])}{' …' if len(missing) > 12 else ''}")
