"""Figures the narrative states for table cells (本年度制发行政规范性文件6件，废止2件): used only
to choose among the splits of glued digits that the equations leave open, never to change a value
the table prints. The words come from the format (`Column.stated`, the row's keys)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping

from ..formats import CellId, Format, Table
from ..model import SectionText

_SENTENCE = re.compile(r"[^。；;！？\n]+")
_FIGURE = r"[^\d。；;，,、]{0,12}?(\d+)\s*(?:件|个|项)"


def _stated_table(fmt: Format) -> Table | None:
    """The table whose figures a narrative states (table 2), if the format says so."""
    return next((t for t in fmt.tables if any(c.stated for r in t.rows for c in r.columns)), None)


def stated_values(sections: Mapping[int, SectionText], fmt: Format) -> dict[CellId, int]:
    """Cells of table 2 whose figure a sentence of the narrative states unambiguously."""
    table = _stated_table(fmt)
    if table is None:
        return {}
    words = {r.id: (r.keys or (r.label,)) for r in table.rows}
    found: dict[CellId, set[int]] = {}
    for section in sections.values():
        for sentence in _SENTENCE.findall(section.text):
            rows = [r for r in table.rows if any(w in sentence for w in words[r.id])]
            if len(rows) != 1:
                continue  # a sentence naming no row or several: which row a figure is for is unclear
            row = rows[0]
            for cell, col in zip(row.cells, row.columns, strict=True):
                for word in col.stated:
                    for m in re.finditer(re.escape(word) + _FIGURE, sentence):
                        found.setdefault(cell, set()).add(int(m.group(1)))
    return {c: next(iter(v)) for c, v in found.items() if len(v) == 1}


class StatedValues(Mapping[CellId, int]):
    """`stated_values`, found at the first look: only reports with glued digits the equations
    leave open need them, and reading every sentence of the narrative for each report is a tenth
    of the time `ogi parse` takes."""

    def __init__(self, sections: Mapping[int, SectionText], fmt: Format) -> None:
        self._sections, self._fmt = sections, fmt

    @functools.cached_property
    def _values(self) -> dict[CellId, int]:
        return stated_values(self._sections, self._fmt)

    @functools.cached_property
    def _possible(self) -> frozenset[CellId]:
        table = _stated_table(self._fmt)
        return frozenset(table.cells) if table is not None else frozenset()

    def __contains__(self, cell: object) -> bool:
        # A cell of another table is never stated: no need to read the narrative to say so.
        return cell in self._possible and cell in self._values

    def __getitem__(self, cell: CellId) -> int:
        return self._values[cell]

    def __iter__(self) -> Iterator[CellId]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)
