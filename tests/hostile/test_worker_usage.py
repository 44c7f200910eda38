"""`ogi.guard.isolated(..., usage=Usage())` says what the worker took — also when it was killed —
so that the fuzzer can tell a slow document (CPU) from a busy machine (wall time)."""

from __future__ import annotations

import time

import pytest

from ogi.guard import Usage, enabled, isolated
from ogi.read import Limits, ReadError

pytestmark = pytest.mark.skipif(not enabled(), reason="needs os.fork")


def _spin(seconds: float) -> int:
    end = time.process_time() + seconds
    n = 0
    while time.process_time() < end:
        n += 1
    return n


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def _hold(mb: int) -> int:
    block = bytearray(mb * 1024 * 1024)
    for i in range(0, len(block), 4096):
        block[i] = 1
    return len(block)


def test_cpu_time_and_peak_memory_of_a_finished_worker():
    usage = Usage()
    isolated(_hold, 200, usage=usage)
    assert usage.peak_mb >= 200
    usage = Usage()
    isolated(_spin, 0.5, usage=usage)
    assert usage.cpu_s >= 0.4 and usage.wall_s >= usage.cpu_s * 0.9


def test_a_sleeping_worker_takes_wall_time_not_cpu():
    usage = Usage()
    isolated(_sleep, 0.5, usage=usage)
    assert usage.wall_s >= 0.5 and usage.cpu_s < 0.3


def test_usage_of_a_worker_killed_at_the_time_limit():
    usage = Usage()
    with pytest.raises(ReadError) as e:
        isolated(_spin, 30.0, limits=Limits(timeout_s=1.0), usage=usage)
    assert e.value.code == "read.timeout"
    assert 0.9 <= usage.wall_s < 5 and 0 < usage.cpu_s <= usage.wall_s + 0.1
