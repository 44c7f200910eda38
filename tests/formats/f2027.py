"""A "2027 format" that exists only in the tests: the proof that a new format is one module.

It is the 2021 format (国办公开办函〔2021〕30号) with
- other table ids (disclosure / requests / remedies), so that no layer can find a table, a row
  or a cell by the built-in formats' names;
- one more row in table 3: （五）不予处理 6.要求行政机关加工分析数据, an outcome the ledger has
  no category for (composed as 0);
- one more block in table 4: 行政诉讼·申请再审, five more cells;
- a renamed column in table 3: 科研机构 printed as 高等院校及科研院所 (the applicant kind the
  ledger counts stays `research`).

Built from the same builders and registered the same way (`ogi.formats.register`, here through
`ogi.formats.registered` so that a test undoes it) as the built-in formats.
"""

from __future__ import annotations

from dataclasses import replace

from ogi.formats import Format, RowGroup, TableId, f2021
from ogi.formats.ids import CellId
from ogi.formats.shared import (
    APPEAL_GROUPS,
    APPEAL_HEADER_KEYS,
    APPLICANTS,
    APPLY_TOTAL,
    HEADER_SEPARATOR,
    SECTIONS,
    active_row,
    active_table,
    appeal_equations,
    appeal_table,
    apply_equations,
    apply_head,
    apply_row,
    apply_table,
    article20_groups,
    carry_pairs,
    stated,
    summary,
)

DISCLOSURE, REQUESTS, REMEDIES = TableId("disclosure"), TableId("requests"), TableId("remedies")

RESEARCH_LABEL = "高等院校及科研院所"
COLUMNS = tuple(replace(c, label=RESEARCH_LABEL) if c.id == "research" else c for c in APPLICANTS) + (APPLY_TOTAL,)
NEW_ROW_LABEL = "6.要求行政机关加工分析数据"
NEW_BLOCK = ("retrial", f"行政诉讼{HEADER_SEPARATOR}申请再审")

ACTIVE = active_table(
    rows=tuple(active_row(r.id, r.label, r.columns, r.keys, int(r.group.split("_")[1]), r.exact, DISCLOSURE)
               for r in f2021.ACTIVE.rows if r.group),
    groups=article20_groups(1, 5, 6, 8),
    table_id=DISCLOSURE,
)

_HEAD = apply_head(REQUESTS, COLUMNS)
_NEW = apply_row("not_processed.analysis", NEW_ROW_LABEL, ("加工分析",), "not_processed", counts=(),
                 table_id=REQUESTS, columns=COLUMNS)
_OTHER = tuple(apply_row(r.id, r.label, r.keys, r.group, r.exact, table_id=REQUESTS, columns=COLUMNS)
               for r in f2021.APPLY.rows if r.group == "other")

APPLY = apply_table(
    other_rows=(_NEW,) + _OTHER,
    other_group=RowGroup("other", "（六）其他处理", ("其他处理",), collapsible=True,
                         collapsed_cells=tuple(CellId(f"{REQUESTS}.other.{c.id}") for c in COLUMNS)),
    head=_HEAD,
    table_id=REQUESTS,
    columns=COLUMNS,
    header_keys=("申请人情况", "自然人", "法人或其他组织", "商业企业", RESEARCH_LABEL, "社会公益组织", "法律服务机构"),
)

APPEAL = appeal_table(APPEAL_GROUPS + (NEW_BLOCK,), REMEDIES, APPEAL_HEADER_KEYS + ("申请再审",))

FORMAT = Format(
    id="2027",
    notice="（测试用）2027年格式",
    first_year=2027,
    last_year=None,
    sections=SECTIONS,
    tables=(ACTIVE, APPLY, APPEAL),
    equations=apply_equations(APPLY) + appeal_equations(APPEAL),
    carry=carry_pairs(APPLY),
    stated=stated(ACTIVE, APPLY, APPEAL),
    summary=summary(APPLY),
    # Six of the 2021 format's signature words and three of its own: a 2027 document scores
    # above 2021, a 2021 document below it.
    signature=f2021.FORMAT.signature[:6] + ("加工分析", RESEARCH_LABEL, "申请再审"),
    cross_year=tuple((ACTIVE.row(r).cells[2], ACTIVE.row(r).cells[0], ACTIVE.row(r).cells[1])
                     for r in ("rules", "normative")),
)
