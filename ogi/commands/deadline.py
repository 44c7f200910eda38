"""`ogi deadline --received DATE [--channel …] [--events FILE]`: the reply deadline, explained."""

from __future__ import annotations

import argparse
import json

from ..ledger import deadlines
from ..ledger.errors import LedgerError
from ..ledger.io import iso_date, load_events
from .ledger import add_notices_option, calendar_from, guarded


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "deadline",
        help="依申请公开答复期限（国务院令第711号第三十条至第三十四条） / reply deadline under Arts. 30–34",
        description="按收到申请之日、申请渠道和补正、征求意见、延期、收费等事件计算答复期限，并逐条说明依据。"
        " / Compute the reply deadline from the receipt date, channel and events, explaining every step.",
    )
    p.add_argument("--received", required=True, metavar="DATE",
                   help="收到申请之日（第三十一条） / the day the application counts as received (Art. 31)")
    p.add_argument("--channel", default="online",
                   help=f"申请渠道 / channel: {', '.join(deadlines.CHANNELS)}（默认 online）")
    p.add_argument("--events", metavar="FILE",
                   help="事件列表（JSON 或 CSV：event,date,…） / events (JSON list or CSV with event,date,…)")
    p.add_argument("--json", action="store_true", help="以 JSON 输出 / print JSON")
    add_notices_option(p)
    p.set_defaults(handler=run)


@guarded
def run(args: argparse.Namespace) -> int:
    received = iso_date(args.received, "--received")
    events = load_events(args.events) if args.events else []
    channel = deadlines.parse_channel(args.channel)
    try:  # the lifecycle's refusals, as `ogi compose` gives them
        deadlines.check_sequence(received, events, channel)
    except LedgerError as err:
        raise err.located(args.events) from None
    result = deadlines.compute(received, events, channel, calendar_from(args))
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print(result.explain())
    return 0
