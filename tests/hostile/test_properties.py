"""Property tests: every reader and every JSON contract, fed mutated seeds in every form,
either reads or refuses with an OgiError — never another exception. Short by design (the long
runs are `benchmarks/fuzz.py --minutes N`)."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ogi.errors import OgiError
from ogi.fuzzing import mutate, run_one, seeds
from ogi.validate import loads, reports_from_json

FORMS = sorted(seeds())
SHORT = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def short_timeout(monkeypatch):
    monkeypatch.setenv("OGI_TIMEOUT", "20")  # (read when each document is read)


def test_every_form_has_a_seed():
    assert {"txt", "json", "jsonpage", "md", "html", "mht", "docx", "pdf", "png"} <= set(FORMS)


@pytest.mark.parametrize("form", [f for f in FORMS if f != "png"])
@SHORT
@given(seed=st.integers(0, 2**32 - 1))
def test_mutated_documents_are_read_or_refused(form, seed):
    rng = random.Random(seed)
    data = mutate(seeds()[form], rng, list(seeds().values()))
    assert isinstance(run_one(data), str)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)


@SHORT
@given(meta=st.dictionaries(st.sampled_from(["agency", "year", "template", "published", "kind", "region"]),
                            json_values, max_size=6),
       cells=st.dictionaries(st.sampled_from(["apply.new.natural", "review.total", "x.y"]), json_values, max_size=3),
       extra=st.dictionaries(st.sampled_from(["sections", "notes", "provenance", "uncertain", "alternatives",
                                              "reasons", "unread", "missing"]), json_values, max_size=4))
def test_any_json_shape_is_a_report_or_a_refusal(meta, cells, extra):
    doc = {"meta": meta, "cells": cells, **extra}
    try:
        text = json.dumps(doc)
    except ValueError:
        return
    try:
        (report,) = reports_from_json(loads(text))
    except OgiError as e:
        assert e.code.startswith("json.") and e.where
    else:
        report.to_json()  # what was accepted can be written back
        for v in report.to_json()["cells"].values():
            assert v is None or (not isinstance(v, bool) and abs(v) <= 1e12)


@SHORT
@given(events=st.lists(st.dictionaries(st.sampled_from(["event", "date", "days", "amount", "category", "party",
                                                        "approver"]), json_values, max_size=5), max_size=5))
def test_any_events_file_is_a_deadline_or_a_refusal(tmp_path_factory, events):
    from ogi.cli import main

    f = tmp_path_factory.mktemp("ev") / "events.json"
    f.write_text(json.dumps(events))
    assert main(["deadline", "--received", "2025-01-02", "--events", str(f)]) in (0, 2)


def test_a_number_of_hundreds_of_digits_is_never_a_value():
    """Found by the mutation fuzzer (md form): a 400-digit number in a table broke the equation
    sums, the checker and the XLSX writer (OverflowError). It is no count: uncertain, null."""
    from ogi import synth
    from ogi.check import check
    from ogi.extract import extract
    from ogi.read import read_bytes
    from ogi.render import render

    truth = synth.random_report("2021", 1)
    text = synth.render_text(truth, "markdown", 1).replace("| 0 |", "| " + "9" * 400 + " |", 3)
    report = extract(read_bytes(text.encode(), "huge.md"))
    assert all(c.value is None or abs(c.value) < 10 ** 12 for c in report.cells.values())
    assert not [f for f in check(report) if f.severity == "error" and f.rule.startswith(("apply", "appeal"))]
    for to in ("xlsx", "json", "md"):
        assert render([report], to)


def test_fuzz_seeds_without_the_examples_folder(monkeypatch):
    """Installed without `examples/`, the fuzzer's text seed is a synthetic report (this fallback
    once imported a function that did not exist)."""
    from pathlib import Path

    from ogi import fuzzing

    monkeypatch.setattr(fuzzing, "SAMPLE", Path("/nonexistent/sample_report.txt"))
    text = fuzzing._sample_text()
    assert "政府信息公开" in text and len(text) > 1000
