"""`ogi batch` over hostile files among good ones: killed with SIGKILL twice and rerun, raced
by a second run on the same output — every path exactly once, special files included."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .bombs import SAMPLE, nested_html, span_bomb_html, zip_bomb

pq = pytest.importorskip("pyarrow.parquet")
from ogi.batch.store import LOCK_NAME  # noqa: E402

OGI = str(Path(sys.executable).with_name("ogi"))


def _corpus(root: Path, n: int = 40) -> int:
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(n):
        (root / f"r{i:03d}.txt").write_text(text.replace("2020", str(2000 + i % 20)), encoding="utf-8")
    from ogi.fuzzing import seeds

    forms = seeds()
    for form in ("docx", "pdf", "html"):  # good documents in the other readers' forms
        if form in forms:
            (root / f"good.{form}").write_bytes(forms[form])
            n += 1
    if "pdf" in forms:
        (root / "cut.pdf").write_bytes(forms["pdf"][: len(forms["pdf"]) // 2])
        n += 1
    (root / "garbage.pdf").write_bytes(bytes(range(256)) * 8)
    zip_bomb(root)
    nested_html(root)
    span_bomb_html(root)
    os.mkfifo(root / "pipe.txt")
    (root / "loop_a").symlink_to(root / "loop_b")
    (root / "loop_b").symlink_to(root / "loop_a")
    (root / "sub").mkdir()
    (root / "sub" / "back").symlink_to(root)  # a link back up: one row, not an endless walk
    return n + 2 + 2 + 1 + 2 + 1


def _rows(out: Path) -> list[str]:
    ids: list[str] = []
    for p in sorted((out / "reports").glob("part-*.parquet")):
        # One open handle per part: a run rewrites a part in place (os.replace) when it redoes a
        # document, and pq.read_table opens the path twice (footer, then pages), which may then
        # meet two different files.
        with p.open("rb") as f:
            ids += pq.ParquetFile(f).read(columns=["report_id"]).column("report_id").to_pylist()
    return ids


def _batch(root: Path, out: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "OGI_TIMEOUT": "10"}
    return subprocess.Popen([OGI, "batch", str(root), "-o", str(out), "--workers", "1", "-q", "--no-link", *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)


def _until_locked(lock: Path, run: subprocess.Popen, seconds: float = 60) -> None:
    """Wait until `run` holds the output folder's lock (the kernel's list of flocks, read without
    taking the lock: a loaded machine may take seconds to start a run)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end and run.poll() is None:
        try:
            inode = lock.stat().st_ino
            held = any(" FLOCK " in line and f" {run.pid} " in line and f":{inode} " in line
                       for line in Path("/proc/locks").read_text().splitlines())
        except OSError:
            held = False
        if held:
            return
        time.sleep(0.05)
    raise AssertionError(f"the racing run never held the lock (exit {run.poll()})")


@pytest.mark.slow
def test_killed_twice_raced_and_rerun_every_path_once(tmp_path):
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    expected = _corpus(root, n=240)
    for part_size in ("3", "7"):  # two runs with different part sizes, each killed part way
        before = len(_rows(out)) if out.exists() else 0
        run = _batch(root, out, "--part-size", part_size)
        end = time.monotonic() + 120
        while time.monotonic() < end and run.poll() is None and (not out.exists() or len(_rows(out)) <= before):
            time.sleep(0.2)  # killed once it has written a part (slow machines start late)
        run.send_signal(signal.SIGKILL)
        run.wait()
    first = _rows(out)
    assert first and len(first) == len(set(first))  # the killed runs kept what they finished
    racer = _batch(root, out, "--part-size", "5")
    _until_locked(out / LOCK_NAME, racer)
    second = _batch(root, out)
    _, err = second.communicate(timeout=60)
    assert second.returncode == 2 and b"[batch.locked]" in err and err.count(b"\n") == 1
    racer.wait(timeout=120)
    assert racer.returncode == 0, racer.stderr.read()
    again = _batch(root, out, "--part-size", "11")
    again.wait(timeout=120)
    ids = _rows(out)
    assert len(ids) == len(set(ids)) == expected, sorted(ids)
    codes = dict(zip(ids, pq.read_table(out / "reports").column("error_code").to_pylist(), strict=False))
    assert codes["pipe.txt"] == "read.not_a_file"
    assert codes["loop_a"] == "read.symlink_loop"
    assert codes["nested.html"] == "read.too_deep"
    assert codes["span_bomb.html"] == "read.span_bomb"
    assert codes["sub/back"] == "read.directory"
    assert codes["zip_bomb.docx"] == "read.zip_bomb"
    assert codes["garbage.pdf"] == "read.wrong_type"
    if "cut.pdf" in codes:
        assert codes["cut.pdf"] == "read.truncated"
    for form in ("docx", "pdf", "html"):
        if f"good.{form}" in codes:
            assert codes[f"good.{form}"] is None, (form, codes[f"good.{form}"])
    shutil.rmtree(out)


def test_discover_gives_every_path_and_never_loops(tmp_path):
    from ogi.batch.run import discover

    expected = _corpus(tmp_path, n=3)
    found = discover(tmp_path)
    assert len(found) == expected
