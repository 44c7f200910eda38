"""The report formats as data, registered like plugins.

Every other layer asks this registry; a new format (a future 20XX notice) is one new module
that calls `register()` the way the built-in two do.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .base import (
    AMOUNT,
    APPEALS,
    APPLICATIONS,
    ARTICLE20,
    BLOCKS,
    CHANGE,
    COUNT,
    NESTED,
    TREE,
    Block,
    Column,
    Equation,
    Flow,
    Format,
    Row,
    RowGroup,
    Section,
    Shape,
    Stated,
    Summary,
    Table,
    normalize_label,
)
from .ids import CellId, RowId, TableId
from .numerals import cn_number, numeral
from .shared import APPLICANTS_HEADER, APPLY_NOTE, HEADER_SEPARATOR, INFO_HEADER, ORGANISATIONS_HEADER

_REGISTRY: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    if fmt.id in _REGISTRY and _REGISTRY[fmt.id] is not fmt:
        raise ValueError(f"format {fmt.id} registered twice")
    _REGISTRY[fmt.id] = fmt
    return fmt


def unregister(fmt: Format) -> None:
    """Take a format out of the registry (a test's format, when the test is done)."""
    if _REGISTRY.get(fmt.id) is fmt:
        del _REGISTRY[fmt.id]


@contextmanager
def registered(fmt: Format) -> Iterator[Format]:
    """`fmt` registered for the duration of a `with` block (a format that exists only in a test)."""
    register(fmt)
    try:
        yield fmt
    finally:
        unregister(fmt)


def get(format_id: str) -> Format:
    try:
        return _REGISTRY[format_id]
    except KeyError:
        raise KeyError(f"未知的报告格式 / unknown report format: {format_id!r}") from None


def all_formats() -> tuple[Format, ...]:
    return tuple(sorted(_REGISTRY.values(), key=lambda f: f.first_year))


def for_year(year: int) -> Format:
    """The format a report for `year` must use (the newest one in force that year)."""
    candidates = [f for f in all_formats() if f.first_year <= year]
    if not candidates:
        return all_formats()[0]
    return candidates[-1]


def row_sums() -> tuple[tuple[int, tuple[tuple[tuple[int, ...], int], ...]], ...]:
    """(width, sums) of every printed row shape of the registered formats whose row adds up on
    its own: a scan confirms a row of that many figures with its sums (table 4: blocks of four
    outcomes and their 总计; table 3: the applicant columns and their 总计). Widest first."""
    seen: dict[tuple[int, tuple[tuple[tuple[int, ...], int], ...]], None] = {}
    for fmt in all_formats():
        for t in fmt.tables:
            if t.row_sums:
                seen.setdefault((len(t.rows[0].cells), t.row_sums))
    return tuple(sorted(seen, key=lambda s: -s[0]))


def _register_builtin() -> None:
    from . import f2019, f2021

    register(f2019.FORMAT)
    register(f2021.FORMAT)


_register_builtin()

__all__ = [
    "APPLICANTS_HEADER", "APPLY_NOTE", "HEADER_SEPARATOR", "INFO_HEADER", "ORGANISATIONS_HEADER",
    "AMOUNT", "APPEALS", "APPLICATIONS", "ARTICLE20", "BLOCKS", "CHANGE", "COUNT", "NESTED", "TREE",
    "Block", "CellId", "Column", "Equation", "Flow", "Format", "Row", "RowGroup", "RowId", "Section", "Shape",
    "Stated", "Summary", "Table", "TableId", "all_formats", "cn_number", "for_year", "get", "normalize_label",
    "numeral", "register", "registered", "row_sums", "unregister",
]
