"""Where an open application stands on a given day: the worklist of the 依申请公开 desk.

Pure logic over a `Deadline` (see `deadlines`): today's date is an argument, never read from a
clock. The desk sorts its open applications into the buckets below, each with an explanation
built from the deadline's own steps, so the web layer holds no rule of its own.

- overdue (已逾期): the reply deadline of Art. 33 (2) (as moved by Arts. 30, 32–34 and
  国办函〔2020〕109号) is before today;
- due today (今日到期);
- due soon (三个工作日内到期): due within the next `SOON_DAYS` working days;
- waiting on the applicant (等待申请人): a 补正 is awaited (Art. 30: the period has not started)
  or a fee notice is unpaid (国办函〔2020〕109号: the time is not counted);
- running (办理中): everything else that is open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .calendar import WorkCalendar
from .deadlines import Deadline
from .errors import LedgerError

SOON_DAYS = 3  # "due within three working days" on the desk's worklist

OVERDUE = "overdue"
DUE_TODAY = "due_today"
DUE_SOON = "due_soon"
WAITING = "waiting"
RUNNING = "running"
BUCKETS: dict[str, tuple[str, str]] = {
    OVERDUE: ("已逾期", "overdue"),
    DUE_TODAY: ("今日到期", "due today"),
    DUE_SOON: (f"{SOON_DAYS}个工作日内到期", f"due within {SOON_DAYS} working days"),
    WAITING: ("等待申请人", "waiting on the applicant"),
    RUNNING: ("办理中", "running"),
}
# The clock waits on the applicant (not on a consulted party: that is the agency's own work).
APPLICANT_WAITS = ("correction", "fee")


def soon_limit(today: dt.date, calendar: WorkCalendar) -> dt.date:
    """The last day that still counts as "due soon" seen from `today`."""
    return calendar.add_working_days(today, SOON_DAYS)


@dataclass(frozen=True)
class Standing:
    bucket: str
    due: dt.date | None
    days_left: int | None  # working days from today to the deadline (negative when overdue)
    zh: str
    en: str

    @property
    def words(self) -> tuple[str, str]:
        return BUCKETS[self.bucket]


def standing(deadline: Deadline, today: dt.date, calendar: WorkCalendar) -> Standing:
    """Where an open application with this deadline stands on `today`."""
    return standing_of(deadline.due, deadline.waiting, deadline.fee_payment_due, today, calendar)


def standing_of(due: dt.date | None, waiting: str | None, fee_payment_due: dt.date | None, today: dt.date,
                calendar: WorkCalendar) -> Standing:
    """`standing` from the three facts of a deadline a database keeps (due, waiting, fee payable by)."""
    if waiting in APPLICANT_WAITS:
        if waiting == "correction":
            return Standing(WAITING, None, None, "等待申请人补正，答复期限自收到补正之日起算（第三十条）",
                            "waiting for the corrected application; the period starts when it arrives (Art. 30)")
        return Standing(WAITING, due, None,
                        f"等待申请人缴费，应于 {fee_payment_due} 前缴纳，期间不计入答复期限（国办函〔2020〕109号）",
                        f"waiting for the fee, payable by {fee_payment_due}; the time is not counted "
                        "(国办函〔2020〕109号)")
    if due is None:
        raise LedgerError("ledger.E031", "答复期限尚未起算，却不在等待补正", "no reply deadline although no correction is awaited")
    if due < today:
        late = calendar.working_days_between(due, today)
        return Standing(OVERDUE, due, -late, f"答复期限 {due} 已过 {late} 个工作日（第三十三条第二款）",
                        f"the reply was due {due}, {late} working days ago (Art. 33 (2))")
    left = calendar.working_days_between(today, due)
    if due == today:
        return Standing(DUE_TODAY, due, 0, f"今日（{due}）为答复期限的最后一日", f"the reply is due today ({due})")
    bucket = DUE_SOON if due <= soon_limit(today, calendar) else RUNNING
    return Standing(bucket, due, left, f"答复期限 {due}，尚余 {left} 个工作日", f"due {due}: {left} working days left")


def bounds(today: dt.date, calendar: WorkCalendar) -> dict[str, tuple[dt.date | None, dt.date | None]]:
    """The due-date range of each dated bucket (inclusive; None: open-ended), for a database query.

    Applications waiting on the applicant (`APPLICANT_WAITS`) belong to WAITING whatever their
    date; `standing_of` and these ranges agree (a test checks it).
    """
    one = dt.timedelta(days=1)
    return {OVERDUE: (None, today - one), DUE_TODAY: (today, today),
            DUE_SOON: (today + one, soon_limit(today, calendar)), RUNNING: (soon_limit(today, calendar) + one, None)}


def on_time(deadline: Deadline, answered: dt.date) -> bool:
    """Was a reply given on `answered` within the deadline (Art. 33)?"""
    return deadline.due is None or answered <= deadline.due


def refuse_future(date: dt.date, today: dt.date, what: str = "事件") -> None:
    """An event is recorded when it has happened: a date after today is a typing error."""
    if date > today:
        raise LedgerError("ledger.E030", f"{what}日期 {date} 晚于今天 {today}，不能预先登记",
                          f"the date {date} is after today ({today}): events are recorded when they happen")
