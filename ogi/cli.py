"""The `ogi` command. Each subcommand lives in a module of `ogi.commands` with a `register()`.

Exit codes: 0 success; 1 the check found errors; 2 input OGI cannot read or a usage error.
Every refusal is one line, Chinese first, naming the file and what is wrong; no traceback:
`main` turns an `OgiError` into its line and any exception no check foresaw into one
`internal.error` line (exit 2); argparse's usage errors are one line in both languages too.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from typing import NoReturn

from . import commands
from .errors import OgiError, internal, one_line


class UsageError(OgiError):
    """A command line argparse refuses (unknown option, missing argument, bad choice)."""


class Parser(argparse.ArgumentParser):
    """argparse with its refusals as one Chinese-and-English line (`usage.error`), exit 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError("usage.error", f"命令行参数有误：{message}（用 {self.prog} -h 查看用法）",
                         f"bad command line: {message} (see {self.prog} -h)")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if status and message:
            raise UsageError("usage.error", f"命令行参数有误：{message.strip()}", f"bad command line: {message.strip()}")
        super().exit(status, message)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every subcommand, or with `only` the one asked for: a command imports its
    own modules, not every command's (`ogi parse` of a small file starts in a fraction of the
    time)."""
    parser = Parser(
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
    try:
        first = next((a for a in argv if not a.startswith("-")), None)
        parser = build_parser(first if first and not any(a in ("-h", "--help") for a in argv[:1]) else None)
        args = parser.parse_args(argv)
        if not getattr(args, "handler", None):
            parser.print_help()
            return 2
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("已中断 / interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OgiError as err:
        print(err.message(), file=sys.stderr)
        return 2
    except SystemExit:
        raise
    except BaseException as exc:  # noqa: BLE001 - the promise: one line, never a traceback
        print(internal(exc).message(), file=sys.stderr)
        return 2


def refusal_line(err: BaseException, name: str | None = None) -> str:
    """One line for one input that failed: an OgiError as it is, anything else as internal.error."""
    if isinstance(err, OgiError):
        return err.message(name)
    return internal(err).message(one_line(name) if name else None)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
