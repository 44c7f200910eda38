"""The 2019 format: 国办公开办函〔2019〕60号, for the 2019 and 2020 reports."""

from __future__ import annotations

from . import counts
from .base import AMOUNT, CHANGE, Column, Format
from .shared import (
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

NOTICE = "国办公开办函〔2019〕60号"

_DOCS = (
    Column("made", "本年新制作数量", aliases=("本年新", "本年新制作"), stated=("新制作", "制作"), measure=counts.ISSUED),
    Column("published", "本年新公开数量", aliases=("本年新", "本年新公开"), stated=("新公开",), measure=counts.PUBLISHED),
    Column("total_public", "对外公开总数量", aliases=("对外公开数量",), stated=("对外公开总数", "公开总数"), measure=counts.PUBLIC),
)
_ITEMS = (
    Column("prev_items", "上一年项目数量", measure=counts.PREV_ITEMS),
    Column("change", "本年增/减", kind=CHANGE, measure=counts.CHANGE),
    Column("decisions", "处理决定数量", measure=counts.DECISIONS),
)
_FEES = _ITEMS[:2]
_PROCUREMENT = (
    Column("items", "采购项目数量", measure=counts.ITEMS),
    Column("amount", "采购总金额", kind=AMOUNT, measure=counts.AMOUNT),
)


ACTIVE = active_table(
    rows=(
        active_row("rules", "规章", _DOCS, (), 1, exact=("规章",)),
        active_row("normative", "规范性文件", _DOCS, ("规范性文件",), 1),
        active_row("licensing", "行政许可", _ITEMS, ("行政许可",), 5),
        active_row("other_services", "其他对外管理服务事项", _ITEMS, ("其他对外管理服务", "对外管理服务事项"), 5),
        active_row("penalty", "行政处罚", _ITEMS, ("行政处罚",), 6),
        active_row("coercion", "行政强制", _ITEMS, ("行政强制",), 6),
        active_row("fees", "行政事业性收费", _FEES, ("行政事业性收费", "事业性收费"), 8),
        active_row("procurement", "政府集中采购", _PROCUREMENT, ("政府集中采购", "集中采购"), 9),
    ),
    groups=article20_groups(1, 5, 6, 8, 9),
)

APPLY = apply_table(
    other_rows=(
        # The three （六） categories of the 2021 format are one row here.
        apply_row("other", "（六）其他处理", ("其他处理",), "result", counts=counts.OTHER),
    ),
    other_group=None,
)

APPEAL = appeal_table()

FORMAT = Format(
    id="2019",
    notice=NOTICE,
    first_year=2019,
    last_year=2020,
    sections=SECTIONS,
    tables=(ACTIVE, APPLY, APPEAL),
    equations=apply_equations(APPLY) + appeal_equations(APPEAL),
    carry=carry_pairs(APPLY),
    stated=stated(ACTIVE, APPLY, APPEAL),
    summary=summary(APPLY),
    signature=("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增减",
               "政府集中采购", "采购项目数量", "采购总金额", "其他对外管理服务事项"),
)


