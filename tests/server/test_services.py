"""The desk's services: ledger events persisted, the projection from ogi.ledger, audit, 文号."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied

from ogi.ledger import compose, worklist
from ogi.ledger.io import ledger_from_json
from ogi.server.audit.models import AppendOnly, Entry
from ogi.server.cases import selectors, services, transfer
from ogi.server.cases.models import Application, Notice

from .conftest import TODAY, register

D = dt.date.fromisoformat


def test_register_gives_the_ledger_deadline_and_a_receipt(world):
    app = register(world["users"]["clerk"], world["a"])
    # received 2026-02-10 online → due 2026-03-16 (Art. 31 (3), Art. 33 (2), Spring Festival 2026)
    assert (app.received, app.due, app.state, app.number) == (D("2026-02-10"), D("2026-03-16"), "processing", "2026-0001")
    notice = Notice.objects.get(application=app)
    assert notice.kind == "receipt" and notice.number == "青应急依申〔2026〕1号"
    assert bytes(notice.docx)[:2] == b"PK"
    entry = Entry.objects.filter(action="application.register").get()
    assert entry.before is None and entry.after["due"] == "2026-03-16" and entry.username == "clerk"


def test_the_whole_desk_flow(world):
    clerk, approver = world["users"]["clerk"], world["users"]["approver"]
    app = register(clerk, world["a"])
    services.application_record(clerk, app, "correction_sent", D("2026-02-11"), {"items": "请写明文号"}, TODAY)
    app.refresh_from_db()
    assert app.state == "correcting" and app.due is None and app.waiting == "correction"
    services.application_record(clerk, app, "correction_answered", D("2026-02-24"), {}, TODAY)
    services.application_record(clerk, app, "consultation_started", D("2026-02-25"),
                                {"party": "third_party", "name": "某公司"}, TODAY)
    services.application_record(clerk, app, "consultation_answered", D("2026-03-04"), {"party": "third_party"}, TODAY)
    with pytest.raises(PermissionDenied):  # only the 审核人 approves an extension (Art. 33 (2))
        services.application_record(clerk, app, "extended", D("2026-03-05"), {"days": 10, "reason": "复杂"}, TODAY)
    services.application_record(approver, app, "extended", D("2026-03-05"), {"days": 10, "reason": "复杂"}, TODAY)
    app.refresh_from_db()
    led = services.ledger_application(app)
    assert app.due == led.deadline().due and led.deadline().extension == 10
    assert app.events.get(kind="extended").data["approver"] == "approver姓名"
    services.application_record(approver, app, "decided", D("2026-03-10"), {"category": "granted"}, TODAY)
    services.application_record(clerk, app, "delivered", D("2026-03-11"), {"method": "email"}, TODAY)
    app.refresh_from_db()
    assert (app.state, app.category, app.closed) == ("delivered", "granted", D("2026-03-10"))
    kinds = list(app.notices.values_list("kind", flat=True))
    assert kinds == ["receipt", "correction", "consultation", "extension", "reply", "service"]
    numbers = list(app.notices.values_list("number", flat=True))
    assert numbers == [f"青应急依申〔2026〕{i}号" for i in range(1, 7)]
    assert Entry.objects.filter(object_id=str(app.pk), model="cases.application").count() == 8


def test_the_ledger_refuses_and_nothing_is_written(world):
    clerk, approver = world["users"]["clerk"], world["users"]["approver"]
    app = register(clerk, world["a"])
    with pytest.raises(services.DeskError) as err:
        services.application_record(approver, app, "decided", D("2026-03-01"), {"category": "denied.state_secret"}, TODAY)
    assert err.value.code == "ledger.E022"  # a refusal states its reasons (Art. 36 (3))
    with pytest.raises(services.DeskError) as err:
        services.application_record(clerk, app, "fee_paid", D("2026-03-01"), {}, TODAY)
    assert err.value.code == "ledger.E012"
    with pytest.raises(services.DeskError) as err:
        services.application_record(clerk, app, "correction_sent", D("2026-03-12"), {"items": "x"}, TODAY)
    assert err.value.code == "ledger.E030"  # after today
    app.refresh_from_db()
    assert app.events.count() == 1 and app.notices.count() == 1 and app.state == "processing"


def test_fee_amount_comes_from_the_ledger(world):
    clerk = world["users"]["clerk"]
    app = register(clerk, world["a"])
    services.application_record(clerk, app, "fee_notice", D("2026-02-12"), {"method": "per_volume", "units": 120}, TODAY)
    ev = app.events.get(kind="fee_notice")
    assert ev.data["amount"] == 70 * 10 + 20 * 20  # pages 31–100 at 10 元, 101–120 at 20 元 (国办函〔2020〕109号)
    app.refresh_from_db()
    assert app.state == "awaiting_fee" and app.waiting == "fee"


def test_worklist_buckets(world):
    clerk = world["users"]["clerk"]
    due_soon = register(clerk, world["a"])  # due 2026-03-16: 3 working days after 2026-03-11
    overdue = register(clerk, world["a"], submitted=D("2026-01-05"))
    waiting = register(clerk, world["a"], submitted=D("2026-03-02"))
    services.application_record(clerk, waiting, "correction_sent", D("2026-03-03"), {"items": "x"}, TODAY)
    running = register(clerk, world["a"], submitted=D("2026-03-10"))
    got = {b: [a.pk for a, _s in rows] for b, _w, _n, rows in selectors.worklist_for(clerk, TODAY)}
    assert got == {worklist.OVERDUE: [overdue.pk], worklist.DUE_TODAY: [], worklist.DUE_SOON: [due_soon.pk],
                   worklist.WAITING: [waiting.pk], worklist.RUNNING: [running.pk]}
    assert selectors.worklist_for(world["users"]["other"], TODAY)[0][2] == 0  # another agency sees none
    assert selectors.worklist_for(world["users"]["office"], TODAY)[0][2] == 1  # the county's office sees it


def test_json_ledger_round_trip_composes(world):
    clerk, approver = world["users"]["clerk"], world["users"]["approver"]
    app = register(clerk, world["a"])
    services.application_record(approver, app, "decided", D("2026-03-02"), {"category": "partial"}, TODAY)
    register(clerk, world["a"], submitted=D("2026-03-03"))
    data = transfer.export_ledger(world["a"])
    ledger = ledger_from_json(json.loads(json.dumps(data)))
    report = compose(ledger, 2026)
    assert report.cells["apply.new.total"].value == 2 and report.cells["apply.partial.total"].value == 1
    other = world["users"]["other"]
    assert transfer.import_ledger(other, world["b"], json.dumps(data).encode()) == 2
    assert Application.objects.filter(agency=world["b"]).count() == 2
    with pytest.raises(services.DeskError):  # the same numbers again: all or nothing
        transfer.import_ledger(other, world["b"], json.dumps(data).encode())
    with pytest.raises(PermissionDenied):
        transfer.import_ledger(other, world["a"], json.dumps(data).encode())


def test_sheet_import_dry_run_lists_every_bad_row(world):
    csv_text = ("编号,受理日期,申请人类别,申请人,答复结果,答复日期\n"
                "A1,2026-01-05,自然人,甲,予以公开,2026-01-20\n"
                "A2,2026-01-06,外星人,乙,,\n"
                "A3,2026-01-07,商业企业,丙,属于国家秘密,2026-01-10\n"
                "A4,2026-13-01,自然人,丁,,\n"
                "A1,2026-01-08,自然人,戊,,\n")
    header, rows = transfer.read_table("x.csv", csv_text.encode("gb18030"))
    mapping = transfer.guess_mapping(header)
    assert mapping == {"number": "编号", "received": "受理日期", "applicant_type": "申请人类别", "applicant_name": "申请人",
                       "category": "答复结果", "closed": "答复日期"}
    plan = transfer.plan_import(world["a"], header, rows, mapping)
    assert [line for line, _ in plan.bad] == [3, 5, 6]
    assert "外星人" in plan.bad[0][1] and "YYYY-MM-DD" in plan.bad[1][1] and "重复" in plan.bad[2][1]
    with pytest.raises(services.DeskError):
        transfer.run_import(world["users"]["clerk"], world["a"], plan)
    assert Application.objects.count() == 0
    good = transfer.plan_import(world["a"], header, [rows[0], rows[2]], mapping)
    assert transfer.run_import(world["users"]["clerk"], world["a"], good) == 2
    cats = dict(Application.objects.values_list("number", "category"))
    assert cats == {"A1": "granted", "A3": "denied.state_secret"}


def test_exports_open(world):
    register(world["users"]["clerk"], world["a"])
    qs = Application.objects.all()
    assert transfer.export_csv(qs).decode("utf-8-sig").splitlines()[1].startswith("2026-0001,青山县应急管理局,2026-02-10")
    from io import BytesIO

    from openpyxl import load_workbook

    ws = load_workbook(BytesIO(transfer.export_xlsx(qs))).active
    assert ws["A1"].value == "申请编号" and ws["A2"].value == "2026-0001"


def test_audit_log_is_append_only(world):
    register(world["users"]["clerk"], world["a"])
    e = Entry.objects.first()
    e.action = "tampered"
    with pytest.raises(AppendOnly):
        e.save()
    with pytest.raises(AppendOnly):
        e.delete()


def test_art35_reasons_and_deferral_through_the_desk(world):
    clerk, approver = world["users"]["clerk"], world["users"]["approver"]
    app = register(clerk, world["a"])
    services.application_record(clerk, app, "reasons_requested", D("2026-02-12"), {"items": "请说明用途"}, TODAY)
    app.refresh_from_db()
    assert app.state == "awaiting_reasons" and app.due == D("2026-03-16")  # the period keeps running (Art. 35)
    got = {b: [a.pk for a, _s in rows] for b, _w, _n, rows in selectors.worklist_for(clerk, TODAY)}
    assert got[worklist.DUE_SOON] == [app.pk]
    services.application_record(clerk, app, "reasons_given", D("2026-02-24"), {"note": "研究需要"}, TODAY)
    with pytest.raises(PermissionDenied):
        services.application_record(clerk, app, "deferred", D("2026-02-25"), {"until": D("2026-04-30")}, TODAY)
    services.application_record(approver, app, "deferred", D("2026-02-25"),
                                {"until": D("2026-04-30"), "reason": "涉及文件逾千份"}, TODAY)
    app.refresh_from_db()
    assert app.due == D("2026-04-30") and app.state == "processing"
    assert list(app.notices.values_list("kind", flat=True)) == ["receipt", "reasons", "deferral"]


def test_table3_from_the_desk_and_against_a_published_report(world):
    from ogi.server.cases import report

    clerk, approver = world["users"]["clerk"], world["users"]["approver"]
    app = register(clerk, world["a"])
    services.application_record(approver, app, "decided", D("2026-03-02"), {"category": "granted"}, TODAY)
    register(clerk, world["a"], submitted=D("2026-03-03"), applicant_type="legal")
    t3 = report.table3(report.agency_ledger(world["a"]), 2026)
    rows = dict(t3.rows)
    assert rows["一、本年新收政府信息公开申请数量"][-1] == 2 and rows["（一）予以公开"][0] == 1
    published = t3.report.to_json()
    assert report.differences(t3, report.read_published(json.dumps(published).encode())) == []
    published["cells"]["apply.granted.natural"] = 5
    diffs = report.differences(t3, report.read_published(json.dumps(published).encode()))
    assert diffs == [("apply.granted.natural", 1, 5)]
    with pytest.raises(services.DeskError):
        report.read_published(b'{"meta": {}}')


def test_holiday_notices_entered_move_deadlines_and_open_new_years(world, monkeypatch):
    import chinese_calendar as cc
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from .conftest import PASSWORD

    clerk = world["users"]["clerk"]
    app = register(clerk, world["a"])
    assert app.due == D("2026-03-16")
    # a year nobody has announced: refused with the ledger's words, never guessed (and never a 500)
    with pytest.raises(services.DeskError) as err:
        register(clerk, world["a"], submitted=D("2026-12-18"), today=D("2026-12-20"))
    assert err.value.code == "calendar.E001" and "2027" in err.value.zh
    # 2026 re-entered with one more holiday on Fri 2026-03-13: the open application's deadline moves
    y2026 = {"year": 2026, "notice": "国办发明电〔2025〕7号（测试改）",
             "holidays": {d.isoformat(): "假日" for d in cc.holidays if d.year == 2026} | {"2026-03-13": "测试假日"},
             "working_days": {d.isoformat(): "调休" for d in cc.workdays if d.year == 2026}}
    y2027 = {"year": 2027, "notice": "国办发明电〔2026〕X号", "holidays": {"2027-01-01": "元旦"}}
    c = Client()
    c.login(username="sysadmin", password=PASSWORD)
    resp = c.post("/cases/calendar/", {"file": SimpleUploadedFile("n.json", json.dumps([y2026, y2027]).encode())})
    assert resp.status_code == 302, resp.content.decode()[:500]
    app.refresh_from_db()
    assert app.due == D("2026-03-17")
    assert Entry.objects.filter(action="application.recompute", object_id=str(app.pk)).exists()
    late = register(clerk, world["a"], submitted=D("2026-12-18"), today=D("2026-12-20"))
    assert late.due.year == 2027
    c.login(username="clerk", password=PASSWORD)
    assert c.get("/cases/calendar/").status_code == 403


def test_every_worklist_bucket_counts_what_it_lists(world):
    # regression: an aggregate alias named like the `waiting` field was read by the next bucket's filter
    clerk = world["users"]["clerk"]
    register(clerk, world["a"], submitted=D("2026-03-10"))
    w = register(clerk, world["a"], submitted=D("2026-03-02"))
    services.application_record(clerk, w, "correction_sent", D("2026-03-03"), {"items": "x"}, TODAY)
    for bucket, _words, count, rows in selectors.worklist_for(clerk, TODAY):
        assert count == len(rows), bucket
    assert [b for b, _w, n, _r in selectors.worklist_for(clerk, TODAY) if n] == [worklist.WAITING, worklist.RUNNING]


def test_the_two_worklist_paths_agree(world, monkeypatch):
    """One fetch placed by the ledger (an agency's scope) = bucket queries (a wide scope)."""
    clerk = world["users"]["clerk"]
    for day in ("2026-01-05", "2026-02-10", "2026-02-12", "2026-03-02", "2026-03-10", "2026-02-13"):
        register(clerk, world["a"], submitted=D(day))
    w = register(clerk, world["a"], submitted=D("2026-03-03"))
    services.application_record(clerk, w, "correction_sent", D("2026-03-04"), {"items": "x"}, TODAY)

    def shape(result):
        return [(b, n, [a.pk for a, _s in rows]) for b, _w, n, rows in result]

    small = shape(selectors.worklist_for(clerk, TODAY))
    monkeypatch.setattr(selectors, "SMALL_SCOPE", 0)
    assert shape(selectors.worklist_for(clerk, TODAY)) == small
