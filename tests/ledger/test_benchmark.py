"""The composition of a year of 1,000,000 applications stays under 10 seconds (slow: builds 1M)."""

from __future__ import annotations

import importlib.util
import time

import pytest

from .conftest import ROOT


@pytest.mark.slow
def test_compose_a_million_applications_under_ten_seconds():
    spec = importlib.util.spec_from_file_location("compose_speed", ROOT / "benchmarks" / "compose_speed.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    from ogi.ledger import Ledger, compose

    ledger = Ledger("基准测试局", applications=bench.build(1_000_000))
    t0 = time.perf_counter()
    compose(ledger, bench.YEAR)
    assert time.perf_counter() - t0 < bench.TARGET_SECONDS
