"""The application lifecycle as an event-sourced record.

An `Application` is its events; state, outcome row and closing date follow from them. Events
the current state does not allow are refused with a `TransitionError` (Chinese and English),
so a ledger can never hold an application that was, say, decided twice or paid without a fee
notice.

States and the events each allows (国务院令第711号 Arts. 30–34, 国办函〔2020〕109号):

    processing   办理中        correction_sent (once, Art. 30), consultation_started (Arts. 32, 34),
                               extended (Art. 33), fee_notice (once), reasons_requested (once, Art. 35),
                               deferred (Art. 35, after the reasons were found reasonable), decided,
                               withdrawn
    correcting   待补正        correction_answered, correction_expired (Art. 30), withdrawn
    consulting   征求意见中    consultation_started, consultation_answered, extended, decided
                               (Art. 32: after 15 working days the agency decides), withdrawn
    awaiting_fee 待缴费        fee_paid, fee_expired (国办函〔2020〕109号), withdrawn
    awaiting_reasons 待说明理由  reasons_given, decided (不予处理, Art. 35), withdrawn
    decided      已答复        delivered
    delivered / closed         nothing

Each closed application maps to exactly one table-3 outcome row (its `category`): the decision's
category, `other.overdue_correction` when the applicant did not correct in time (Art. 30),
`other.overdue_fee` when the fee was not paid in time (国办函〔2020〕109号), `other.misc` when
withdrawn. Partial disclosure counts only as `partial` (the 2021 format's note to （二）).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import formats
from ..formats import APPLICATIONS, counts
from . import events as ev
from .deadlines import MAX_EXTENSION_DAYS, deferral_refusal, extension_refusal, parse_channel, party_refusal
from .errors import TransitionError


def outcome_rows(fmt: formats.Format) -> tuple[str, ...]:
    # The leaf rows of 三、本年度办理结果: every row of a group except （七）总计.
    return tuple(r.id for r in fmt.by_role(APPLICATIONS).leaf_rows)


def applicant_columns(fmt: formats.Format) -> tuple[str, ...]:
    return tuple(c.id for c in fmt.by_role(APPLICATIONS).part_columns)


_NEWEST = formats.all_formats()[-1]
# Decision categories: the outcomes of 国务院令第711号 as the finest format counts them.
CATEGORIES: tuple[str, ...] = counts.CATEGORIES
APPLICANT_TYPES: tuple[str, ...] = applicant_columns(_NEWEST)
APPLICANT_WORDS = {c.id: c.label for c in _NEWEST.by_role(APPLICATIONS).columns}

OVERDUE_CORRECTION = counts.OVERDUE_CORRECTION
OVERDUE_FEE = counts.OVERDUE_FEE
WITHDRAWN_CATEGORY = counts.WITHDRAWN
UNCLEAR_AFTER_CORRECTION = counts.UNCLEAR_AFTER_CORRECTION


def category_row(category: str, fmt: formats.Format) -> str:
    """The row of `fmt` an outcome category is counted in (`Row.counts`): a category the format
    does not split out is counted in the one row of its group (2019 format: the three （六）
    categories are （六）其他处理)."""
    for r in fmt.by_role(APPLICATIONS).leaf_rows:
        if category in r.counts:
            return r.id
    raise KeyError(category)


PROCESSING = "processing"
CORRECTING = "correcting"
CONSULTING = "consulting"
AWAITING_FEE = "awaiting_fee"
AWAITING_REASONS = "awaiting_reasons"
DECIDED = "decided"
DELIVERED = "delivered"
CLOSED = "closed"
NEW = "new"
STATE_WORDS = {
    NEW: ("未登记", "not yet received"),
    PROCESSING: ("办理中", "being processed"),
    CORRECTING: ("待补正", "waiting for the correction"),
    CONSULTING: ("征求意见中", "consulting"),
    AWAITING_FEE: ("待缴费", "waiting for the fee"),
    AWAITING_REASONS: ("待说明理由", "waiting for the applicant's reasons"),
    DECIDED: ("已答复", "decided"),
    DELIVERED: ("已送达", "delivered"),
    CLOSED: ("已终止", "closed"),
}
ALLOWED: dict[str, frozenset[str]] = {
    NEW: frozenset({ev.RECEIVED}),
    PROCESSING: frozenset({ev.CORRECTION_SENT, ev.CONSULTATION_STARTED, ev.EXTENDED, ev.FEE_NOTICE,
                           ev.REASONS_REQUESTED, ev.DEFERRED, ev.DECIDED, ev.WITHDRAWN}),
    CORRECTING: frozenset({ev.CORRECTION_ANSWERED, ev.CORRECTION_EXPIRED, ev.WITHDRAWN}),
    CONSULTING: frozenset({ev.CONSULTATION_STARTED, ev.CONSULTATION_ANSWERED, ev.EXTENDED, ev.DECIDED,
                           ev.WITHDRAWN}),
    AWAITING_FEE: frozenset({ev.FEE_PAID, ev.FEE_EXPIRED, ev.WITHDRAWN}),
    AWAITING_REASONS: frozenset({ev.REASONS_GIVEN, ev.DECIDED, ev.WITHDRAWN}),
    DECIDED: frozenset({ev.DELIVERED}),
    DELIVERED: frozenset(),
    CLOSED: frozenset(),
}


class Application:
    """One 依申请公开 application. Light: composition reads only the slots it needs."""

    __slots__ = ("id", "applicant", "channel", "content", "events", "state", "received", "closed",
                 "category", "basis", "fee", "fee_paid_on", "extension", "_consulting", "_flags")

    def __init__(self, id: str, applicant: str, channel: str = "online", content: str = "") -> None:
        if applicant not in APPLICANT_TYPES:
            raise TransitionError(
                "ledger.E010",
                f"未知的申请人类型「{applicant}」（可用：{'、'.join(f'{k}={v}' for k, v in APPLICANT_WORDS.items() if k in APPLICANT_TYPES)}）",
                f"unknown applicant type {applicant!r} (use one of: {', '.join(APPLICANT_TYPES)})")
        self.id = id
        self.applicant = applicant
        self.channel = parse_channel(channel)
        self.content = content
        self.events: list[ev.Event] = []
        self.state = NEW
        self.received: dt.date | None = None
        self.closed: dt.date | None = None
        self.category: str | None = None
        self.basis: str | None = None
        self.fee = 0  # yuan paid
        self.fee_paid_on: dt.date | None = None
        self.extension = 0
        self._consulting = 0
        self._flags = 0  # bit 1: correction sent, bit 2: fee notice sent, bit 4: reasons requested (Art. 35)

    @classmethod
    def from_events(cls, id: str, applicant: str, events: list[ev.Event], channel: str = "online",
                    content: str = "") -> Application:
        app = cls(id, applicant, channel, content)
        for e in events:
            app.record(e)
        return app

    def _refuse(self, code: str, zh: str, en: str) -> TransitionError:
        return TransitionError(code, f"申请「{self.id}」：{zh}", f"application {self.id!r}: {en}")

    def record(self, event: ev.Event) -> None:
        """Apply one event, or refuse it with a TransitionError and leave the record unchanged."""
        kind, date = event.kind, event.date
        if kind not in ev.WORDS:
            raise self._refuse("ledger.E011", f"未知的事件「{kind}」", f"unknown event {kind!r}")
        if kind not in ALLOWED[self.state]:
            ezh, een = ev.WORDS[kind]
            szh, sen = STATE_WORDS[self.state]
            raise self._refuse("ledger.E012", f"当前状态「{szh}」下不能记录「{ezh}」",
                               f"cannot record '{een}' while the application is {sen}")
        events = self.events
        if events and date < events[-1].date:
            ezh, een = ev.WORDS[kind]
            last = events[-1]
            raise self._refuse("ledger.E013", f"「{ezh}」的日期 {date} 早于上一事件「{last.words[0]}」的日期 {last.date}",
                               f"'{een}' on {date} is earlier than the previous event ({last.kind}, {last.date})")
        _HANDLERS[kind](self, event)
        events.append(event)

    # -- one method per event; each checks its own guard before changing anything ----------------

    def _on_received(self, e: ev.Event) -> None:
        self.received, self.state = e.date, PROCESSING

    def _on_correction_sent(self, e: ev.Event) -> None:
        if self._flags & 1:
            raise self._refuse("ledger.E014", "补正通知只能一次性发出（第三十条）",
                               "a correction notice may be sent only once (Art. 30)")
        self._flags |= 1
        self.state = CORRECTING

    def _on_correction_answered(self, e: ev.Event) -> None:
        self.state = PROCESSING

    def _on_correction_expired(self, e: ev.Event) -> None:
        self._close(e.date, OVERDUE_CORRECTION, "第三十条")

    def _on_consultation_started(self, e: ev.Event) -> None:
        refusal = party_refusal(e.get("party", ev.THIRD_PARTY))
        if refusal is not None:
            raise self._refuse(refusal.code, refusal.zh, refusal.en)
        self._consulting += 1
        self.state = CONSULTING

    def _on_consultation_answered(self, e: ev.Event) -> None:
        self._consulting -= 1
        if not self._consulting:
            self.state = PROCESSING

    def _on_extended(self, e: ev.Event) -> None:
        days = e.get("days")
        refusal = extension_refusal(days, e.get("approver"), self.extension)
        if refusal is not None:
            raise self._refuse(refusal.code, refusal.zh, refusal.en)
        assert isinstance(days, int)
        self.extension += days

    def _on_fee_notice(self, e: ev.Event) -> None:
        if self._flags & 2:
            raise self._refuse("ledger.E018", "一份申请只发一次收费通知（国办函〔2020〕109号）",
                               "one fee notice per request (国办函〔2020〕109号)")
        amount = e.get("amount")
        if not isinstance(amount, int | float) or amount <= 0:
            raise self._refuse("ledger.E019", "收费通知须写明大于零的金额（元）", "a fee notice needs a positive amount in yuan")
        self._flags |= 2
        self.state = AWAITING_FEE

    def _on_fee_paid(self, e: ev.Event) -> None:
        notice = next(x for x in reversed(self.events) if x.kind == ev.FEE_NOTICE)
        self.fee = e.get("amount", notice.get("amount"))
        self.fee_paid_on = e.date
        self.state = PROCESSING

    def _on_fee_expired(self, e: ev.Event) -> None:
        self._close(e.date, OVERDUE_FEE, "国办函〔2020〕109号")

    def _on_reasons_requested(self, e: ev.Event) -> None:
        # Art. 35: the number or frequency of requests clearly exceeds a reasonable range.
        if self._flags & 4:
            raise self._refuse("ledger.E025", "已要求过申请人说明理由（第三十五条）", "reasons were already requested (Art. 35)")
        self._flags |= 4
        self.state = AWAITING_REASONS

    def _on_reasons_given(self, e: ev.Event) -> None:
        self.state = PROCESSING

    def _on_deferred(self, e: ev.Event) -> None:
        # Art. 35: reasons found reasonable but the Art. 33 period cannot be kept → a reasonable
        # later date, told to the applicant.
        if not self._flags & 4 or any(x.kind == ev.DEFERRED for x in self.events):
            raise self._refuse("ledger.E026", "延迟答复须在申请人说明理由之后，且只确定一次（第三十五条）",
                               "a deferral follows the applicant's reasons, once (Art. 35)")
        refusal = deferral_refusal(e)
        if refusal is not None:
            raise self._refuse(refusal.code, refusal.zh, refusal.en)

    def _on_decided(self, e: ev.Event) -> None:
        category = e.get("category")
        if category not in CATEGORIES:
            raise self._refuse("ledger.E020", f"答复类别「{category}」不是表三的办理结果行（可用：{'、'.join(CATEGORIES)}）",
                               f"decision category {category!r} is not an outcome row of table 3")
        if category in (OVERDUE_CORRECTION, OVERDUE_FEE):
            which = ev.CORRECTION_EXPIRED if category == OVERDUE_CORRECTION else ev.FEE_EXPIRED
            raise self._refuse("ledger.E021", f"「{category}」由事件「{ev.WORDS[which][0]}」（{which}）记录，不作为答复类别",
                               f"{category!r} is recorded by the event {which!r}, not as a decision")
        if self.state == AWAITING_REASONS and category != counts.EXCESSIVE:
            raise self._refuse("ledger.E028", "待说明理由时只能作出「无正当理由大量反复申请」不予处理的答复（第三十五条）",
                               "while reasons are awaited the only decision is 'excessive requests' (Art. 35)")
        if category == UNCLEAR_AFTER_CORRECTION and not self._flags & 1:
            raise self._refuse("ledger.E024", "「补正后申请内容仍不明确」须先发出补正通知（第三十条）",
                               "'still unclear after correction' needs a correction notice first (Art. 30)")
        basis = e.get("basis")
        if category in counts.DENIED and not basis:
            raise self._refuse("ledger.E022", "不予公开须写明理由和依据（第三十六条第（三）项）",
                               "a refusal must state its reason and legal basis (Art. 36 (3))")
        self._consulting = 0
        self._close(e.date, category, basis)
        self.state = DECIDED

    def _on_delivered(self, e: ev.Event) -> None:
        self.state = DELIVERED

    def _on_withdrawn(self, e: ev.Event) -> None:
        self._close(e.date, WITHDRAWN_CATEGORY, e.get("basis") or "申请人撤回")

    def _close(self, date: dt.date, category: str, basis: str | None) -> None:
        self.closed, self.category, self.basis, self.state = date, category, basis, CLOSED

    # -----------------------------------------------------------------------------------------

    def offered(self) -> tuple[str, ...]:
        """The events this application can take next: those its state allows, less those a
        guard refuses whatever the data (a second 补正 notice, Art. 30; a second fee notice,
        国办函〔2020〕109号; a second request for reasons, or a deferral without reasons, Art. 35;
        an extension beyond the 20 working days of Art. 33 (2))."""
        out = []
        for kind in ev.KINDS:
            if kind not in ALLOWED[self.state]:
                continue
            if (kind == ev.CORRECTION_SENT and self._flags & 1) or (kind == ev.FEE_NOTICE and self._flags & 2) \
                    or (kind == ev.REASONS_REQUESTED and self._flags & 4) \
                    or (kind == ev.DEFERRED and (not self._flags & 4 or any(e.kind == ev.DEFERRED for e in self.events))) \
                    or (kind == ev.EXTENDED and self.extension >= MAX_EXTENSION_DAYS):
                continue
            out.append(kind)
        return tuple(out)

    def is_open_on(self, date: dt.date) -> bool:
        """Received on or before `date` and not closed by then (carried over at year end)."""
        return self.received is not None and self.received <= date and (self.closed is None or self.closed > date)

    def deadline(self, calendar: Any = None) -> Any:
        from .deadlines import compute

        if self.received is None:
            raise self._refuse("ledger.E023", "尚未收到申请，无法计算答复期限", "not received yet: no deadline")
        return compute(self.received, self.events, self.channel, calendar)

    def __repr__(self) -> str:
        return f"Application({self.id!r}, {self.applicant!r}, state={self.state!r}, category={self.category!r})"


# Event kind → the method that applies it (looked up once, not per event).
_HANDLERS = {kind: getattr(Application, f"_on_{kind}") for kind in ev.KINDS}
