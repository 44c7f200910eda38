"""The annual report as data: what every layer passes along.

`AnnualReport` is what `ogi/extract` makes from a document and what `ogi/ledger` composes from
the disclosure work; `ogi/check` and `ogi/render` take it as it is. Its JSON form is the contract
of ../shared/spec/CELLS.md (`meta` and `cells`), plus sections, provenance, uncertain and missing
cells.

Blank and zero stay apart: a cell the document shows blank, `-`, `—`, `/` or `无` has the value
`None`; a cell the document does not contain at all is not in `cells` (it is listed in
`missing`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from . import formats
from .formats import CellId
from .lazy_pattern import LazyPattern

Number = int | float


@dataclass(slots=True)
class Source:
    """Where a value or a text span came from, so that a finding can point at it.

    Text-like documents give `line` (1-based) and `col` (0-based character offset); PDFs and
    scans give `page` (1-based) and `bbox` (x0, top, x1, bottom in PDF points); tables in HTML
    or DOCX give `block` (index of the table block) with `row`/`column` in its grid.
    """

    line: int | None = None
    col: int | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    block: int | None = None
    row: int | None = None
    column: int | None = None
    text: str = ""  # the text as printed, e.g. "24万" or the glued "21710000218"

    def to_json(self) -> dict[str, Any]:
        out = {}
        for k in self.__slots__:
            v = getattr(self, k)
            if v is not None and v != "":
                out[k] = list(v) if k == "bbox" else v
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Source:
        data = dict(data)
        if data.get("bbox") is not None:
            data["bbox"] = tuple(data["bbox"])
        return cls(**data)

    def describe(self) -> str:
        """Short Chinese location for messages: 第12行 / 第3页 / 表格2第4行."""
        parts = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        if self.block is not None and self.line is None:
            parts.append(f"表格块{self.block}")
            if self.row is not None:
                parts.append(f"第{self.row + 1}行")
        return "".join(parts) or "位置不明"


@dataclass(slots=True)
class Cell:
    """One cell's value as the document gives it, where it stands, and how sure OGI is of it."""

    id: CellId
    value: Number | None
    source: Source | None = None
    uncertain: bool = False
    # When the value was settled by splitting glued digits and more than one split fits the
    # equations, the other values this cell could have.
    alternatives: tuple[Number | None, ...] = ()
    # Why OGI is not sure of the value (Chinese first, then English), when `uncertain`.
    reason: str = ""

    def doubt(self, reason: str, alternatives: tuple[Number | None, ...] = ()) -> None:
        """Mark the value as OGI's doubt: kept as read, never given as the document's."""
        self.uncertain = True
        if not self.reason:
            self.reason = reason
        kept = list(self.alternatives)
        for a in alternatives:  # (each once: several readings may give the same value)
            if a != self.value and a not in kept:
                kept.append(a)
        self.alternatives = tuple(kept)


# The kinds of reporting body (`Meta.kind`), whose reports fall due on different dates
# (国务院令第711号 第四十九条: 县级以上人民政府部门 by 31 January, 县级以上地方人民政府 by 31 March).
GOVERNMENT = "government"  # 人民政府
DEPARTMENT = "department"  # 政府部门
AGENCY_KINDS = (GOVERNMENT, DEPARTMENT)
AGENCY_KIND_ZH = {GOVERNMENT: "人民政府", DEPARTMENT: "政府部门"}
# How the name of an agency ends (…局, …办公室, …委员会), and the name of a region (…区, …县).
AGENCY_SUFFIX = LazyPattern(r"(?:局|办公室|办|委员会|委|人民政府|政府|中心|院|厅|部|署|会|所|站|处|队|管委会|街道办事处|公司)$")
REGION_SUFFIX = re.compile(r"(?:省|自治区|市|区|县|旗|州|盟|镇|乡|街道)$")


def agency_kind(agency: str | None) -> str | None:
    """The kind of agency a name says, None without a name: 云州区人民政府, 某市政府 and a region
    named alone (云州区, as a title may name the government) are governments; any other a department."""
    if not agency:
        return None
    if agency.endswith("政府") or (REGION_SUFFIX.search(agency) and not AGENCY_SUFFIX.search(agency)):
        return GOVERNMENT
    return DEPARTMENT


# An agency's name in its parts: reports name an agency with the whole chain of administrative
# divisions (呼和浩特市赛罕区应急管理局), with the innermost one (赛罕区应急管理局) or with only its
# level (区应急管理局); the key of an agency is the innermost named division plus the agency proper.
# Suffixes of administrative division names (GB/T 2260 levels, plus 镇/乡/街道 are left out on
# purpose: 城乡 in 住房和城乡建设局 would read as one). Longest first so 自治州 wins over 州.
_LEVELS = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "新区", "省", "市", "州", "盟", "区", "县", "旗")
# A division: two to eight characters of name, then a level; lazy so 奉化区市场监督管理局 is 奉化区 + 市场….
_DIVISION = LazyPattern(r"^([\u4e00-\u9fa5]{2,8}?(?:" + "|".join(_LEVELS) + r"))(.+)$")
_SPACE = re.compile(r"[\s\u3000\xa0]+")


@dataclass(frozen=True, slots=True)
class AgencyName:
    """An agency's name taken apart: the divisions above it, its own division, the body proper."""

    raw: str
    parents: tuple[str, ...]  # divisions above the innermost one: ("内蒙古自治区", "呼和浩特市")
    division: str | None  # the innermost named division: 赛罕区
    body: str  # the agency proper: 应急管理局 (or 区应急管理局 when only the level is printed)

    @property
    def key(self) -> str:
        return (self.division or "") + self.body

    @property
    def region(self) -> str | None:
        return self.division


def parse_agency(name: str | None) -> AgencyName | None:
    if not name:
        return None
    raw = _SPACE.sub("", name)
    divisions: list[str] = []
    rest = raw
    while True:
        m = _DIVISION.match(rest)
        if not m or len(m.group(2)) < 2:
            break
        divisions.append(m.group(1))
        rest = m.group(2)
    if not divisions:
        return AgencyName(raw, (), None, raw)
    return AgencyName(raw, tuple(divisions[:-1]), divisions[-1], rest)


def same_agency(a: str | None, b: str | None) -> bool | None:
    """Whether two printed names are the same agency; None when either is unknown.

    赛罕区应急管理局 and 呼和浩特市赛罕区应急管理局 are; 区应急管理局 and 赛罕区应急管理局 may be
    (the shorter name only prints the level), and are taken to be.
    """
    pa, pb = parse_agency(a), parse_agency(b)
    if pa is None or pb is None:
        return None
    if pa.key == pb.key:
        return True
    if pa.division and pb.division:
        return False
    return pa.key.endswith(pb.key) or pb.key.endswith(pa.key)


@dataclass
class Meta:
    """What the report says of itself: agency, year, format, publication date, region and kind."""

    agency: str | None = None
    year: int | None = None
    template: str | None = None  # the format the document actually uses ("2019"/"2021")
    published: dt.date | None = None
    region: str | None = None
    kind: str | None = None  # GOVERNMENT or DEPARTMENT (AGENCY_KINDS); sets the deadline
    title: str | None = None
    source: str | None = None  # file name or URL the report was read from

    def to_json(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "year": self.year,
            "template": self.template,
            "published": self.published.isoformat() if self.published else None,
            "region": self.region,
            "kind": self.kind,
            "title": self.title,
            "source": self.source,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Meta:
        published = data.get("published")
        return cls(
            agency=data.get("agency"),
            year=data.get("year"),
            template=data.get("template"),
            published=dt.date.fromisoformat(published) if published else None,
            region=data.get("region"),
            kind=data.get("kind"),
            title=data.get("title"),
            source=data.get("source"),
        )


@dataclass
class SectionText:
    """One of the six sections as printed: its heading and narrative."""

    number: int  # 1..6
    heading: str  # as printed
    text: str
    source: Source | None = None


@dataclass
class Note:
    """Something the extractor saw and the checker should know: an ambiguous split, a collapsed
    row group, a table it could only partly read. Stable `code`, Chinese and English text."""

    code: str
    zh: str
    en: str
    cells: tuple[CellId, ...] = ()
    source: Source | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "zh": self.zh, "en": self.en}
        if self.cells:
            out["cells"] = list(self.cells)
        if self.source:
            out["source"] = self.source.to_json()
        return out


@dataclass
class AnnualReport:
    """One annual report as data: its metadata, sections, cells and OGI's notes on reading it."""

    meta: Meta = field(default_factory=Meta)
    sections: dict[int, SectionText] = field(default_factory=dict)
    cells: dict[CellId, Cell] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    # Cells whose row the document prints but whose values OGI could not read: missing by OGI's
    # doubt, not by the document's omission (check tells the two apart).
    unread: list[CellId] = field(default_factory=list)

    @property
    def format(self) -> formats.Format:
        return formats.get(self.meta.template or formats.for_year(self.meta.year or 2021).id)

    def value(self, cell: CellId) -> Number | None:
        c = self.cells.get(cell)
        return None if c is None else c.value

    def set(self, cell: CellId, value: Number | None, source: Source | None = None, **kw: Any) -> None:
        self.cells[cell] = Cell(cell, value, source, **kw)

    @property
    def missing(self) -> list[CellId]:
        """Cells of the report's format that the document does not contain.

        A 2021-format report that prints （六）其他处理 as one row has `apply.other.*` instead of
        the three sub-rows; those sub-rows are then not counted as missing (the deviation is a
        note and a format finding, not a hole in the data).
        """
        fmt = self.format
        skip: set[CellId] = set()
        for table in fmt.tables:
            for group in table.groups:
                if group.collapsible and any(c in self.cells for c in group.collapsed_cells):
                    skip.update(c for r in table.rows if r.group == group.id for c in r.cells)
        return [c for c in fmt.cells if c not in self.cells and c not in skip]

    @property
    def uncertain(self) -> list[CellId]:
        return [c.id for c in self.cells.values() if c.uncertain]

    def to_json(self, provenance: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "meta": self.meta.to_json(),
            "cells": {cid: c.value for cid, c in self.cells.items()},
            "uncertain": self.uncertain,
            "missing": self.missing,
            "unread": [c for c in self.unread if c not in self.cells],
            "sections": {
                str(n): {"heading": s.heading, "text": s.text, **({"source": s.source.to_json()} if s.source else {})}
                for n, s in sorted(self.sections.items())
            },
            "notes": [n.to_json() for n in self.notes],
        }
        alternatives = {cid: list(c.alternatives) for cid, c in self.cells.items() if c.alternatives}
        if alternatives:
            out["alternatives"] = alternatives
        reasons = {cid: c.reason for cid, c in self.cells.items() if c.uncertain and c.reason}
        if reasons:
            out["reasons"] = reasons
        if provenance:
            out["provenance"] = {cid: c.source.to_json() for cid, c in self.cells.items() if c.source}
        return out

    @classmethod
    def from_json(cls, data: Any, where: str = "") -> AnnualReport:
        """Read OGI's own JSON back (also a bare CELLS.md document with only meta and cells).

        The contract is checked field by field (`ogi.validate`): anything else is refused with
        an `OgiError` whose `where` is the path of the field, never a traceback further on.
        """
        from .validate import report

        return report(data, where)
