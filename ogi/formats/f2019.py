"""The 2019 format: 国办公开办函〔2019〕60号, for the 2019 and 2020 reports."""

from __future__ import annotations

from .base import AMOUNT, CHANGE, Column, Format, Row, RowGroup, Table
from .shared import (
    APPLY_COLUMNS,
    SECTIONS,
    appeal_equations,
    appeal_table,
    apply_equations,
    apply_table,
    carry_pairs,
)

NOTICE = "国办公开办函〔2019〕60号"

_DOCS = (
    Column("made", "本年新制作数量", aliases=("本年新", "本年新制作")),
    Column("published", "本年新公开数量", aliases=("本年新", "本年新公开")),
    Column("total_public", "对外公开总数量", aliases=("对外公开数量",)),
)
_ITEMS = (
    Column("prev_items", "上一年项目数量"),
    Column("change", "本年增/减", kind=CHANGE),
    Column("decisions", "处理决定数量"),
)
_FEES = _ITEMS[:2]
_PROCUREMENT = (
    Column("items", "采购项目数量"),
    Column("amount", "采购总金额", kind=AMOUNT),
)


def _row(row_id: str, label: str, columns: tuple[Column, ...], keys: tuple[str, ...], group: str,
         exact: tuple[str, ...] = ()) -> Row:
    return Row(row_id, label, tuple(f"active.{row_id}.{c.id}" for c in columns), columns, keys, exact, group)


ACTIVE = Table(
    id="active",
    number=2,
    title="二、主动公开政府信息情况",
    rows=(
        _row("rules", "规章", _DOCS, (), "art20_1", exact=("规章",)),
        _row("normative", "规范性文件", _DOCS, ("规范性文件",), "art20_1"),
        _row("licensing", "行政许可", _ITEMS, ("行政许可",), "art20_5"),
        _row("other_services", "其他对外管理服务事项", _ITEMS, ("其他对外管理服务", "对外管理服务事项"), "art20_5"),
        _row("penalty", "行政处罚", _ITEMS, ("行政处罚",), "art20_6"),
        _row("coercion", "行政强制", _ITEMS, ("行政强制",), "art20_6"),
        _row("fees", "行政事业性收费", _FEES, ("行政事业性收费", "事业性收费"), "art20_8"),
        _row("procurement", "政府集中采购", _PROCUREMENT, ("政府集中采购", "集中采购"), "art20_9"),
    ),
    groups=(
        RowGroup("art20_1", "第二十条第（一）项", ("第二十条第一项",)),
        RowGroup("art20_5", "第二十条第（五）项", ("第二十条第五项",)),
        RowGroup("art20_6", "第二十条第（六）项", ("第二十条第六项",)),
        RowGroup("art20_8", "第二十条第（八）项", ("第二十条第八项",)),
        RowGroup("art20_9", "第二十条第（九）项", ("第二十条第九项",)),
    ),
    header_keys=("第二十条", "信息内容"),
)

APPLY = apply_table(
    other_rows=(
        Row("other", "（六）其他处理", tuple(f"apply.other.{c.id}" for c in APPLY_COLUMNS), APPLY_COLUMNS,
            ("其他处理",), (), "result"),
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
    equations=apply_equations(APPLY) + appeal_equations(),
    carry=carry_pairs(APPLY),
    signature=("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增减",
               "政府集中采购", "采购项目数量", "采购总金额", "其他对外管理服务事项"),
)


