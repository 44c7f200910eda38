"""`ogi render INPUT... --to docx|pdf|html|html-fragment|md|xlsx|json [-o OUT]`.

INPUT is any document `ogi parse` reads, or an OGI JSON file (a report, or an array of reports).
xlsx and json put every report into one file; the other forms write one file per report: with
one report, to OUT or standard output; with several, into the directory OUT, one file named
after each input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import OgiError
from ..loading import load_reports
from ..model import AnnualReport
from ..render.errors import RenderError

BINARY = frozenset({"docx", "pdf", "xlsx"})


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from ..render import FORMATS

    p = subparsers.add_parser(
        "render",
        help="按官方格式输出年度报告（DOCX/PDF/HTML/Markdown/XLSX/JSON） / write reports in the official layout",
        description="把年度报告（任何 ogi parse 能读取的文件，或 OGI 的 JSON）输出为官方格式的 DOCX、PDF、HTML、"
        "Markdown，或把多份报告的表格汇总为 XLSX / Write annual reports (any document `ogi parse` reads, "
        "or OGI JSON) as DOCX, PDF, HTML, Markdown in the official layout, or many reports' tables as XLSX",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="报告文件或 OGI JSON / report files or OGI JSON")
    p.add_argument("--to", required=True, choices=list(FORMATS), help="输出格式 / output form")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="输出文件（多份报告时为目录）；缺省写到标准输出 / output file (a directory for several "
                        "reports); standard output by default")
    p.set_defaults(handler=run)


def _err(err: OgiError) -> int:
    print(err.message(), file=sys.stderr)
    return 2


def load(path: str) -> list[AnnualReport]:
    """The reports in one input: OGI JSON as it is, any other document read and extracted."""
    return load_reports(path)


def _write(data: bytes, out: str | None, form: str) -> int:
    if out is None or out == "-":
        if form in BINARY and sys.stdout.isatty():
            return _err(RenderError("render.binary_to_terminal", f"{form} 是二进制格式，请用 -o 指定输出文件",
                                    f"{form} is binary: give an output file with -o"))
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    Path(out).write_bytes(data)
    return 0


def run(args: argparse.Namespace) -> int:
    """Each input on its own: the good ones rendered, one refusal line for each bad one, exit 2
    when any failed."""
    from ..cli import refusal_line
    from ..render import MANY, SUFFIXES, render

    form: str = args.to
    loaded: list[tuple[str, AnnualReport]] = []
    failed = 0
    for path in args.inputs:
        try:
            loaded.extend((path, r) for r in load(path))
        except Exception as err:  # noqa: BLE001 - one line per bad input, the others still rendered
            print(refusal_line(err, path), file=sys.stderr)
            failed += 1
    if not loaded:
        return 2
    status = 2 if failed else 0
    reports = [r for _, r in loaded]
    try:
        if form in MANY or len(reports) == 1:
            return _write(render(reports, form), args.output, form) or status
        if not args.output:
            return _err(RenderError("render.need_output_dir", f"{len(reports)} 份报告输出为 {form} 时需要用 -o 指定目录",
                                    f"{len(reports)} reports as {form} need an output directory (-o DIR)"))
        outdir = Path(args.output)
        outdir.mkdir(parents=True, exist_ok=True)
        names = _names([p for p, _ in loaded], SUFFIXES[form])
        if form == "pdf":  # one LibreOffice start for all of them
            from ..render.pdf import render_pdfs

            blobs = render_pdfs(reports)
        else:
            blobs = [render([r], form) for r in reports]
        for name, blob in zip(names, blobs, strict=True):
            (outdir / name).write_bytes(blob)
        return status
    except RenderError as err:
        return _err(err)
    except OSError as err:
        return _err(RenderError("render.io", f"无法写入：{err.strerror}", f"cannot write: {err.strerror}", args.output))


def _names(paths: list[str], suffix: str) -> list[str]:
    out: list[str] = []
    seen: dict[str, int] = {}
    for p in paths:
        stem = Path(p).stem
        n = seen.get(stem, 0)
        seen[stem] = n + 1
        out.append(f"{stem}{'' if n == 0 else f'-{n}'}{suffix}")
    return out
