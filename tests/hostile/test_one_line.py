"""One error shape, one line, never a traceback; each document on its own; the time limit and
memory cap really stop the work."""

from __future__ import annotations

import json
import re
import time

import pytest

from ogi import read
from ogi.cli import main
from ogi.errors import OgiError, one_line
from ogi.guard import isolated
from ogi.ledger.errors import InputError, LedgerError
from ogi.loading import load_reports
from ogi.read import Limits, ReadError

from .bombs import SAMPLE

LINE = re.compile(r"^.+ / .+ \[[a-z_]+(\.[A-Za-z0-9_]+)+\]$")


def one_refusal(capsys, *argv: str, status: int = 2) -> str:
    assert main(list(argv)) == status
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert LINE.match(err[0]), err[0]
    assert "Traceback" not in err[0]
    return err[0]


def test_read_and_ledger_errors_share_the_shape():
    assert issubclass(ReadError, OgiError) and issubclass(LedgerError, OgiError)
    e = InputError("input.E002", "中文", "English", "f.json")
    assert e.code == "input.E002" and str(e) == "f.json：中文 / English [input.E002]"
    assert ReadError("read.x", "中\n文", "a\x00b").message("f") == "f: 中 文 / a b [read.x]"


def test_messages_never_show_object_addresses_or_newlines():
    assert one_line("cannot identify image file <_io.BytesIO object at 0x7f3a2b1c>\nline 2") == \
        "cannot identify image file … line 2"


def test_an_unexpected_exception_is_one_internal_error_line(capsys, monkeypatch):
    import ogi.commands.calendar as cal

    def boom(args):
        raise ZeroDivisionError("x")

    monkeypatch.setattr(cal, "run", boom)
    def register(sub):
        p = sub.add_parser("calendar")
        p.add_argument("words", nargs="+")
        p.set_defaults(handler=boom)

    monkeypatch.setattr(cal, "register", register)
    line = one_refusal(capsys, "calendar", "2024-01-01")
    assert line.endswith("[internal.error]") and "ZeroDivisionError" in line


@pytest.mark.parametrize("argv", [["parse"], ["parse", "--format", "xml", "a"], ["nosuchcommand"],
                                  ["compose", "x.json", "--year", "abc"], ["deadline"]])
def test_usage_errors_are_one_bilingual_line(capsys, argv):
    line = one_refusal(capsys, *argv)
    assert line.endswith("[usage.error]") and "命令行参数有误" in line


def test_parse_good_bad_good_prints_the_good_ones(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"meta":{"published":"2021-02-30"},"cells":{}}')
    assert main(["parse", str(SAMPLE), str(bad), str(SAMPLE)]) == 2
    out, err = capsys.readouterr()
    assert len(json.loads(out)) == 2
    assert err.strip().endswith("[json.date]") and err.count("\n") == 1


def test_check_and_render_go_on_past_a_bad_file(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"cells":{"apply.new.natural":"12"}}')
    assert main(["check", str(SAMPLE), str(bad), "--format", "json"]) == 2
    out, err = capsys.readouterr()
    assert json.loads(out)[0]["meta"]["year"] and err.count("\n") == 1 and "[json.type]" in err
    outdir = tmp_path / "out"
    assert main(["render", str(bad), str(SAMPLE), str(SAMPLE), "--to", "md", "-o", str(outdir)]) == 2
    assert len(list(outdir.iterdir())) == 2


def test_timeout_stops_pure_python_work(monkeypatch):
    def forever(data: bytes, name: str = "-", *, limits: Limits | None = None):
        while True:
            pass

    monkeypatch.setitem(read.READERS, "txt", forever)
    monkeypatch.setenv("OGI_TIMEOUT", "1")
    t0 = time.monotonic()
    with pytest.raises(ReadError) as e:
        load_reports(str(SAMPLE))
    assert e.value.code == "read.timeout"
    assert time.monotonic() - t0 < 3


def test_memory_cap_refuses_a_greedy_document():
    def greedy():
        return bytearray(3 * 1024**3)

    with pytest.raises(ReadError) as e:
        isolated(greedy, limits=Limits(max_memory=256 * 1024**2))
    assert e.value.code == "read.memory"


def test_a_worker_that_dies_is_one_refusal():
    import os
    import signal

    with pytest.raises(ReadError) as e:
        isolated(lambda: os.kill(os.getpid(), signal.SIGSEGV))
    assert e.value.code == "read.crashed"


def test_standard_input_is_read_with_a_cap(tmp_path, monkeypatch, capsys):
    import io
    import sys

    monkeypatch.setenv("OGI_MAX_BYTES", "1000")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 5000)))
    assert one_refusal(capsys, "parse", "-").endswith("[read.too_large]")
