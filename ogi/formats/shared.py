"""Parts both formats share: the six sections, table 3's columns and most of its rows, table 4.

Only builders live here; each format module assembles its own tables from them, so a later
format that changes one row changes it in its own module.
"""

from __future__ import annotations

from .base import (
    APPEALS,
    APPLICATIONS,
    ARTICLE20,
    BLOCKS,
    NESTED,
    TREE,
    Block,
    Column,
    Equation,
    Flow,
    Row,
    RowGroup,
    Section,
    Shape,
    Stated,
    Summary,
    Table,
)
from .counts import CASE_OUTCOMES, PENDING, TOTAL
from .ids import CellId, RowId, TableId
from .numerals import numeral

SECTIONS = (
    Section(1, "一、总体情况", ("总体情况", "基本情况", "工作开展情况", "概述", "工作情况")),
    Section(2, "二、主动公开政府信息情况", ("主动公开",)),
    Section(3, "三、收到和处理政府信息公开申请情况", ("收到和处理", "依申请公开", "处理政府信息公开")),
    Section(4, "四、政府信息公开行政复议、行政诉讼情况", ("行政复议", "行政诉讼")),
    Section(5, "五、存在的主要问题及改进情况", ("存在的主要问题", "存在问题", "存在的问题", "改进情况", "主要问题")),
    Section(6, "六、其他需要报告的事项", ("其他需要报告", "其他事项", "需要报告的事项")),
)

# Header words the format notice prints that are neither row nor column labels (both formats).
INFO_HEADER = "信息内容"  # table 2's corner
APPLICANTS_HEADER = "申请人情况"  # over table 3's columns
ORGANISATIONS_HEADER = "法人或其他组织"  # over the five organisation columns
APPLY_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"  # table 3's corner
# Table 4's column labels are written 行政诉讼·复议后起诉·结果维持: one header level per part.
HEADER_SEPARATOR = "·"

# Table 2 — 主动公开政府信息情况: rows grouped by the item of 国务院令第711号 第二十条 they
# disclose. Each format lists its own rows; these build them.


ACTIVE_ID = TableId("active")
APPLY_ID = TableId("apply")
APPEAL_ID = TableId("appeal")


def active_row(row_id: str, label: str, columns: tuple[Column, ...], keys: tuple[str, ...], item: int,
               exact: tuple[str, ...] = (), table_id: TableId = ACTIVE_ID) -> Row:
    """A row of table 2 (cell id <table>.<row>.<column>) under 第二十条第（item）项; it counts the
    ledger's records of the kind of its id (ogi.formats.counts)."""
    return Row(RowId(row_id), label, tuple(CellId(f"{table_id}.{row_id}.{c.id}") for c in columns), columns,
               keys, exact, f"art20_{item}", counts=(row_id,))


def active_table(rows: tuple[Row, ...], groups: tuple[RowGroup, ...], table_id: TableId = ACTIVE_ID) -> Table:
    """Table 2: its rows (`active_row`) under the 第二十条 items (`article20_groups`)."""
    return Table(
        id=table_id,
        number=2,
        title="二、主动公开政府信息情况",
        rows=rows,
        groups=groups,
        header_keys=("第二十条", "信息内容"),
        role=ARTICLE20,
        shape=Shape(BLOCKS, corner=INFO_HEADER),
    )


def article20_groups(*items: int) -> tuple[RowGroup, ...]:
    """The merged 第二十条第（N）项 labels over table 2's rows."""
    return tuple(RowGroup(f"art20_{n}", f"第二十条第（{numeral(n)}）项", (f"第二十条第{numeral(n)}项",))
                 for n in items)


# Table 3 columns (申请人情况). Cell id: apply.<row>.<column>.
APPLICANTS = (
    Column("natural", "自然人", aliases=("自 然 人",)),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    Column("nonprofit", "社会公益组织"),
    Column("legal", "法律服务机构"),
    Column("other_org", "其他"),
)
APPLY_TOTAL = Column("total", "总计")
APPLY_COLUMNS = APPLICANTS + (APPLY_TOTAL,)
# The applicant columns printed right under 申请人情况; the others under 法人或其他组织.
_TOP_LEVEL = ("natural", "total")


def applicant_header(columns: tuple[Column, ...]) -> tuple[tuple[str, ...], ...]:
    """Table 3's header tree: 申请人情况 → 自然人 / 法人或其他组织 (商业企业 … 其他) / 总计."""
    return tuple((APPLICANTS_HEADER, c.label) if c.id in _TOP_LEVEL else
                 (APPLICANTS_HEADER, ORGANISATIONS_HEADER, c.label) for c in columns)


def _apply_row(row_id: str, label: str, keys: tuple[str, ...], group: str | None = None,
               exact: tuple[str, ...] = (), counts: tuple[str, ...] | None = None,
               table_id: TableId = APPLY_ID, columns: tuple[Column, ...] = APPLY_COLUMNS) -> Row:
    return Row(
        id=RowId(row_id),
        label=label,
        cells=tuple(CellId(f"{table_id}.{row_id}.{c.id}") for c in columns),
        columns=columns,
        keys=keys,
        exact=exact,
        group=group,
        counts=(row_id,) if counts is None and group is not None else (counts or ()),
    )


def apply_row(row_id: str, label: str, keys: tuple[str, ...], group: str | None = None,
              exact: tuple[str, ...] = (), counts: tuple[str, ...] | None = None,
              table_id: TableId = APPLY_ID, columns: tuple[Column, ...] = APPLY_COLUMNS) -> Row:
    """A row of table 3 (cell id <table>.<row>.<column>); a row in a group counts the outcome
    category of its own id unless `counts` says otherwise."""
    return _apply_row(row_id, label, keys, group, exact, counts, table_id, columns)


# (row id, label, keys, group). Keys are normalised (normalize_label): no spaces, brackets or
# punctuation. Typos seen in published reports are listed as keys of their own.
def apply_head(table_id: TableId = APPLY_ID, columns: tuple[Column, ...] = APPLY_COLUMNS) -> tuple[Row, ...]:
    """Table 3's rows down to （五）不予处理 (both formats print them alike)."""
    def r(row_id: str, label: str, keys: tuple[str, ...], group: str | None = None) -> Row:
        return _apply_row(row_id, label, keys, group, table_id=table_id, columns=columns)

    return (
        r("new", "一、本年新收政府信息公开申请数量", ("本年新收", "新收政府信息公开申请")),
        r("carried_over", "二、上年结转政府信息公开申请数量", ("上年结转",)),
        r("granted", "（一）予以公开", ("予以公开",), "result"),
        r("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ("部分公开",), "result"),
        r("denied.state_secret", "1.属于国家秘密", ("国家秘密",), "denied"),
        r("denied.law_prohibited", "2.其他法律行政法规禁止公开",
          ("法律行政法规禁止", "其他法律行政止公开", "行政法规禁止公开", "法规禁止公开"), "denied"),
        r("denied.three_safety", "3.危及“三安全一稳定”", ("三安全一稳定", "三安全", "危及"), "denied"),
        r("denied.third_party", "4.保护第三方合法权益", ("第三方合法权益", "保护第三方"), "denied"),
        r("denied.internal", "5.属于三类内部事务信息", ("三类内部事务", "内部事务信息"), "denied"),
        r("denied.process", "6.属于四类过程性信息", ("四类过程性", "过程性信息"), "denied"),
        r("denied.enforcement", "7.属于行政执法案卷", ("行政执法案卷", "执法案卷"), "denied"),
        r("denied.query", "8.属于行政查询事项", ("行政查询事项", "查询事项"), "denied"),
        r("unable.not_held", "1.本机关不掌握相关政府信息", ("不掌握",), "unable"),
        r("unable.needs_creation", "2.没有现成信息需要另行制作", ("另行制作", "没有现成信息"), "unable"),
        r("unable.unclear", "3.补正后申请内容仍不明确", ("仍不明确", "补正后申请"), "unable"),
        r("not_processed.petition", "1.信访举报投诉类申请", ("信访举报投诉", "信访举报"), "not_processed"),
        r("not_processed.duplicate", "2.重复申请", ("重复申请",), "not_processed"),
        r("not_processed.publication", "3.要求提供公开出版物", ("公开出版物",), "not_processed"),
        r("not_processed.excessive", "4.无正当理由大量反复申请", ("大量反复申请", "大量反复"), "not_processed"),
        r("not_processed.confirm", "5.要求行政机关确认或重新出具已获取信息",
          ("确认或重新出具", "重新出具已获取"), "not_processed"),
    )


def apply_tail(table_id: TableId = APPLY_ID, columns: tuple[Column, ...] = APPLY_COLUMNS) -> tuple[Row, ...]:
    """（七）总计 and 四、结转下年度继续办理."""
    return (
        _apply_row("total", "（七）总计", ("七总计",), "result", exact=("总计",), counts=(), table_id=table_id,
                   columns=columns),
        _apply_row("carried_forward", "四、结转下年度继续办理", ("结转下年度",), table_id=table_id, columns=columns),
    )


APPLY_HEAD = apply_head()
APPLY_TAIL = apply_tail()

APPLY_GROUPS_COMMON = (
    RowGroup("result", "三、本年度办理结果", ("本年度办理结果", "办理结果")),
    RowGroup("denied", "（三）不予公开", ("不予公开",)),
    RowGroup("unable", "（四）无法提供", ("无法提供",)),
    RowGroup("not_processed", "（五）不予处理", ("不予处理",)),
)

APPLY_HEADER_KEYS = ("申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构")


APPLY_FLOW = Flow(RowId("new"), RowId("carried_over"), RowId("total"), RowId("carried_forward"))


def apply_table(other_rows: tuple[Row, ...], other_group: RowGroup | None, head: tuple[Row, ...] | None = None,
                tail: tuple[Row, ...] | None = None, table_id: TableId = APPLY_ID,
                columns: tuple[Column, ...] = APPLY_COLUMNS, header_keys: tuple[str, ...] = APPLY_HEADER_KEYS) -> Table:
    groups = APPLY_GROUPS_COMMON + ((other_group,) if other_group else ())
    return Table(
        id=table_id,
        number=3,
        title="三、收到和处理政府信息公开申请情况",
        rows=(apply_head(table_id, columns) if head is None else head) + other_rows
        + (apply_tail(table_id, columns) if tail is None else tail),
        groups=groups,
        header_keys=header_keys,
        role=APPLICATIONS,
        shape=Shape(NESTED, corner=APPLY_NOTE, header=applicant_header(columns)),
        flow=APPLY_FLOW,
        total_column=APPLY_TOTAL.id,
        result_group="result",
    )


def carry_pairs(table: Table) -> tuple[tuple[CellId, CellId], ...]:
    """(this year's 上年结转, last year's 结转下年度) per column: the applications still open at the
    end of one year are the ones carried over at the start of the next."""
    return tuple(zip(table.flow_row("carried_over").cells, table.flow_row("carried_forward").cells, strict=True))


def apply_equations(table: Table) -> tuple[Equation, ...]:
    """The identities of table 3, written once for whichever rows and columns a format has.

    Per column: 第一项 + 第二项 = 第三项 + 第四项 (the note printed under the table's heading) and
    总计 = the sum of the outcome leaf rows. Per row: the 总计 column = the applicant columns.
    """
    new, over, total, forward = (table.flow_row(n) for n in ("new", "carried_over", "total", "carried_forward"))
    equations = []
    for k, col in enumerate(table.columns):
        c = col.id
        equations.append(Equation(
            f"{table.id}.balance.{c}",
            (new.cells[k], over.cells[k]),
            (total.cells[k], forward.cells[k]),
            "column",
            f"「{col.label}」列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度",
            f"column {col.label}: new + carried over = total handled + carried forward",
        ))
        equations.append(Equation(
            f"{table.id}.outcomes.{c}",
            tuple(r.cells[k] for r in table.leaf_rows),
            (total.cells[k],),
            "column",
            f"「{col.label}」列：各项办理结果之和 = （七）总计",
            f"column {col.label}: the outcome rows add up to the total",
        ))
    t = table.total_index
    for row in table.rows:
        equations.append(Equation(
            f"{table.id}.row.{row.id}",
            tuple(x for i, x in enumerate(row.cells) if i != t),
            (row.cells[t],),
            "row",
            f"「{row.label}」行：六类申请人之和 = 总计",
            f"row {row.label}: the six applicant columns add up to 总计",
        ))
    return tuple(equations)


# Table 4 — 政府信息公开行政复议、行政诉讼情况. One printed row of fifteen cells.
OUTCOMES = (
    Column("upheld", "结果维持", aliases=("维持",)),
    Column("corrected", "结果纠正", aliases=("纠正",)),
    Column("other", "其他结果"),
    Column("pending", "尚未审结", aliases=("尚未结果", "尚未审理")),
    Column("total", "总计"),
)
APPEAL_GROUPS = (
    ("review", "行政复议"),
    ("suit_direct", f"行政诉讼{HEADER_SEPARATOR}未经复议直接起诉"),
    ("suit_after_review", f"行政诉讼{HEADER_SEPARATOR}复议后起诉"),
)
assert tuple(o.id for o in OUTCOMES) == CASE_OUTCOMES + (PENDING, TOTAL)
APPEAL_HEADER_KEYS = ("行政复议", "行政诉讼", "行政起诉", "未经复议直接起诉", "复议后起诉")


def appeal_table(groups: tuple[tuple[str, str], ...] = APPEAL_GROUPS, table_id: TableId = APPEAL_ID,
                 header_keys: tuple[str, ...] = APPEAL_HEADER_KEYS) -> Table:
    """Table 4: one printed row, a block of OUTCOMES per group (cell id <group>.<outcome>)."""
    columns = tuple(
        Column(f"{g}.{o.id}", f"{label}{HEADER_SEPARATOR}{o.label}", aliases=o.aliases)
        for g, label in groups for o in OUTCOMES
    )
    row = Row(
        id=RowId(table_id),
        label="行政复议、行政诉讼",
        cells=tuple(CellId(c.id) for c in columns),
        columns=columns,
        keys=(),
    )
    blocks = tuple(Block(g, label, tuple(CellId(f"{g}.{o.id}") for o in OUTCOMES), tuple(o.id for o in OUTCOMES))
                   for g, label in groups)
    return Table(
        id=table_id,
        number=4,
        title="四、政府信息公开行政复议、行政诉讼情况",
        rows=(row,),
        header_keys=header_keys,
        role=APPEALS,
        shape=Shape(TREE),
        blocks=blocks,
    )


def appeal_equations(table: Table) -> tuple[Equation, ...]:
    return tuple(
        Equation(
            f"{table.id}.block.{b.id}",
            b.leaves,
            (b.total,),
            "block",
            f"「{b.label}」：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计",
            f"{b.label}: upheld + corrected + other + pending = total",
        )
        for b in table.blocks
    )


def stated(active: Table, apply: Table, appeal: Table) -> tuple[Stated, ...]:
    """Which cells the narrative's statements mean (收到申请 N 件 …), for the checker."""
    def total(name: str) -> CellId:
        return apply.total_cell(apply.flow_row(name))

    def decisions(row_id: str) -> tuple[CellId, ...]:
        return tuple(c for c in active.row(row_id).cells if c.endswith(".decisions"))

    suits = tuple(b.total for b in appeal.blocks if b.id != "review")
    return (
        Stated("received", (total("new"),), ((total("new"), total("carried_over")),)),
        Stated("carried_over", (total("carried_over"),)),
        Stated("carried_forward", (total("carried_forward"),)),
        Stated("licensing", decisions("licensing")),
        Stated("penalty", decisions("penalty")),
        Stated("coercion", decisions("coercion")),
        Stated("review", tuple(b.total for b in appeal.blocks if b.id == "review")),
        Stated("litigation", suits),
    )


def summary(apply: Table) -> Summary:
    """A corpus summary's 办理总数 (（七）总计 × 总计) and 予以公开 (（一）予以公开 × 总计)."""
    return Summary(apply.total_cell(apply.flow_row("total")), apply.total_cell(apply.row("granted")), "denied")

