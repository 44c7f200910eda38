"""`ogi check FILE... [--format text|json] [--previous FILE_OR_DIR]`: audit annual reports.

Exit codes: 0 no error found; 1 at least one error-severity finding; 2 a file could not be read
(the others are still checked).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..check import Finding, check, quality_profile
from ..check.finding import ERROR, SEVERITY_RANK, SEVERITY_ZH
from ..cli import refusal_line
from ..errors import OgiError
from ..loading import could_settle, load_report
from ..model import AnnualReport

# How many cells of one finding the text output lists before it says "and N more".
MAX_CELLS_SHOWN = 8


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check",
        help="核查年度报告：表格勾稽、格式、章节、时限、正文与表格 / audit annual reports",
        description="读取并核查政府信息公开工作年度报告，列出每个问题涉及的单元格、数字和出处。"
        " / Read and audit annual reports; list every finding with its cells, numbers and source location.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="报告文件，- 表示标准输入 / report files, - for stdin")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="输出格式：text（默认）或 json / output: text (default) or json")
    p.add_argument("--previous", metavar="FILE_OR_DIR",
                   help="上一年度报告，或同一机关各年度报告所在目录 / last year's report, or a directory of the "
                   "agency's reports")
    p.add_argument("--level", choices=("error", "warning", "info"), default="info",
                   help="文本输出显示到哪一级（默认 info 全部显示） / lowest severity shown in text output")
    p.set_defaults(handler=run)


def _load(name: str) -> AnnualReport:
    """Read and extract one file; OGI's own JSON (`ogi parse --format json`) is taken as it is."""
    return load_report(name)


def _previous_pool(path: str) -> list[AnnualReport]:
    p = Path(path)
    if not p.is_dir():
        return [_load(path)]
    pool = []
    for name in sorted(str(x) for x in p.iterdir() if x.is_file()):
        try:
            pool.append(_load(name))
        except OgiError as e:  # one unreadable file in the folder does not spoil the others
            print(e.message(name), file=sys.stderr)
    return pool


def pick_previous(report: AnnualReport, pool: list[AnnualReport]) -> AnnualReport | None:
    """The report in `pool` for the year before `report`'s, from the same agency when both say."""
    year, agency = report.meta.year, report.meta.agency
    if year is None:
        return None
    same_year = [r for r in pool if r.meta.year == year - 1 and r is not report]
    for r in same_year:
        if agency and r.meta.agency == agency:
            return r
    unnamed = [r for r in same_year if not (agency and r.meta.agency)]
    return unnamed[0] if len(unnamed) == 1 else None


def run(args: argparse.Namespace) -> int:
    status = 0
    pool: list[AnnualReport] = []
    explicit = args.previous is not None
    if explicit:
        try:
            pool = _previous_pool(args.previous)
        except OgiError as e:
            print(e.message(args.previous), file=sys.stderr)
            return 2
        except OSError as e:
            print(OgiError("read.io", f"无法读取上年报告：{e.strerror}", f"cannot read the previous report: {e.strerror}",
                           args.previous).message(), file=sys.stderr)
            return 2
    loaded: list[tuple[str, AnnualReport]] = []
    for name in args.files:
        try:
            loaded.append((name, _load(name)))
        except Exception as e:  # noqa: BLE001 - one line per bad file, the others still checked
            print(refusal_line(e, name), file=sys.stderr)
            status = 2
    # Without --previous, reports given together pair up: an agency's 2021 report with its 2020 one.
    if not explicit:
        pool = [r for _, r in loaded]
    results = []
    any_error = False
    for name, report in loaded:
        previous = pick_previous(report, pool)
        if previous is None and explicit and len(pool) == 1:
            previous = pool[0]  # a single --previous FILE is taken as given; cross.W903 says if it does not fit
        if name != "-" and could_settle(report, previous):
            # Glued digits the equations left open: last year's 现行有效 may settle them (issue 10).
            try:
                report = load_report(name, previous)
            except Exception as e:  # noqa: BLE001 - read once already; a second failure is one line
                print(refusal_line(e, name), file=sys.stderr)
                status = 2
                continue
        try:
            findings = check(report, previous)
            profile = quality_profile(report, findings)
        except Exception as e:  # noqa: BLE001 - a report the checker chokes on is one line, not a traceback
            print(refusal_line(e, name), file=sys.stderr)
            status = 2
            continue
        any_error = any_error or any(f.severity == ERROR for f in findings)
        results.append((name, report, previous, findings, profile))
    if args.format == "json":
        data = [_json(*r) for r in results]
        doc = data[0] if len(data) == 1 and len(args.files) == 1 else data
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")  # one write (see `ogi parse`)
    else:
        for r in results:
            print_text(*r, level=args.level)
    if status:
        return status
    return 1 if any_error else 0


def _json(name: str, report: AnnualReport, previous: AnnualReport | None, findings: list[Finding],
          profile: dict[str, Any]) -> dict[str, Any]:
    return {
        "file": name,
        "meta": report.meta.to_json(),
        "previous": previous.meta.to_json() if previous else None,
        "findings": [f.to_json() for f in findings],
        "profile": profile,
    }


def _fmt(v: Any) -> str:
    return "空白" if v is None else str(v)


def format_finding(f: Finding, labels: dict[str, str] | None = None) -> list[str]:
    """The text lines of one finding: the message, where, the numbers and where each came from."""
    where = f.location.describe() if f.location else ""
    lines = [f"{SEVERITY_ZH[f.severity]} {f.rule}  {f.zh}" + (f"  〔{where}〕" if where else ""), f"      {f.en}"]
    values = f.evidence.get("values") or {}
    if "left" in f.evidence and "right" in f.evidence:
        lines.append(f"      左边 {f.evidence['left']}（{' + '.join(_fmt(values.get(c)) for c in f.evidence['left_cells'])}）"
                     f" ≠ 右边 {f.evidence['right']}（{' + '.join(_fmt(values.get(c)) for c in f.evidence['right_cells'])}）")
    shown = [c for c in f.cells if c in values]
    for c in shown[:MAX_CELLS_SHOWN]:
        src = f.sources.get(c)
        label = (labels or {}).get(c, c)
        printed = f"（原文“{src.text}”）" if src and src.text and src.text != _fmt(values[c]) else ""
        lines.append(f"      {label} = {_fmt(values[c])}{printed}" + (f"  〔{src.describe()}〕" if src else ""))
    if len(shown) > MAX_CELLS_SHOWN:
        lines.append(f"      …另有{len(shown) - MAX_CELLS_SHOWN}个单元格 / {len(shown) - MAX_CELLS_SHOWN} more cells")
    for prev_id, v in (f.evidence.get("previous") or {}).items():
        src = f.sources.get("previous:" + prev_id)
        lines.append(f"      上年 {prev_id} = {_fmt(v)}" + (f"  〔上年报告{src.describe()}〕" if src else ""))
    if f.evidence.get("notes"):
        lines.append(f"      解析说明 / extractor notes: {', '.join(f.evidence['notes'])}")
    return lines


def print_text(name: str, report: AnnualReport, previous: AnnualReport | None, findings: list[Finding],
               profile: dict[str, Any], level: str = "info", out: Any = None) -> None:
    out = out or sys.stdout
    from ..check import plan

    m = report.meta
    labels: dict[str, str] = {str(c): label for c, label in plan(report.format.id).label.items()}
    head = f"== {name}：{m.agency or '机关不明'} {m.year or '年度不明'}年度（{report.format.id}年格式）"
    if previous is not None:
        head += f"，对照上年报告 {previous.meta.source or previous.meta.year}"
    print(head, file=out)
    limit = SEVERITY_RANK[level]
    for f in findings:
        if SEVERITY_RANK[f.severity] <= limit:
            for line in format_finding(f, labels):
                print("  " + line, file=out)
    c = profile["counts"]
    pts = "；".join(f"{v['name']} {_score(v['score'], v['max'])}（{v['zh']}）" for v in profile["points"].values())
    print(f"  质量评分 / quality {_score(profile['score'], 100)}：{pts}", file=out)
    verdict = {
        "errors": "未通过：报告有错误 / not passed: the report has errors",
        "unverified": "未发现错误，但OGI未能确认全部单元格，不能判定通过 / no error found, but OGI could not read "
                      "every cell with certainty: not certified",
        "passed": "通过 / passed",
    }[profile["verdict"]]
    print(f"  结论：{verdict}；错误{c['error']} 警告{c['warning']} 提示{c['info']}", file=out)
    print(file=out)


def _score(score: float | None, maximum: int) -> str:
    return "未评分 / not scored" if score is None else f"{score:g}/{maximum}"
