"""The report formats as data, registered like plugins.

Every other layer asks this registry; a new format (a future 20XX notice) is one new module
that calls `register()` the way the built-in two do.
"""

from __future__ import annotations

from .base import (
    AMOUNT,
    CHANGE,
    COUNT,
    CellId,
    Column,
    Equation,
    Format,
    Row,
    RowGroup,
    Section,
    Table,
    normalize_label,
)
from .numerals import cn_number, numeral
from .shared import APPLICANTS_HEADER, APPLY_NOTE, HEADER_SEPARATOR, INFO_HEADER, ORGANISATIONS_HEADER

_REGISTRY: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    if fmt.id in _REGISTRY and _REGISTRY[fmt.id] is not fmt:
        raise ValueError(f"format {fmt.id} registered twice")
    _REGISTRY[fmt.id] = fmt
    return fmt


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


def _register_builtin() -> None:
    from . import f2019, f2021

    register(f2019.FORMAT)
    register(f2021.FORMAT)


_register_builtin()

__all__ = [
    "APPLICANTS_HEADER", "APPLY_NOTE", "HEADER_SEPARATOR", "INFO_HEADER", "ORGANISATIONS_HEADER",
    "AMOUNT", "CHANGE", "COUNT", "CellId", "Column", "Equation", "Format", "Row", "RowGroup", "Section",
    "Table", "all_formats", "cn_number", "for_year", "get", "normalize_label", "numeral", "register",
]
