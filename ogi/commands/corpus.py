"""`ogi corpus summary|coverage|link OUT_DIR`: what a corpus written by `ogi batch` says."""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from ..errors import OgiError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("corpus", help="汇总、覆盖率、跨年度关联（ogi batch 的输出）/ roll-ups, coverage, linking of a batch output",
                       description="对 ogi batch 的 Parquet 输出做汇总统计、覆盖率和跨年度关联。 / Roll-ups, coverage and "
                       "cross-year linking over the Parquet output of ogi batch.")
    cmds = p.add_subparsers(dest="corpus_command", metavar="COMMAND")
    s = cmds.add_parser("summary", help="表格合计与指标 / table totals and indicators")
    s.add_argument("out", metavar="OUT_DIR")
    s.add_argument("--by", choices=("region", "year", "agency-type"), help="分组 / group by")
    s.add_argument("-o", "--csv", metavar="CSV", help="写出 CSV（长表）/ write a CSV (long form)")
    s.set_defaults(handler=summary)
    c = cmds.add_parser("coverage", help="哪些机关有某年度报告、哪些缺失 / which agencies have a report for a year")
    c.add_argument("out", metavar="OUT_DIR")
    c.add_argument("--agencies", required=True, metavar="LIST.txt", help="机关名单，每行一个 / agencies, one a line")
    c.add_argument("--year", required=True, type=int)
    c.add_argument("-o", "--csv", metavar="CSV")
    c.set_defaults(handler=coverage)
    k = cmds.add_parser("link", help="重新做机关关联和跨年度核查 / redo agency linking and the cross-year checks")
    k.add_argument("out", metavar="OUT_DIR")
    k.set_defaults(handler=link)

    def usage(args: argparse.Namespace) -> int:
        p.print_help()
        return 2

    p.set_defaults(handler=usage)


def _check_out(out: str) -> Path:
    path = Path(out)
    if not (path / "reports").is_dir():
        raise OgiError("batch.not_output", "不是 ogi batch 的输出目录（缺少 reports/）", "not an ogi batch output (no reports/)",
                       out)
    return path


COUNTS = ("reports", "unreadable", "handled", "rate_left_out")


def _fmt(key: str, v: float | None) -> str:
    if v is None:
        return "—"
    if key in COUNTS:
        return f"{int(v):,}"
    if key == "mean_score":
        return f"{v:.1f}"
    return f"{v:.1%}"  # every other indicator is a share


def summary(args: argparse.Namespace) -> int:
    out = _check_out(args.out)
    from rich.console import Console
    from rich.table import Table

    from ..batch.summary import indicator_labels, indicators, totals

    ind = indicators(out, args.by)
    tot = totals(out, args.by)
    console = Console()
    t = Table(title="指标 / indicators")
    t.add_column("指标 / indicator")
    for row in ind:
        t.add_column(str(row["grp"]), justify="right")
    for key, label in indicator_labels():
        t.add_row(label, *(_fmt(key, row.get(key)) for row in ind))
    console.print(t)
    console.print("内容相同的文件只计一次；无法读取的文件不计入。 / Identical files counted once; "
                  "unreadable files left out.", style="dim")
    if args.by is None:  # the table 3 totals as printed (rows × applicant columns)
        from .. import formats

        tables = [f.by_role(formats.APPLICATIONS) for f in formats.all_formats() if f.has_role(formats.APPLICATIONS)]
        apply = tables[-1]  # the newest format's columns and title
        ids = {t.id for t in tables}
        grid = {r["cell"]: r["total"] for r in tot if r["table"] in ids}
        t3 = Table(title=f"{apply.title}（合计）/ table 3 totals")
        t3.add_column("")
        for col in apply.columns:
            t3.add_column(col.label, justify="right")
        seen: set[tuple[str, str]] = set()
        for table in tables:  # every format's rows, each once (2019's one-row （六） too)
            for printed in table.rows:
                if (table.id, printed.id) not in seen and any(c in grid for c in printed.cells):
                    seen.add((table.id, printed.id))
                    t3.add_row(printed.label, *(_fmt("handled", grid.get(c)) for c in printed.cells))
        console.print(t3)
        left_out = sum(r["left_out"] for r in tot if r["table"] in ids)
        console.print(f"只合计OGI确认读对的单元格；{left_out}个存疑单元格未计入。 / Only cells OGI read with "
                      f"certainty are added up; {left_out} cells in doubt left out.", style="dim")
    if args.csv:
        with open(args.csv, "w", newline="", encoding="utf-8-sig") as fh:
            w = csv.writer(fh)
            w.writerow(["group", "kind", "key", "label_zh", "column_zh", "value", "reports", "left_out"])
            labels = dict(indicator_labels())
            for row in ind:
                for key, _ in indicator_labels():
                    w.writerow([row["grp"], "indicator", key, labels[key], "", row.get(key), row["reports"], ""])
            for r in tot:
                w.writerow([r["group"], "total", r["cell"], r["row"], r["column"], r["total"], r["reports"],
                            r["left_out"]])
    return 0


def coverage(args: argparse.Namespace) -> int:
    out = _check_out(args.out)
    try:
        names = [ln.strip() for ln in Path(args.agencies).read_text(encoding="utf-8-sig").splitlines() if ln.strip()]
    except OSError as e:
        raise OgiError("read.io", f"无法读取机关名单：{e.strerror}", f"cannot read the list: {e.strerror}",
                       args.agencies) from None
    from rich.console import Console
    from rich.table import Table

    from ..batch import coverage as cover

    rows = cover(out, names, args.year)
    have = sum(r["has_report"] for r in rows)
    t = Table(title=f"{args.year}年度报告覆盖：{have}/{len(rows)} / coverage")
    for col in ("机关 / agency", "归一名称 / key", "状态 / status", "报告 / report"):
        t.add_column(col)
    for r in rows:
        t.add_row(r["agency"], r["agency_key"], "有报告 / found" if r["has_report"] else "[red]缺失 / missing[/]",
                  r["report_id"] or "")
    Console().print(t)
    if args.csv:
        with open(args.csv, "w", newline="", encoding="utf-8-sig") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]) if rows else ["agency"])
            w.writeheader()
            w.writerows(rows)
    return 0


def link(args: argparse.Namespace) -> int:
    out = _check_out(args.out)
    from ..batch import link_corpus

    pairs, found = link_corpus(out)
    print(f"跨年度配对 {pairs} 对，跨年度核查结果 {found} 条 / {pairs} year-over-year pairs, {found} cross-year findings")
    return 0
