"""Synthetic reports with known values, in every way a report's tables reach plain text.

Used by the tests (each layout family), the benchmarks (corpora of 10^4–10^5 reports) and the
demo. Values are random but consistent: every equation of the format holds, so a synthetic
report only breaks a rule when a test breaks it on purpose.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from . import formats
from .formats import AMOUNT, APPEALS, APPLICATIONS, ARTICLE20, CHANGE, Format, Table
from .formats.grid import NOTE, skeleton, text_rows
from .model import DEPARTMENT, AnnualReport, Meta, SectionText, agency_kind

AGENCIES = ("赛罕区应急管理局", "洮北区政务服务局", "奉化区市场监督管理局", "云州区人民政府", "鄂尔多斯市扶贫开发办公室",
            "东城区卫生健康委员会", "海淀区教育委员会", "余杭区自然资源和规划局", "武侯区住房和城乡建设局", "南山区司法局")

LAYOUTS: dict[str, Callable[[AnnualReport, random.Random], str]] = {}


Layout = Callable[[AnnualReport, random.Random], str]


def layout(name: str) -> Callable[[Layout], Layout]:
    def wrap(fn: Layout) -> Layout:
        LAYOUTS[name] = fn
        return fn
    return wrap


# ---------------------------------------------------------------------------------------------
# Values


def _small(rng: random.Random, busy: float) -> int:
    if rng.random() > busy:
        return 0
    return rng.choice((1, 1, 2, 3, 5, 8, 13, 27, 64, 120, 217, 1024))


def random_report(fmt: Format | str = "2021", seed: int = 0, busy: float = 0.4, year: int | None = None,
                  agency: str | None = None) -> AnnualReport:
    """A report whose cells satisfy every equation of its format."""
    fmt = formats.get(fmt) if isinstance(fmt, str) else fmt
    rng = random.Random(seed)
    # A year the format is in force (a format still in force: its first five years).
    year = year or rng.choice(tuple(range(fmt.first_year, (fmt.last_year or fmt.first_year + 4) + 1)))
    agency = agency or rng.choice(AGENCIES)
    kind = agency_kind(agency) or DEPARTMENT
    published = dt.date(year + 1, 1 if kind == DEPARTMENT else 3, rng.randint(5, 28))
    report = AnnualReport(Meta(agency=agency, year=year, template=fmt.id, published=published, kind=kind,
                               title=f"{agency}{year}年政府信息公开工作年度报告"))
    active = fmt.by_role(ARTICLE20)
    for row in active.rows:
        for cell, col in zip(row.cells, row.columns, strict=True):
            if col.kind == AMOUNT:
                value: int | float = round(rng.choice((0, 0, 1.5, 24, 3.75, 120.4)), 2)
            elif col.kind == CHANGE:
                value = rng.choice((0, 0, 1, 3, -2, -185))
            else:
                value = _small(rng, busy + 0.3)
            report.set(cell, value)
    apply = fmt.by_role(APPLICATIONS)
    flow = [apply.flow_row(n) for n in ("new", "carried_over", "total", "carried_forward")]
    ids = [c.id for c in apply.columns]
    for k, col in enumerate(apply.part_columns):
        at = ids.index(col.id)
        # The first two applicant columns (自然人, 商业企业) are the busy ones.
        busy_col = busy if k < 2 else busy / 4
        total = 0
        for r in apply.leaf_rows:
            v = _small(rng, busy_col / 3)
            report.set(r.cells[at], v)
            total += v
        carried_over = _small(rng, busy_col / 2)
        forward = _small(rng, busy_col / 2)
        new = total + forward - carried_over
        if new < 0:
            forward -= new
            new = 0
        for row, v in zip(flow, (new, carried_over, total, forward), strict=True):
            report.set(row.cells[at], v)
    total_at = apply.total_index
    for r in apply.rows:
        report.set(r.cells[total_at], sum(report.value(c) or 0 for i, c in enumerate(r.cells) if i != total_at))
    for block in fmt.by_role(APPEALS).blocks:
        parts = [_small(rng, busy / 3) for _ in block.leaves]
        for cell, v in zip(block.leaves, parts, strict=True):
            report.set(cell, v)
        report.set(block.total, sum(parts))
    report.sections = {s.number: SectionText(s.number, s.title, _narrative(s.number, report, rng))
                       for s in fmt.sections}
    return report


def _received(fmt: Format) -> formats.CellId:
    apply = fmt.by_role(APPLICATIONS)
    return apply.total_cell(apply.flow_row("new"))


def _narrative(number: int, report: AnnualReport, rng: random.Random) -> str:
    y = report.meta.year
    if number == 1:
        return (f"{y}年，{report.meta.agency}认真贯彻落实《中华人民共和国政府信息公开条例》，"
                f"全年主动公开政府信息{rng.randint(20, 900)}条。全年共收到政府信息公开申请"
                f"{report.value(_received(report.format))}件。")
    if number == 5:
        return "存在的主要问题是公开内容不够全面。下一步将加强培训，完善制度。"
    if number == 6:
        return f"{y}年度未收取信息处理费。"
    return ""


# ---------------------------------------------------------------------------------------------
# Grids: the printed tables as rows of label cells and value cells


def _fmt_value(v: int | float | None, rng: random.Random | None = None, kind: str = "") -> str:
    if v is None:
        return rng.choice(("", "/", "-", "—", "无")) if rng else ""
    if isinstance(v, float):
        text = f"{v:g}"
        return text + ("万" if rng and kind == AMOUNT and rng.random() < 0.3 else "")
    return str(v)


def table_grid(report: AnnualReport, table: Table, rng: random.Random | None = None,
               blank_group_labels: bool = False) -> list[tuple[list[str], list[str]]]:
    """(label cells, value cells) per printed row, in the official order: the layout grid of
    `ogi.formats.grid`, read row by row as flattened text reaches a reader (the corner note,
    which spans the header rows, on a line of its own before them)."""
    out: list[tuple[list[str], list[str]]] = []
    val = report.value
    kind = report.format.kind_of
    nested = skeleton(table).label_cols > 1
    for heads, values in text_rows(table):
        labels = [c.text for c in heads]
        if heads and heads[0].role == NOTE:
            out.append((labels[:1], []))
            labels = labels[1:]
        if blank_group_labels and nested and values and heads and heads[-1].col >= 2:
            # The label cell of a row inside a sub-group ((三)–(六)'s items) printed blank.
            labels[-1] = "\xa0"
        out.append((labels, [_fmt_value(val(c.cell), rng, kind(c.cell)) for c in values if c.cell]))
    return out


def _label_cols(table: Table) -> int:
    return skeleton(table).label_cols


def _front(report: AnnualReport) -> list[str]:
    m = report.meta
    lines = [m.title or f"{m.agency}{m.year}年政府信息公开工作年度报告"]
    if m.published:
        lines.append(f"发布日期：{m.published.isoformat()}")
    return lines


def _back(report: AnnualReport) -> list[str]:
    m = report.meta
    out = []
    for n in (5, 6):
        if n in report.sections:
            s = report.sections[n]
            out += [s.heading, s.text]
    out.append(m.agency or "")
    if m.published:
        out.append(f"{m.published.year}年{m.published.month}月{m.published.day}日")
    return out


def _document(report: AnnualReport, table_lines: Callable[[Table], list[str]]) -> str:
    fmt = report.format
    lines = _front(report)
    for s in fmt.sections[:4]:
        sec = report.sections.get(s.number)
        lines.append(s.title)
        if sec and sec.text:
            lines.append(sec.text)
        for t in fmt.tables:
            if t.number == s.number:
                lines += table_lines(t)
    lines += _back(report)
    return "\n".join(lines) + "\n"


@layout("lines")
def one_cell_per_line(report: AnnualReport, rng: random.Random) -> str:
    def table_lines(t: Table) -> list[str]:
        return [c for labels, values in table_grid(report, t, rng) for c in labels + values]
    return _document(report, table_lines)


@layout("blank_lines")
def cells_between_blank_lines(report: AnnualReport, rng: random.Random) -> str:
    text = one_cell_per_line(report, rng)
    return "\n\n".join(text.split("\n"))


@layout("pipes")
def cell_pipes(report: AnnualReport, rng: random.Random) -> str:
    def table_lines(t: Table) -> list[str]:
        out = []
        for labels, values in table_grid(report, t, rng):
            out += [f"{c} |" + (" |||" if not values and rng.random() < 0.5 else "") for c in labels]
            if values:
                out.append(" | ".join(values[:6]) + " |")
                if values[6:]:
                    out.append(" | ".join(values[6:]) + " | ||")
        return out
    return _document(report, table_lines)


@layout("tabs")
def docx_tabs(report: AnnualReport, rng: random.Random) -> str:
    def table_lines(t: Table) -> list[str]:
        out = []
        for labels, values in table_grid(report, t, rng):
            n = _label_cols(t)
            indent = "\t" * (n - len(labels)) if values and n > 1 else "\t"
            out += [indent + c for c in labels] + ["\t" + v for v in values] + [""]
        return out
    return _document(report, table_lines)


@layout("markdown")
def markdown(report: AnnualReport, rng: random.Random) -> str:
    """Markdown tables broken by a page break with a footer, a repeated header row, and one row
    label split from its numbers."""
    page = [1]

    def table_lines(t: Table) -> list[str]:
        grid = table_grid(report, t, rng)
        n = _label_cols(t)
        nested = n > 1  # the page break falls inside the table with nested labels (table 3)
        width = max(len(labels) + len(values) for labels, values in grid)
        out = []
        header_rows = [g for g in grid if not g[1]]
        for i, (labels, values) in enumerate(grid):
            cells = labels + values
            cells += [""] * (width - len(cells)) if not values else []
            if values and len(labels) < n and nested:
                cells = [""] * (n - len(labels)) + cells
            out.append("| " + " | ".join(cells) + " |")
            if i == 0:
                out.append("|" + "---|" * width)
            if nested and i == len(grid) // 2:
                page[0] += 1
                out += ["", f"— {page[0]} —", ""]
                out += ["| " + " | ".join(h[0]) + " |" for h in header_rows[1:3]]
            if nested and i == len(grid) // 2 + 3 and values:
                out[-1] = "| " + " | ".join(labels) + " |"
                out.append("| " + " | ".join(values) + " |")
        return out
    return _document(report, table_lines)


@layout("nbsp_labels")
def blank_row_labels(report: AnnualReport, rng: random.Random) -> str:
    """Rows inside (三)(四)(五) print their label cell as a non-breaking space: values by position."""
    def table_lines(t: Table) -> list[str]:
        out = []
        for labels, values in table_grid(report, t, rng, blank_group_labels=True):
            out += labels + values
        return out
    return _document(report, table_lines)


@layout("one_line")
def one_line(report: AnnualReport, rng: random.Random) -> str:
    """The whole report on one line; the cells of a row glued together without separators."""
    def table_lines(t: Table) -> list[str]:
        return ["".join("".join(labels) + "".join(v if v else "" for v in values)
                        for labels, values in table_grid(report, t, None))]
    return _document(report, table_lines).replace("\n", "")


@layout("repeated")
def page_twice(report: AnnualReport, rng: random.Random) -> str:
    chrome_top = "登录 | 注册\n首页 > 政务公开 > 年度报告\n"
    chrome_bottom = "主办单位：某某区人民政府办公室 联系电话：0471-4211860\n蒙ICP备10000440号 蒙公网安备 15010502000249号\n"
    body = cell_pipes(report, rng)
    return chrome_top + body + chrome_bottom + body + chrome_bottom


def render_text(report: AnnualReport, layout_name: str, seed: int = 0) -> str:
    return LAYOUTS[layout_name](report, random.Random(seed))
