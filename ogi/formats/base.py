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

CellId = str

# Kinds of value a cell holds; the extractor and the checker treat them differently.
COUNT = "count"  # a non-negative integer
CHANGE = "change"  # an integer that may be negative (本年增/减)
AMOUNT = "amount"  # money in 万元, may have decimals


@dataclass(frozen=True)
class Column:
    id: str
    label: str  # the label printed in the official layout
    kind: str = COUNT
    aliases: tuple[str, ...] = ()
    # Words a report's narrative uses when it states this column's figure for a row
    # (本年度制发行政规范性文件6件): they settle glued digits that the equations leave open.
    stated: tuple[str, ...] = ()


@dataclass(frozen=True)
class Row:
    """One row of a statistical table.

    `keys` are normalised fragments (see `normalize_label`) that identify the row's label even
    when the printed label is cut, wrapped or carries a typo; the first key that occurs in a
    label wins. `exact` keys must equal the whole normalised label (used for short labels such
    as 3.其他 that would otherwise match everywhere).
    """

    id: str
    label: str
    cells: tuple[CellId, ...]
    columns: tuple[Column, ...]
    keys: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    group: str | None = None  # id of the RowGroup the row belongs to


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
    id: str  # "active", "apply", "appeal"
    number: int  # 2, 3 or 4 (the sections the tables sit in)
    title: str
    rows: tuple[Row, ...]
    groups: tuple[RowGroup, ...] = ()
    header_keys: tuple[str, ...] = ()  # normalised header fragments that announce this table

    @cached_property
    def cells(self) -> tuple[CellId, ...]:
        return tuple(c for r in self.rows for c in r.cells)

    def row(self, row_id: str) -> Row:
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
    number: int  # 1..6
    title: str
    keys: tuple[str, ...]  # normalised fragments recognising the heading and its variants


@dataclass(frozen=True)
class Format:
    id: str  # "2019", "2021"
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

    @cached_property
    def cells(self) -> tuple[CellId, ...]:
        return tuple(c for t in self.tables for c in t.cells)

    def table(self, table_id: str) -> Table:
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


@lru_cache(maxsize=65536)
def normalize_label(text: str) -> str:
    """Fold a printed label to the form the format keys are written in.

    NFKC folds full-width letters, digits and brackets; then spaces (also the ones inside
    labels such as 不 予 公 开), brackets, quotes and punctuation go. (Cached: the same labels
    come back in every report.)
    """
    return _STRIP.sub("", unicodedata.normalize("NFKC", text))
