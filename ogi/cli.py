"""The `ogi` command. Each subcommand lives in a module of `ogi.commands` with a `register()`.

Exit codes: 0 success; 1 the check found errors; 2 input OGI cannot read or a usage error.
Every refusal is one line, Chinese first, naming the file and what is wrong; no traceback.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from . import commands


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every subcommand, or with `only` the one asked for: a command imports its
    own modules, not every command's (`ogi parse` of a small file starts in a fraction of the
    time)."""
    parser = argparse.ArgumentParser(
        prog="ogi",
        description="OGI 政府信息公开工作台：读取、核查、撰写政府信息公开工作年度报告 / "
        "Open Government Information workbench: read, check and write disclosure annual reports",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    names = sorted(m.name for m in pkgutil.iter_modules(commands.__path__))
    if only in names:
        names = [only]
    for name in names:
        module = importlib.import_module(f"{commands.__name__}.{name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    first = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(first if first and not any(a in ("-h", "--help") for a in argv[:1]) else None)
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("已中断 / interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
