"""One report per document index, with the deviations published reports really carry, and its gold.

`make_case(i)` is deterministic: the same index always gives the same report, deviations and
gold. Deviations applied (each recorded in the gold under `deviations`):

- `collapsed_other` (2021 format): （六）其他处理 printed as ONE row — the cells are
  `apply.other.<col>` and the three sub-rows are absent (CELLS.md); `ogi check` should say
  format.E202 (deserved).
- `blank_cells`: cells printed blank (value None) in table 2 (any cell: no equation there) and in
  tables 3/4 (only cells whose value is 0, so the equations still hold: blank counts as 0).
- `negative_change` (2019 format): 本年增/减 cells that are negative.
- `planted_error`: a real arithmetic inconsistency; the gold lists exactly which equations it
  breaks (`broken_equations`) and under which rules (`expected_errors`).
- `long_narrative`: extra paragraphs (with numbers) before the tables, so that table 3 starts
  lower on the page and breaks across pages at a varying row (multi-page tables in PDF).

The values come from `ogi.synth.random_report`, which satisfies every equation of the format.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from ogi import formats
from ogi.formats import CHANGE, Format
from ogi.model import AnnualReport, SectionText
from ogi.synth import random_report

# Bumped whenever a change here alters the documents: a cached corpus of another version is rebuilt.
GENERATOR_VERSION = 4

# Agencies of every kind and length (governments publish by 31 March, departments by 31 January).
AGENCIES = (
    "赛罕区应急管理局", "洮北区政务服务局", "奉化区市场监督管理局", "云州区人民政府", "鄂尔多斯市扶贫开发办公室",
    "东城区卫生健康委员会", "海淀区教育委员会", "余杭区自然资源和规划局", "武侯区住房和城乡建设局", "南山区司法局",
    "呼和浩特市新城区人民政府", "长沙县人民政府", "城关镇人民政府", "解放路街道办事处", "宁波市生态环境局",
    "广州市番禺区交通运输局", "成都市人力资源和社会保障局", "郑州市金水区民政局", "苏州工业园区管理委员会",
    "哈尔滨市道里区农业农村局", "黄浦区退役军人事务局", "南宁市青秀区文化广电体育和旅游局", "昆明市税务局",
    "拉萨市城关区人民政府办公室", "浙江省财政厅", "国家统计局山东调查总队", "天河区城市管理和综合执法局",
)

# Narrative paragraphs (no two alike: a report repeating its own lines looks like a page scraped twice).
FILLER = (
    "一是加强组织领导。成立了以主要负责同志为组长的政务公开工作领导小组，召开专题会议{a}次，研究部署政务公开重点工作。",
    "二是完善制度建设。修订完善《政府信息公开保密审查制度》等制度{b}项，规范政府信息公开流程。",
    "三是加强平台建设。全年通过门户网站发布信息{c}条，通过政务新媒体发布信息{d}条，回应公众关切{e}次。",
    "四是强化培训指导。组织开展政务公开业务培训{g}次，参训人员{f}人次。",
    "五是推进重点领域信息公开。围绕财政预决算、重大建设项目、公共资源配置等领域，主动公开各类信息{h}条。",
    "六是做好政策解读。坚持政策性文件与解读方案同步组织、同步审签、同步部署，全年发布政策解读{b}篇，其中图文解读{a}篇。",
    "七是规范依申请公开办理。严格按照法定时限答复，做到件件有回复、事事有着落。",
    "八是加强政府信息管理。全年清理历史文件{i}件，其中继续有效{j}件，宣布失效或废止{a}件。",
    "九是优化政务公开专区。在政务服务大厅设置政务公开专区{g}个，配备查阅终端，全年接待查阅群众{k}人次。",
    "十是加强监督考核。将政务公开工作纳入年度绩效考核，开展自查{g}次，发现并整改问题{b}个。",
    "此外，召开新闻发布会{a}场，组织政府开放日活动{g}次，邀请人大代表、政协委员和群众代表参加。",
    "全年未发生因政府信息公开引发的重大舆情事件。",
)

EQUATION_RULE = {"balance": "apply.E101", "outcomes": "apply.E101", "row": "apply.E102", "block": "appeal.E101"}
PLANT_KINDS = ("row_total", "column_balance", "outcome_cell", "appeal_total")


@dataclass
class Case:
    doc_id: str  # "r00042"
    index: int
    report: AnnualReport
    deviations: list[str] = field(default_factory=list)
    blank: list[str] = field(default_factory=list)
    negative: list[str] = field(default_factory=list)
    planted: dict[str, Any] | None = None
    broken: list[str] = field(default_factory=list)  # equation ids broken (the planted error)

    @property
    def expected_errors(self) -> list[str]:
        """Error rules `ogi check` SHOULD raise on a perfect reading."""
        rules = {EQUATION_RULE[e.split(".")[1]] for e in self.broken}
        if "collapsed_other" in self.deviations:
            rules.add("format.E202")
        return sorted(rules)

    def gold(self) -> dict[str, Any]:
        m = self.report.meta
        return {
            "id": self.doc_id,
            "index": self.index,
            "generator": GENERATOR_VERSION,
            "meta": {"agency": m.agency, "year": m.year, "template": m.template,
                     "published": m.published.isoformat() if m.published else None, "kind": m.kind},
            "cells": {cid: c.value for cid, c in self.report.cells.items()},
            "deviations": self.deviations,
            "blank": self.blank,
            "negative": self.negative,
            "planted": self.planted,
            "broken_equations": self.broken,
            "expected_errors": self.expected_errors,
        }


def format_of(index: int) -> str:
    return "2019" if index % 2 else "2021"


def collapsed_groups(fmt: Format, cells: dict[str, Any]) -> dict[str, str]:
    """sub-row cell -> collapsed cell, for each collapsible group printed as one row in `cells`."""
    fold: dict[str, str] = {}
    for table in fmt.tables:
        for g in table.groups:
            if g.collapsible and any(c in cells for c in g.collapsed_cells):
                for r in table.rows:
                    if r.group == g.id:
                        fold.update(dict(zip(r.cells, g.collapsed_cells, strict=True)))
    return fold


def broken_equations(fmt: Format, cells: dict[str, Any]) -> list[str]:
    """Ids of the format's equations that `cells` (blank = 0) do not satisfy; a collapsed group's
    sub-rows are replaced by its single row (sub-row equations then disappear)."""
    fold = collapsed_groups(fmt, cells)
    out = []
    seen = set()
    for eq in fmt.equations:
        left = tuple(dict.fromkeys(fold.get(c, c) for c in eq.left))
        right = tuple(dict.fromkeys(fold.get(c, c) for c in eq.right))
        if (left, right) in seen:
            continue
        seen.add((left, right))
        if any(c in fold for c in eq.left + eq.right) and all(c in fold for c in eq.left + eq.right):
            continue  # a sub-row's own row equation: the collapsed row has one of its own below
        if not all(c in cells for c in left + right):
            continue
        if abs(sum(cells[c] or 0 for c in left) - sum(cells[c] or 0 for c in right)) > 1e-9:
            out.append(eq.id)
    # The collapsed row's own row equation (六类之和 = 总计).
    for table in fmt.tables:
        for g in table.groups:
            if g.collapsible and all(c in cells for c in g.collapsed_cells):
                vals = [cells[c] or 0 for c in g.collapsed_cells]
                if sum(vals[:6]) != vals[6]:
                    out.append(f"apply.row.{g.id}")
    return out


def _collapse_other(report: AnnualReport, fmt: Format) -> None:
    table = fmt.table("apply")
    group = next(g for g in table.groups if g.collapsible)
    rows = [r for r in table.rows if r.group == group.id]
    for i, cid in enumerate(group.collapsed_cells):
        report.set(cid, sum(report.value(r.cells[i]) or 0 for r in rows))
    for r in rows:
        for c in r.cells:
            del report.cells[c]


def _blank_cells(report: AnnualReport, fmt: Format, rng: random.Random) -> list[str]:
    blank = []
    active = list(fmt.table("active").cells)
    for cid in rng.sample(active, rng.randint(1, 4)):
        report.set(cid, None)
        blank.append(cid)
    zeros = [cid for cid in report.cells if cid.startswith("apply.") and report.value(cid) == 0]
    if zeros:
        if rng.random() < 0.5:  # a whole row of zeros printed blank, as many agencies do
            rows = sorted({cid.rsplit(".", 1)[0] for cid in zeros})
            row = rng.choice(rows)
            pick = [c for c in zeros if c.rsplit(".", 1)[0] == row]
        else:
            pick = rng.sample(zeros, min(len(zeros), rng.randint(1, 12)))
        for cid in pick:
            report.set(cid, None)
            blank.append(cid)
    if rng.random() < 0.4:
        zeros4 = [c for c in fmt.table("appeal").cells if report.value(c) == 0]
        for cid in rng.sample(zeros4, min(len(zeros4), rng.randint(1, 5))):
            report.set(cid, None)
            blank.append(cid)
    return sorted(blank)


def _negative_change(report: AnnualReport, fmt: Format, rng: random.Random) -> list[str]:
    changes = [c for c in fmt.table("active").cells if fmt.kind_of(c) == CHANGE]
    for cid in rng.sample(changes, rng.randint(1, 2)):
        report.set(cid, -rng.choice((1, 2, 3, 7, 12, 46, 185)))
    return sorted(c for c in changes if (report.value(c) or 0) < 0)


def _plant(report: AnnualReport, fmt: Format, rng: random.Random) -> dict[str, Any]:
    """Change one or two cells so that a few equations break (recorded by the caller)."""
    kind = rng.choice(PLANT_KINDS)
    cols = ("natural", "commercial", "research", "nonprofit", "legal", "other_org")
    delta = rng.choice((1, 2, 3, 5, 10, 11, 100))
    if kind == "row_total":  # a row's 总计 mistyped
        row = rng.choice(("new", "granted", "partial", "unable.not_held", "carried_forward", "total"))
        cells = [f"apply.{row}.total"]
    elif kind == "column_balance":  # 结转下年度 does not follow from 新收 + 上年结转 − 办结
        col = rng.choice(cols[:2])
        cells = [f"apply.carried_forward.{col}", "apply.carried_forward.total"]
    elif kind == "outcome_cell":  # one outcome cell mistyped: its row and its column break
        row = rng.choice(("granted", "partial", "unable.not_held", "not_processed.duplicate"))
        cells = [f"apply.{row}.{rng.choice(cols[:2])}"]
    else:  # table 4: a block's 总计 mistyped
        block = rng.choice(("review", "suit_direct", "suit_after_review"))
        cells = [f"{block}.total"]
    before = {c: report.value(c) for c in cells}
    for c in cells:
        report.set(c, (report.value(c) or 0) + delta)
    return {"kind": kind, "cells": cells, "delta": delta, "before": before,
            "after": {c: report.value(c) for c in cells}}


def _narrative(report: AnnualReport, rng: random.Random, paragraphs: int) -> None:
    sec = report.sections.get(1)
    if sec is None:
        return
    nums = {k: rng.randint(2, 60) for k in "abg"} | {k: rng.randint(50, 3000) for k in "cdefhijk"}
    extra = [FILLER[i].format(**nums) for i in range(min(paragraphs, len(FILLER)))]
    report.sections[1] = SectionText(1, sec.heading, "\n".join([sec.text, *extra]))


def make_case(index: int, shift: int = 0) -> Case:
    """The report of document `index`. `shift` changes only the number of narrative paragraphs
    (never a value): used when LibreOffice drops table rows at a page break, to move the break."""
    rng = random.Random(f"ogi-realworld-{index}")
    fmt_id = format_of(index)
    fmt = formats.get(fmt_id)
    report = random_report(fmt_id, seed=100_000 + index, busy=rng.choice((0.15, 0.3, 0.5, 0.8)),
                           agency=rng.choice(AGENCIES))
    m = report.meta
    # Dates anywhere in the allowed window (and the odd one on the deadline day itself).
    month = 1 if m.kind == "department" else rng.choice((1, 2, 3))
    day = rng.randint(4, 28) if month == 2 or rng.random() < 0.85 else 31
    m.published = dt.date(m.year + 1, month, day)
    case = Case(f"r{index:05d}", index, report)
    if fmt_id == "2021" and rng.random() < 0.25:
        _collapse_other(report, fmt)
        case.deviations.append("collapsed_other")
    if rng.random() < 0.4:
        case.blank = _blank_cells(report, fmt, rng)
        case.deviations.append("blank_cells")
    if fmt_id == "2019" and rng.random() < 0.5:
        case.deviations.append("negative_change")
        _negative_change(report, fmt, rng)
    case.negative = sorted(c for c, cell in report.cells.items() if (cell.value or 0) < 0)
    if rng.random() < 0.15:
        case.planted = _plant(report, fmt, rng)
        case.deviations.append("planted_error")
    case.blank = sorted(cid for cid, c in report.cells.items() if c.value is None)
    values = {cid: c.value for cid, c in report.cells.items()}
    case.broken = broken_equations(fmt, values)
    if case.planted is None and case.broken:
        raise AssertionError(f"{case.doc_id}: equations broken without a planted error: {case.broken}")
    if case.planted is not None:
        case.planted["equations"] = case.broken
        case.planted["rules"] = sorted({EQUATION_RULE[e.split(".")[1]] for e in case.broken})
    n = rng.choice((0, 0, 1, 2, 3, 4, 5, 6, 7, 9, 12))
    if shift:
        n = n + shift if n + shift <= len(FILLER) else n - shift
    if n:
        _narrative(report, rng, n)
        case.deviations.append("long_narrative")
    return case
