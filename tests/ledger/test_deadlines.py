"""Reply deadlines under 国务院令第711号 Arts. 30–34, checked against the official calendar."""

from __future__ import annotations

import datetime as dt

import chinese_calendar as cc
import pytest

from ogi.ledger import Event, LedgerError, compute_deadline, receipt_date
from ogi.ledger.errors import InputError

from .conftest import d


def oracle(start: dt.date, n: int) -> dt.date:
    """The n-th working day after start, straight from chinesecalendar."""
    while n:
        start += dt.timedelta(days=1)
        n -= cc.is_workday(start)
    return start


@pytest.mark.parametrize("received,due", [
    ("2026-02-10", "2026-03-16"),  # over the Spring Festival 2026, with Sat 2/14 and Sat 2/28 working
    ("2025-01-20", "2025-02-21"),  # Spring Festival 2025, Sun 1/26 and Sat 2/8 working
    ("2025-09-26", "2025-10-30"),  # National Day + Mid-autumn 2025, Sun 9/28 and Sat 10/11 working
    ("2024-09-27", "2024-10-30"),  # National Day 2024, Sun 9/29 and Sat 10/12 working
    ("2023-12-29", "2024-01-29"),  # across the year end and New Year's Day
])
def test_twenty_working_days_across_holidays(received, due):
    got = compute_deadline(d(received), channel="online")
    assert got.due == d(due) == oracle(d(received), 20)
    assert got.correction_notice_due == oracle(d(received), 7)


def test_the_issue_example_explains_itself():
    got = compute_deadline(d("2026-02-10"))
    text = got.explain()
    assert "2026-03-16" in text and "第三十一条第（三）项" in text and "第三十三条第二款" in text


@pytest.mark.parametrize("channel,kw,expected", [
    ("in_person", {"submitted": "2025-03-03"}, "2025-03-03"),
    ("registered_mail", {"submitted": "2025-03-01", "signed_for": "2025-03-04"}, "2025-03-04"),
    ("mail", {"signed_for": "2025-03-04", "confirmed": "2025-03-05"}, "2025-03-05"),
    ("online", {"submitted": "2025-03-01", "confirmed": "2025-03-03"}, "2025-03-03"),
    ("传真", {"confirmed": "2025-03-06"}, "2025-03-06"),
])
def test_receipt_date_by_channel_art31(channel, kw, expected):
    assert receipt_date(channel, **{k: d(v) for k, v in kw.items()}) == d(expected)


def test_receipt_date_missing_and_unknown_channel():
    with pytest.raises(InputError):
        receipt_date("registered_mail", submitted=d("2025-03-01"))
    with pytest.raises(InputError) as exc:
        compute_deadline(d("2025-03-03"), channel="pigeon")
    assert "pigeon" in str(exc.value)


def test_correction_restarts_the_period_art30():
    events = [Event("correction_sent", d("2025-03-05")), Event("correction_answered", d("2025-03-14"))]
    got = compute_deadline(d("2025-03-03"), events)
    assert got.start == d("2025-03-14")
    assert got.due == oracle(d("2025-03-14"), 20)
    waiting = compute_deadline(d("2025-03-03"), events[:1])
    assert waiting.due is None and waiting.waiting == "correction"


def test_consultation_is_not_counted_art33():
    # Letter out Wed 2025-03-05, answer in Fri 2025-03-14: the 7 working days 3/6..3/14 don't count.
    events = [Event("consultation_started", d("2025-03-05"), {"party": "third_party"}),
              Event("consultation_answered", d("2025-03-14"), {"party": "third_party"})]
    got = compute_deadline(d("2025-03-03"), events)
    base = oracle(d("2025-03-03"), 20)
    assert got.due == oracle(base, 7)
    step = got.steps[-1]
    assert step.moved == 7 and "第三十二条" in step.article


def test_co_producer_consultation_cites_art34_and_open_one_counts_to_its_limit():
    events = [Event("consultation_started", d("2025-03-05"), {"party": "co_producer"})]
    got = compute_deadline(d("2025-03-03"), events)
    assert got.waiting == "consultation"
    assert "第三十四条" in got.steps[-1].article
    assert got.due == oracle(oracle(d("2025-03-03"), 20), 15)


def test_fee_wait_is_not_counted_and_extension_adds_at_most_20():
    events = [Event("fee_notice", d("2025-03-10"), {"amount": 100}),
              Event("fee_paid", d("2025-03-12"), {"amount": 100}),
              Event("extended", d("2025-03-20"), {"days": 20, "approver": "办公室主任"})]
    got = compute_deadline(d("2025-03-03"), events)
    assert got.fee_payment_due == oracle(d("2025-03-10"), 20)
    assert got.due == oracle(oracle(d("2025-03-03"), 20), 22)
    assert got.extension == 20
    assert "办公室主任" in got.explain()
    with pytest.raises(LedgerError):
        compute_deadline(d("2025-03-03"), events + [Event("extended", d("2025-03-21"), {"days": 1, "approver": "x"})])
    with pytest.raises(LedgerError):
        compute_deadline(d("2025-03-03"), [Event("extended", d("2025-03-21"), {"days": 5})])


def test_a_consultation_after_the_deadline_does_not_rescue_it():
    base = oracle(d("2025-03-03"), 20)
    late = [Event("consultation_started", base + dt.timedelta(days=1)),
            Event("consultation_answered", base + dt.timedelta(days=20))]
    assert compute_deadline(d("2025-03-03"), late).due == base


def test_event_before_receipt_is_refused():
    with pytest.raises(LedgerError):
        compute_deadline(d("2025-03-03"), [Event("extended", d("2025-03-01"), {"days": 5, "approver": "x"})])
