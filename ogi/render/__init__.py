"""AnnualReport → DOCX, PDF, HTML, Markdown, XLSX, JSON in the official layout.

    from ogi.render import render, FORMATS
    data = render([report], "docx")

Every form is drawn from `ogi.formats` (rows, groups, columns, labels, cell ids) through one
layout (`layout.grid`), so a new report format needs no change here. `null` cells print blank,
`0` prints 0. docx, pdf, html, html-fragment and md take exactly one report; xlsx takes any
number (one row per report); json takes one (an object) or several (an array).

Imports only `ogi.formats`, `ogi.model` and `ogi.errors` (layer rule of DESIGN.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from ..model import AnnualReport
from .errors import RenderError


def _one(reports: Sequence[AnnualReport], to: str) -> AnnualReport:
    if len(reports) != 1:
        raise RenderError(
            "render.one_report",
            f"{to} 格式一次只能输出一份报告（收到 {len(reports)} 份）；多份报告请用 xlsx 或 json",
            f"{to} takes exactly one report (got {len(reports)}); use xlsx or json for several",
        )
    return reports[0]


def _docx(reports: Sequence[AnnualReport]) -> bytes:
    from .docx import render_docx

    return render_docx(_one(reports, "docx"))


def _pdf(reports: Sequence[AnnualReport]) -> bytes:
    from .pdf import render_pdf

    return render_pdf(_one(reports, "pdf"))


def _html(reports: Sequence[AnnualReport]) -> bytes:
    from .html import render_html

    return render_html(_one(reports, "html")).encode()


def _fragment(reports: Sequence[AnnualReport]) -> bytes:
    from .html import render_html_fragment

    return render_html_fragment(_one(reports, "html-fragment")).encode()


def _md(reports: Sequence[AnnualReport]) -> bytes:
    from .markdown import render_markdown

    return render_markdown(_one(reports, "md")).encode()


def _xlsx(reports: Sequence[AnnualReport]) -> bytes:
    from .xlsx import render_xlsx

    return render_xlsx(reports)


def _json(reports: Sequence[AnnualReport]) -> bytes:
    if not reports:
        raise RenderError("render.no_report", "没有可输出的报告", "no report to write")
    data = reports[0].to_json() if len(reports) == 1 else [r.to_json() for r in reports]
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()


# Form → writer; the CLI's --to choices and the file suffixes come from here.
FORMATS: dict[str, Callable[[Sequence[AnnualReport]], bytes]] = {
    "docx": _docx,
    "pdf": _pdf,
    "html": _html,
    "html-fragment": _fragment,
    "md": _md,
    "xlsx": _xlsx,
    "json": _json,
}
SUFFIXES = {"docx": ".docx", "pdf": ".pdf", "html": ".html", "html-fragment": ".html", "md": ".md",
            "xlsx": ".xlsx", "json": ".json"}
# Forms that hold several reports in one file.
MANY = frozenset({"xlsx", "json"})


def render(reports: Sequence[AnnualReport], to: str) -> bytes:
    """Write `reports` as `to` (one of FORMATS) and return the file's bytes."""
    writer = FORMATS.get(to)
    if writer is None:
        raise RenderError("render.unknown_form", f"不支持的输出格式：{to}（可选：{'、'.join(FORMATS)}）",
                          f"unknown output form: {to} (choose from {', '.join(FORMATS)})")
    if isinstance(reports, AnnualReport):
        reports = [reports]
    return writer(list(reports))


__all__ = ["FORMATS", "MANY", "SUFFIXES", "RenderError", "render"]
