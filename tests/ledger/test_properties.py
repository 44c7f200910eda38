"""Property tests over random ledgers and random event histories (hypothesis).

- every composed report satisfies every equation of its format (`fmt.equations`, the arithmetic
  rules of `ogi check`);
- year N's 结转下年度 equals year N+1's 上年结转, column by column, also across the change of
  format between 2020 and 2021;
- a deadline is always a working day, and adding a pause never moves it earlier.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from ogi import formats
from ogi.ledger import APPLICANT_TYPES, CATEGORIES, Application, Event, Ledger, compose, compute_deadline
from ogi.ledger.calendar import default_calendar

from .conftest import broken_equations

CAL = default_calendar()
FIRST, LAST = dt.date(2019, 1, 1), dt.date(2025, 6, 30)  # leaves room for events within known years
DECISIONS = [c for c in CATEGORIES if not c.startswith("other.overdue") and c != "unable.unclear"]


def _day(offset: int) -> dt.date:
    return FIRST + dt.timedelta(days=offset)


@st.composite
def applications(draw, ident: int) -> Application:
    received = _day(draw(st.integers(0, (LAST - FIRST).days)))
    events = [Event("received", received)]
    t = received

    def step(lo: int = 0, hi: int = 60) -> dt.date:
        nonlocal t
        t = t + dt.timedelta(days=draw(st.integers(lo, hi)))
        return t

    path = draw(st.sampled_from(("open", "decide", "decide", "correction_expired", "fee_expired", "withdrawn",
                                 "unclear")))
    if path in ("correction_expired", "unclear") or draw(st.booleans()):
        events.append(Event("correction_sent", step(0, 7)))
        if path == "correction_expired":
            events.append(Event("correction_expired", step(1, 40)))
        else:
            events.append(Event("correction_answered", step(0, 30)))
    if path not in ("correction_expired",) and draw(st.booleans()):
        events.append(Event("consultation_started", step(0, 10), {"party": "third_party"}))
        events.append(Event("consultation_answered", step(0, 20), {"party": "third_party"}))
    if path in ("fee_expired",):
        events.append(Event("fee_notice", step(0, 10), {"amount": 100}))
        events.append(Event("fee_expired", step(20, 40)))
    if path == "decide":
        if draw(st.booleans()):
            events.append(Event("fee_notice", step(0, 10), {"amount": 200}))
            events.append(Event("fee_paid", step(0, 20)))
        events.append(Event("decided", step(), {"category": draw(st.sampled_from(DECISIONS)), "basis": "依据"}))
        if draw(st.booleans()):
            events.append(Event("delivered", step(0, 5)))
    elif path == "unclear":
        events.append(Event("decided", step(), {"category": "unable.unclear"}))
    elif path == "withdrawn":
        events.append(Event("withdrawn", step()))
    return Application.from_events(f"P{ident}", draw(st.sampled_from(APPLICANT_TYPES)), events)


@st.composite
def ledgers(draw) -> Ledger:
    n = draw(st.integers(0, 40))
    return Ledger("随机局", applications=[draw(applications(i)) for i in range(n)])


@settings(max_examples=150, deadline=None)
@given(ledgers(), st.integers(2019, 2026))
def test_every_composed_report_satisfies_every_equation(ledger, year):
    report = compose(ledger, year)
    assert report.meta.template == formats.for_year(year).id
    assert broken_equations(report) == []
    assert report.missing == []
    assert all(isinstance(c.value, int) and c.value >= 0 for cid, c in report.cells.items()
               if cid.startswith("apply."))


@settings(max_examples=150, deadline=None)
@given(ledgers(), st.integers(2019, 2025))
def test_carried_forward_is_next_years_carried_over(ledger, year):
    this, nxt = compose(ledger, year), compose(ledger, year + 1)
    fwd = this.format.table("apply").row("carried_forward")
    over = nxt.format.table("apply").row("carried_over")
    assert [c.id for c in fwd.columns] == [c.id for c in over.columns]
    assert [this.value(c) for c in fwd.cells] == [nxt.value(c) for c in over.cells]


@st.composite
def pauses(draw, received: dt.date) -> list[Event]:
    kind = draw(st.sampled_from(("consultation", "fee")))
    start = received + dt.timedelta(days=draw(st.integers(0, 40)))
    end = start + dt.timedelta(days=draw(st.integers(0, 40)))
    if kind == "consultation":
        party = draw(st.sampled_from(("third_party", "co_producer")))
        return [Event("consultation_started", start, {"party": party}),
                Event("consultation_answered", end, {"party": party})]
    return [Event("fee_notice", start, {"amount": 100}), Event("fee_paid", end, {"amount": 100})]


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_deadlines_fall_on_working_days_and_pauses_never_make_them_earlier(data):
    received = _day(data.draw(st.integers(0, (dt.date(2025, 9, 30) - FIRST).days)))
    events: list[Event] = []
    if data.draw(st.booleans()):
        sent = received + dt.timedelta(days=data.draw(st.integers(0, 7)))
        events += [Event("correction_sent", sent),
                   Event("correction_answered", sent + dt.timedelta(days=data.draw(st.integers(0, 20))))]
    if data.draw(st.booleans()):
        events += data.draw(pauses(received))
    if data.draw(st.booleans()):
        events.append(Event("extended", received + dt.timedelta(days=data.draw(st.integers(0, 20))),
                            {"days": data.draw(st.integers(1, 20)), "approver": "负责人"}))
    channel = data.draw(st.sampled_from(("online", "in_person", "registered_mail", "mail", "fax")))
    before = compute_deadline(received, events, channel)
    assert CAL.is_working_day(before.due)
    assert CAL.is_working_day(before.correction_notice_due)
    more = events + data.draw(pauses(received))
    after = compute_deadline(received, more, channel)
    assert CAL.is_working_day(after.due)
    assert after.due >= before.due
