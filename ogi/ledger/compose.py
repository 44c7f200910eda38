"""Compose the annual report (政府信息公开工作年度报告) of an agency for a year from its ledger.

Every cell comes from the records, in the format the year calls for (`formats.for_year`):
table 2 from documents and tallies (Art. 20), table 3 from the applications, table 4 from the
cases (Art. 51). The narrative sections are drafts with the key figures filled in, for the
officer to edit (Art. 50 lists what the report must contain).

Table 3 is counted in one pass over the applications with plain counters:

- 本年新收 (new): received (Art. 31) within the year;
- 上年结转 (carried over): received before the year and still open on 1 January;
- outcome rows: closed within the year, in the row of the application's category;
- 结转下年度 (carried forward): received by 31 December and still open then.

So 新收 + 上年结转 = 总计 + 结转下年度 holds for every column by construction, and year N's
结转下年度 is year N+1's 上年结转.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TypedDict

from .. import formats
from ..formats import APPEALS, APPLICATIONS, ARTICLE20, counts
from ..model import AnnualReport, Meta, SectionText
from .ledger import Ledger
from .lifecycle import CATEGORIES, Application, applicant_columns, category_row, outcome_rows
from .records import document_counts


def _wan(yuan: float) -> int | float:
    """Yuan → 万元, the unit of the tables (CELLS.md)."""
    v = round(yuan / 10000, 4)
    return int(v) if v == int(v) else v


class Counts(TypedDict):
    """What one pass over the applications counts for table 3 (lists by applicant column)."""

    applicants: tuple[str, ...]
    rows: tuple[str, ...]
    new: list[int]
    carried_over: list[int]
    carried_forward: list[int]
    outcome: list[int]  # row by row (`rows`), each row's applicant columns in turn
    fees: int | float
    fees_count: int


def count_applications(applications: Iterable[Application], year: int, fmt: formats.Format) -> Counts:
    """The single pass: table-3 counters by (row, applicant column), and fees paid in the year."""
    applicants = applicant_columns(fmt)
    col_of = {a: i for i, a in enumerate(applicants)}
    rows = outcome_rows(fmt)
    ncol = len(applicants)
    # Category → offset of its row in the flat outcome counter.
    offset = {c: rows.index(category_row(c, fmt)) * ncol for c in CATEGORIES}
    new = [0] * ncol
    over = [0] * ncol
    forward = [0] * ncol
    outcome = [0] * (len(rows) * ncol)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    fees: int | float = 0
    paid = 0
    for a in applications:
        r = a.received
        if r is None or r > end:
            continue
        c = a.closed
        col = col_of[a.applicant]
        if r >= start:
            new[col] += 1
        elif c is not None and c < start:
            continue
        else:
            over[col] += 1
        if c is None or c > end:
            forward[col] += 1
        else:
            assert a.category is not None  # a closed application has exactly one outcome (lifecycle)
            outcome[offset[a.category] + col] += 1
        p = a.fee_paid_on
        if p is not None and p >= start and p <= end:
            fees += a.fee
            paid += 1
    return {"applicants": applicants, "rows": rows, "new": new, "carried_over": over,
            "carried_forward": forward, "outcome": outcome, "fees": fees, "fees_count": paid}


def _set_row(report: AnnualReport, row: formats.Row, values: dict[str, int | float] | dict[str, int | float | None]) -> None:
    for col, cell in zip(row.columns, row.cells, strict=True):
        report.set(cell, values[col.id])


def _with_total(applicants: tuple[str, ...], counted: list[int], total: str) -> dict[str, int | float]:
    values: dict[str, int | float] = dict(zip(applicants, counted, strict=True))
    values[total] = sum(counted)
    return values


def compose(ledger: Ledger, year: int, fmt: formats.Format | None = None,
            published: dt.date | None = None) -> AnnualReport:
    """The report for `year`; `published` is the day it is (to be) published, if known."""
    fmt = fmt or formats.for_year(year)
    report = AnnualReport(meta=Meta(agency=ledger.agency, year=year, template=fmt.id, region=ledger.region,
                                    published=published,
                                    kind=ledger.kind, title=f"{ledger.agency}{year}年政府信息公开工作年度报告"))
    # Table 3.
    counted = count_applications(ledger.applications, year, fmt)
    applicants, rows, ncol = counted["applicants"], counted["rows"], len(counted["applicants"])
    apply = fmt.by_role(APPLICATIONS)
    flow = apply.flow
    assert flow is not None and apply.total_column is not None  # (the applications table has both)
    by_row: dict[str, list[int]] = {flow.new: counted["new"], flow.carried_over: counted["carried_over"],
                                    flow.carried_forward: counted["carried_forward"]}
    outcome = counted["outcome"]
    total = [0] * ncol
    for i, row_id in enumerate(rows):
        by_row[row_id] = outcome[i * ncol:(i + 1) * ncol]
        total = [t + v for t, v in zip(total, by_row[row_id], strict=True)]
    by_row[flow.total] = total
    for row in apply.rows:
        _set_row(report, row, _with_total(applicants, by_row[row.id], apply.total_column))

    # Table 2: each row counts a kind of record (Row.counts), each column a figure of it (Column.measure).
    docs = {kind: document_counts(ledger.documents, kind, year) for kind in counts.DOCUMENT_KINDS}
    for row in fmt.by_role(ARTICLE20).rows:
        values: dict[str, int | float | None] = {}
        kind = row.counts[0] if row.counts else row.id
        this, prev = ledger.tally(kind, year), ledger.tally(kind, year - 1)
        for col in row.columns:
            m = col.measure
            if kind in docs:
                values[col.id] = docs[kind][m]
            elif m == counts.DECISIONS:
                values[col.id] = (this.decisions if this else None) or 0
            elif m == counts.ITEMS:
                values[col.id] = (this.items if this else None) or 0
            elif m == counts.PREV_ITEMS:
                values[col.id] = (prev.items if prev else None) or 0
            elif m == counts.CHANGE:
                values[col.id] = ((this.items if this else None) or 0) - ((prev.items if prev else None) or 0)
            elif m == counts.AMOUNT:
                values[col.id] = _wan((this.amount if this else None) or 0)
            else:  # a column a future format adds: no record yet, shown blank
                values[col.id] = None
        _set_row(report, row, values)

    # Table 4: each block counts the cases of its kind.
    blocks = {b.id: b for b in fmt.by_role(APPEALS).blocks}
    tally4 = {c: 0 for b in blocks.values() for c in b.cells}
    for case in ledger.cases:
        column = case.column(year)
        block = blocks.get(case.kind)
        cell = block.cell(column) if block is not None and column is not None else None
        if block is not None and cell is not None:
            tally4[cell] += 1
            tally4[block.total] += 1
    for cell, n in tally4.items():
        report.set(cell, n)

    for section in fmt.sections:
        text = ledger.texts.get(year, {}).get(section.number) or _draft(section.number, report, fmt, counted, docs)
        report.sections[section.number] = SectionText(section.number, section.title, text)
    return report


_NUMBERING = re.compile(r"^（[一二三四五六七八九十]+）|^[一二三四五六七八九十]+、|（[^）]*）$")


def _word(label: str) -> str:
    return _NUMBERING.sub("", _NUMBERING.sub("", label))


def _draft(number: int, report: AnnualReport, fmt: formats.Format, counts_: Counts,
           docs: dict[str, dict[str, int]]) -> str:
    """A draft of one narrative section with the year's figures in it, for the officer to edit."""
    m, year, v = report.meta, report.meta.year, report.value
    apply = fmt.by_role(APPLICATIONS)

    def total(name: str) -> int:
        return int(v(apply.total_cell(apply.flow_row(name))) or 0)

    new, over, fwd, handled = total("new"), total("carried_over"), total("carried_forward"), total("total")
    natural = int(v(apply.flow_row("new").cells[0]) or 0)  # the first applicant column, 自然人
    blocks = fmt.by_role(APPEALS).blocks
    case_totals = {b.id: int(v(b.total) or 0) for b in blocks}
    review = case_totals.get(counts.REVIEW, 0)
    suits = sum(n for k, n in case_totals.items() if k != counts.REVIEW)
    if number == 1:
        return (f"{year}年，{m.agency}认真贯彻落实《中华人民共和国政府信息公开条例》（国务院令第711号），"
                f"坚持以公开为常态、不公开为例外，持续做好主动公开和依申请公开工作。"
                f"全年制发规章{docs[counts.RULES][counts.ISSUED]}件、规范性文件{docs[counts.NORMATIVE][counts.ISSUED]}件；"
                f"本年度共收到政府信息公开申请{new}件，上年结转{over}件，办结{handled}件，结转下年度继续办理{fwd}件；"
                f"发生政府信息公开行政复议{review}件、行政诉讼{suits}件。")
    if number == 2:
        parts = []
        for row in fmt.by_role(ARTICLE20).rows:
            vals = "，".join(f"{_word(c.label)}{v(cell)}{'万元' if c.kind == formats.AMOUNT else ''}"
                            for c, cell in zip(row.columns, row.cells, strict=True))
            parts.append(f"{row.label}：{vals}")
        return f"{year}年主动公开政府信息情况如下：" + "；".join(parts) + "。"
    if number == 3:
        groups: dict[str, int] = {}
        labels: dict[str, str] = {}
        group_label = {g.id: g.label for g in apply.groups}
        for row in apply.leaf_rows:
            if row.id not in counts_["rows"]:
                continue
            # A row of a sub-group ((三)…(六)'s items) counts under its group's word.
            sub = row.group is not None and row.group != apply.result_group
            head = row.group if sub and row.group else row.id
            groups[head] = groups.get(head, 0) + int(v(apply.total_cell(row)) or 0)
            labels[head] = _word(group_label[head] if sub else row.label)
        result = "，".join(f"{labels[h]}{n}件" for h, n in groups.items())
        return (f"本年度共收到政府信息公开申请{new}件（自然人{natural}件，法人或其他组织{new - natural}件），"
                f"上年结转{over}件。办结{handled}件，其中{result}；结转下年度继续办理{fwd}件。")
    if number == 4:
        # The figures are in table 4 right below and in section 1; a paragraph here that counts
        # them (行政复议N件…) is read as a flattened table 4 by the extractor (see the report of
        # issue 6), so the draft refers to the table instead.
        pending = sum(int(v(cell) or 0) for b in blocks if (cell := b.cell(counts.PENDING)) is not None)
        if not review + suits:
            return "本年度未发生因政府信息公开引起的行政复议、行政诉讼案件，详见下表。"
        tail = "尚未审结的案件，本机关将依法积极应诉、跟踪办理。" if pending else "相关案件均已审结。"
        return "本年度因政府信息公开引起的行政复议、行政诉讼案件情况详见下表。" + tail
    if number == 5:
        return ("（请据实填写本机关政府信息公开工作存在的主要问题及改进情况。）"
                "一是……；二是……。下一步，将……。")
    if number == 6:
        fees = counts_["fees"]
        fee_text = (f"本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费{fees}元（{counts_['fees_count']}件）。"
                    if fees else "本年度未收取政府信息公开信息处理费。")
        return fee_text + "（其他需要报告的事项请据实填写。）"
    return ""
