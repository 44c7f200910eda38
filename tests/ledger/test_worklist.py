"""Where an application stands on a given day (the desk's worklist), and the outcome bases."""

from __future__ import annotations

import pytest

from ogi.ledger import (
    Event,
    LedgerError,
    compute_deadline,
    default_calendar,
    outcomes,
    parse_channel,
    worklist,
)
from ogi.ledger.lifecycle import CATEGORIES

from .conftest import d

CAL = default_calendar()


def stand(received: str, today: str, events=()):
    return worklist.standing(compute_deadline(d(received), list(events), "online", CAL), d(today), CAL)


def test_the_issue_example_on_the_worklist():
    # received 2026-02-10 online → due 2026-03-16 (Art. 31 (3), Art. 33 (2), Spring Festival 2026)
    assert stand("2026-02-10", "2026-03-16").bucket == worklist.DUE_TODAY
    s = stand("2026-02-10", "2026-03-11")  # Wed; Thu, Fri, Mon 16th → 3 working days left
    assert (s.bucket, s.due, s.days_left) == (worklist.DUE_SOON, d("2026-03-16"), 3)
    assert stand("2026-02-10", "2026-03-10").bucket == worklist.RUNNING
    late = stand("2026-02-10", "2026-03-18")
    assert (late.bucket, late.days_left) == (worklist.OVERDUE, -2)
    assert "第三十三条第二款" in late.zh


def test_waiting_on_the_applicant():
    s = stand("2026-02-10", "2026-02-12", [Event("correction_sent", d("2026-02-11"))])
    assert s.bucket == worklist.WAITING and s.due is None and "第三十条" in s.zh
    fee = stand("2026-02-10", "2026-02-12", [Event("fee_notice", d("2026-02-11"), {"amount": 100})])
    assert fee.bucket == worklist.WAITING and "109号" in fee.zh


def test_consulting_is_the_agencys_wait_not_the_applicants():
    s = stand("2026-02-10", "2026-02-12", [Event("consultation_started", d("2026-02-11"), {"party": "third_party"})])
    assert s.bucket == worklist.RUNNING


def test_soon_limit_counts_working_days():
    assert worklist.soon_limit(d("2026-03-13"), CAL) == d("2026-03-18")  # Fri → Wed


def test_future_events_refused():
    worklist.refuse_future(d("2026-03-01"), d("2026-03-01"))
    with pytest.raises(LedgerError) as err:
        worklist.refuse_future(d("2026-03-02"), d("2026-03-01"))
    assert err.value.code == "ledger.E030"


def test_every_category_has_a_basis_and_a_label():
    assert set(outcomes.BASIS) == set(CATEGORIES)
    assert "other.overdue_fee" not in outcomes.DECIDABLE
    assert outcomes.label("denied.state_secret") == "（三）不予公开 · 1.属于国家秘密"
    assert "第五十一条" in outcomes.REMEDIES


def test_email_is_an_internet_channel_of_its_own():
    assert parse_channel("电子邮件") == "email"
    assert compute_deadline(d("2026-02-10"), channel="email").due == d("2026-03-16")
    assert "第三十一条第（三）项" in compute_deadline(d("2026-02-10"), channel="email").explain()


def test_bounds_agree_with_standing():
    today = d("2026-03-11")
    b = worklist.bounds(today, CAL)
    for offset in range(-10, 15):
        due = today + __import__("datetime").timedelta(days=offset)
        s = worklist.standing_of(due, None, None, today, CAL)
        lo, hi = b[s.bucket]
        assert (lo is None or lo <= due) and (hi is None or due <= hi), (due, s.bucket)


def test_working_days_between_agrees_with_counting_day_by_day():
    import datetime as dt
    import random

    from ogi.ledger import HolidayNotice, WorkCalendar

    def naive(cal, a, b):
        n, x = 0, a
        while x < b:
            x += dt.timedelta(days=1)
            n += cal.is_working_day(x)
        return n

    rng = random.Random(7)
    base = d("2023-01-01")
    for _ in range(300):
        a = base + dt.timedelta(days=rng.randint(0, 1400))
        b = a + dt.timedelta(days=rng.randint(-5, 500))
        if b.year > 2026:
            continue
        assert CAL.working_days_between(a, b) == naive(CAL, a, b), (a, b)
    cal = WorkCalendar()
    before = cal.working_days_between(d("2026-01-01"), d("2026-01-10"))
    cal.add_notice(HolidayNotice(2026, "test", {d("2026-01-05"): "测试"}))  # the tables follow a new notice
    assert cal.working_days_between(d("2026-01-01"), d("2026-01-10")) == before - 1


def test_art35_reasons_and_a_deferred_reply():
    from ogi.ledger import Application

    app = Application("A35", "natural")
    app.record(Event("received", d("2026-02-10")))
    app.record(Event("reasons_requested", d("2026-02-12")))
    assert app.state == "awaiting_reasons"
    assert compute_deadline(d("2026-02-10"), app.events).due == d("2026-03-16")  # the period keeps running
    with pytest.raises(LedgerError) as err:
        app.record(Event("decided", d("2026-02-13"), {"category": "granted"}))
    assert err.value.code == "ledger.E028"
    app.record(Event("reasons_given", d("2026-02-24")))
    with pytest.raises(LedgerError):
        app.record(Event("deferred", d("2026-02-25"), {"until": "2026-02-20"}))
    app.record(Event("deferred", d("2026-02-25"), {"until": "2026-04-30"}))
    got = compute_deadline(d("2026-02-10"), app.events)
    assert got.due == d("2026-04-30") and "第三十五条" in got.explain()
    with pytest.raises(LedgerError) as err:
        app.record(Event("deferred", d("2026-02-26"), {"until": "2026-05-30"}))
    assert err.value.code == "ledger.E026"
    refused = Application("B35", "natural")
    refused.record(Event("received", d("2026-02-10")))
    refused.record(Event("reasons_requested", d("2026-02-12")))
    refused.record(Event("decided", d("2026-02-20"), {"category": "not_processed.excessive"}))
    assert refused.category == "not_processed.excessive"


def test_offered_steps_leave_out_what_a_guard_would_refuse():
    from ogi.ledger import Application

    app = Application("O1", "natural")
    assert app.offered() == ("received",)
    app.record(Event("received", d("2026-02-10")))
    assert {"correction_sent", "fee_notice", "reasons_requested", "extended"} <= set(app.offered())
    assert "deferred" not in app.offered()  # Art. 35: only after the reasons
    app.record(Event("correction_sent", d("2026-02-11")))
    assert app.offered() == ("correction_answered", "correction_expired", "withdrawn")
    app.record(Event("correction_answered", d("2026-02-12")))
    assert "correction_sent" not in app.offered()  # Art. 30: once
    app.record(Event("extended", d("2026-02-13"), {"days": 20, "approver": "李"}))
    assert "extended" not in app.offered()  # Art. 33 (2): 20 working days in all
    for kind in app.offered():  # everything offered is accepted with ordinary data
        trial = Application.from_events("O1", "natural", list(app.events))
        data = {"decided": {"category": "granted"}, "fee_notice": {"amount": 100},
                "consultation_started": {"party": "third_party"}}.get(kind, {})
        trial.record(Event(kind, d("2026-02-14"), data))
