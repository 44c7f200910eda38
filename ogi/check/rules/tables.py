"""The tables: the equations each format builds into them, and the values cells may hold.

The equations come from the format definitions (`Format.equations`, see ogi/formats/shared.py);
nothing here names a row. Their legal source: the note printed under table 3 of both format
notices (国办公开办函〔2019〕60号, 〔2021〕30号): "本列数据的勾稽关系为：第一项加第二项之和，
等于第三项加第四项之和", and the 总计 rows and columns of tables 3 and 4.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ...formats import CellId
from ...model import Cell
from ..context import Context
from ..finding import Finding
from ..registry import RULES, check_fn, rule

_NOTICES = "国办公开办函〔2019〕60号、国办公开办函〔2021〕30号（年度报告格式，表三、表四）"

rule("apply.E101", "表三列勾稽关系不成立", "table 3: a column does not add up",
     "For each applicant column of table 3: 新收 + 上年结转 = 办理结果总计 + 结转下年度, and the outcome "
     "rows add up to （七）总计. Blank cells count as 0; an equation with a cell the document lacks is "
     "skipped (the missing cell is a finding of its own).", _NOTICES + "：表三注“第一项加第二项之和，等于第三项加第四项之和”")
rule("apply.E102", "表三行合计不成立", "table 3: a row does not add up",
     "For each row of table 3: the six applicant columns add up to the 总计 column.", _NOTICES)
rule("appeal.E101", "表四合计不成立", "table 4: a block does not add up",
     "For each block of table 4 (行政复议, 未经复议直接起诉, 复议后起诉): 结果维持 + 结果纠正 + 其他结果 + "
     "尚未审结 = 总计.", _NOTICES)
rule("table.E100", "表格等式不成立", "a table equation does not hold",
     "Any other equation a format declares (a future format's identities that are not of the kinds above).",
     "the format notice that declares the equation")
rule("values.E301", "计数为负", "a count is negative",
     "Cells of kind count and amount must not be negative (only 本年增/减 may be).", _NOTICES)
rule("values.E302", "计数不是整数", "a count is not a whole number",
     "Cells of kind count and change hold whole numbers (件、项); amounts in 万元 may have decimals.", _NOTICES)
rule("parse.W504", "勾稽关系无法核对", "an equation could not be verified",
     "An equation of the format does not hold on the values OGI read, but some of its cells were read with doubt "
     "(see parse.W502 and the reason given for each): the break may be OGI's misreading, so it is not reported "
     "against the document. The printed text of each cell is in the evidence for a person to look at.",
     "OGI: the document is blamed only for what OGI read with certainty")
rule("values.I303", "空白单元格", "blank cells",
     "Cells the document prints blank, '/', '—' or '无' (value null). Counted as 0 in the equations and listed "
     "here, since blank and 0 mean different things to an auditor.", _NOTICES)


def _num(v: int | float) -> int | float:
    if isinstance(v, int):
        return v
    return int(v) if v.is_integer() else round(v, 6)


def _side(cells: Mapping[CellId, Cell], ids: Iterable[CellId]) -> tuple[float, int, int] | None:
    """(sum, blank cells, printed cells) of one side of an equation; None if a cell is absent."""
    total: int | float = 0  # exact for integers, however many digits a mangled document prints
    blanks = present = 0
    for c in ids:
        cell = cells.get(c)
        if cell is None:
            return None
        if cell.value is None:
            blanks += 1
        else:
            total += cell.value
            present += 1
    return total, blanks, present


def _equations(ctx: Context) -> Iterator[Finding]:
    cells = ctx.report.cells
    for pe in ctx.plan.equations:
        left_side = _side(cells, pe.left)
        right_side = _side(cells, pe.right) if left_side else None
        if left_side is None or right_side is None:
            continue  # a cell the document does not contain: parse.W501 reports it
        total, left_blanks, left_present = left_side
        right, right_blanks, right_present = right_side
        blanks, present = left_blanks + right_blanks, left_present + right_present
        if not present or abs(total - right) < 1e-6:
            continue
        values = {c: cells[c].value for c in pe.cells}
        evidence: dict[str, Any] = {
            "equation": pe.eq.id,
            "left": _num(total),
            "right": _num(right),
            "difference": _num(total - right),
            "left_cells": list(pe.left),
            "right_cells": list(pe.right),
            "values": values,
        }
        if blanks:
            evidence["blank"] = [c for c in pe.cells if values[c] is None]
        doubtful = {c: list(cells[c].alternatives) for c in pe.cells if cells[c].uncertain}
        if doubtful:
            # OGI's doubt, not the document's error: never an accusation.
            evidence["uncertain"] = doubtful
            evidence["rule"] = pe.rule
            yield RULES["parse.W504"].finding(
                f"{pe.eq.zh} 按读出的数值不成立（{_num(total)} ≠ {_num(right)}），但其中{len(doubtful)}个单元格读取存疑，"
                "无法确定是报告本身的问题",
                f"{pe.eq.en} does not hold on the values read ({_num(total)} ≠ {_num(right)}), but {len(doubtful)} "
                "of its cells were read with doubt: not reported against the document",
                pe.cells, evidence,
                ctx.first_source(pe.right) or ctx.first_source(pe.left),
                ctx.sources(pe.cells),
            )
            continue
        r = RULES[pe.rule]
        yield r.finding(
            f"{pe.eq.zh} 不成立：{_num(total)} ≠ {_num(right)}",
            f"{pe.eq.en} does not hold: {_num(total)} ≠ {_num(right)}",
            pe.cells, evidence,
            ctx.first_source(pe.right) or ctx.first_source(pe.left),
            ctx.sources(pe.cells),
        )


@check_fn("apply.E101", "apply.E102", "appeal.E101", "table.E100", "parse.W504")
def equations(ctx: Context) -> Iterator[Finding]:
    yield from _equations(ctx)


@check_fn("values.E301", "values.E302", "values.I303")
def values(ctx: Context) -> Iterator[Finding]:
    cells = ctx.report.cells
    plan = ctx.plan
    negative, fractional, blank = [], [], []
    for cid, cell in cells.items():
        v = cell.value
        if v is None:
            if cid in plan.kind:
                blank.append(cid)
            continue
        kind = plan.kind.get(cid)
        if kind is None or cell.uncertain:
            continue  # a value OGI doubts is parse.W502's, not the document's
        if v < 0 and kind != "change":
            negative.append(cid)
        if kind != "amount" and not isinstance(v, int) and not float(v).is_integer():
            fractional.append(cid)
    for cid in negative:
        v = cells[cid].value
        yield RULES["values.E301"].finding(
            f"「{ctx.label(cid)}」为负数：{v}", f"{cid} is negative: {v}",
            (cid,), {"values": {cid: v}}, cells[cid].source, ctx.sources((cid,)))
    for cid in fractional:
        v = cells[cid].value
        yield RULES["values.E302"].finding(
            f"「{ctx.label(cid)}」应为整数：{v}", f"{cid} should be a whole number: {v}",
            (cid,), {"values": {cid: v}}, cells[cid].source, ctx.sources((cid,)))
    if blank:
        by_table: dict[str, list[CellId]] = {}
        for cid in blank:
            by_table.setdefault(plan.table_of[cid], []).append(cid)
        for table_id, ids in by_table.items():
            title = plan.fmt.table(table_id).title
            yield RULES["values.I303"].finding(
                f"「{title}」表中有{len(ids)}个单元格空白（“/”“—”或未填），计算时按0计",
                f"table {table_id}: {len(ids)} cells are blank; counted as 0",
                tuple(ids), {"values": {c: None for c in ids}}, ctx.first_source(ids), ctx.sources(ids))
