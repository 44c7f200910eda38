"""Hostile content on the publication desk and the public column: script and HTML in every field,
in attachment names and in search queries is shown as text; bad input is a 4xx, never a 500."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ogi.server.portal.services import complaint_submit
from ogi.server.publish import services

from .conftest import PASSWORD, TODAY
from .pubkit import draft, through_reviews
from .test_hostile import EVIL


def _clean(html: str) -> None:
    assert "<script>alert" not in html and "<img src=x" not in html


def test_markup_everywhere_is_shown_as_text(world, today):
    u, a = world["users"], world["a"]
    cat = services.category_save(u["admin"], a, {"name": EVIL, "code": "EV1"})
    item = draft(u["clerk"], a, title=EVIL, doc_number=EVIL, publisher=EVIL, body=EVIL, category=cat)
    services.attachment_add(u["clerk"], item, f"{EVIL}.pdf".replace("/", ""), b"%PDF-1.4 x")
    services.item_act(u["clerk"], item, "submit", EVIL, TODAY)
    item.refresh_from_db()
    services.item_act(u["approver"], item, "reject", EVIL, TODAY)
    through_reviews(world, item)
    returned = draft(u["clerk"], a, title="退回" + EVIL, openness="not_public", ground=EVIL)
    complaint, _ = complaint_submit(a, {"name": EVIL, "contact": EVIL, "content": EVIL}, TODAY)
    clerk, office, anon = Client(), Client(), Client()
    clerk.login(username="clerk", password=PASSWORD)
    office.login(username="office", password=PASSWORD)
    pages = [clerk.get(f"/publish/{item.pk}/?versions=1"), clerk.get(f"/publish/{returned.pk}/"), clerk.get("/publish/"),
             clerk.get("/publish/items/", {"q": EVIL}), clerk.get("/publish/items/", {"q": "script"}),
             clerk.get(f"/publish/{returned.pk}/edit/"),
             office.get(f"/complaints/{complaint.pk}/"), office.get("/complaints/"),
             anon.get(f"/gk/item/{item.pk}/"), anon.get("/gk/search/", {"q": EVIL}), anon.get("/gk/search/", {"q": "script"}),
             anon.get(f"/gk/agency/{a.pk}/items/"), anon.get(f"/gk/agency/{a.pk}/guide/"), anon.get("/gk/"),
             anon.get(f"/gk/agency/{a.pk}/items/", {"category": cat.pk})]
    for resp in pages:
        assert resp.status_code == 200, resp.request["PATH_INFO"]
        _clean(resp.content.decode())
    item_page = pages[8].content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in item_page
    assert "{{ 7*7 }}{% now &quot;Y&quot; %}" in item_page  # template syntax in data is shown, never run
    search_page = pages[9].content.decode()
    assert "&lt;script&gt;" in search_page  # the query itself is shown as text
    feed = anon.get("/gk/feed.atom").content.decode()
    assert "<script>" not in feed and "&lt;script&gt;" in feed
    name = anon.get(f"/gk/item/{item.pk}/file/{item.attachments.get().pk}/")["Content-Disposition"]
    assert "<" not in name and '"' not in name  # the file name is percent-encoded in the header


def test_hostile_online_application_and_complaint(world, today):
    c = Client()
    resp = c.post(f"/gk/agency/{world['a'].pk}/apply/", {
        "applicant_type": "natural", "applicant_name": EVIL, "applicant_id": EVIL, "applicant_phone": EVIL[:50],
        "applicant_address": EVIL, "content": EVIL, "form": "either", "delivery": "online"})
    assert resp.status_code == 200
    _clean(resp.content.decode())
    code = re.search(r'id="code">([A-Z0-9-]+)<', resp.content.decode()).group(1)
    status = c.post("/gk/query/", {"code": code}).content.decode()
    _clean(status)
    officer = Client()
    officer.login(username="clerk", password=PASSWORD)
    from ogi.server.cases.models import Application

    _clean(officer.get(f"/cases/{Application.objects.get().pk}/").content.decode())


@pytest.mark.parametrize("url", ["/gk/item/999999/", "/gk/agency/999999/", "/gk/agency/1/items/?page=abc",
                                 "/gk/agency/1/items/?topic=<script>", "/gk/search/?q=%00%00&agency=x",
                                 "/gk/search/?q=" + "长" * 5000, "/gk/agency/1/reports/1999/", "/gk/agency/1/reports/2025.exe",
                                 "/gk/sitemap/99999.xml", "/publish/999999/", "/publish/settings/999999/",
                                 "/publish/table2/1/?year=abc", "/publish/report/1/2025.exe", "/gk/feed.atom?agency=999999",
                                 "/gk/item/99999999999999999999999/", "/gk/agency/99999999999999999999/",
                                 "/gk/search/?q=x&agency=99999999999999999999", "/publish/99999999999999999999999/",
                                 "/gk/feed.atom?agency=99999999999999999999", "/gk/sitemap/99999999999999999.xml"])
def test_bad_urls_are_4xx_not_500(world, today, url):
    c = Client()
    c.login(username="admin", password=PASSWORD)
    resp = c.get(url)
    assert resp.status_code < 500, (url, resp.status_code)


def test_bad_posts_are_4xx_not_500(world, today):
    c = Client()
    c.login(username="approver", password=PASSWORD)
    item = draft(world["users"]["clerk"], world["a"])
    assert c.post(f"/publish/{item.pk}/act/", {"action": "explode"}).status_code == 400
    assert c.post(f"/publish/{item.pk}/act/", {"action": "pass"}).status_code == 400  # a draft is not in review
    assert c.post("/publish/new/", {"agency": world["a"].pk, "title": "x", "written": "not a date"}).status_code == 400
    assert c.post("/publish/new/", {"agency": world["a"].pk, "title": "x" * 400, "publisher": "p", "written": "2026-03-01",
                                    "art20": "99", "topic": "综合政务", "genre": "通知", "openness": "active",
                                    "doc_kind": "other"}).status_code == 400
    assert c.post(f"/publish/tallies/{world['a'].pk}/", {"form": "csv", "file": SimpleUploadedFile(
        "t.csv", "年度,类别,处理决定数量\n二〇二五,行政许可,x\n".encode())}).status_code == 400
    assert Client().post("/gk/query/", {"code": "x" * 500}).status_code == 400
    assert Client().post("/gk/item/999999/rate/", {"score": "5"}).status_code == 404


def test_uploads_refused_beyond_their_limits(world, today, settings):
    c = Client()
    c.login(username="clerk", password=PASSWORD)
    item = draft(world["users"]["clerk"], world["a"])
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (settings.MAX_UPLOAD_BYTES + 10), "application/pdf")
    resp = c.post(f"/publish/{item.pk}/attach/", {"file": big})
    assert resp.status_code == 400 and "上限" in resp.content.decode()
    exe = SimpleUploadedFile("x.pdf", b"MZ\x90\x00\x03", "application/pdf")
    resp = c.post(f"/publish/{item.pk}/attach/", {"file": exe})
    assert resp.status_code == 400 and "只接受 PDF、DOCX、XLSX" in resp.content.decode()
    html = SimpleUploadedFile("x.html", b"<html><script>alert(1)</script>", "text/html")
    assert c.post(f"/publish/{item.pk}/attach/", {"file": html}).status_code == 400
    assert not item.attachments.exists()
