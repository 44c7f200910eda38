"""The ledger of one agency: applications, Art. 20 records, cases and its holiday notices."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import DEPARTMENT
from .calendar import HolidayNotice, WorkCalendar
from .lifecycle import Application
from .records import Case, RegulatoryDocument, Tally


@dataclass
class Ledger:
    agency: str
    kind: str = DEPARTMENT
    region: str | None = None
    applications: list[Application] = field(default_factory=list)
    documents: list[RegulatoryDocument] = field(default_factory=list)
    tallies: list[Tally] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    notices: list[HolidayNotice] = field(default_factory=list)
    # Narrative text the officer wrote for a year, by section number; replaces the generated
    # draft of that section when the report is composed.
    texts: dict[int, dict[int, str]] = field(default_factory=dict)

    def calendar(self) -> WorkCalendar:
        return WorkCalendar(self.notices)

    def tally(self, kind: str, year: int) -> Tally | None:
        for t in self.tallies:
            if t.kind == kind and t.year == year:
                return t
        return None
