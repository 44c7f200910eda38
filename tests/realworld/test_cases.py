"""The gold is consistent: every equation of the format holds except the ones the planted error
breaks, and every deviation is where the gold says it is."""

from __future__ import annotations

import pytest

from benchmarks.realworld import broken_equations, make_case
from ogi import formats
from ogi.check import check

CASES = range(60)


@pytest.mark.parametrize("i", CASES)
def test_only_the_planted_error_breaks_an_equation(i):
    case = make_case(i)
    gold = case.gold()
    fmt = formats.get(gold["meta"]["template"])
    assert broken_equations(fmt, gold["cells"]) == gold["broken_equations"]
    if gold["planted"] is None:
        assert gold["broken_equations"] == []
        assert "planted_error" not in gold["deviations"]
    else:
        assert gold["broken_equations"], "a planted error that breaks nothing"
        assert gold["planted"]["equations"] == gold["broken_equations"]
    # The checker, given the gold itself, raises exactly the errors the gold expects.
    errors = {f.rule for f in check(case.report) if f.severity == "error"}
    assert errors == set(gold["expected_errors"])
    equations = {f.evidence["equation"] for f in check(case.report) if "equation" in f.evidence}
    assert equations == set(gold["broken_equations"])


def test_deviations_are_where_the_gold_says():
    seen = set()
    for i in range(200):
        gold = make_case(i).gold()
        cells, dev = gold["cells"], set(gold["deviations"])
        seen |= dev
        fmt = gold["meta"]["template"]
        sub = [c for c in cells if c.startswith("apply.other.") and c.count(".") == 3]
        collapsed = [c for c in cells if c.startswith("apply.other.") and c.count(".") == 2]
        if "collapsed_other" in dev:
            assert fmt == "2021" and len(collapsed) == 7 and not sub and len(cells) == 186
        elif fmt == "2021":
            assert len(sub) == 21 and not collapsed and len(cells) == 200
        else:
            assert len(collapsed) == 7 and len(cells) == 198
        blank = [c for c, v in cells.items() if v is None]
        assert sorted(blank) == gold["blank"]
        if "negative_change" in dev:
            assert fmt == "2019" and any(cells[c] < 0 for c in cells if c.endswith(".change") and cells[c] is not None)
        for c in gold["negative"]:
            assert c.endswith(".change"), f"only 本年增/减 may be negative: {c}"
    assert seen >= {"collapsed_other", "blank_cells", "negative_change", "planted_error", "long_narrative"}


def test_cases_are_deterministic():
    assert make_case(7).gold() == make_case(7).gold()
    assert make_case(7).gold() != make_case(8).gold()
