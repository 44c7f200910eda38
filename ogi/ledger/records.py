"""Art. 20 records (proactive disclosure and the counts table 2 asks for) and table-4 cases.

- Documents (Art. 20 (1)): rules (规章) and normative documents (规范性文件) with the day they
  were issued, made public and repealed. Counts per year follow from the dates.
- Tallies (Art. 20 (5), (6), (8), (9)): counts kept in other systems of record — licensing,
  penalty and coercion decisions, the number of items in a catalogue at year end (the 2019
  format's 上一年项目数量 and 本年增/减), fees collected (行政事业性收费), procurement. A tally
  not recorded for a year counts as 0.
- Cases (Art. 51): administrative reviews and lawsuits about disclosure, with their outcome.

Row and column ids come from the formats (`ogi.formats`), never from here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import formats
from ..formats import APPEALS, ARTICLE20, counts
from .errors import InputError

DOCUMENT_KINDS = counts.DOCUMENT_KINDS


def _active_kinds() -> tuple[str, ...]:
    # The kinds of record the table-2 rows of the built-in formats count (Row.counts).
    seen: dict[str, None] = {}
    for fmt in formats.all_formats():
        for r in fmt.by_role(ARTICLE20).rows:
            for k in r.counts:
                seen.setdefault(k)
    return tuple(seen)


TALLY_KINDS = tuple(k for k in _active_kinds() if k not in DOCUMENT_KINDS)


def _appeal_parts() -> tuple[tuple[str, ...], tuple[str, ...]]:
    # The kinds of case are table 4's blocks, their columns the blocks' outcomes.
    groups: dict[str, None] = {}
    outcomes: dict[str, None] = {}
    for fmt in formats.all_formats():
        for block in fmt.by_role(APPEALS).blocks:
            groups.setdefault(block.id)
            for o in block.outcomes:
                outcomes.setdefault(o)
    return tuple(groups), tuple(outcomes)


CASE_KINDS, CASE_COLUMNS = _appeal_parts()
PENDING = counts.PENDING
TOTAL = counts.TOTAL
CASE_OUTCOMES = tuple(o for o in CASE_COLUMNS if o not in (PENDING, TOTAL))


@dataclass(frozen=True, slots=True)
class RegulatoryDocument:
    id: str
    kind: str  # "rules" or "normative"
    title: str
    issued: dt.date
    published: dt.date | None = None  # made public (defaults to the day of issue)
    repealed: dt.date | None = None

    def __post_init__(self) -> None:
        if self.kind not in DOCUMENT_KINDS:
            raise InputError("records.E001", f"未知的文件类别「{self.kind}」（rules 规章 / normative 规范性文件）",
                             f"unknown document kind {self.kind!r} (rules or normative)")
        if self.repealed and self.repealed < self.issued:
            raise InputError("records.E002", f"文件「{self.title}」的废止日期早于制发日期",
                             f"document {self.title!r} is repealed before it was issued")


@dataclass(frozen=True, slots=True)
class Tally:
    kind: str  # a table-2 row id other than the documents: licensing, penalty, fees, …
    year: int
    decisions: int | None = None  # 处理决定数量
    items: int | None = None  # items in the catalogue at year end; procurement projects
    amount: float | None = None  # yuan (fees collected, procurement total)

    def __post_init__(self) -> None:
        if self.kind not in TALLY_KINDS:
            raise InputError("records.E003", f"未知的统计类别「{self.kind}」（可用：{'、'.join(TALLY_KINDS)}）",
                             f"unknown tally kind {self.kind!r} (use one of: {', '.join(TALLY_KINDS)})")
        for name in ("decisions", "items", "amount"):
            v = getattr(self, name)
            if v is not None and v < 0:
                raise InputError("records.E004", f"「{name}」不能为负", f"{name} cannot be negative")


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    kind: str  # review, suit_direct, suit_after_review
    filed: dt.date
    outcome: str | None = None  # upheld, corrected, other; None while pending
    concluded: dt.date | None = None
    application: str | None = None  # the application it is about

    def __post_init__(self) -> None:
        if self.kind not in CASE_KINDS:
            raise InputError("records.E005", f"未知的案件类别「{self.kind}」（可用：{'、'.join(CASE_KINDS)}）",
                             f"unknown case kind {self.kind!r} (use one of: {', '.join(CASE_KINDS)})")
        if (self.outcome is None) != (self.concluded is None):
            raise InputError("records.E006", "审结的案件须同时写明结果和审结日期",
                             "a concluded case needs both its outcome and the day it was concluded")
        if self.outcome is not None and self.outcome not in CASE_OUTCOMES:
            raise InputError("records.E007", f"未知的案件结果「{self.outcome}」（可用：{'、'.join(CASE_OUTCOMES)}）",
                             f"unknown case outcome {self.outcome!r} (use one of: {', '.join(CASE_OUTCOMES)})")
        if self.concluded is not None and self.concluded < self.filed:
            raise InputError("records.E008", "审结日期早于立案日期", "concluded before it was filed")

    def column(self, year: int) -> str | None:
        """The table-4 outcome column the case counts in for `year`, or None if not on the docket.

        A case is on a year's docket when it was filed by the year's end and not concluded before
        the year began; concluded within the year it counts under its outcome, otherwise 尚未审结.
        """
        end = dt.date(year, 12, 31)
        if self.filed > end or (self.concluded is not None and self.concluded.year < year):
            return None
        if self.concluded is not None and self.concluded <= end:
            return self.outcome
        return PENDING


def document_counts(documents: list[RegulatoryDocument], kind: str, year: int) -> dict[str, int]:
    """Per-year counts of one kind of document, by what they mean (not by column id)."""
    end = dt.date(year, 12, 31)
    issued = repealed = in_force = published = public = 0
    for d in documents:
        if d.kind != kind:
            continue
        pub = d.published or d.issued
        issued += d.issued.year == year
        published += pub.year == year
        gone = d.repealed is not None and d.repealed <= end
        repealed += d.repealed is not None and d.repealed.year == year
        in_force += d.issued <= end and not gone
        public += pub <= end and not gone
    return {"issued": issued, "repealed": repealed, "in_force": in_force, "published": published, "public": public}
