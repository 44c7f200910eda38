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
from .formats import AMOUNT, CHANGE, Format, Table
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
    year = year or rng.choice((2019, 2020) if fmt.id == "2019" else (2021, 2022, 2023, 2024, 2025))
    agency = agency or rng.choice(AGENCIES)
    kind = agency_kind(agency) or DEPARTMENT
    published = dt.date(year + 1, 1 if kind == DEPARTMENT else 3, rng.randint(5, 28))
    report = AnnualReport(Meta(agency=agency, year=year, template=fmt.id, published=published, kind=kind,
                               title=f"{agency}{year}年政府信息公开工作年度报告"))
    active = fmt.table("active")
    for row in active.rows:
        for cell, col in zip(row.cells, row.columns, strict=True):
            if col.kind == AMOUNT:
                value: int | float = round(rng.choice((0, 0, 1.5, 24, 3.75, 120.4)), 2)
            elif col.kind == CHANGE:
                value = rng.choice((0, 0, 1, 3, -2, -185))
            else:
                value = _small(rng, busy + 0.3)
            report.set(cell, value)
    apply = fmt.table("apply")
    leaves = [r for r in apply.rows if r.group is not None and r.id != "total"]
    applicants = [c.id for c in apply.rows[0].columns[:6]]
    for applicant in applicants:
        busy_col = busy if applicant in ("natural", "commercial") else busy / 4
        total = 0
        for r in leaves:
            v = _small(rng, busy_col / 3)
            report.set(f"apply.{r.id}.{applicant}", v)
            total += v
        carried_over = _small(rng, busy_col / 2)
        forward = _small(rng, busy_col / 2)
        new = total + forward - carried_over
        if new < 0:
            forward -= new
            new = 0
        report.set(f"apply.new.{applicant}", new)
        report.set(f"apply.carried_over.{applicant}", carried_over)
        report.set(f"apply.total.{applicant}", total)
        report.set(f"apply.carried_forward.{applicant}", forward)
    for r in apply.rows:
        report.set(r.cells[6], sum(report.value(c) or 0 for c in r.cells[:6]))
    appeal = fmt.table("appeal").rows[0]
    for block in range(0, len(appeal.cells), 5):
        parts = [_small(rng, busy / 3) for _ in range(4)]
        for cell, v in zip(appeal.cells[block:block + 4], parts, strict=True):
            report.set(cell, v)
        report.set(appeal.cells[block + 4], sum(parts))
    report.sections = {s.number: SectionText(s.number, s.title, _narrative(s.number, report, rng))
                       for s in fmt.sections}
    return report


def _narrative(number: int, report: AnnualReport, rng: random.Random) -> str:
    y = report.meta.year
    if number == 1:
        return (f"{y}年，{report.meta.agency}认真贯彻落实《中华人民共和国政府信息公开条例》，"
                f"全年主动公开政府信息{rng.randint(20, 900)}条。全年共收到政府信息公开申请"
                f"{report.value('apply.new.total')}件。")
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
    """(label cells, value cells) per printed row, in the official order."""
    out: list[tuple[list[str], list[str]]] = []
    val = report.value
    if table.id == "active":
        for group in table.groups:
            rows = [r for r in table.rows if r.group == group.id]
            out.append(([group.label], []))
            out.append(([formats.INFO_HEADER] + [c.label for c in rows[0].columns], []))
            for r in rows:
                out.append(([r.label], [_fmt_value(val(c), rng, col.kind) for c, col in zip(r.cells, r.columns,
                                                                                            strict=True)]))
    elif table.id == "apply":
        cols = table.rows[0].columns
        out.append(([formats.APPLY_NOTE], []))
        out.append(([formats.APPLICANTS_HEADER], []))
        out.append(([cols[0].label, formats.ORGANISATIONS_HEADER, cols[6].label], []))
        out.append(([c.label for c in cols[1:6]], []))
        groups = {g.id: g for g in table.groups}
        seen: set[str] = set()
        for r in table.rows:
            labels = []
            g = r.group
            if g and g != "result" and g not in seen and g in groups:
                seen.add(g)
                labels.append(groups[g].label)
            if g == "result" and "result" not in seen:
                seen.add("result")
                labels.insert(0, groups["result"].label)
            label = r.label
            if blank_group_labels and g not in (None, "result"):
                label = "\xa0"
            labels.append(label)
            out.append((labels, [_fmt_value(val(c), rng) for c in r.cells]))
    else:
        row = table.rows[0]
        # 行政复议·结果维持 … 行政诉讼·复议后起诉·总计: the header levels are the label's parts.
        parts = [c.label.split(formats.HEADER_SEPARATOR) for c in row.columns]
        outcomes = [p[-1] for p in parts[:5]]
        out.append((list(dict.fromkeys(p[0] for p in parts)), []))
        out.append((outcomes + list(dict.fromkeys(p[1] for p in parts if len(p) == 3)), []))
        out.append((outcomes + outcomes, []))
        out.append(([], [_fmt_value(val(c), rng) for c in row.cells]))
    return out


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
        if s.number >= 2:
            lines += table_lines(fmt.tables[s.number - 2])
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
            indent = "\t" * (3 - len(labels)) if values and t.id == "apply" else "\t"
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
        width = max(len(labels) + len(values) for labels, values in grid)
        out = []
        header_rows = [g for g in grid if not g[1]]
        for i, (labels, values) in enumerate(grid):
            cells = labels + values
            cells += [""] * (width - len(cells)) if not values else []
            if values and len(labels) < 3 and t.id == "apply":
                cells = [""] * (3 - len(labels)) + cells
            out.append("| " + " | ".join(cells) + " |")
            if i == 0:
                out.append("|" + "---|" * width)
            if t.id == "apply" and i == len(grid) // 2:
                page[0] += 1
                out += ["", f"— {page[0]} —", ""]
                out += ["| " + " | ".join(h[0]) + " |" for h in header_rows[1:3]]
            if t.id == "apply" and i == len(grid) // 2 + 3 and values:
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
