"""The report as an ordered list of printable blocks, shared by every writer.

Title `<机关>20XX年政府信息公开工作年度报告`, the six sections with the headings of the report's
format (国务院令第711号 Art. 50 lists the contents; the format notice fixes the headings), each
section's text, the tables inside sections 2–4, and the closing signature (机关 and date).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import AnnualReport
from .layout import TableGrid, grids

TITLE_SUFFIX = "年政府信息公开工作年度报告"


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Heading:
    text: str
    number: int


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class TableBlock:
    grid: TableGrid


@dataclass(frozen=True)
class Signature:
    lines: tuple[str, ...]


Block = Title | Heading | Para | TableBlock | Signature


def title_of(report: AnnualReport) -> str:
    agency = report.meta.agency or ""
    year = f"{report.meta.year}" if report.meta.year else ""
    return f"{agency}{year}{TITLE_SUFFIX}" if year else f"{agency}政府信息公开工作年度报告"


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n") if p.strip()]


def outline(report: AnnualReport) -> list[Block]:
    fmt = report.format
    tables = {g.table.number: g for g in grids(report, fmt)}
    blocks: list[Block] = [Title(title_of(report))]
    for section in fmt.sections:
        blocks.append(Heading(section.title, section.number))
        text = report.sections.get(section.number)
        if text is not None:
            blocks.extend(Para(p) for p in paragraphs(text.text))
        if section.number in tables:
            blocks.append(TableBlock(tables[section.number]))
    sign = tuple(x for x in (report.meta.agency,
                             chinese_date(report.meta.published) if report.meta.published else None) if x)
    if sign:
        blocks.append(Signature(sign))
    return blocks
