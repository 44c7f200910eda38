"""Every command, given bad input, refuses in the one shape: exit status 2, no traceback, each
refusal one line `where: 中文 / English [code]` whose code is listed in docs/errors.md."""

from __future__ import annotations

import re

from ogi.cli import main

from .test_error_docs import documented

LINE = re.compile(r"^.+ / .+ \[([a-z]+(?:\.[A-Za-z0-9_]+)+)\]$")


def _cases(tmp) -> list[tuple[str, list[str]]]:
    empty = tmp / "empty.txt"
    empty.write_bytes(b"")
    junk = tmp / "junk.bin"
    junk.write_bytes(b"\x00\xff" * 300)
    bad_json = tmp / "bad.json"
    bad_json.write_text('{"meta": {"year": "二〇二五"}, "cells": {"x": true}}', encoding="utf-8")
    missing = str(tmp / "missing.txt")
    return [
        ("parse: no such file", ["parse", missing]),
        ("parse: empty file", ["parse", str(empty)]),
        ("parse: binary junk", ["parse", str(junk)]),
        ("parse: bad option", ["parse", str(empty), "--format", "xml"]),
        ("parse: unreadable previous year", ["parse", str(empty), "--previous", missing]),
        ("check: bad OGI JSON", ["check", str(bad_json)]),
        ("check: no such file", ["check", missing]),
        ("check: bad level", ["check", missing, "--level", "loud"]),
        ("render: unknown form", ["render", str(bad_json), "--to", "nope"]),
        ("render: bad input", ["render", str(junk), "--to", "html"]),
        ("batch: no such folder", ["batch", str(tmp / "nowhere"), "-o", str(tmp / "out")]),
        ("corpus: no such output", ["corpus", "summary", str(tmp / "nowhere")]),
        ("corpus: unknown subcommand", ["corpus", "frobnicate"]),
        ("calendar: impossible date", ["calendar", "2026-02-30"]),
        ("calendar: bad count", ["calendar", "add-working-days", "2026-01-01", "x"]),
        ("deadline: impossible date", ["deadline", "--received", "2026-13-01"]),
        ("deadline: no such events", ["deadline", "--received", "2026-03-02", "--events", missing]),
        ("compose: no such ledger", ["compose", missing, "--year", "2025"]),
        ("compose: year out of range", ["compose", missing, "--year", "10000"]),
        ("serve: unknown option", ["serve", "--bogus"]),
        ("worker: unknown option", ["worker", "--bogus"]),
        ("add-admin: no name", ["add-admin"]),
        ("due-mail: unknown option", ["due-mail", "--bogus"]),
        ("no such command", ["frobnicate"]),
    ]


def test_every_command_refuses_in_one_shape(tmp_path, capsys):
    listed = documented()
    wrong = []
    for label, argv in _cases(tmp_path):
        status = main(argv)
        err = capsys.readouterr().err
        lines = [x for x in err.splitlines() if x.strip()]
        shape = [LINE.match(x) for x in lines]
        codes = [m.group(1) for m in shape if m]
        if status != 2 or not lines or "Traceback" in err or not all(shape) or not set(codes) <= listed:
            wrong.append((label, status, err[-400:]))
    assert not wrong, "\n".join(f"{label}: exit {status}: {err!r}" for label, status, err in wrong)
