"""Table 3 of the annual report (三、收到和处理政府信息公开申请情况) as `ogi.ledger.compose` makes it
from the desk's applications, and its differences from a published report."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ogi import formats
from ogi.ledger import Ledger, compose, lifecycle
from ogi.ledger.io import ledger_from_json
from ogi.model import AnnualReport

from .services import DeskError
from .transfer import export_ledger


@dataclass
class Table3:
    year: int
    columns: list[str]
    rows: list[tuple[str, list[int | float | None]]]  # (label, values in column order)
    report: AnnualReport


def agency_ledger(agency) -> Ledger:
    """The agency's applications as the ledger holds them (the same JSON `ogi compose` reads)."""
    return ledger_from_json(export_ledger(agency), f"{agency.name}.json")


def table3(ledger: Ledger, year: int) -> Table3:
    fmt = formats.for_year(year)
    report = compose(ledger, year, fmt)
    table = fmt.by_role(formats.APPLICATIONS)
    columns = [c.label for c in table.columns]
    rows = [(r.label, [report.value(c) for c in r.cells]) for r in table.rows]
    return Table3(year, columns, rows, report)


def applications_table3(apps: list[lifecycle.Application], year: int, agency) -> Table3:
    return table3(Ledger(agency=agency.name, kind=agency.kind, applications=apps), year)


def read_published(raw: bytes) -> AnnualReport:
    """A published report as OGI JSON (`ogi parse FILE --format json`)."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
        if isinstance(data, list) and len(data) == 1:
            data = data[0]
        if not isinstance(data, dict) or not isinstance(data.get("cells"), dict):
            raise ValueError("no cells")
        return AnnualReport.from_json(data)
    except (UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError) as err:
        raise DeskError("report.E001", f"不是 OGI 的年报 JSON（请先用 ogi parse 文件 --format json 转换）：{err}",
                        f"not OGI report JSON (convert it with ogi parse FILE --format json): {err}") from None


def differences(ours: Table3, published: AnnualReport) -> list[tuple[str, int | float | None, int | float | None]]:
    """Every table-3 cell whose composed value differs from the published one: (cell, ours, theirs)."""
    table = formats.for_year(ours.year).by_role(formats.APPLICATIONS)
    out: list[tuple[str, int | float | None, int | float | None]] = []
    for cell in table.cells:
        mine, theirs = ours.report.value(cell), published.value(cell)
        if (mine or 0) != (theirs or 0):
            out.append((cell, mine, theirs))
    return out
