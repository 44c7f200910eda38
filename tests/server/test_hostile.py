"""Hostile input never breaks a page or leaks: markup shown as text, CSRF on every form, uploads
limited in size and type, login lockout, no traceback."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from ogi.server.cases import services

from .conftest import PASSWORD, TODAY, register

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'&{{ 7*7 }}{% now "Y" %}'


def login(role: str, **kw) -> Client:
    c = Client(**kw)
    assert c.login(username=role, password=PASSWORD)
    return c


def test_markup_in_every_field_is_shown_as_text(world, today):
    clerk = world["users"]["clerk"]
    fields = {f: EVIL for f in ("applicant_name", "applicant_id", "applicant_phone", "applicant_address", "content")}
    app = register(clerk, world["a"], **fields)
    services.application_record(clerk, app, "correction_sent", dt.date(2026, 2, 11), {"items": EVIL}, TODAY)
    c = login("clerk")
    a = login("admin")
    pages = [c.get(f"/cases/{app.pk}/"), c.get("/cases/search/", {"q": "script"}), c.get("/cases/"),
             c.get("/cases/search/", {"q": EVIL}), a.get("/audit/"), c.get("/cases/search/", {"q": "<b>"},
                                                                           headers={"HX-Request": "true"})]
    for resp in pages:
        html = resp.content.decode()
        assert resp.status_code == 200
        assert "<script>alert" not in html and "<img src=x" not in html
    detail = pages[0].content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in detail
    assert "{{ 7*7 }}{% now &quot;Y&quot; %}" in detail  # template syntax in data is shown, never run


def test_csrf_on_every_form(world, today):
    c = login("clerk", enforce_csrf_checks=True)
    app = register(world["users"]["clerk"], world["a"])
    for url, data in [("/cases/new/", {}), (f"/cases/{app.pk}/step/correction_sent/", {}),
                      ("/logout/", {}), ("/cases/import/sheet/", {}), ("/agencies/tokens/", {"name": "x"})]:
        resp = c.post(url, data)
        assert resp.status_code == 403, url
        assert "CSRF" in resp.content.decode()


def test_uploads_limited_in_size_and_type(world, today):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = login("clerk")
    agency = world["a"].pk
    big = SimpleUploadedFile("big.csv", b"a,b\n" + b"1,2\n" * 60000, "text/csv")  # > OGI_MAX_UPLOAD_BYTES (200 kB)
    resp = c.post("/cases/import/sheet/", {"agency": agency, "file": big})
    assert resp.status_code == 400 and "0.2 MB 上限" in resp.content.decode()
    exe = SimpleUploadedFile("x.csv", b"MZ\x00\x00\x90\x00binary", "text/csv")
    resp = c.post("/cases/import/sheet/", {"agency": agency, "file": exe})
    assert resp.status_code == 400 and "只接受" in resp.content.decode()
    js = SimpleUploadedFile("l.json", b'{"agency": "x"}', "application/json")
    assert c.post("/cases/import/sheet/", {"agency": agency, "file": js}).status_code == 400
    bad_zip = SimpleUploadedFile("x.xlsx", b"PK\x03\x04garbage", "application/octet-stream")
    resp = c.post("/cases/import/sheet/", {"agency": agency, "file": bad_zip})
    assert resp.status_code == 400 and "XLSX" in resp.content.decode()
    bad_json = SimpleUploadedFile("l.json", b'{"applications": [{"id": 1}]}', "application/json")
    resp = c.post("/cases/import/ledger/", {"agency": agency, "file": bad_json})
    assert resp.status_code == 400 and "applicant" in resp.content.decode()


def test_sheet_import_through_the_pages(world, today):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = login("clerk")
    sheet = "编号,受理日期,申请人类别,申请人\nX1,2026-01-05,自然人,甲\nX2,2026-01-06,火星人,乙\n".encode()
    resp = c.post("/cases/import/sheet/", {"agency": world["a"].pk, "file": SimpleUploadedFile("t.csv", sheet)})
    assert resp.status_code == 200
    token = resp.context["token"]
    mapping = {f"map_{k}": v for k, v in resp.context["mapping"].items()}
    resp = c.post("/cases/import/sheet/", {"agency": world["a"].pk, "token": token, "action": "dry_run", **mapping})
    assert "火星人" in resp.content.decode() and len(resp.context["plan"].bad) == 1
    resp = c.post("/cases/import/sheet/", {"agency": world["a"].pk, "token": token, "action": "import", **mapping})
    assert resp.status_code == 400  # not while a row cannot be taken
    resp = c.post("/cases/import/sheet/", {"agency": world["a"].pk, "token": "../../etc/passwd", "action": "import"})
    assert resp.status_code == 400


def test_login_lockout(world):
    c = Client()
    for _ in range(5):
        assert c.post("/login/", {"username": "clerk", "password": "wrong"}).status_code == 400
    resp = c.post("/login/", {"username": "clerk", "password": PASSWORD})
    assert resp.status_code == 429 and "锁定" in resp.content.decode()
    assert Client().post("/login/", {"username": "approver", "password": PASSWORD}).status_code == 302


def test_open_redirect_refused(world):
    resp = Client().post("/login/?next=//evil.example/", {"username": "clerk", "password": PASSWORD})
    assert resp.status_code == 302 and resp["Location"] == "/cases/"


@pytest.mark.parametrize("url", ["/cases/999999/", "/cases/1/step/nonsense/", "/cases/export.exe",
                                 "/cases/search/?year=abc", "/cases/search/?page=-1", "/agencies/999999/",
                                 "/cases/1/notice/1.exe"])
def test_bad_urls_are_4xx_not_500(world, today, url):
    c = login("clerk")
    register(world["users"]["clerk"], world["a"])
    resp = c.get(url) if "step" not in url else c.post(url, {})
    assert 400 <= resp.status_code < 500 or resp.status_code == 200, (url, resp.status_code)


def test_step_form_errors_are_400_with_the_ledger_message(world, today):
    c = login("approver")
    app = register(world["users"]["clerk"], world["a"])
    resp = c.post(f"/cases/{app.pk}/step/decided/", {"decided-date": "2026-03-01", "decided-category": "denied.process"})
    assert resp.status_code == 400 and "第三十六条第（三）项" in resp.content.decode()
    resp = c.post(f"/cases/{app.pk}/step/decided/", {"decided-date": "not a date", "decided-category": "granted"})
    assert resp.status_code == 400


def test_reported_year_compared_at_the_dry_run(world, today):
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile

    from ogi.ledger import Application, Event
    from ogi.server.cases import report

    c = login("clerk")
    sheet = ("编号,受理日期,申请人类别,申请人,答复结果,答复日期\n"
             "R1,2025-03-03,自然人,甲,予以公开,2025-03-20\nR2,2025-04-01,法律服务机构,乙,本机关不掌握相关政府信息,2025-04-20\n").encode()
    resp = c.post("/cases/import/sheet/", {"agency": world["a"].pk, "file": SimpleUploadedFile("t.csv", sheet)})
    token, mapping = resp.context["token"], {f"map_{k}": v for k, v in resp.context["mapping"].items()}
    # the published 2025 report said: one granted to a natural person, one not held for a law firm — and a typo
    a1 = Application.from_events("x", "natural", [Event("received", dt.date(2025, 3, 3)),
                                                  Event("decided", dt.date(2025, 3, 20), {"category": "granted"})])
    a2 = Application.from_events("y", "legal", [Event("received", dt.date(2025, 4, 1)),
                                                Event("decided", dt.date(2025, 4, 20), {"category": "unable.not_held"})])
    published = report.applications_table3([a1, a2], 2025, world["a"]).report.to_json()
    published["cells"]["apply.unable.not_held.legal"] = 2
    resp = c.post("/cases/import/sheet/", {"agency": world["a"].pk, "token": token, "action": "dry_run", "year": "2025",
                                           "published": SimpleUploadedFile("r.json", json.dumps(published).encode()),
                                           **mapping})
    assert resp.status_code == 200 and resp.context["plan"].bad == []
    assert resp.context["diffs"] == [("apply.unable.not_held.legal", 1, 2)]


def test_step_forms_work_without_javascript(world, today):
    c = login("clerk")
    app = register(world["users"]["clerk"], world["a"])
    page = c.get(f"/cases/{app.pk}/step/correction_sent/").content.decode()
    assert "<html" in page and 'name="correction_sent-items"' in page  # a page of its own: no JavaScript needed
    part = c.get(f"/cases/{app.pk}/step/correction_sent/", headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in part and 'data-kind="correction_sent"' in part  # the fragment HTMX puts in place
    detail = c.get(f"/cases/{app.pk}/").content.decode()
    assert f'href="/cases/{app.pk}/step/correction_sent/"' in detail and "correction_sent-items" not in detail


@pytest.mark.parametrize("digit", ["²", "③", "١٢", "１２", "9" * 40])
def test_digits_that_are_no_numbers_never_break_a_page(world, digit):
    """str.isdigit() is true of ² and ③, which int() refuses: every numeric parameter is read
    with isdecimal(), so such input is a 4xx or a page, never a 500."""
    anon = Client(raise_request_exception=False)
    clerk = login("clerk", raise_request_exception=False)
    admin = login("admin", raise_request_exception=False)
    office = login("office", raise_request_exception=False)
    a = world["a"].pk
    asks = [(anon, "get", f"/gk/search/?q=安全&page={digit}", None),
            (anon, "get", f"/gk/search/?q=安全&agency={digit}", None),
            (anon, "get", f"/gk/search/?q=安全&region={digit}", None),
            (anon, "get", f"/gk/agency/{a}/items/?year={digit}&category={digit}", None),
            (anon, "get", f"/gk/feed.atom?agency={digit}", None),
            (anon, "get", f"/gk/query/?app={digit}", None),
            (clerk, "get", f"/cases/search/?year={digit}", None),
            (clerk, "get", f"/cases/?page={digit}", None),
            (admin, "get", f"/publish/settings/{a}/?category={digit}", None),
            (office, "post", "/complaints/period/", {"region": digit, "complaint_days": digit})]
    for client, method, path, data in asks:
        resp = getattr(client, method)(path, data) if data else getattr(client, method)(path)
        assert resp.status_code < 500, (path, resp.status_code)
