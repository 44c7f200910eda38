"""A consistent, complete report for any registered format, built from the format definitions.

`build_report(format_id)` fills every cell of every table with non-trivial numbers that satisfy
every equation of the format (solved from `Format.equations`, no row named here), gives each
cell a line of its own, writes all six sections with narrative sentences that agree with the
tables, and dates the report within the deadline. Tests then break one cell or one sentence
and assert that exactly the expected rule fires.
"""

from __future__ import annotations

import datetime as dt

from ogi import formats
from ogi.check import ERROR, WARNING, check
from ogi.formats import AMOUNT, CHANGE
from ogi.model import AnnualReport, Meta, SectionText, Source


def _solve(fmt: formats.Format, scale: int) -> dict[str, int | float]:
    right_side = {c for eq in fmt.equations for c in eq.right}
    free = [c for c in fmt.cells if c not in right_side]
    values: dict[str, int | float] = {}
    for i, c in enumerate(free):
        kind = fmt.kind_of(c)
        v = (1 + (i * 7) % 5) * scale
        values[c] = -v if kind == CHANGE and i % 2 else (v + 0.5 if kind == AMOUNT and v else v)
    while True:
        solved = dict(values)
        progress = True
        while progress:
            progress = False
            for eq in fmt.equations:
                unknown = [c for c in eq.left + eq.right if c not in solved]
                if len(unknown) != 1:
                    continue
                u = unknown[0]
                left = sum(solved.get(c, 0) for c in eq.left)
                right = sum(solved.get(c, 0) for c in eq.right)
                solved[u] = (left - right) if u in eq.right else (right - left)
                progress = True
        negative = [c for c, v in solved.items() if v < 0 and fmt.kind_of(c) != CHANGE]
        if not negative:
            assert set(solved) == set(fmt.cells), set(fmt.cells) - set(solved)
            return solved
        # raise a free cell on the other side of the equation that made the value negative
        for c in negative:
            for eq in fmt.equations:
                side = eq.left if c in eq.right else eq.right if c in eq.left else None
                bump = [x for x in (side or ()) if x in values]
                if bump:
                    values[bump[0]] += -solved[c]
                    break


def build_report(format_id: str = "2021", year: int | None = None, *, scale: int = 1,
                 kind: str = "department") -> AnnualReport:
    fmt = formats.get(format_id)
    year = year or max(fmt.first_year, 2021 if format_id != "2019" else 2020)
    deadline = dt.date(year + 1, 1, 20) if kind == "department" else dt.date(year + 1, 3, 20)
    report = AnnualReport(meta=Meta(agency="示例区应急管理局" if kind == "department" else "示例区人民政府",
                                    year=year, template=fmt.id, published=deadline, kind=kind))
    values = _solve(fmt, scale)
    for line, c in enumerate(fmt.cells, start=100):
        report.set(c, values[c], Source(line=line, text=str(values[c])))
    new = values["apply.new.total"]
    texts = {
        1: (f"{year}年，本机关主动公开政府信息152条。全年办理行政许可{values['active.licensing.decisions']}件，"
            f"行政处罚{values['active.penalty.decisions']}件。\n"
            f"本年共收到政府信息公开申请{new}件，全部按时答复。本年度未收取信息处理费。\n"
            "工作考核和社会评议结果良好，未发生责任追究。"),
        5: "主要问题是解读形式单一。改进措施：2022年3月底前组织培训2期，修订《依申请公开工作规程》。",
        6: "无",
    }
    for s in fmt.sections:
        report.sections[s.number] = SectionText(s.number, s.title, texts.get(s.number, "详见下表。"),
                                                Source(line=10 * s.number))
    return report


def serious(report: AnnualReport, previous: AnnualReport | None = None) -> list[tuple[str, tuple[str, ...]]]:
    """(rule, cells) of the error and warning findings, sorted."""
    return sorted((f.rule, f.cells) for f in check(report, previous) if f.severity in (ERROR, WARNING))
