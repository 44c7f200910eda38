"""`ogi compose LEDGER --year YEAR [-o OUT]`: the annual report composed from a ledger, as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .. import formats
from ..ledger import compose
from ..ledger.errors import InputError
from ..ledger.io import check_year, iso_date, load_ledger
from .ledger import guarded


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "compose",
        help="由工作台账生成年度报告（JSON） / compose the annual report from a ledger (JSON)",
        description="读取台账（JSON，或申请事件 CSV），按该年度应使用的格式生成年度报告 JSON；"
        "再用 ogi render 输出 DOCX/PDF/HTML。 / Read a ledger (JSON, or a CSV of application events) and write "
        "the year's annual report as JSON, in the format the year calls for; `ogi render` then writes it in any form.",
    )
    p.add_argument("ledger", metavar="LEDGER", help="台账文件（.json 或 .csv） / ledger file (.json or .csv)")
    p.add_argument("--year", required=True, type=int, help="报告年度 / report year")
    p.add_argument("-o", "--output", metavar="OUT", help="输出文件（默认标准输出） / output file (default stdout)")
    p.add_argument("--format", dest="template", choices=[f.id for f in formats.all_formats()],
                   help="指定报告格式（默认按年度） / force a report format (default: the one the year calls for)")
    p.add_argument("--published", metavar="DATE",
                   help="发布日期（写入报告，供核查是否按时公布） / publication date, written into the report")
    p.add_argument("--agency", help="机关名称（CSV 台账必填，JSON 台账可覆盖） / agency name (for CSV ledgers)")
    p.set_defaults(handler=run)


@guarded
def run(args: argparse.Namespace) -> int:
    year = check_year(args.year, "--year")
    if not Path(args.ledger).is_file():
        raise InputError("input.E006", "文件不存在", "no such file", args.ledger)
    ledger = load_ledger(args.ledger, args.agency)
    fmt = formats.get(args.template) if args.template else None
    published = iso_date(args.published, "--published") if args.published else None
    report = compose(ledger, year, fmt, published)
    text = json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError("input.E022", f"无法写入：{exc.strerror}", f"cannot write: {exc.strerror}",
                             args.output) from None
        print(f"已写入 {args.output}（{report.meta.year}年，{report.meta.template}格式） / wrote {args.output}",
              file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
