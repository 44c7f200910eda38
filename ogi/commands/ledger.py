"""Helpers the ledger commands (`ogi calendar`, `ogi deadline`, `ogi compose`) share.

Every refusal of the ledger is a `LedgerError` with Chinese and English text and a place; the
commands print it as one line on stderr and exit with 2, never with a traceback.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable

from ..ledger import WorkCalendar
from ..ledger.errors import LedgerError
from ..ledger.io import load_notices


def guarded(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except LedgerError as err:
            print(str(err), file=sys.stderr)
            return 2
    return run


def add_notices_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--notices", metavar="FILE", action="append", default=[],
                   help="导入国务院办公厅放假通知（JSON 或 CSV），补充或替换该年度的节假日安排 / "
                   "import State Council holiday notices (JSON or CSV) for years the calendar does not know")


def calendar_from(args: argparse.Namespace) -> WorkCalendar:
    notices = [n for path in args.notices for n in load_notices(path)]
    return WorkCalendar(notices)
