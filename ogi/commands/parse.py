"""`ogi parse FILE... [--format json|table] [--previous FILE] [--debug]`: a report as exact data."""

from __future__ import annotations

import argparse
import io
import json
import sys
from contextlib import redirect_stdout
from typing import TYPE_CHECKING

from ..cli import refusal_line
from ..guard import isolated
from ..loading import input_bytes, load_report
from ..model import AnnualReport

if TYPE_CHECKING:
    from ..extract import Steps


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "parse",
        help="读取年度报告，输出表格数据 / read annual reports into data",
        description="读取政府信息公开工作年度报告（文本、HTML、DOCX、PDF、扫描件），输出三张统计表的数据。"
        " / Read annual reports (text, HTML, DOCX, PDF, scans) into the data of their three tables.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="报告文件，- 表示标准输入 / report files, - for stdin")
    p.add_argument("--format", choices=("json", "table"), default="json",
                   help="输出格式：json（默认）或 table / output: json (default) or table")
    p.add_argument("--no-provenance", action="store_true", help="JSON 不含单元格来源 / omit cell provenance")
    p.add_argument("--previous", metavar="FILE",
                   help="同一机关上一年度的报告：表二连写数字有多种拆分时，用其现行有效件数确定（上年现行有效＋本年制发－"
                        "本年废止＝本年现行有效） / the same agency's report of the year before: its 现行有效 settles "
                        "glued table-2 digits that split several ways")
    p.add_argument("--debug", action="store_true", help="显示每一步的中间结果 / show every step's intermediates")
    p.set_defaults(handler=run)


def load(name: str, previous: AnnualReport | None = None) -> AnnualReport:
    """Read and extract one file (`-` is standard input); raises ReadError for bad input."""
    return load_report(name, previous)


def debug_text(data: bytes, label: str, previous: AnnualReport | None = None) -> str:
    """What `--debug` prints for one document (made in the guarded worker, printed here)."""
    from ..extract import steps
    from ..read import read_bytes

    out = io.StringIO()
    with redirect_stdout(out):
        show_steps(steps(read_bytes(data, label), previous=previous))
    return out.getvalue()


def run(args: argparse.Namespace) -> int:
    """Each file on its own: output for the good ones, one refusal line for each bad one, exit 2
    when any failed."""
    status = 0
    outputs = []
    previous = None
    if args.previous is not None:
        try:
            previous = load(args.previous)
        except Exception as e:  # noqa: BLE001 - the one refusal line, with the file it is about
            print(refusal_line(e, args.previous), file=sys.stderr)
            return 2
    for name in args.files:
        try:
            if args.debug:
                data, label, _ = input_bytes(name)
                sys.stdout.write(isolated(debug_text, data, label, previous))
                continue
            report = load(name, previous)
        except Exception as e:  # noqa: BLE001 - one line per bad file, the others still done
            print(refusal_line(e, name), file=sys.stderr)
            status = 2
            continue
        if args.format == "json":
            outputs.append(report.to_json(provenance=not args.no_provenance))
        else:
            from ..show import print_report

            print_report(report)
    if outputs:
        doc: object = outputs[0] if len(outputs) == 1 and len(args.files) == 1 else outputs
        # One write of the whole text: `json.dump` writes each of its thousands of pieces.
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    return status


def show_steps(st: Steps) -> None:
    print(f"# tokens: {len(st.tokens)}  runs: {len(st.runs)}  format: {st.format.id}")
    print(f"# zones: {st.zones}")
    for table, segs in st.segments.items():
        print(f"## {table}")
        for seg in segs:
            rows = ",".join(r.id for r in seg.rows)
            run = st.runs[seg.anchor.run]
            # The end of the label run is the row's own label (the run may begin with headers).
            label = ("…" + run.text[-30:] if len(run.text) > 30 else run.text) if run.is_label else ""
            print(f"  [{rows}] ← «{label}» {'(group)' if seg.anchor.soft else ''}{'(fuzzy)' if seg.anchor.fuzzy else ''}"
                  f" values={seg.values}{f' splits={len(seg.solutions)}' if seg.solutions else ''}"
                  f" {'exact' if seg.clean else 'IRREGULAR'}")
        print(f"  verify: {st.verified.get(table, '')}")
    print(json.dumps(st.report.to_json(provenance=False)["meta"], ensure_ascii=False))
