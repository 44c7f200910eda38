"""One way for every command to get reports from what the user names.

`-` is standard input; OGI's own JSON (one report, or a list as `ogi parse` prints for several
files) is validated against its contract (`ogi.validate`) and taken as it is; any other document
(other JSON too: a portal's answer holding the page) is read (ogi.read, by content) and extracted. The bytes are read with the size limit checked
first (special files refused without opening them); reading and extraction then run under one
time limit and memory cap (`ogi.guard`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import OgiError
from .guard import isolated
from .model import AnnualReport
from .read import Limits, env_limits, read_bytes, read_capped, read_file


def input_bytes(name: str) -> tuple[bytes, str, str]:
    """(data, label, suffix) of one input: a file, or `-` for standard input (capped)."""
    if name == "-":
        return read_capped(sys.stdin.buffer, env_limits()), "<stdin>", ""
    path = Path(name)
    return read_file(path, env_limits()), path.name, path.suffix.lower()


def load_reports(name: str, previous: AnnualReport | None = None) -> list[AnnualReport]:
    """The reports in one input; raises an OgiError (one line, Chinese and English) for bad input.
    `previous` (the same agency's report of the year before) may settle glued digits."""
    data, label, suffix = input_bytes(name)
    if not _looks_like_json(data, suffix):
        # Imported here, before the worker is forked: once for all the files of a command, not
        # again in each file's worker (some 40 ms each).
        from . import extract  # noqa: F401
    return isolated(reports_from_bytes, data, label, suffix, previous)


def _looks_like_json(data: bytes, suffix: str) -> bool:
    """Whether to try the input as OGI JSON first (a `.json` file, or one that opens with { or [)."""
    head = data[:64].removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
    return suffix == ".json" or head in (b"{", b"[")


def load_report(name: str, previous: AnnualReport | None = None) -> AnnualReport:
    """Exactly one report from one input (the first, when OGI JSON holds a list)."""
    return load_reports(name, previous)[0]


def could_settle(report: AnnualReport, previous: AnnualReport | None) -> bool:
    """Whether reading `report` again with `previous` may settle cells: OGI is unsure of a cell of
    a cross-year identity (glued digits) and `previous` is the year before. OGI JSON is never read
    again (its cells are taken as they are)."""
    from . import formats
    from .extract import last_year_cells

    fmt = next((f for f in formats.all_formats() if f.id == report.meta.template), None)
    if fmt is None or not last_year_cells(previous, report.meta.year):
        return False
    cells = {c for triple in fmt.cross_year for c in triple}
    return any(report.cells[c].uncertain for c in cells if c in report.cells)


def reports_from_bytes(data: bytes, label: str = "-", suffix: str = "", previous: AnnualReport | None = None,
                       limits: Limits | None = None) -> list[AnnualReport]:
    """OGI JSON validated, or any document read (under `limits`, the environment's when none are
    given) and extracted (no time limit of its own: callers run it through `ogi.guard.isolated`)."""
    if _looks_like_json(data, suffix):
        reports = _from_json(data, strict=suffix == ".json")
        if reports is not None:
            return reports
    from .extract import extract

    report = extract(read_bytes(data, label, limits), previous=previous)
    if report.meta.source in (None, "-"):
        report.meta.source = label
    return [report]


def _from_json(data: bytes, strict: bool) -> list[AnnualReport] | None:
    from .validate import loads, reports_from_json

    try:
        parsed = loads(data)
    except OgiError:
        if strict:
            raise
        return None
    if isinstance(parsed, dict) and ("cells" in parsed or "meta" in parsed):
        return reports_from_json(parsed)
    if isinstance(parsed, list) and parsed and all(isinstance(d, dict) and ("cells" in d or "meta" in d)
                                                   for d in parsed):
        return reports_from_json(parsed)
    return None  # not OGI's JSON: read as a document (a site's or crawler's JSON holds a page)


__all__ = ["input_bytes", "load_report", "load_reports", "reports_from_bytes"]
