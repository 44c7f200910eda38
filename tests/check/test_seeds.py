"""The five real seed reports, read and extracted as `ogi check` does, then checked."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from ogi.check import check, quality_profile
from ogi.extract import extract
from ogi.read import read_path

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
ARITHMETIC = ("apply.", "appeal.", "table.")


def seed(prefix: str) -> Path:
    paths = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not paths:
        pytest.skip(f"seed {prefix} not available")
    return paths[0]


@cache
def checked(prefix: str):
    report = extract(read_path(seed(prefix)))
    return report, check(report)


@pytest.mark.parametrize("prefix", ["001", "002"])
def test_seeds_pass_the_arithmetic(prefix):
    report, findings = checked(prefix)
    assert [f.rule for f in findings if f.rule.startswith(ARITHMETIC)] == []
    # and the equations were really evaluated: no cell left unread
    assert [f.rule for f in findings if f.rule.startswith(("parse.", "format.E20"))] == []
    assert report.missing == []


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_seed_adds_up_or_says_why(prefix):
    _, findings = checked(prefix)
    assert [f.zh for f in findings if f.rule.startswith(ARITHMETIC)] == []


def test_003_single_row_other_processing():
    _, findings = checked("003")
    f = [f for f in findings if f.rule == "format.E202"]
    assert len(f) == 1
    assert f[0].cells[0] == "apply.other.natural" and f[0].location.line is not None


@pytest.mark.parametrize("prefix", ["000", "004"])
def test_missing_section_six(prefix):
    _, findings = checked(prefix)
    assert [f.evidence["section"] for f in findings if f.rule == "section.E401"] == [6]


def _agreements(prefix):
    _, findings = checked(prefix)
    return {(f.evidence["claim"], f.evidence["stated"]) for f in findings if f.rule == "narrative.I802"}


def test_002_narrative_agrees():
    agree = _agreements("002")
    assert {("licensing", 64), ("penalty", 83)} <= agree
    _, findings = checked("002")
    assert not [f for f in findings if f.rule == "narrative.W801"]


def test_003_narrative_agrees():
    assert ("received", 1) in _agreements("003")
    _, findings = checked("003")
    assert not [f for f in findings if f.rule == "narrative.W801"]


def test_003_is_on_time_as_a_government():
    _, findings = checked("003")
    assert [f.evidence["deadline"] for f in findings if f.rule == "time.I602"] == ["2022-03-31"]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_profile(prefix):
    report, findings = checked(prefix)
    profile = quality_profile(report, findings)
    assert 0 <= profile["score"] <= 100
    assert profile["passed"] == (not any(f.severity == "error" for f in findings))
