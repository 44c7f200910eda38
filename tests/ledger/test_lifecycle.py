"""The application lifecycle: legal paths, refused transitions, the outcome row of each path."""

from __future__ import annotations

import pytest

from ogi import formats
from ogi.ledger import CATEGORIES, Application, Event, TransitionError, category_row
from ogi.ledger.lifecycle import CLOSED, DECIDED, DELIVERED

from .conftest import app, d


def test_the_categories_are_exactly_the_outcome_rows_of_table_3():
    rows = formats.get("2021").table("apply").rows
    assert set(CATEGORIES) == {r.id for r in rows if r.group is not None and r.id != "total"}


def test_2019_format_collapses_other_rows():
    fmt = formats.get("2019")
    assert category_row("other.overdue_fee", fmt) == "other"
    assert category_row("denied.process", fmt) == "denied.process"
    assert category_row("other.misc", formats.get("2021")) == "other.misc"


def test_a_full_path():
    a = app("A1", "commercial",
            ("received", "2025-03-03"),
            ("correction_sent", "2025-03-05"),
            ("correction_answered", "2025-03-10"),
            ("consultation_started", "2025-03-11", {"party": "third_party"}),
            ("consultation_answered", "2025-03-20", {"party": "third_party"}),
            ("extended", "2025-03-25", {"days": 10, "approver": "主任"}),
            ("fee_notice", "2025-03-26", {"amount": 700, "method": "per_volume", "units": 100}),
            ("fee_paid", "2025-03-28"),
            ("decided", "2025-04-02", {"category": "partial"}),
            ("delivered", "2025-04-03"))
    assert a.state == DELIVERED and a.category == "partial" and a.closed == d("2025-04-02")
    assert a.fee == 700 and a.fee_paid_on == d("2025-03-28")
    assert a.deadline().due is not None


@pytest.mark.parametrize("events,category", [
    ([("correction_sent", "2025-03-05"), ("correction_expired", "2025-03-31")], "other.overdue_correction"),
    ([("fee_notice", "2025-03-05", {"amount": 100}), ("fee_expired", "2025-04-03")], "other.overdue_fee"),
    ([("withdrawn", "2025-03-05")], "other.misc"),
])
def test_closing_paths_have_their_row(events, category):
    a = app("A", "natural", ("received", "2025-03-03"), *events)
    assert a.state == CLOSED and a.category == category


@pytest.mark.parametrize("events,code", [
    ([("decided", "2025-03-05", {"category": "granted"}), ("fee_paid", "2025-03-06")], "ledger.E012"),
    ([("decided", "2025-03-05", {"category": "granted"}), ("decided", "2025-03-06", {"category": "granted"})],
     "ledger.E012"),
    ([("fee_paid", "2025-03-06")], "ledger.E012"),
    ([("correction_sent", "2025-03-05"), ("correction_answered", "2025-03-06"), ("correction_sent", "2025-03-07")],
     "ledger.E014"),
    ([("extended", "2025-03-05", {"days": 21, "approver": "x"})], "ledger.E016"),
    ([("extended", "2025-03-05", {"days": 10})], "ledger.E017"),
    ([("decided", "2025-03-05", {"category": "denied"})], "ledger.E020"),
    ([("decided", "2025-03-05", {"category": "other.overdue_fee"})], "ledger.E021"),
    ([("decided", "2025-03-05", {"category": "denied.process"})], "ledger.E022"),
    ([("decided", "2025-03-05", {"category": "unable.unclear"})], "ledger.E024"),
    ([("decided", "2025-03-01", {"category": "granted"})], "ledger.E013"),
])
def test_illegal_transitions_are_refused_in_both_languages(events, code):
    with pytest.raises(TransitionError) as exc:
        app("A9", "natural", ("received", "2025-03-03"), *events)
    err = exc.value
    assert err.code == code
    assert "A9" in err.zh and "A9" in err.en
    assert "\n" not in str(err)


def test_a_refused_event_leaves_the_record_unchanged():
    a = app("A", "natural", ("received", "2025-03-03"), ("decided", "2025-03-05", {"category": "granted"}))
    with pytest.raises(TransitionError):
        a.record(Event("withdrawn", d("2025-03-06")))
    assert a.state == DECIDED and len(a.events) == 2


def test_unknown_applicant_type_and_event():
    with pytest.raises(TransitionError):
        Application("A", "robot")
    a = Application("A", "natural")
    with pytest.raises(TransitionError):
        a.record(Event("teleported", d("2025-03-03")))
    with pytest.raises(TransitionError):
        a.record(Event("decided", d("2025-03-03"), {"category": "granted"}))  # not received yet


def test_open_at_year_end_is_carried():
    a = app("A", "natural", ("received", "2024-12-20"), ("decided", "2025-01-10", {"category": "granted"}))
    assert a.is_open_on(d("2024-12-31")) and not a.is_open_on(d("2025-12-31"))


@pytest.mark.parametrize("data,code", [
    ({"days": 21, "approver": "主任"}, "ledger.E016"),
    ({"days": 0, "approver": "主任"}, "ledger.E016"),
    ({"approver": "主任"}, "ledger.E016"),  # how long: never assumed
    ({"days": True, "approver": "主任"}, "ledger.E016"),
    ({"days": 10}, "ledger.E017"),
])
def test_an_extension_is_refused_alike_when_recorded_and_when_computed(data, code):
    """Art. 33 (2) is stated once (`deadlines.extension_refusal`): the lifecycle recording the
    event and the deadline computed from it refuse the same extension with the same code."""
    from ogi.ledger import LedgerError, compute_deadline

    with pytest.raises(LedgerError) as recorded:
        app("X", "natural", ("received", "2025-03-03"), ("extended", "2025-03-20", data))
    with pytest.raises(LedgerError) as computed:
        compute_deadline(d("2025-03-03"), [Event("extended", d("2025-03-20"), data)])
    assert recorded.value.code == computed.value.code == code


@pytest.mark.parametrize("events,code", [
    # Arts. 32, 34: who is consulted (`deadlines.party_refusal`).
    ([("consultation_started", "2025-03-05", {"party": "neighbour"})], "ledger.E015"),
    # Art. 35: a deferral's reply date, after its own day (`deadlines.deferral_refusal`).
    ([("reasons_requested", "2025-03-05"), ("reasons_given", "2025-03-07"), ("deferred", "2025-03-10")],
     "ledger.E027"),
    ([("reasons_requested", "2025-03-05"), ("reasons_given", "2025-03-07"),
      ("deferred", "2025-03-10", {"until": "2025-03-10"})], "ledger.E027"),
])
def test_an_event_is_refused_alike_when_recorded_and_when_computed(events, code):
    """Each rule about an event's data is stated once: the lifecycle recording the events and the
    deadline computed from them refuse them with the same code (they had two before)."""
    from ogi.ledger import LedgerError, compute_deadline

    with pytest.raises(LedgerError) as recorded:
        app("X", "natural", ("received", "2025-03-03"), *events)
    with pytest.raises(LedgerError) as computed:
        compute_deadline(d("2025-03-03"), [Event(k, d(day), *rest) for k, day, *rest in events])
    assert recorded.value.code == computed.value.code == code
