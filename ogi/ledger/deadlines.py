"""Reply deadlines under the 2019 Regulation (国务院令第711号), each able to explain itself.

- Art. 31: the day an application counts as received depends on the channel.
- Art. 30: a 补正 (correction) notice is due within 7 working days of receipt, all at once;
  the reply period then runs from the day the corrected application is received.
- Art. 33 (2): the reply is due within 20 working days of receipt; the head of the disclosure
  office may extend it once or more by at most 20 working days in total.
- Art. 33 (3) with Arts. 32 and 34: the time spent consulting a third party or a co-producing
  agency (each has 15 working days to answer) is not counted.
- 国办函〔2020〕109号: from the fee notice until the fee is paid is not counted; the applicant
  has 20 working days to pay.

Periods run "自…之日起N个工作日内": the day of the triggering event is not counted. A pause
runs from the day a consultation letter or fee notice goes out to the day the answer or
payment arrives: working days d with start < d <= end are not counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from . import events as ev
from .calendar import WorkCalendar, default_calendar
from .errors import InputError, LedgerError

REPLY_DAYS = 20  # Art. 33 (2)
MAX_EXTENSION_DAYS = 20  # Art. 33 (2)


def extension_refusal(days: object, approver: object, so_far: int) -> LedgerError | None:
    """Art. 33 (2): an extension is a positive number of working days, at most 20 in all, approved
    by the head of the disclosure office; the one statement of that rule (the lifecycle refuses
    such an event when it is recorded, the deadline when it is computed)."""
    if not isinstance(days, int) or isinstance(days, bool) or days <= 0 or so_far + days > MAX_EXTENSION_DAYS:
        return LedgerError("ledger.E016", f"延长的期限合计不得超过{MAX_EXTENSION_DAYS}个工作日（第三十三条第二款），本次为「{days}」",
                           f"extensions may total at most {MAX_EXTENSION_DAYS} working days (Art. 33 (2)); got {days!r}")
    if not approver:
        return LedgerError("ledger.E017", "延长答复期限须记录同意延长的政府信息公开工作机构负责人（第三十三条第二款）",
                           "an extension must record the head of the disclosure office who approved it (Art. 33 (2))")
    return None


def party_refusal(party: object) -> LedgerError | None:
    """Arts. 32 and 34: who is consulted is a third party or an agency that made the information
    jointly; the one statement of that rule (the lifecycle refuses such an event when it is
    recorded, the deadline when it is computed)."""
    if party in ev.PARTIES:
        return None
    return LedgerError("ledger.E015", f"未知的征求意见对象「{party}」（third_party 第三方 / co_producer 共同制作机关）",
                       f"unknown consulted party {party!r} (third_party or co_producer)")


def deferral_refusal(event: ev.Event) -> LedgerError | None:
    """Art. 35: a deferral fixes a reply date later than its own day; the one statement of that
    rule (as `extension_refusal`)."""
    until = ev.date_value(event.get("until"))
    if until is None or until <= event.date:
        return LedgerError("ledger.E027", f"延迟答复须写明晚于当日的答复日期（until），本次为「{event.get('until')}」",
                           f"a deferral needs a reply date (until) after its own date; got {event.get('until')!r}")
    return None
CORRECTION_NOTICE_DAYS = 7  # Art. 30
CONSULTATION_DAYS = 15  # Arts. 32, 34
FEE_PAYMENT_DAYS = 20  # 国办函〔2020〕109号

# Art. 31: channel → (Chinese, English, item of Art. 31, which day counts as receipt).
CHANNELS: dict[str, tuple[str, str, str, str, str]] = {
    "in_person": ("当面提交", "in person", "第三十一条第（一）项",
                  "以提交之日为收到申请之日", "the day of submission"),
    "registered_mail": ("邮寄（需签收）", "registered mail", "第三十一条第（二）项",
                        "以行政机关签收之日为收到申请之日", "the day the agency signs for it"),
    "mail": ("平常信函", "ordinary mail", "第三十一条第（二）项",
             "以与申请人确认之日为收到申请之日", "the day of confirmation with the applicant"),
    "online": ("互联网渠道", "online", "第三十一条第（三）项",
               "以双方确认之日为收到申请之日", "the day both sides confirm it"),
    "fax": ("传真", "fax", "第三十一条第（三）项",
            "以双方确认之日为收到申请之日", "the day both sides confirm it"),
    # E-mail is an Internet channel of Art. 31 (3); kept apart so the desk and the 台账 show it.
    "email": ("电子邮件", "e-mail", "第三十一条第（三）项",
              "以双方确认之日为收到申请之日", "the day both sides confirm it"),
}
_CHANNEL_ALIASES = {
    "当面": "in_person", "当面提交": "in_person", "现场": "in_person", "in-person": "in_person",
    "邮寄": "registered_mail", "挂号信": "registered_mail", "ems": "registered_mail", "registered-mail": "registered_mail",
    "信函": "mail", "平信": "mail", "平常信函": "mail",
    "网络": "online", "网上": "online", "互联网": "online", "在线": "online", "web": "online", "电子邮件": "email", "邮件": "email", "e-mail": "email",
    "传真": "fax",
}


def parse_channel(text: str) -> str:
    key = (text or "").strip()
    if key in CHANNELS:
        return key
    found = _CHANNEL_ALIASES.get(key) or _CHANNEL_ALIASES.get(key.lower())
    if found:
        return found
    raise InputError("deadline.E001", f"未知的申请渠道「{text}」（可用：{'、'.join(CHANNELS)}）",
                     f"unknown channel {text!r} (use one of: {', '.join(CHANNELS)})")


def receipt_date(channel: str, submitted: dt.date | None = None, signed_for: dt.date | None = None,
                 confirmed: dt.date | None = None) -> dt.date:
    """The day an application counts as received, by channel (Art. 31)."""
    channel = parse_channel(channel)
    needed = {"in_person": submitted, "registered_mail": signed_for}.get(channel, confirmed)
    if needed is None:
        zh, en, item, rule_zh, rule_en = CHANNELS[channel]
        raise InputError("deadline.E002", f"{zh}的申请{rule_zh}（{item}），缺少该日期",
                         f"an application by {en} counts as received on {rule_en} (Art. 31); that date is missing")
    return needed


@dataclass(frozen=True)
class Step:
    """One line of a deadline's explanation: what happened, under which rule, and its effect."""

    article: str
    zh: str
    en: str
    due: dt.date | None = None  # the reply deadline after this step
    moved: int = 0  # working days this step moved the deadline

    def line(self) -> str:
        tail = f" → {self.due.isoformat()}" if self.due else ""
        shift = f"（+{self.moved}个工作日）" if self.moved else ""
        return f"{self.zh}{shift}【{self.article}】 / {self.en}{tail}"


@dataclass(frozen=True)
class Deadline:
    received: dt.date
    channel: str
    start: dt.date | None  # the day the reply period runs from (not counted itself)
    due: dt.date | None  # None while a correction is awaited: the period has not started
    correction_notice_due: dt.date
    fee_payment_due: dt.date | None
    extension: int
    steps: tuple[Step, ...]
    waiting: str | None = None  # "correction", "consultation" or "fee" while the clock waits

    def explain(self) -> str:
        lines = [f"{i}. {s.line()}" for i, s in enumerate(self.steps, 1)]
        if self.due:
            lines.append(f"答复期限：{self.due.isoformat()} / reply due {self.due.isoformat()}")
        else:
            lines.append("答复期限：待收到补正后起算 / reply period starts when the corrected application arrives")
        return "\n".join(lines)

    def to_json(self) -> dict[str, object]:
        return {
            "received": self.received.isoformat(),
            "channel": self.channel,
            "start": self.start.isoformat() if self.start else None,
            "due": self.due.isoformat() if self.due else None,
            "correction_notice_due": self.correction_notice_due.isoformat(),
            "fee_payment_due": self.fee_payment_due.isoformat() if self.fee_payment_due else None,
            "extension": self.extension,
            "waiting": self.waiting,
            "steps": [{"article": s.article, "zh": s.zh, "en": s.en,
                       "due": s.due.isoformat() if s.due else None, "moved": s.moved} for s in self.steps],
        }


@dataclass(frozen=True)
class Pause:
    start: dt.date
    end: dt.date
    open: bool  # the answer or payment has not arrived; `end` is the legal limit
    article: str
    zh: str
    en: str


def count_with_pauses(cal: WorkCalendar, start: dt.date, n: int, pauses: Iterable[Pause]) -> dt.date:
    """The n-th working day after `start` that falls in no pause (start < d <= end)."""
    spans = sorted((p.start, p.end) for p in pauses)
    d = start
    while n:
        d += dt.timedelta(days=1)
        if not cal.is_working_day(d):
            continue
        if any(a < d <= b for a, b in spans):
            continue
        n -= 1
    return d


def check_sequence(received: dt.date, events: list[ev.Event], channel: str = "online") -> None:
    """Refuse a sequence of events (in the order given) that the application's lifecycle refuses
    (a correction answered before it was sent, two decisions, a decision after withdrawal…),
    with the lifecycle's own error: `ogi deadline` calls it on its events file, so it and
    `ogi compose` refuse the same events the same way. `compute` itself stays a function of
    dated events (it orders them) for callers that checked them already."""
    from .lifecycle import Application

    app = Application("—", "natural", channel)
    if not events or events[0].kind != ev.RECEIVED:
        app.record(ev.Event(ev.RECEIVED, received))
    for i, e in enumerate(events, 1):
        try:
            app.record(e)
        except LedgerError as err:
            raise err.located(f"第{i}个事件 / event #{i}") from None


def compute(received: dt.date, events: Iterable[ev.Event] = (), channel: str = "online",
            calendar: WorkCalendar | None = None) -> Deadline:
    """The reply deadline of an application received on `received` (already fixed by Art. 31)."""
    cal = calendar or default_calendar()
    channel = parse_channel(channel)
    czh, cen, citem, crule_zh, crule_en = CHANNELS[channel]
    items = sorted((e for e in events if e.kind != ev.RECEIVED), key=lambda e: e.date)
    steps: list[Step] = [Step(citem, f"{received.isoformat()} 收到申请（{czh}，{crule_zh}）",
                              f"received {received.isoformat()} ({cen}: {crule_en})")]

    correction_due = cal.add_working_days(received, CORRECTION_NOTICE_DAYS)
    start: dt.date | None = received
    waiting: str | None = None
    pauses: list[Pause] = []
    open_consults: dict[str, list[tuple[dt.date, str]]] = {}
    fee_open: list[dt.date] = []  # fee notices not yet paid (one per request in a lifecycle)
    fee_payment_due: dt.date | None = None
    extension = 0
    approvers: list[str] = []
    deferred: tuple[dt.date, dt.date] | None = None  # (decided on, reply by) under Art. 35

    for e in items:
        if e.date < received:
            raise LedgerError("deadline.E003", f"事件「{e.words[0]}」的日期 {e.date} 早于收到申请之日 {received}",
                              f"event {e.kind} on {e.date} is before the receipt date {received}")
        if e.kind == ev.CORRECTION_SENT:
            late = "，已超过7个工作日" if e.date > correction_due else ""
            late_en = ", later than 7 working days" if e.date > correction_due else ""
            steps.append(Step("第三十条", f"{e.date.isoformat()} 发出补正通知（应于 {correction_due.isoformat()} 前一次性告知{late}），"
                                        "答复期限自收到补正之日起重新计算",
                              f"correction notice sent {e.date.isoformat()} (due by {correction_due.isoformat()}{late_en}); "
                              "the reply period restarts from the corrected application"))
            start, waiting = None, "correction"
        elif e.kind == ev.CORRECTION_ANSWERED:
            start, waiting = e.date, None
            steps.append(Step("第三十条", f"{e.date.isoformat()} 收到补正后的申请，答复期限自该日起算",
                              f"corrected application received {e.date.isoformat()}; the period runs from that day",
                              cal.add_working_days(e.date, REPLY_DAYS)))
        elif e.kind == ev.CONSULTATION_STARTED:
            party = e.get("party", ev.THIRD_PARTY)
            refusal = party_refusal(party)
            if refusal is not None:
                raise refusal
            open_consults.setdefault(party, []).append((e.date, e.get("name", "")))
        elif e.kind == ev.CONSULTATION_ANSWERED:
            party = e.get("party", ev.THIRD_PARTY)
            queue = open_consults.get(party) or next((q for q in open_consults.values() if q), None)
            if not queue:
                raise LedgerError("deadline.E005", f"{e.date} 收到意见，但此前没有征求意见",
                                  f"consultation answered on {e.date} but none was started")
            began, name = queue.pop(0)
            pzh, pen, part = ev.PARTIES[party]
            pauses.append(Pause(began, e.date, False, f"{part}、第三十三条第三款",
                                f"{began.isoformat()}—{e.date.isoformat()} 征求{pzh}{name}意见，所需时间不计入答复期限",
                                f"{began.isoformat()}–{e.date.isoformat()} consulting the {pen}{' ' + name if name else ''}: not counted"))
        elif e.kind == ev.EXTENDED:
            days, approver = e.get("days"), e.get("approver") or ""
            refusal = extension_refusal(days, approver, extension)
            if refusal is not None:
                raise refusal
            assert isinstance(days, int)
            extension += days
            approvers.append(f"{e.date.isoformat()} {approver}")
        elif e.kind == ev.REASONS_REQUESTED:
            steps.append(Step("第三十五条", f"{e.date.isoformat()} 申请数量、频次明显超过合理范围，要求申请人说明理由（答复期限照常计算）",
                              f"{e.date.isoformat()} requests clearly beyond a reasonable range: reasons requested "
                              "(the period keeps running)"))
        elif e.kind == ev.DEFERRED:
            refusal = deferral_refusal(e)
            if refusal is not None:
                raise refusal
            until = ev.date_value(e.get("until"))
            assert until is not None  # (`deferral_refusal` refused a deferral without its date)
            deferred = (e.date, until)
        elif e.kind == ev.FEE_NOTICE:
            fee_open.append(e.date)
            fee_payment_due = cal.add_working_days(e.date, FEE_PAYMENT_DAYS)
        elif e.kind == ev.FEE_PAID:
            if not fee_open:
                raise LedgerError("deadline.E007", f"{e.date} 缴纳费用，但此前没有收费通知",
                                  f"fee paid on {e.date} without a fee notice")
            noticed = fee_open.pop(0)
            pauses.append(Pause(noticed, e.date, False, "国办函〔2020〕109号",
                                f"{noticed.isoformat()}—{e.date.isoformat()} 自发出收费通知至缴纳费用，不计入答复期限",
                                f"{noticed.isoformat()}–{e.date.isoformat()} from the fee notice to payment: not counted"))

    # Pauses still open count up to their legal limit, and the clock is marked as waiting.
    for party, queue in open_consults.items():
        pzh, pen, part = ev.PARTIES[party]
        for began, name in queue:
            limit = cal.add_working_days(began, CONSULTATION_DAYS)
            waiting = waiting or "consultation"
            pauses.append(Pause(began, limit, True, f"{part}、第三十三条第三款",
                                f"{began.isoformat()} 起征求{pzh}{name}意见，尚未回复，按{CONSULTATION_DAYS}个工作日答复期计至 {limit.isoformat()}",
                                f"consulting the {pen} since {began.isoformat()}, no answer yet: counted as paused until {limit.isoformat()}"))
    for noticed in fee_open:
        limit = cal.add_working_days(noticed, FEE_PAYMENT_DAYS)
        waiting = waiting or "fee"
        pauses.append(Pause(noticed, limit, True, "国办函〔2020〕109号",
                            f"{noticed.isoformat()} 发出收费通知，尚未缴费，申请人应于 {limit.isoformat()} 前缴纳",
                            f"fee notice sent {noticed.isoformat()}, not paid yet; payable by {limit.isoformat()}"))

    due: dt.date | None = None
    if start is not None:
        due = cal.add_working_days(start, REPLY_DAYS)
        if not any(s.article == "第三十条" and s.due for s in steps):
            steps.append(Step("第三十三条第二款", f"自收到申请之日起{REPLY_DAYS}个工作日内答复（当日不计）",
                              f"reply within {REPLY_DAYS} working days of receipt (that day not counted)", due))
        applied: list[Pause] = []
        for p in sorted(pauses, key=lambda p: (p.start, p.end)):
            applied.append(p)
            new_due = count_with_pauses(cal, start, REPLY_DAYS, applied)
            steps.append(Step(p.article, p.zh, p.en, new_due, cal.working_days_between(due, new_due)))
            due = new_due
        if extension:
            new_due = count_with_pauses(cal, start, REPLY_DAYS + extension, pauses)
            steps.append(Step("第三十三条第二款", f"经负责人同意延长答复期限{extension}个工作日（{'；'.join(approvers)}）",
                              f"extended by {extension} working days with approval ({'; '.join(approvers)})",
                              new_due, cal.working_days_between(due, new_due)))
            due = new_due
        if deferred is not None:
            on, until = deferred
            steps.append(Step("第三十五条", f"{on.isoformat()} 经审查申请理由合理，但无法在第三十三条规定的期限内答复，确定延迟答复的合理期限至 {until.isoformat()}",
                              f"{on.isoformat()} reasons found reasonable but the Art. 33 period cannot be kept: "
                              f"reply deferred to {until.isoformat()}", until,
                              cal.working_days_between(due, until) if until > due else -cal.working_days_between(until, due)))
            due = until
    return Deadline(received, channel, start, due, correction_due, fee_payment_due, extension, tuple(steps), waiting)
