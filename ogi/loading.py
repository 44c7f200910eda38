"""One way for every command to get reports from what the user names.

`-` is standard input; OGI's own JSON (one report, or a list as `ogi parse` prints for several
files) is taken as it is; any other document is read (ogi.read, by content) and extracted.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .model import AnnualReport
from .read import ReadError, io_error, read_bytes


def load_reports(name: str) -> list[AnnualReport]:
    """The reports in one input; raises ReadError (one line, Chinese and English) for bad input."""
    if name == "-":
        data, label, suffix = sys.stdin.buffer.read(), "<stdin>", ""
    else:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as e:
            raise io_error(e) from None
        label, suffix = path.name, path.suffix.lower()
    head = data[:64].removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
    if suffix == ".json" or head in (b"{", b"["):
        reports = _from_json(data, strict=suffix == ".json")
        if reports is not None:
            return reports
    from .extract import extract

    report = extract(read_bytes(data, label))
    if report.meta.source in (None, "-"):
        report.meta.source = label
    return [report]


def load_report(name: str) -> AnnualReport:
    """Exactly one report from one input (the first, when OGI JSON holds a list)."""
    return load_reports(name)[0]


def _from_json(data: bytes, strict: bool) -> list[AnnualReport] | None:
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as e:
        if strict:
            raise ReadError("read.json", f"不是有效的 OGI JSON：{e}", f"not valid OGI JSON: {e}") from None
        return None
    if isinstance(parsed, dict) and ("cells" in parsed or "meta" in parsed):
        return [AnnualReport.from_json(parsed)]
    if isinstance(parsed, list) and parsed and all(isinstance(d, dict) and "cells" in d for d in parsed):
        return [AnnualReport.from_json(d) for d in parsed]
    if strict:
        raise ReadError("read.json", "JSON 中没有报告（缺少 meta/cells）", "no report in this JSON (no meta/cells)")
    return None
