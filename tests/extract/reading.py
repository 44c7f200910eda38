"""What the layout and verification tests share: parse a generated text, and compare what OGI read
with the report it was generated from."""

from __future__ import annotations

from ogi.check import check
from ogi.extract import extract
from ogi.read import read_bytes

EQUATION_ERRORS = {"apply.E101", "apply.E102", "appeal.E101", "table.E100"}


def parse(text: str):
    return extract(read_bytes(text.encode(), "report.md"))


def silent_wrong(read, truth) -> list[str]:
    """Cells OGI read wrong without flagging them: what must never happen."""
    return [c for c, cell in truth.cells.items()
            if c in read.cells and read.cells[c].value != cell.value and not read.cells[c].uncertain]


def errors(report) -> set[str]:
    return {f.rule for f in check(report) if f.severity == "error"}


def assert_right(read, truth):
    wrong = {c: (read.value(c), x.value) for c, x in truth.cells.items() if read.value(c) != x.value}
    assert not wrong, wrong
    assert not errors(read) & EQUATION_ERRORS
