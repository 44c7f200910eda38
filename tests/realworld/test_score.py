"""The scorer counts what it claims to count: a perfect reading is all right, a corrupted one is
wrong (flagged or not), missing or extra, and false accusations are told from planted errors."""

from __future__ import annotations

import copy
import time

from benchmarks.realworld import make_case, run_ogi, score_report
from benchmarks.realworld import score as score_mod
from ogi.check import check


def _planted_case():
    return next(c for c in map(make_case, range(100)) if c.planted)


def _clean_case():
    return next(c for c in map(make_case, range(100)) if not c.planted and not c.deviations)


def test_the_gold_itself_scores_all_right():
    case = _planted_case()
    s = score_report(case.report, check(case.report), case.gold())
    assert s.all_right and s.right == s.cells
    assert s.wrong_unflagged == s.wrong_flagged == s.missing == s.extra == 0
    assert s.undeserved == [] and s.other_errors == []
    assert s.planted and s.planted_found
    assert s.agency_ok and s.date_ok and s.template_ok


def test_a_corrupted_reading_is_counted_wrong():
    case = _clean_case()
    gold = case.gold()
    report = copy.deepcopy(case.report)
    report.set("apply.new.natural", (report.value("apply.new.natural") or 0) + 3)  # wrong, no flag
    report.set("apply.granted.total", (report.value("apply.granted.total") or 0) + 1, uncertain=True,
               alternatives=(1, 2))  # wrong, flagged
    del report.cells["review.upheld"]  # missing
    report.set("apply.bogus.natural", 1)  # extra
    report.meta.agency = "别的机关"
    s = score_report(report, check(report), gold)
    assert not s.all_right
    assert s.wrong_unflagged == 1 and s.wrong_flagged == 1 and s.missing == 1 and s.extra == 1
    assert s.right == s.cells - 3
    assert {w["cell"] for w in s.wrong} == {"apply.new.natural", "apply.granted.total"}
    assert not s.agency_ok and s.date_ok
    # The misread cells break equations the report does not break: undeserved accusations.
    eqs = {u["equation"] for u in s.undeserved}
    assert "apply.row.new" in eqs and "apply.balance.natural" in eqs
    assert not s.planted and not s.planted_found


def test_a_planted_error_missed_by_the_reading_is_counted_missed():
    case = _planted_case()
    report = copy.deepcopy(case.report)
    for cid, before in case.planted["before"].items():  # a reading that "repairs" the report
        report.set(cid, before)
    s = score_report(report, check(report), case.gold())
    assert s.planted and not s.planted_found
    assert s.wrong_unflagged == len(case.planted["cells"])


def test_negative_counts_are_undeserved_value_errors():
    case = _clean_case()
    report = copy.deepcopy(case.report)
    report.set("review.upheld", -1)
    s = score_report(report, check(report), case.gold())
    assert any(u["rule"] == "values.E301" for u in s.undeserved)


def test_run_ogi_catches_errors_and_timeouts(tmp_path, monkeypatch):
    gold = make_case(0).gold()
    bad = tmp_path / "empty.txt"
    bad.write_text("这不是年度报告。\n", encoding="utf-8")
    s = run_ogi(bad, gold, "test", timeout=30)
    assert s.error and s.missing == s.cells and not s.all_right

    import ogi.extract

    def slow(_doc, *a, **k):
        time.sleep(5)

    monkeypatch.setattr(ogi.extract, "extract", slow)
    good = tmp_path / "x.txt"
    good.write_text("x\n", encoding="utf-8")
    t = time.time()
    s = run_ogi(good, gold, "test", timeout=0.5)
    assert s.error and "timeout" in s.error and time.time() - t < 4
    assert score_mod.Timeout
