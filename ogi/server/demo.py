"""Demo data: a county with its government and departments, a user for every role, and a year
of applications in every state and outcome, each built and checked by `ogi.ledger`."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction

from ogi.ledger import LedgerError, default_calendar, lifecycle, outcomes
from ogi.ledger import events as ev

from .cases import services
from .cases.models import Application, Event
from .orgs.models import Agency, Membership, Region

PASSWORD = "ogi-demo-2026"
FUTURE = dt.date(9999, 12, 31)
AGENCIES = [
    ("青山县人民政府", "government", "青山府依申"), ("青山县应急管理局", "department", "青应急依申"),
    ("青山县自然资源局", "department", "青自然依申"), ("青山县教育局", "department", "青教依申"),
    ("青山县市场监督管理局", "department", "青市监依申"), ("青山县住房和城乡建设局", "department", "青住建依申"),
]
# (username, full name, role, agency index or None)
USERS = [
    ("clerk", "王经办", Membership.CLERK, 1), ("approver", "李审核", Membership.APPROVER, 1),
    ("secrecy", "赵保密", Membership.SECRECY, 1), ("admin", "陈管理", Membership.AGENCY_ADMIN, 1),
    ("office", "周公开办", Membership.REGION_OFFICE, None), ("sysadmin", "系统管理员", Membership.SYSADMIN, None),
    ("other", "孙经办（自然资源局）", Membership.CLERK, 2),
]
NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "青山建材有限公司", "青山大学法学院", "绿水环保协会", "明理律师事务所"]
TOPICS = ["2025年度安全生产执法检查计划", "某化工企业应急预案备案情况", "青山镇土地征收补偿方案", "县城区学校学区划分文件",
          "食品安全抽检不合格名单", "老旧小区改造项目资金使用情况", "防汛抗旱应急物资储备清单", "建设工程规划许可证（青规2025-17号）"]


def loaded() -> bool:
    return Agency.objects.exists()


def _users(county, agencies):
    User = get_user_model()
    out = {}
    for username, name, role, idx in USERS:
        user = User.objects.create_user(username, f"{username}@demo.ogi.invalid", PASSWORD, first_name=name)
        Membership.objects.create(user=user, role=role, agency=agencies[idx] if idx is not None else None,
                                  region=county if role == Membership.REGION_OFFICE else None)
        out[username] = user
    return out


def _story(rng: random.Random, received: dt.date, today: dt.date, cal) -> list[ev.Event]:
    """The events of one application received on `received`, as far as `today` allows."""
    def wd(d, n):
        # Steps that would fall after today (or in a year without a holiday notice) are cut off.
        if d > today:
            return FUTURE
        try:
            return cal.add_working_days(d, n)
        except LedgerError:
            return FUTURE

    E = ev.Event
    events = [E(ev.RECEIVED, received, {})]
    d = received
    roll = rng.random()
    if roll < 0.12:
        events.append(E(ev.CORRECTION_SENT, wd(d, 3), {"items": "请说明所需信息的文号或形成时间"}))
        d = wd(d, 3)
        if rng.random() < 0.3:
            events.append(E(ev.CORRECTION_EXPIRED, wd(d, 20), {}))
            return events
        d = wd(d, rng.randint(2, 10))
        events.append(E(ev.CORRECTION_ANSWERED, d, {}))
    if rng.random() < 0.12:
        d = wd(d, 2)
        events.append(E(ev.CONSULTATION_STARTED, d, {"party": ev.THIRD_PARTY, "name": rng.choice(NAMES[6:])}))
        d = wd(d, rng.randint(3, 14))
        events.append(E(ev.CONSULTATION_ANSWERED, d, {"party": ev.THIRD_PARTY}))
    if rng.random() < 0.06:
        d = wd(d, 2)
        events.append(E(ev.FEE_NOTICE, d, {"amount": 100, "method": "per_request", "units": 1}))
        if rng.random() < 0.3:
            events.append(E(ev.FEE_EXPIRED, wd(d, 20), {}))
            return events
        d = wd(d, rng.randint(1, 8))
        events.append(E(ev.FEE_PAID, d, {"amount": 100}))
    if rng.random() < 0.1:
        d = wd(d, 5)
        events.append(E(ev.EXTENDED, d, {"days": 20, "approver": "李审核", "reason": "需要调取档案"}))
    if rng.random() < 0.04:
        events.append(E(ev.WITHDRAWN, wd(d, 2), {"basis": "申请人撤回"}))
        return events
    category = rng.choice(outcomes.DECIDABLE[:-1]) if rng.random() < 0.45 else rng.choice(["granted", "partial"])
    if category == lifecycle.UNCLEAR_AFTER_CORRECTION and not any(e.kind == ev.CORRECTION_SENT for e in events):
        category = "granted"
    d = wd(d, rng.randint(5, 19))
    events.append(E(ev.DECIDED, d, {"category": category, "basis": f"依据《条例》{outcomes.BASIS[category]}",
                                    "provision": outcomes.BASIS[category], "approver": "李审核"}))
    if rng.random() < 0.7:
        events.append(E(ev.DELIVERED, wd(d, 2), {"method": "post"}))
    return events


def load(today: dt.date, per_agency: int = 60, seed: int = 2026) -> dict:
    """Create the demo region; returns {"users": [...], "applications": n}."""
    rng = random.Random(seed)
    cal = default_calendar()
    with transaction.atomic():
        province = Region.objects.create(name="东江省", level=Region.PROVINCE)
        city = Region.objects.create(name="临川市", level=Region.CITY, parent=province)
        county = Region.objects.create(name="青山县", level=Region.COUNTY, parent=city)
        Region.objects.create(name="青山镇", level=Region.TOWN, parent=county)
        agencies = [Agency.objects.create(
            region=county, name=name, kind=kind, doc_prefix=prefix, office_name=f"{name}办公室",
            office_address=f"青山县人民路{i + 1}号", office_hours="工作日 9:00—12:00，14:00—17:30",
            office_phone=f"0791-8800{i:04d}", office_email=f"gk{i}@qingshan.gov.invalid", office_postcode="330100")
            for i, (name, kind, prefix) in enumerate(AGENCIES)]
        users = _users(county, agencies)
        n = 0
        for agency in agencies:
            for i in range(per_agency):
                received = today - dt.timedelta(days=rng.randint(0, 365))
                while not cal.is_working_day(received):
                    received -= dt.timedelta(days=1)
                story = [e for e in _story(rng, received, today, cal) if e.date <= today]
                age = (today - received).days
                if (age < 45 and rng.random() < 0.6) or rng.random() < 0.02:
                    # still being handled (or, rarely, forgotten: overdue) — no decision yet
                    story = [e for e in story if e.kind not in (ev.DECIDED, ev.DELIVERED, ev.WITHDRAWN)]
                app = Application(agency=agency, number=f"{received.year}-D{i + 1:03d}",
                                  channel=rng.choice(["online", "in_person", "registered_mail", "email", "fax"]),
                                  applicant_type=rng.choice(lifecycle.APPLICANT_TYPES), applicant_name=rng.choice(NAMES),
                                  applicant_email="applicant@demo.ogi.invalid", content=rng.choice(TOPICS),
                                  submitted=received)
                try:
                    led = services.ledger_application(app, story)
                    services.project(app, led)
                except LedgerError:
                    continue
                app.save()
                Event.objects.bulk_create([Event(application=app, seq=j, kind=e.kind, date=e.date, data=e.data)
                                           for j, e in enumerate(story, 1)])
                n += 1
        # The demo region's government registers these with notices, the way the desk does.
        _through_services(users, agencies[1], today)
        _due_around_today(agencies[1], today, cal)
        from .publish import demo as publish_demo

        publish_demo.load(users, agencies, today)  # the 主动公开 desk and the public column
    return {"users": [(u, name, dict(Membership.ROLES)[role]) for u, name, role, _ in USERS], "applications": n}


def _received_for(due: dt.date, cal) -> dt.date:
    """The receipt day whose 20-working-day reply period (Art. 33) ends on `due` (a working day)."""
    d, n = due, 20
    while n:
        d -= dt.timedelta(days=1)
        n -= cal.is_working_day(d)
    return d


def _due_around_today(agency, today, cal):
    """Open applications of the demo department due a little before, on and after today."""
    targets = []
    for shift in (-3, -1, 0, 1, 2, 3, 6, 9):
        d = today
        step = 1 if shift >= 0 else -1
        for _ in range(abs(shift)):
            d += dt.timedelta(days=step)
            while not cal.is_working_day(d):
                d += dt.timedelta(days=step)
        while not cal.is_working_day(d):
            d += dt.timedelta(days=1)
        targets.append(d)
    for i, due in enumerate(targets):
        try:
            received = _received_for(due, cal)
            app = Application(agency=agency, number=f"{received.year}-W{i + 1:02d}", channel="online",
                              applicant_type="natural", applicant_name=NAMES[i % len(NAMES)],
                              applicant_email="applicant@demo.ogi.invalid", content=TOPICS[i % len(TOPICS)],
                              submitted=received)
            events = [ev.Event(ev.RECEIVED, received, {})]
            services.project(app, services.ledger_application(app, events))
        except LedgerError:
            continue
        app.save()
        Event.objects.create(application=app, seq=1, kind=ev.RECEIVED, date=received, data={})


def _through_services(users, agency, today):
    """One application through the real services, so its notices exist."""
    clerk = users["clerk"]
    cal = default_calendar()
    received = today - dt.timedelta(days=30)
    while not cal.is_working_day(received):
        received -= dt.timedelta(days=1)
    app = services.application_register(clerk, agency, {
        "channel": "online", "submitted": received, "applicant_type": "natural", "applicant_name": "张伟",
        "applicant_email": "zhangwei@demo.ogi.invalid", "applicant_phone": "13800000000",
        "applicant_address": "青山县文化路8号", "content": "2025年度青山县安全生产执法检查计划及其执行情况",
        "form": "electronic", "delivery": "email"}, today)
    services.application_record(clerk, app, ev.CORRECTION_SENT, min(cal.add_working_days(received, 2), today),
                                {"items": "请说明所需执行情况的时间范围"}, today)
