"""The building blocks every report format is made of.

A format (2019: 国办公开办函〔2019〕60号, 2021: 国办公开办函〔2021〕30号) is plain data:
its six sections, its three tables (rows, columns, the cell id of every cell, the label
variants seen in the wild) and the equations between cells. Readers, the extractor, the
checker, the renderer and the ledger all read these definitions; none of them hard-codes a
row label.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from .ids import CellId, RowId, TableId

# What a table is for, whatever its id in a format: the layers ask for a table by its role.
ARTICLE20 = "article20"  # 二、主动公开: the items of 国务院令第711号 第二十条
APPLICATIONS = "applications"  # 三、收到和处理政府信息公开申请情况
APPEALS = "appeals"  # 四、政府信息公开行政复议、行政诉讼情况

# How a table is drawn (国办公开办函〔2019〕60号 and 〔2021〕30号 draw one of each):
BLOCKS = "blocks"  # row groups as full-width bands, each with a header row of its own columns
NESTED = "nested"  # row groups nest in label columns, a header tree over the columns
TREE = "tree"  # no label column, a header tree over the columns, one row of values

# Kinds of value a cell holds; the extractor and the checker treat them differently.
COUNT = "count"  # a non-negative integer
CHANGE = "change"  # an integer that may be negative (本年增/减)
AMOUNT = "amount"  # money in 万元, may have decimals


@dataclass(frozen=True)
class Column:
    """A column of a table: its id in cell ids, its printed label and the kind of figure it holds."""

    id: str
    label: str  # the label printed in the official layout
    kind: str = COUNT
    aliases: tuple[str, ...] = ()
    # Words a report's narrative uses when it states this column's figure for a row
    # (本年度制发行政规范性文件6件): they settle glued digits that the equations leave open.
    stated: tuple[str, ...] = ()
    # The ledger figure that fills this column when a report is composed (ogi.formats.counts).
    measure: str = ""


@dataclass(frozen=True)
class Shape:
    """How the format notice draws a table, for every writer (see `ogi.formats.grid`).

    `corner`: the text in the table's corner (信息内容 over each block's label column, or the
    勾稽关系 note over the nested labels). `header`: per column of the table, the path of header
    labels above it, outer first, the column's own label last; when empty, each column's label
    split at HEADER_SEPARATOR.
    """

    kind: str
    corner: str = ""
    header: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Flow:
    """The rows of the 勾稽关系 of table 3: 新收 + 上年结转 = 办理结果总计 + 结转下年度."""

    new: RowId
    carried_over: RowId
    total: RowId
    carried_forward: RowId


@dataclass(frozen=True)
class Block:
    """A block of table 4 (行政复议, 行政诉讼·未经复议直接起诉 …): its outcome cells, then its total.

    `id` is the kind of case the ledger records (review, suit_direct …); `outcomes` are the
    outcome ids of its cells, in order, the last one the total's."""

    id: str
    label: str
    cells: tuple[CellId, ...]
    outcomes: tuple[str, ...]

    @property
    def leaves(self) -> tuple[CellId, ...]:
        return self.cells[:-1]

    @property
    def total(self) -> CellId:
        return self.cells[-1]

    def cell(self, outcome: str) -> CellId | None:
        return self.cells[self.outcomes.index(outcome)] if outcome in self.outcomes else None


@dataclass(frozen=True)
class Stated:
    """What a sentence of the narrative states, as table cells (收到申请 N 件 = 新收 × 总计).

    `claim` names the statement (the checker's patterns are keyed by it); `cells` are the cells
    whose sum it states; `also`, other sums the same words may fairly mean."""

    claim: str
    cells: tuple[CellId, ...]
    also: tuple[tuple[CellId, ...], ...] = ()


@dataclass(frozen=True)
class Summary:
    """The cells a corpus summary adds up: applications handled, granted, and the row group of
    the grounds of refusal it gives as shares."""

    handled: CellId
    granted: CellId
    grounds: str  # a RowGroup id of the applications table


@dataclass(frozen=True)
class Row:
    """One row of a statistical table.

    `keys` are normalised fragments (see `normalize_label`) that identify the row's label even
    when the printed label is cut, wrapped or carries a typo; the first key that occurs in a
    label wins. `exact` keys must equal the whole normalised label (used for short labels such
    as 3.其他 that would otherwise match everywhere).
    """

    id: RowId
    label: str
    cells: tuple[CellId, ...]
    columns: tuple[Column, ...]
    keys: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    group: str | None = None  # id of the RowGroup the row belongs to
    # What of the ledger's this row counts (vocabulary: ogi.formats.counts): for a leaf outcome
    # row of table 3, its outcome categories (its own; a row a format does not split, its parts');
    # for a row of table 2, the kind of record (规章, 行政许可 …).
    counts: tuple[str, ...] = ()


@dataclass(frozen=True)
class RowGroup:
    """A merged label spanning several rows, e.g. （三）不予公开 over its eight reasons.

    When `collapsible` is set, a report may print the group as one single row (the 2021
    format's （六）其他处理 printed the 2019 way); its cells are then `collapsed_cells`.
    """

    id: str
    label: str
    keys: tuple[str, ...]
    collapsible: bool = False
    collapsed_cells: tuple[CellId, ...] = ()


@dataclass(frozen=True)
class Table:
    """One of a format's statistical tables: its rows, row groups and the words that announce it."""

    id: TableId
    number: int  # 2, 3 or 4 (the sections the tables sit in)
    title: str
    rows: tuple[Row, ...]
    groups: tuple[RowGroup, ...] = ()
    header_keys: tuple[str, ...] = ()  # normalised header fragments that announce this table
    role: str = ""  # ARTICLE20, APPLICATIONS or APPEALS
    shape: Shape = Shape(BLOCKS)
    flow: Flow | None = None  # table 3's balance rows
    total_column: str | None = None  # the id of the column that adds up the others (总计)
    result_group: str | None = None  # the group over the outcome rows (三、本年度办理结果)
    blocks: tuple[Block, ...] = ()  # table 4's blocks

    @cached_property
    def columns(self) -> tuple[Column, ...]:
        """The columns of a table whose rows share them (tables 3 and 4)."""
        return self.rows[0].columns

    @cached_property
    def part_columns(self) -> tuple[Column, ...]:
        """The columns the total column adds up (table 3: the six applicant columns)."""
        return tuple(c for c in self.columns if c.id != self.total_column)

    @cached_property
    def leaf_rows(self) -> tuple[Row, ...]:
        """The outcome rows whose sum is the total row (every row of a group but the total)."""
        total = self.flow.total if self.flow else None
        return tuple(r for r in self.rows if r.group is not None and r.id != total)

    def flow_row(self, name: str) -> Row:
        """One of table 3's balance rows: "new", "carried_over", "total", "carried_forward"."""
        if self.flow is None:
            raise KeyError(name)
        return self.row(getattr(self.flow, name))

    def total_cell(self, row: Row) -> CellId:
        """The row's cell in the total column."""
        return row.cells[self.total_index]

    @cached_property
    def total_index(self) -> int:
        """The position of the total column among the columns."""
        if self.total_column is None:
            raise KeyError(f"table {self.id} has no total column")
        return [c.id for c in self.columns].index(self.total_column)

    @cached_property
    def row_sums(self) -> tuple[tuple[tuple[int, ...], int], ...]:
        """The sums printed in one row of this table, as (positions of the parts, position of
        the total) in the row's cells: what a scan can confirm with the row's own equation."""
        row = self.rows[0]
        index = {c: i for i, c in enumerate(row.cells)}
        out = []
        for b in self.blocks:
            out.append((tuple(index[c] for c in b.leaves), index[b.total]))
        if self.total_column is not None and not self.blocks:
            t = self.total_index
            out.append((tuple(i for i in range(len(row.cells)) if i != t), t))
        return tuple(out)

    @cached_property
    def cells(self) -> tuple[CellId, ...]:
        return tuple(c for r in self.rows for c in r.cells)

    @cached_property
    def all_cells(self) -> tuple[CellId, ...]:
        """The table's cells, then its collapsible groups' one-row cells."""
        return self.cells + tuple(x for g in self.groups for x in g.collapsed_cells)

    @cached_property
    def group_starts(self) -> tuple[tuple[RowGroup, int], ...]:
        """Each row group with the index of its first row (a merged label anchors that row)."""
        return tuple((g, next(i for i, r in enumerate(self.rows) if r.group == g.id)) for g in self.groups)

    @cached_property
    def row_keys(self) -> tuple[tuple[int, tuple[str, ...], tuple[str, ...]], ...]:
        """(row index, keys, exact keys) of every row."""
        return tuple((k, r.keys, r.exact) for k, r in enumerate(self.rows))

    def row(self, row_id: RowId | str) -> Row:
        for r in self.rows:
            if r.id == row_id:
                return r
        raise KeyError(row_id)


@dataclass(frozen=True)
class Equation:
    """sum(left) == sum(right): one of the identities the format notice builds into its tables.

    `scope` tells the checker where the equation comes from so findings can say it in words:
    "row" (the 总计 column), "column" (勾稽关系 down a column), "block" (table 4 totals).
    """

    id: str
    left: tuple[CellId, ...]
    right: tuple[CellId, ...]
    scope: str
    zh: str
    en: str


@dataclass(frozen=True)
class Section:
    """One of the report's six sections: its number, title and the words of its heading."""

    number: int  # 1..6
    title: str
    keys: tuple[str, ...]  # normalised fragments recognising the heading and its variants


@dataclass(frozen=True)
class Format:
    """A report format fixed by a State Council notice: its sections, tables and equations."""

    id: str  # the year of the notice
    notice: str  # the State Council notice that fixed it
    first_year: int  # first report year that must use it
    last_year: int | None
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    equations: tuple[Equation, ...]
    # Normalised header fragments that only this format prints; they decide which format a
    # document actually uses, whatever its year.
    signature: tuple[str, ...] = ()
    # Across years, (in_force, issued, repealed): last year's 现行有效 + 本年制发 − 本年废止 = this
    # year's 现行有效 (2021 format).
    cross_year: tuple[tuple[CellId, CellId, CellId], ...] = field(default=())
    # Across years, (this year's cell, last year's cell) that must be equal: 上年结转 this year =
    # 结转下年度 last year, per applicant column.
    carry: tuple[tuple[CellId, CellId], ...] = field(default=())
    # Which narrative statement means which cells (ogi.check's narrative rules).
    stated: tuple[Stated, ...] = ()
    # The cells a corpus summary adds up.
    summary: Summary | None = None

    def by_role(self, role: str) -> Table:
        """The table that plays `role` (ARTICLE20, APPLICATIONS, APPEALS)."""
        for t in self.tables:
            if t.role == role:
                return t
        raise KeyError(role)

    def later_section_keys(self, number: int) -> tuple[str, ...]:
        """The heading words of the sections after section `number`."""
        return tuple(k for sec in self.sections if sec.number > number for k in sec.keys)

    def has_role(self, role: str) -> bool:
        return any(t.role == role for t in self.tables)

    def stated_cells(self, claim: str) -> Stated | None:
        return next((s for s in self.stated if s.claim == claim), None)

    def table_of(self, cell: str) -> Table | None:
        """The table a cell sits in (its rows' cells or its collapsed groups')."""
        return self._table_index.get(CellId(cell))

    @cached_property
    def _table_index(self) -> dict[CellId, Table]:
        return {c: t for t in self.tables for c in t.all_cells}

    @cached_property
    def cells(self) -> tuple[CellId, ...]:
        return tuple(c for t in self.tables for c in t.cells)

    def table(self, table_id: TableId | str) -> Table:
        for t in self.tables:
            if t.id == table_id:
                return t
        raise KeyError(table_id)

    @cached_property
    def _kinds(self) -> dict[CellId, str]:
        kinds = {}
        for t in self.tables:
            for r in t.rows:
                for cell, col in zip(r.cells, r.columns, strict=True):
                    kinds[cell] = col.kind
            for g in t.groups:
                for cell in g.collapsed_cells:
                    kinds[cell] = COUNT
        return kinds

    def collapsed_order(self, table_id: str, collapsed: frozenset[str] = frozenset()) -> tuple[CellId, ...]:
        """The table's cells in printed (row-major) order, with each group in `collapsed`
        printed as its one row (2021: （六）其他处理 as one row, the way a 2019 table prints it)."""
        cache: dict[tuple[str, frozenset[str]], tuple[CellId, ...]] = self.__dict__.setdefault("_orders", {})
        key = (table_id, collapsed)
        if key not in cache:
            cache[key] = self._collapsed_order(table_id, collapsed)
        return cache[key]

    def _collapsed_order(self, table_id: str, collapsed: frozenset[str]) -> tuple[CellId, ...]:
        table = self.table(table_id)
        out: list[CellId] = []
        done: set[str] = set()
        for row in table.rows:
            if row.group in collapsed:
                if row.group not in done:
                    done.add(row.group)
                    out.extend(next(g for g in table.groups if g.id == row.group).collapsed_cells)
                continue
            out.extend(row.cells)
        return tuple(out)

    def folded_equations(self, collapsed: frozenset[str] = frozenset()) -> tuple[
            tuple[tuple[CellId, ...], tuple[CellId, ...]], ...]:
        """The equations as (left, right) cell tuples, with the groups in `collapsed` printed as one
        row: each sub-row cell becomes its group's cell of the same column (the sub-rows' row
        equations fold onto the collapsed row's, a column total counts the group once)."""
        cache: dict[frozenset[str], tuple[tuple[tuple[CellId, ...], tuple[CellId, ...]], ...]] = \
            self.__dict__.setdefault("_folded", {})
        if collapsed in cache:
            return cache[collapsed]
        fold: dict[CellId, CellId] = {}
        for t in self.tables:
            for g in t.groups:
                if g.id in collapsed and g.collapsible:
                    for r in t.rows:
                        if r.group == g.id:
                            fold.update(zip(r.cells, g.collapsed_cells, strict=True))
        out: list[tuple[tuple[CellId, ...], tuple[CellId, ...]]] = []
        for eq in self.equations:
            sides = tuple(tuple(dict.fromkeys(fold.get(c, c) for c in side)) for side in (eq.left, eq.right))
            if sides not in out:
                out.append(sides)  # type: ignore[arg-type]
        cache[collapsed] = tuple(out)
        return cache[collapsed]

    @cached_property
    def equations_by_cell(self) -> dict[CellId, tuple[Equation, ...]]:
        """Each cell's equations, in the format's order."""
        by_cell: dict[CellId, list[Equation]] = {}
        for eq in self.equations:
            for c in eq.left + eq.right:
                by_cell.setdefault(c, []).append(eq)
        return {c: tuple(eqs) for c, eqs in by_cell.items()}

    def equation_positions(self, cells: tuple[CellId, ...]) -> tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]:
        """The equations all of whose cells are among `cells`, as (left, right) positions in it.
        (Remembered: the same rows come back in every report.)"""
        cache: dict[tuple[CellId, ...], tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]] = \
            self.__dict__.setdefault("_positions", {})
        found = cache.get(cells)
        if found is None:
            index = {c: i for i, c in enumerate(cells)}
            out = []
            seen: set[str] = set()
            for c in cells:
                for eq in self.equations_by_cell.get(c, ()):
                    if eq.id in seen:
                        continue
                    seen.add(eq.id)
                    if all(x in index for x in eq.left) and all(x in index for x in eq.right):
                        out.append((tuple(index[x] for x in eq.left), tuple(index[x] for x in eq.right)))
            found = cache[cells] = tuple(out)
        return found

    def table_equations(self, table_id: str, collapsed: frozenset[str] = frozenset()) -> tuple[
            tuple[tuple[CellId, ...], tuple[CellId, ...]], ...]:
        """The folded equations (`folded_equations`) all of whose cells are the table's, printed
        with the groups in `collapsed` as one row."""
        cache: dict[tuple[str, frozenset[str]], tuple[tuple[tuple[CellId, ...], tuple[CellId, ...]], ...]] = \
            self.__dict__.setdefault("_table_equations", {})
        key = (table_id, collapsed)
        if key not in cache:
            mine = set(self.collapsed_order(table_id, collapsed))
            cache[key] = tuple(eq for eq in self.folded_equations(collapsed) if set(eq[0] + eq[1]) <= mine)
        return cache[key]

    def kind_of(self, cell: CellId) -> str:
        return self._kinds[cell]

    def label_of(self, cell: CellId) -> tuple[str, str]:
        """(row label, column label) in Chinese, for messages."""
        for t in self.tables:
            for r in t.rows:
                if cell in r.cells:
                    return r.label, r.columns[r.cells.index(cell)].label
            for g in t.groups:
                if cell in g.collapsed_cells:
                    col = t.rows[0].columns[g.collapsed_cells.index(cell)]
                    return g.label, col.label
        raise KeyError(cell)


# What `equation_holds` is told for a cell the document does not contain.
ABSENT = object()


def equation_holds_in(left: tuple[CellId, ...], right: tuple[CellId, ...], values: dict[CellId, Any]) -> bool | None:
    """`equation_holds` for the values in a dict, a cell not in it ABSENT: the same sums, in the
    same order, without a call per cell."""
    total: int | float = 0
    get = values.get
    try:
        for c in left:
            v = get(c, ABSENT)
            if v is ABSENT:
                return None
            if v:
                total += v
        for c in right:
            v = get(c, ABSENT)
            if v is ABSENT:
                return None
            if v:
                total -= v
    except OverflowError:
        return False
    return abs(total) < 1e-6


def equation_holds(left: tuple[CellId, ...], right: tuple[CellId, ...], value: Callable[[CellId], Any]) -> bool | None:
    """Whether sum(left) == sum(right) for `value(cell)`, blanks (None) counting 0; None when a
    cell is ABSENT (the equation cannot decide). Integers are summed exactly: a mangled document
    may print a number of hundreds of digits, which no float holds."""
    total: int | float = 0
    try:
        for sign, side in ((1, left), (-1, right)):
            for c in side:
                v = value(c)
                if v is ABSENT:
                    return None
                if v:
                    total += sign * v
    except OverflowError:
        return False
    return abs(total) < 1e-6


_STRIP = re.compile(r"[\s\u3000\xa0()（）\[\]【】〔〕<>《》“”‘’\"'`·.．、,，:：;；/／|\-—–_~!！?？*]+")


def dice(a: str, b: str) -> float:
    """How alike two labels are: the character-bigram Dice coefficient (OCR slips and typos keep
    most of a label's bigrams)."""
    if len(a) < 2 or len(b) < 2:
        return 0.0
    ba = {a[i:i + 2] for i in range(len(a) - 1)}
    bb = {b[i:i + 2] for i in range(len(b) - 1)}
    return 2 * len(ba & bb) / (len(ba) + len(bb))


@lru_cache(maxsize=65536)
def normalize_label(text: str) -> str:
    """Fold a printed label to the form the format keys are written in.

    NFKC folds full-width letters, digits and brackets; then spaces (also the ones inside
    labels such as 不 予 公 开), brackets, quotes and punctuation go. (Cached: the same labels
    come back in every report.)
    """
    return _STRIP.sub("", unicodedata.normalize("NFKC", text))
