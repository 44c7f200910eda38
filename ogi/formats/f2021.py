"""The 2021 format: 国办公开办函〔2021〕30号, for the reports from 2021 on."""

from __future__ import annotations

from . import counts
from .base import AMOUNT, Column, Format, Row, RowGroup
from .ids import CellId
from .shared import (
    APPLY_COLUMNS,
    APPLY_ID,
    SECTIONS,
    active_row,
    active_table,
    appeal_equations,
    appeal_table,
    apply_equations,
    apply_row,
    apply_table,
    article20_groups,
    carry_pairs,
    stated,
    summary,
)

NOTICE = "国办公开办函〔2021〕30号"

_DOCS = (
    Column("issued", "本年制发件数", aliases=("本年制发",), stated=("制发", "印发", "出台"), measure=counts.ISSUED),
    Column("repealed", "本年废止件数", aliases=("本年废止",), stated=("废止",), measure=counts.REPEALED),
    Column("in_force", "现行有效件数", aliases=("现行有效",), stated=("现行有效",), measure=counts.IN_FORCE),
)
_DECISIONS = (Column("decisions", "本年处理决定数量", measure=counts.DECISIONS),)
_FEES = (Column("amount", "本年收费金额（单位：万元）", kind=AMOUNT, measure=counts.AMOUNT),)


ACTIVE = active_table(
    rows=(
        active_row("rules", "规章", _DOCS, (), 1, exact=("规章",)),
        active_row("normative", "行政规范性文件", _DOCS, ("规范性文件",), 1),
        active_row("licensing", "行政许可", _DECISIONS, ("行政许可",), 5),
        active_row("penalty", "行政处罚", _DECISIONS, ("行政处罚",), 6),
        active_row("coercion", "行政强制", _DECISIONS, ("行政强制",), 6),
        active_row("fees", "行政事业性收费", _FEES, ("行政事业性收费", "事业性收费"), 8),
    ),
    groups=article20_groups(1, 5, 6, 8),
)


def _other_row(row_id: str, label: str, keys: tuple[str, ...], exact: tuple[str, ...] = ()) -> Row:
    return apply_row(f"other.{row_id}", label, keys, "other", exact)


APPLY = apply_table(
    other_rows=(
        _other_row("overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                   ("逾期不补正", "无正当理由逾期")),
        _other_row("overdue_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                   ("收费通知", "缴纳费用", "逾期未按")),
        _other_row("misc", "3.其他", (), exact=("3其他", "其他")),
    ),
    # Printed as one row by some 2021-format reports: a deviation to report, not a parse failure.
    other_group=RowGroup("other", "（六）其他处理", ("其他处理",), collapsible=True,
                         collapsed_cells=tuple(CellId(f"{APPLY_ID}.other.{c.id}") for c in APPLY_COLUMNS)),
)

APPEAL = appeal_table()

FORMAT = Format(
    id="2021",
    notice=NOTICE,
    first_year=2021,
    last_year=None,
    sections=SECTIONS,
    tables=(ACTIVE, APPLY, APPEAL),
    equations=apply_equations(APPLY) + appeal_equations(APPEAL),
    carry=carry_pairs(APPLY),
    stated=stated(ACTIVE, APPLY, APPEAL),
    summary=summary(APPLY),
    signature=("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额",
               "行政规范性文件", "逾期不补正", "收费通知"),
    # Across years: last year's 现行有效 + 本年制发 − 本年废止 = this year's 现行有效 (a warning:
    # revisions muddle it).
    cross_year=tuple(
        (ACTIVE.row(r).cells[2], ACTIVE.row(r).cells[0], ACTIVE.row(r).cells[1]) for r in ("rules", "normative")),
)
