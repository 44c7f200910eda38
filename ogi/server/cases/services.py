"""Every change of the desk, one function each: permission check, ledger rule, transaction, audit.

The rules are `ogi.ledger`'s: an application is rebuilt from its stored events, the new event is
recorded by `ogi.ledger.Application.record` (which refuses what the state does not allow), and
the projection columns are refreshed from the ledger's own answers. Today's date is an argument.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ogi.ledger import LedgerError, deadlines, default_calendar, fees, lifecycle, outcomes, worklist
from ogi.ledger import events as ev

from .. import permissions
from ..audit.services import record as audit
from . import notices
from .models import Application, Counter, Event, Notice

NOTICE_OF_EVENT = {
    ev.RECEIVED: "receipt", ev.CORRECTION_SENT: "correction", ev.CONSULTATION_STARTED: "consultation",
    ev.EXTENDED: "extension", ev.FEE_NOTICE: "fee", ev.DECIDED: "reply", ev.DELIVERED: "service",
    ev.REASONS_REQUESTED: "reasons", ev.DEFERRED: "deferral",
}
# Events that need the leader's approval: the extension (Art. 33 (2)), the deferred reply date
# the agency fixes (Art. 35) and the decision (Art. 36).
APPROVED_EVENTS = (ev.EXTENDED, ev.DEFERRED, ev.DECIDED)
APPLICANT_FIELDS = ("channel", "applicant_type", "applicant_name", "applicant_id", "applicant_phone",
                    "applicant_email", "applicant_address", "content", "form", "delivery")


class DeskError(Exception):
    """A refusal shown to the user: stable code, Chinese and English, and the field it concerns."""

    def __init__(self, code: str, zh: str, en: str, field: str | None = None) -> None:
        super().__init__(f"{zh} / {en} [{code}]")
        self.code, self.zh, self.en, self.field = code, zh, en, field

    @classmethod
    def of(cls, err: LedgerError, field: str | None = None) -> DeskError:
        return cls(err.code, err.zh, err.en, field)


_CALENDAR: tuple[object, object] | None = None  # (version of the entered notices, WorkCalendar)


def calendar():
    """The working-day calendar: chinesecalendar plus the holiday notices administrators entered.

    Rebuilt only when the entered notices change (one cheap query per call to know it, in plain
    SQL: the ORM's compilation would cost more than the query)."""
    global _CALENDAR
    from django.db import connection

    from .models import HolidayNotice

    with connection.cursor() as cur:
        cur.execute(f"SELECT COUNT(*), MAX(updated) FROM {HolidayNotice._meta.db_table}")
        version = tuple(cur.fetchone())
    if _CALENDAR is None or _CALENDAR[0] != version:
        if version[0] == 0:
            cal = default_calendar()
        else:
            from ogi.ledger import WorkCalendar

            cal = WorkCalendar([n.to_ledger() for n in HolidayNotice.objects.all()])
        _CALENDAR = (version, cal)
    return _CALENDAR[1]


def _require(user, action: str, agency) -> None:
    if not permissions.can(user, action, agency):
        raise PermissionDenied(f"{action}")


def _display_name(user) -> str:
    return (user.get_full_name() or user.username).strip()


def ledger_events(app: Application) -> list[ev.Event]:
    return [ev.Event(e.kind, e.date, dict(e.data)) for e in app.events.order_by("seq")]


def ledger_application(app: Application, events: list[ev.Event] | None = None) -> lifecycle.Application:
    return lifecycle.Application.from_events(app.number, app.applicant_type,
                                             ledger_events(app) if events is None else events, app.channel)


def project(app: Application, led: lifecycle.Application, cal=None) -> deadlines.Deadline:
    """Refresh the stored projection from the ledger's answers."""
    dl = led.deadline(cal or calendar())
    if led.received is None:  # the ledger opens every application with its receipt
        raise LedgerError("desk.E003", "申请没有收到日期", "the application has no date of receipt")
    app.received = led.received
    app.state = led.state
    app.due = dl.due
    app.waiting = dl.waiting or ""
    app.fee_payment_due = dl.fee_payment_due
    app.category = led.category or ""
    app.closed = led.closed
    return dl


def snapshot(app: Application) -> dict[str, Any]:
    out = {f: getattr(app, f) for f in APPLICANT_FIELDS}
    out.update(number=app.number, received=app.received, state=app.state, due=app.due, category=app.category,
               closed=app.closed)
    return out


def next_number(agency, year: int, series: str) -> int:
    counter, _ = Counter.objects.select_for_update().get_or_create(agency=agency, year=year, series=series)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def _issue_notice(actor, app: Application, event: Event, kind: str, data: dict, dl) -> Notice:
    agency = app.agency
    n = next_number(agency, event.date.year, "notice")
    number = f"{agency.doc_prefix}〔{event.date.year}〕{n}号"
    docx = notices.render(kind, app, agency, number, event.date, {**data, "date": event.date.isoformat()}, dl)
    notice = Notice.objects.create(application=app, event=event, kind=kind, number=number, date=event.date,
                                   docx=docx, pdf_state=Notice.PDF_PENDING)
    audit(actor, "notice.issue", notice, None, {"kind": kind, "number": number}, agency)

    def enqueue() -> None:
        from .tasks import render_notice_pdf

        render_notice_pdf.enqueue(notice.pk)

    transaction.on_commit(enqueue)
    return notice


def _clean_text(value: Any, limit: int = 2000) -> str:
    # NUL cannot be stored in PostgreSQL text; no one types it on purpose.
    return str(value or "").replace("\x00", "").strip()[:limit]


def _limit(field: str) -> int:
    """The column's own length (PostgreSQL refuses longer text; SQLite would not notice)."""
    return getattr(Application._meta.get_field(field), "max_length", None) or 5000


def application_register(actor, agency, data: dict[str, Any], today: dt.date) -> Application:
    """Register an application (Art. 29) received on the day Art. 31 fixes for its channel."""
    _require(actor, "case.register", agency)
    return _register(actor, agency, data, today)


def application_register_online(agency, data: dict[str, Any], today: dt.date) -> Application:
    """An application the public made on the agency's column (Art. 29; received online, Art. 31 (3)).

    No officer acts: the audit log records the public site as the one who registered it."""
    from types import SimpleNamespace

    return _register(SimpleNamespace(username="网上申请 / online", is_authenticated=False), agency,
                     {**data, "channel": "online", "submitted": today}, today)


def _register(actor, agency, data: dict[str, Any], today: dt.date) -> Application:
    try:
        channel = deadlines.parse_channel(data.get("channel", ""))
    except LedgerError as err:
        raise DeskError.of(err, "channel") from None
    submitted = data["submitted"]
    try:
        # Art. 31: the day an application counts as received depends on its channel; the desk
        # records the one date that channel needs (submitted, signed for, or confirmed).
        received = deadlines.receipt_date(channel, submitted=submitted, signed_for=submitted, confirmed=submitted)
        worklist.refuse_future(received, today, "收到申请")
    except LedgerError as err:
        raise DeskError.of(err, "submitted") from None
    if not _clean_text(data.get("applicant_name")):
        raise DeskError("desk.E001", "请填写申请人姓名或名称（第二十九条第二款第（一）项）",
                        "the applicant's name is required (Art. 29 (2) 1)", "applicant_name")
    if not _clean_text(data.get("content")):
        raise DeskError("desk.E002", "请填写所需政府信息的名称、文号或特征性描述（第二十九条第二款第（二）项）",
                        "describe the information asked for (Art. 29 (2) 2)", "content")
    with transaction.atomic():
        seq = next_number(agency, received.year, "application")
        app = Application(agency=agency, number=f"{received.year}-{seq:04d}", submitted=submitted,
                          **{f: _clean_text(data.get(f), _limit(f)) for f in APPLICANT_FIELDS})
        app.channel = channel
        first = ev.Event(ev.RECEIVED, received, {})
        try:
            led = ledger_application(app, [first])
        except LedgerError as err:
            raise DeskError.of(err, "applicant_type") from None
        try:
            dl = project(app, led)
        except LedgerError as err:  # e.g. the deadline falls in a year whose holidays are not known
            raise DeskError.of(err, "submitted") from None
        app.save()
        event = Event.objects.create(application=app, seq=1, kind=ev.RECEIVED, date=received, data={},
                                     user=actor if getattr(actor, "is_authenticated", False) else None)
        audit(actor, "application.register", app, None, snapshot(app), agency)
        _issue_notice(actor, app, event, "receipt", {}, dl)
    return app


def event_data(actor, app: Application, kind: str, date: dt.date, form: dict[str, Any]) -> dict[str, Any]:
    """The ledger event's data from what the officer entered (amounts and dates from the ledger)."""
    data: dict[str, Any] = {}
    if kind == ev.CORRECTION_SENT:
        data["items"] = _clean_text(form.get("items"))
        if not data["items"]:
            raise DeskError("desk.E010", "补正告知须一次性写明需要补正的事项（第三十条）",
                            "state everything to correct, at once (Art. 30)", "items")
        if form.get("answer_by"):
            data["answer_by"] = form["answer_by"].isoformat()
    elif kind in (ev.CONSULTATION_STARTED, ev.CONSULTATION_ANSWERED):
        data["party"] = form.get("party") or ev.THIRD_PARTY
        data["name"] = _clean_text(form.get("name"), 200)
        if form.get("opinion"):
            data["opinion"] = _clean_text(form.get("opinion"))
    elif kind == ev.EXTENDED:
        data["days"] = form.get("days")
        data["reason"] = _clean_text(form.get("reason"))
        data["approver"] = _display_name(actor)  # the leader approving is the one recording (Art. 33 (2))
    elif kind == ev.FEE_NOTICE:
        try:
            quote = fees.quote(form.get("method") or "", int(form.get("units") or 0), int(form.get("already") or 0))
        except (LedgerError, ValueError) as err:
            if isinstance(err, LedgerError):
                raise DeskError.of(err, "units") from None
            raise DeskError("desk.E011", "计费数量应为正整数", "the units must be a positive integer", "units") from None
        data.update(method=quote.method, units=quote.units, amount=quote.amount, explain=quote.explain(),
                    pay_by=calendar().add_working_days(date, deadlines.FEE_PAYMENT_DAYS).isoformat())
    elif kind == ev.DECIDED:
        category = form.get("category") or ""
        data["category"] = category
        data["provision"] = outcomes.BASIS.get(category, "")
        data["basis"] = _clean_text(form.get("basis"))
        data["approver"] = _display_name(actor)
    elif kind == ev.DELIVERED:
        data["method"] = form.get("method") or app.delivery
        data["receiver"] = _clean_text(form.get("receiver"), 200)
        data["note"] = _clean_text(form.get("note"), 500)
    elif kind == ev.WITHDRAWN:
        data["basis"] = _clean_text(form.get("basis")) or "申请人撤回"
    elif kind == ev.REASONS_REQUESTED:
        data["items"] = _clean_text(form.get("items"))
    elif kind == ev.REASONS_GIVEN:
        data["note"] = _clean_text(form.get("note"), 500)
    elif kind == ev.DEFERRED:
        until = form.get("until")
        data["until"] = until.isoformat() if isinstance(until, dt.date) else _clean_text(until, 10)
        data["reason"] = _clean_text(form.get("reason"))
        data["approver"] = _display_name(actor)
    return {k: v for k, v in data.items() if v not in (None, "")}


def application_record(actor, app: Application, kind: str, date: dt.date, form: dict[str, Any],
                       today: dt.date) -> Notice | None:
    """Record one ledger event on an application, and issue the notice that step produces."""
    if kind not in ev.KINDS or kind == ev.RECEIVED:
        raise DeskError("desk.E020", f"未知的办理步骤「{kind}」", f"unknown step {kind!r}")
    _require(actor, "case.approve" if kind in APPROVED_EVENTS else "case.act", app.agency)
    try:
        worklist.refuse_future(date, today, ev.WORDS[kind][0])
    except LedgerError as err:
        raise DeskError.of(err, "date") from None
    with transaction.atomic():
        app = Application.objects.select_for_update().select_related("agency").get(pk=app.pk)
        before = snapshot(app)
        try:
            data = event_data(actor, app, kind, date, form)
        except LedgerError as err:
            raise DeskError.of(err) from None
        events = ledger_events(app)
        try:
            led = ledger_application(app, events)
            led.record(ev.Event(kind, date, data))
            dl = project(app, led)
        except LedgerError as err:
            raise DeskError.of(err) from None
        app.save()
        event = Event.objects.create(application=app, seq=len(events) + 1, kind=kind, date=date, data=data,
                                     user=actor)
        audit(actor, f"application.{kind}", app, before, {**snapshot(app), "event": {"kind": kind, **data}},
              app.agency)
        notice_kind = NOTICE_OF_EVENT.get(kind)
        return _issue_notice(actor, app, event, notice_kind, data, dl) if notice_kind else None


def appeal_record(actor, app: Application, kind: str, filed: dt.date, today: dt.date):
    """A review or lawsuit about the decision (Art. 51), for table 4."""
    from .models import Appeal

    _require(actor, "case.act", app.agency)
    if kind not in dict(Appeal.KINDS):
        raise DeskError("desk.E030", "未知的案件类别", "unknown case kind", "kind")
    if filed > today or (app.closed and filed < app.closed):
        raise DeskError("desk.E031", "立案日期应在答复之后、今天之前", "the filing date must fall between the decision and today",
                        "filed")
    with transaction.atomic():
        appeal = Appeal.objects.create(application=app, kind=kind, filed=filed)
        audit(actor, "appeal.record", appeal, None, {"kind": kind, "filed": filed}, app.agency)
    return appeal


def appeal_conclude(actor, appeal, outcome: str, concluded: dt.date, today: dt.date):
    _require(actor, "case.act", appeal.application.agency)
    if outcome not in dict(type(appeal).OUTCOMES) or concluded > today or concluded < appeal.filed:
        raise DeskError("desk.E032", "审结结果或日期无效", "invalid outcome or date", "outcome")
    with transaction.atomic():
        before = {"outcome": appeal.outcome, "concluded": appeal.concluded}
        appeal.outcome, appeal.concluded = outcome, concluded
        appeal.save()
        audit(actor, "appeal.conclude", appeal, before, {"outcome": outcome, "concluded": concluded},
              appeal.application.agency)
    return appeal


def _notice_message(notice: Notice):
    from django.core.mail import EmailMessage

    app = notice.application
    msg = EmailMessage(f"{notice.get_kind_display()}（{notice.number}）",
                       f"{app.applicant_name}：\n\n附件为{app.agency.name}关于第{app.number}号政府信息公开申请的"
                       f"{notice.get_kind_display()}（{notice.number}）。\n\n{app.agency.office_name or app.agency.name}",
                       to=[app.applicant_email])
    msg.attach(f"{notice.number}.docx", bytes(notice.docx),
               "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    if notice.pdf:
        msg.attach(f"{notice.number}.pdf", bytes(notice.pdf), "application/pdf")
    return msg


def _mark_emailed(actor, notice: Notice, auto: bool) -> None:
    from django.utils import timezone

    app = notice.application
    with transaction.atomic():
        Notice.objects.filter(pk=notice.pk).update(emailed=timezone.now())
        audit(actor, "notice.email", notice, None, {"to": app.applicant_email, **({"auto": True} if auto else {})},
              app.agency)


def notice_email(actor, notice: Notice) -> None:
    """E-mail a notice (DOCX, and the PDF when ready) to the applicant's address."""
    app = notice.application
    _require(actor, "case.act", app.agency)
    if not app.applicant_email:
        raise DeskError("desk.E040", "申请人没有登记电子邮箱", "the applicant has no e-mail address")
    _notice_message(notice).send()
    _mark_emailed(actor, notice, auto=False)


def notice_email_auto(notice_id: int) -> str:
    """The notice reaches an applicant who chose e-mail (获取方式：电子邮件) by itself, once: sent
    by `ogi worker` when the notice's PDF is made (or could not be). OSError: the mail server
    refused; the notice stays unsent and the officer can send it from the application's page."""
    notice = Notice.objects.select_related("application__agency").filter(pk=notice_id).first()
    if notice is None:
        return "gone"
    app = notice.application
    if app.delivery != "email" or not app.applicant_email:
        return "not by e-mail"
    if notice.emailed:
        return "already sent"
    _notice_message(notice).send()
    _mark_emailed(None, notice, auto=True)
    return "sent"


def holiday_notice_save(actor, notice, today: dt.date) -> int:
    """Enter (or replace) a year's holiday notice and refresh the deadlines of every open
    application from the ledger; returns how many deadlines moved."""
    from .models import OPEN_STATES, HolidayNotice

    if not permissions.can(actor, "calendar.manage"):
        raise PermissionDenied("calendar.manage")
    with transaction.atomic():
        old = HolidayNotice.objects.filter(year=notice.year).first()
        before = None if old is None else {"notice": old.notice, "holidays": old.holidays, "working_days": old.working_days}
        row, _ = HolidayNotice.objects.update_or_create(year=notice.year, defaults={
            "notice": notice.notice, "holidays": {d.isoformat(): n for d, n in notice.holidays.items()},
            "working_days": {d.isoformat(): n for d, n in notice.working_days.items()}})
        audit(actor, "calendar.notice", row, before,
              {"notice": row.notice, "holidays": row.holidays, "working_days": row.working_days}, None)
        moved = 0
        cal = calendar()
        for app in Application.objects.select_for_update().filter(state__in=OPEN_STATES):
            due = app.due
            try:
                project(app, ledger_application(app), cal)
            except LedgerError:
                continue
            if app.due != due:
                app.save(update_fields=["due", "waiting", "fee_payment_due", "state", "received", "category", "closed"])
                audit(actor, "application.recompute", app, {"due": due}, {"due": app.due}, app.agency)
                moved += 1
    return moved
