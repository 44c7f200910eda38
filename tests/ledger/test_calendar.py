"""The working-day calendar: chinesecalendar's 调休 days, holiday notices, unknown years."""

from __future__ import annotations

import datetime as dt

import chinese_calendar as cc
import pytest

from ogi.ledger import CalendarError, HolidayNotice, WorkCalendar, default_calendar
from ogi.ledger.calendar import ADJUSTED, HOLIDAY, WEEKEND, WORKDAY

from .conftest import d


@pytest.mark.parametrize("day,kind,holiday", [
    ("2026-02-14", ADJUSTED, "春节"),  # Saturday made a working day before the Spring Festival
    ("2026-02-17", HOLIDAY, "春节"),
    ("2026-02-28", ADJUSTED, "春节"),
    ("2025-09-28", ADJUSTED, "国庆节"),  # Sunday before National Day 2025
    ("2025-10-08", HOLIDAY, "国庆节"),  # Wednesday off: National Day + Mid-autumn
    ("2025-10-11", ADJUSTED, "国庆节"),
    ("2025-10-12", WEEKEND, None),
    ("2025-10-13", WORKDAY, None),
])
def test_days_of_the_official_calendar(day, kind, holiday):
    got = default_calendar().day(d(day))
    assert (got.kind, got.holiday) == (kind, holiday)
    assert got.working == cc.is_workday(d(day))


def test_add_working_days_does_not_count_the_first_day():
    cal = default_calendar()
    assert cal.add_working_days(d("2026-02-10"), 0) == d("2026-02-10")
    assert cal.add_working_days(d("2026-02-13"), 1) == d("2026-02-14")  # the 调休 Saturday
    assert cal.add_working_days(d("2026-02-14"), 1) == d("2026-02-24")  # over the Spring Festival
    assert cal.working_days_between(d("2026-02-10"), d("2026-03-16")) == 20


def test_a_year_nobody_announced_is_an_error_not_a_guess():
    cal = WorkCalendar()
    with pytest.raises(CalendarError) as exc:
        cal.is_working_day(d("2027-03-01"))
    assert exc.value.code == "calendar.E001"
    assert "2027" in exc.value.zh and "2027" in exc.value.en
    with pytest.raises(CalendarError):
        cal.add_working_days(d("2026-12-20"), 20)  # runs into 2027


def test_an_entered_notice_makes_a_year_known():
    notice = HolidayNotice(2027, "国办发明电〔2026〕示例号",
                           holidays={d("2027-01-01"): "元旦", d("2027-02-08"): "春节"},
                           working_days={d("2027-02-06"): "春节"})
    cal = WorkCalendar([notice])
    assert cal.day(d("2027-02-06")).kind == ADJUSTED
    assert cal.day(d("2027-02-08")).kind == HOLIDAY
    assert cal.day(d("2027-02-09")).kind == WORKDAY
    assert cal.day(d("2027-01-01")).source == "国办发明电〔2026〕示例号"
    assert 2027 in cal.years


def test_a_notice_replaces_the_package_for_its_year():
    # An administrator corrects 2026: the notice is the whole truth for that year.
    cal = WorkCalendar([HolidayNotice(2026, "更正", holidays={d("2026-02-17"): "春节"})])
    assert cal.day(d("2026-02-14")).kind == WEEKEND
    assert cal.day(d("2026-02-18")).kind == WORKDAY
    assert default_calendar().day(d("2026-02-18")).kind == HOLIDAY


def test_a_notice_with_a_date_of_another_year_is_refused():
    with pytest.raises(CalendarError):
        HolidayNotice(2027, "x", holidays={dt.date(2026, 12, 31): "元旦"})
