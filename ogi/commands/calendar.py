"""`ogi calendar DATE` and `ogi calendar add-working-days DATE N`: the working-day calendar (调休)."""

from __future__ import annotations

import argparse

from ..ledger.errors import InputError
from ..ledger.io import iso_date
from .ledger import add_notices_option, calendar_from, guarded


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "calendar",
        help="工作日历（含调休）：某日是否工作日、N个工作日后是哪天 / working-day calendar with 调休",
        description="ogi calendar DATE：某日是工作日、周末、法定节假日还是调休上班；"
        "ogi calendar add-working-days DATE N：DATE 之后第 N 个工作日（当日不计）。"
        " / Is DATE a working day; the N-th working day after DATE (that day not counted).",
    )
    p.add_argument("words", nargs="+", metavar="DATE | add-working-days DATE N")
    add_notices_option(p)
    p.set_defaults(handler=run)


@guarded
def run(args: argparse.Namespace) -> int:
    cal = calendar_from(args)
    words = args.words
    if words[0] in ("add-working-days", "add"):
        if len(words) != 3:
            raise InputError("calendar.E010", "用法：ogi calendar add-working-days DATE N",
                             "usage: ogi calendar add-working-days DATE N")
        start = iso_date(words[1])
        try:
            n = int(words[2])
        except ValueError:
            raise InputError("calendar.E011", f"工作日数「{words[2]}」应为非负整数",
                             f"the number of working days {words[2]!r} must be a non-negative integer") from None
        if n < 0:
            raise InputError("calendar.E011", f"工作日数「{n}」应为非负整数",
                             f"the number of working days {n} must be a non-negative integer")
        due = cal.add_working_days(start, n)
        print(f"{start.isoformat()} 之后第{n}个工作日（当日不计） / {n} working days after {start.isoformat()}: "
              f"{due.isoformat()}")
        print(cal.day(due).describe())
        return 0
    if len(words) != 1:
        raise InputError("calendar.E012", "用法：ogi calendar DATE 或 ogi calendar add-working-days DATE N",
                         "usage: ogi calendar DATE, or ogi calendar add-working-days DATE N")
    print(cal.day(iso_date(words[0])).describe())
    return 0
