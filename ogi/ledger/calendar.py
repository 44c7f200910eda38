"""The working-day calendar (工作日历) with 调休, the unit every time limit of the Regulation uses.

国务院令第711号 counts its time limits in working days (工作日: Arts. 30, 32, 33, 34), and
国办函〔2020〕109号 counts the applicant's time to pay the same way. A working day is a
Monday–Friday that the State Council's holiday notice (国务院办公厅关于某年部分节假日安排的通知)
does not make a holiday, or a Saturday/Sunday that the notice makes a working day (调休上班).

The calendar is seeded from the `chinesecalendar` package, which transcribes those notices.
An administrator can add a year's notice (`HolidayNotice`), which then replaces the package's
data for that year entirely. A date in a year that neither knows raises `CalendarError`:
the next year's notice is usually published in November, and a deadline computed on a guessed
calendar would be wrong by days around every holiday.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..formats.numerals import DIGITS
from .errors import CalendarError

_WEEKDAYS_ZH = DIGITS[:6] + "日"  # 星期一 … 星期六, 星期日

# Kinds of day, with their Chinese and English words.
WORKDAY = "workday"
WEEKEND = "weekend"
HOLIDAY = "holiday"
ADJUSTED = "adjusted"  # a Saturday or Sunday made a working day (调休上班)
KIND_WORDS = {
    WORKDAY: ("工作日", "working day"),
    WEEKEND: ("休息日（周末）", "rest day (weekend)"),
    HOLIDAY: ("法定节假日", "public holiday"),
    ADJUSTED: ("调休上班", "working day (adjusted weekend)"),
}


@dataclass(frozen=True)
class Day:
    date: dt.date
    kind: str  # WORKDAY, WEEKEND, HOLIDAY or ADJUSTED
    holiday: str | None = None  # the holiday the day belongs to or is adjusted for (Chinese)
    source: str = ""  # "chinesecalendar <version>" or the notice that fixed the year

    @property
    def working(self) -> bool:
        return self.kind in (WORKDAY, ADJUSTED)

    def describe(self) -> str:
        zh, en = KIND_WORDS[self.kind]
        why = f"（{self.holiday}）" if self.holiday else ""
        return (f"{self.date.isoformat()} 星期{_WEEKDAYS_ZH[self.date.weekday()]} {zh}{why} / "
                f"{self.date.strftime('%A')}, {en}{f' ({self.holiday})' if self.holiday else ''}"
                f"{f' — {self.source}' if self.source else ''}")


@dataclass(frozen=True)
class HolidayNotice:
    """One year's State Council holiday notice, as an administrator enters or imports it.

    `holidays` are the days off (weekends inside a holiday included or not: weekends are rest
    days anyway), `working_days` the Saturdays/Sundays made working days. Values are the
    holiday names in Chinese.
    """

    year: int
    notice: str  # e.g. "国办发明电〔2026〕X号"
    holidays: Mapping[dt.date, str] = field(default_factory=dict)
    working_days: Mapping[dt.date, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for d in list(self.holidays) + list(self.working_days):
            if d.year != self.year:
                raise CalendarError(
                    "calendar.E003",
                    f"{self.year}年放假通知中的日期 {d.isoformat()} 不在该年度",
                    f"date {d.isoformat()} in the holiday notice for {self.year} is outside that year",
                )
        both = set(self.holidays) & set(self.working_days)
        if both:
            d = min(both)
            raise CalendarError("calendar.E004", f"{d.isoformat()} 既是假日又是调休工作日",
                                f"{d.isoformat()} is both a holiday and a working day")


def _package_data() -> tuple[dict[dt.date, str], dict[dt.date, str], frozenset[int], str]:
    try:
        import chinese_calendar as cc
    except ImportError:
        raise CalendarError("calendar.E002", "未安装 chinesecalendar：请安装 ogi[ledger]，或只使用录入的放假通知",
                            "chinesecalendar is not installed: install ogi[ledger], or use entered notices only") from None

    zh = {h.value: h.chinese for h in cc.Holiday}
    holidays = {d: zh.get(name, name) for d, name in cc.holidays.items()}
    working = {d: zh.get(name, name) for d, name in cc.workdays.items()}
    years = frozenset(d.year for d in holidays)
    return holidays, working, years, f"chinesecalendar {getattr(cc, '__version__', '')}".strip()


class WorkCalendar:
    """Answers "is this a working day?" and counts working days, for the years it knows."""

    def __init__(self, notices: Iterable[HolidayNotice] = (), seed: bool = True) -> None:
        if seed:
            self._holidays, self._working, years, self._source = _package_data()
        else:
            self._holidays, self._working, years, self._source = {}, {}, frozenset(), ""
        self._years = set(years)
        self._notices: dict[int, HolidayNotice] = {}
        self._cache: dict[dt.date, Day] = {}
        self._cumulative: dict[int, list[int]] = {}  # year → working days up to each day of the year
        for notice in notices:
            self.add_notice(notice)

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted(self._years | set(self._notices)))

    def add_notice(self, notice: HolidayNotice) -> None:
        """Enter a year's holiday notice; it replaces whatever was known about that year."""
        self._notices[notice.year] = notice
        self._cache = {d: day for d, day in self._cache.items() if d.year != notice.year}
        self._cumulative.pop(notice.year, None)

    def day(self, date: dt.date) -> Day:
        found = self._cache.get(date)
        if found is not None:
            return found
        notice = self._notices.get(date.year)
        if notice is not None:
            holidays, working, source = notice.holidays, notice.working_days, notice.notice
        elif date.year in self._years:
            holidays, working, source = self._holidays, self._working, self._source
        else:
            known = self.years
            span = f"{known[0]}–{known[-1]}" if known else "—"
            raise CalendarError(
                "calendar.E001",
                f"{date.year}年的节假日安排未知（已知年份：{span}）：请录入或导入国务院办公厅当年的放假通知",
                f"the holidays of {date.year} are not known (known years: {span}): "
                "enter or import that year's State Council holiday notice",
            )
        if date in holidays:
            result = Day(date, HOLIDAY, holidays[date], source)
        elif date in working:
            result = Day(date, ADJUSTED, working[date], source)
        elif date.weekday() >= 5:
            result = Day(date, WEEKEND, None, source)
        else:
            result = Day(date, WORKDAY, None, source)
        self._cache[date] = result
        return result

    def is_working_day(self, date: dt.date) -> bool:
        return self.day(date).working

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after `start`; `start` itself is not counted (n=0 gives start).

        Time limits of the Regulation run "自…之日起N个工作日内": the day of the triggering
        event is not counted, the last day is the n-th working day after it.
        """
        if n < 0:
            raise ValueError("n must be >= 0")
        d = start
        try:
            while n:
                d += dt.timedelta(days=1)
                if self.day(d).working:
                    n -= 1
        except OverflowError:
            raise _beyond_calendar() from None
        return d

    def _upto(self, date: dt.date) -> int:
        """Working days from 1 January of `date`'s year through `date` (one table per year)."""
        table = self._cumulative.get(date.year)
        if table is None:
            table, count, first = [], 0, dt.date(date.year, 1, 1)
            for offset in range((dt.date(date.year, 12, 31) - first).days + 1):  # no step past 9999-12-31
                count += self.day(first + dt.timedelta(days=offset)).working
                table.append(count)
            self._cumulative[date.year] = table
        return table[date.timetuple().tm_yday - 1]

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days d with start < d <= end (0 when end <= start).

        Counted from per-year cumulative tables, so a worklist of overdue applications does not
        walk every day since each deadline. Only the years the span touches are consulted.
        """
        if end <= start:
            return 0
        if start.year == end.year:
            return self._upto(end) - self._upto(start)
        count = self._upto(dt.date(start.year, 12, 31)) - self._upto(start) if start.month * 100 + start.day != 1231 else 0
        for year in range(start.year + 1, end.year):
            count += self._upto(dt.date(year, 12, 31))
        return count + self._upto(end)


def _beyond_calendar() -> CalendarError:
    return CalendarError("calendar.E005", "日期超出日历范围（公元9999年之后）",
                         "the date is beyond the calendar (after the year 9999)")


_DEFAULT: WorkCalendar | None = None


def default_calendar() -> WorkCalendar:
    """The calendar seeded from `chinesecalendar` alone, built once."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = WorkCalendar()
    return _DEFAULT
