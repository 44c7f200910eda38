"""What the rules read: the report, the previous year's report, and a `Plan` of its format.

A `Plan` is everything a rule needs from a format, worked out once per format (and per
collapsed row group) and cached: the equations with the rule id each one falls under, the
kind and label of every cell, the rows of every table, the collapsible groups. Rules never
walk the format definitions per report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from .. import formats
from ..formats import (
    AMOUNT,
    APPEALS,
    APPLICATIONS,
    CHANGE,
    CellId,
    Equation,
    Format,
    Row,
    RowGroup,
    Stated,
    Table,
)
from ..model import AnnualReport, Cell, Number, Source

# Which rule an equation falls under, by the role of the table its cells sit in and its scope
# (Equation.scope). A future format's equation of another kind falls under table.E100.
EQUATION_RULES = {
    (APPLICATIONS, "column"): "apply.E101",
    (APPLICATIONS, "row"): "apply.E102",
    (APPEALS, "block"): "appeal.E101",
}
FALLBACK_EQUATION_RULE = "table.E100"


@dataclass(frozen=True)
class Collapse:
    """A collapsible row group (2021: （六）其他处理) and how its rows fold onto one row."""

    group: RowGroup
    table: Table
    rows: tuple[Row, ...]
    fold: dict[CellId, CellId]  # sub-row cell -> the collapsed cell of the same column


@dataclass(frozen=True)
class PlannedEquation:
    rule: str
    eq: Equation
    left: tuple[CellId, ...]
    right: tuple[CellId, ...]
    cells: tuple[CellId, ...]  # left + right, no duplicates


@dataclass
class Plan:
    fmt: Format
    table_of: dict[CellId, str] = field(default_factory=dict)
    kind: dict[CellId, str] = field(default_factory=dict)
    label: dict[CellId, str] = field(default_factory=dict)  # "row·column" in Chinese
    rows: list[tuple[Table, Row]] = field(default_factory=list)
    collapses: tuple[Collapse, ...] = ()
    equations: tuple[PlannedEquation, ...] = ()
    # cells that must hold integers (count and change kinds) / must not be negative
    n_cells: int = 0
    integer_cells: tuple[CellId, ...] = ()
    nonnegative_cells: tuple[CellId, ...] = ()
    # What the narrative's statements mean (Format.stated), by claim id.
    stated: dict[str, Stated] = field(default_factory=dict)
    # The applications of the year: 新收 and 上年结转, in the total column.
    received: tuple[CellId, ...] = ()


def _plan_equation(eq: Equation, fmt: Format, fold: dict[CellId, CellId],
                   folded_rows: dict[CellId, tuple[Row, RowGroup]]) -> PlannedEquation:
    def folded(cells: tuple[CellId, ...]) -> tuple[CellId, ...]:
        out: list[CellId] = []
        for c in cells:
            c = fold.get(c, c)
            if c not in out:
                out.append(c)
        return tuple(out)

    left, right = folded(eq.left), folded(eq.right)
    table = fmt.table_of(eq.left[0] if eq.left else eq.right[0])
    rule_id = EQUATION_RULES.get((table.role if table else "", eq.scope), FALLBACK_EQUATION_RULE)
    cells = left + tuple(c for c in right if c not in left)
    # The row equation of a folded sub-row becomes the row equation of the collapsed row.
    rows = {folded_rows[c] for c in eq.left + eq.right if c in folded_rows}
    if len(rows) == 1 and all(c in folded_rows for c in eq.left + eq.right):
        row, group = rows.pop()
        eq = Equation(eq.id.replace(row.id, group.id), left, right, eq.scope,
                      eq.zh.replace(row.label, group.label), eq.en.replace(row.label, group.label))
    return PlannedEquation(rule_id, eq, left, right, cells)


@cache
def plan(format_id: str, collapsed: frozenset[str] = frozenset()) -> Plan:
    """The plan of a format; `collapsed` names the collapsible groups printed as one row."""
    fmt = formats.get(format_id)
    p = Plan(fmt)
    collapses = []
    for table in fmt.tables:
        for row in table.rows:
            p.rows.append((table, row))
            for cell, col in zip(row.cells, row.columns, strict=True):
                p.table_of[cell] = table.id
                p.kind[cell] = col.kind
                p.label[cell] = (col.label if len(table.rows) == 1 else
                                 f"{row.label}·{col.label}" if len(row.cells) > 1 else row.label)
        for group in table.groups:
            if not group.collapsible:
                continue
            rows = tuple(r for r in table.rows if r.group == group.id)
            group_fold: dict[CellId, CellId] = {}
            for r in rows:
                for i, cell in enumerate(r.cells):
                    group_fold[cell] = group.collapsed_cells[i]
            for i, cell in enumerate(group.collapsed_cells):
                col = rows[0].columns[i]
                p.table_of[cell] = table.id
                p.kind[cell] = col.kind
                p.label[cell] = f"{group.label}·{col.label}"
            collapses.append(Collapse(group, table, rows, group_fold))
    p.collapses = tuple(collapses)

    fold: dict[CellId, CellId] = {}
    folded_rows: dict[CellId, tuple[Row, RowGroup]] = {}
    for c in p.collapses:
        if c.group.id in collapsed:
            fold.update(c.fold)
            folded_rows.update({cell: (r, c.group) for r in c.rows for cell in r.cells})
    planned: list[PlannedEquation] = []
    seen: set[tuple[tuple[CellId, ...], tuple[CellId, ...]]] = set()
    for eq in fmt.equations:
        pe = _plan_equation(eq, fmt, fold, folded_rows)
        if (pe.left, pe.right) in seen:  # the sub-rows' row equations fold onto one
            continue
        seen.add((pe.left, pe.right))
        planned.append(pe)
    p.equations = tuple(planned)
    p.n_cells = len(fmt.cells)
    p.integer_cells = tuple(c for c, k in p.kind.items() if k != AMOUNT)
    p.stated = {st.claim: st for st in fmt.stated}
    if fmt.has_role(APPLICATIONS):
        apply = fmt.by_role(APPLICATIONS)
        p.received = tuple(apply.total_cell(apply.flow_row(n)) for n in ("new", "carried_over"))
    p.nonnegative_cells = tuple(c for c, k in p.kind.items() if k != CHANGE)
    return p


@dataclass
class Context:
    report: AnnualReport
    previous: AnnualReport | None
    plan: Plan
    collapsed: frozenset[str]

    @classmethod
    def of(cls, report: AnnualReport, previous: AnnualReport | None = None) -> Context:
        fmt = report.format
        base = plan(fmt.id)
        collapsed = frozenset(
            c.group.id for c in base.collapses
            if any(cell in report.cells for cell in c.group.collapsed_cells)
            and not any(cell in report.cells for r in c.rows for cell in r.cells)
        )
        return cls(report, previous, plan(fmt.id, collapsed) if collapsed else base, collapsed)

    def cell(self, cell: CellId) -> Cell | None:
        return self.report.cells.get(cell)

    def value(self, cell: CellId) -> Number | None:
        c = self.report.cells.get(cell)
        return None if c is None else c.value

    def label(self, cell: CellId) -> str:
        return self.plan.label.get(cell, cell)

    def sources(self, cells: tuple[CellId, ...] | list[CellId]) -> dict[str, Source]:
        out: dict[str, Source] = {}
        for c in cells:
            cell = self.report.cells.get(c)
            if cell is not None and cell.source is not None:
                out[c] = cell.source
        return out

    def first_source(self, cells: tuple[CellId, ...] | list[CellId]) -> Source | None:
        for c in cells:
            cell = self.report.cells.get(c)
            if cell is not None and cell.source is not None:
                return cell.source
        return None
