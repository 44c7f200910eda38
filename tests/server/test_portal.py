"""The public column: only reviewed content, search, item pages, the online application with its
query code, complaints routed and answered, ratings, rate limits, cache, feed and sitemap."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client

from ogi.server.audit.models import Entry
from ogi.server.cases import services as cases
from ogi.server.portal.models import Complaint, Rating
from ogi.server.publish import services

from .conftest import PASSWORD, TODAY
from .pubkit import draft, publish


@pytest.fixture
def portal_today(today):
    return today


def test_published_items_are_found_and_others_are_not(world, portal_today):
    shown = publish(world, title="青山县2026年安全生产检查计划", body="重点检查危险化学品企业")
    returned = draft(world["users"]["clerk"], world["a"], title="青山县安全生产内部讨论稿")
    cases_ = world["users"]
    services.item_act(cases_["clerk"], returned, "submit", "", TODAY)
    returned.refresh_from_db()
    services.item_act(cases_["approver"], returned, "reject", "不宜公开", TODAY)
    c = Client()
    for q in ("安全生产", "危险化学", "检查计划"):
        html = c.get("/gk/search/", {"q": q}).content.decode()
        assert shown.title in html and returned.title not in html, q
    assert c.get(f"/gk/item/{returned.pk}/").status_code == 404
    page = c.get(f"/gk/item/{shown.pk}/").content.decode()
    assert shown.index_no in page and "索引号" in page and "发布机构" in page and "成文日期" in page
    listing = c.get(f"/gk/agency/{world['a'].pk}/items/").content.decode()
    assert shown.title in listing and returned.title not in listing
    assert c.get("/gk/search/", {"q": "不存在的词语"}).content.decode().count("/gk/item/") == 0


def test_browse_by_category_topic_and_year(world, portal_today):
    admin = world["users"]["admin"]
    cat = services.category_save(admin, world["a"], {"name": "规划计划", "code": "GH"})
    sub = services.category_save(admin, world["a"], {"name": "专项规划", "code": "GH1", "parent": cat})
    in_sub = publish(world, title="应急体系建设专项规划", category=sub, topic="综合政务")
    other = publish(world, title="预算公开", topic="财政、金融、审计")
    c = Client()
    a = world["a"].pk
    html = c.get(f"/gk/agency/{a}/items/", {"category": cat.pk}).content.decode()
    assert in_sub.title in html and other.title not in html  # a category shows its children's items
    html = c.get(f"/gk/agency/{a}/items/", {"topic": "财政、金融、审计"}).content.decode()
    assert other.title in html and in_sub.title not in html
    assert other.title not in c.get(f"/gk/agency/{a}/items/", {"year": 2020}).content.decode()
    assert c.get(f"/gk/agency/{a}/items/", {"year": "abc"}).status_code == 400
    assert c.get(f"/gk/agency/{a}/items/", {"category": 999999}).status_code == 404
    assert c.get(f"/gk/agency/{a}/items/", {"page": "0"}).status_code == 404


def test_guide_lists_the_office_facts_art12(world, portal_today):
    a = world["a"]
    a.office_address, a.office_hours, a.office_phone, a.office_fax = "青山县人民路1号", "工作日9:00-17:00", "0471-1234567", "0471-7654321"
    a.save()
    html = Client().get(f"/gk/agency/{a.pk}/guide/").content.decode()
    for fact in ("办公室", "青山县人民路1号", "工作日9:00-17:00", "0471-1234567", "0471-7654321", "第十二条", "第二十九条"):
        assert fact in html


def test_online_application_lands_on_the_desk_and_is_answered_by_code(world, portal_today):
    c = Client()
    form = {"applicant_type": "natural", "applicant_name": "王小明", "applicant_id": "110101199001011234",
            "applicant_phone": "13800000000", "applicant_email": "wxm@example.invalid", "applicant_address": "青山县某路",
            "content": "2025年安全生产执法检查计划", "form": "electronic", "delivery": "online"}
    resp = c.post(f"/gk/agency/{world['a'].pk}/apply/", form)
    assert resp.status_code == 200
    html = resp.content.decode()
    code = re.search(r'id="code">([A-Z0-9-]+)<', html).group(1)
    assert "110101199001011234" not in html and "13800000000" not in html
    from ogi.server.cases.models import Application

    app = Application.objects.get()
    assert (app.channel, app.received, app.applicant_id) == ("online", TODAY, "110101199001011234")
    assert Entry.objects.filter(action="application.register", username="网上申请 / online").exists()
    cases.application_record(world["users"]["approver"], app, "decided", TODAY, {"category": "granted"}, TODAY)
    lookup = Client()
    assert lookup.post("/gk/query/", {"code": "WRONG-CODE"}).status_code == 404
    page = lookup.post("/gk/query/", {"code": code.lower()}).content.decode()  # codes are read case-blind
    assert "已答复" in page and "王**" in page and "王小明" not in page and "110101" not in page
    reply = app.notices.get(kind="reply")
    doc = lookup.get(f"/gk/query/{app.pk}/notice/{reply.pk}.docx")
    assert doc.status_code == 200 and bytes(doc.content)[:2] == b"PK"
    assert Client().get(f"/gk/query/{app.pk}/notice/{reply.pk}.docx").status_code == 404  # not without the code
    assert lookup.post(f"/gk/query/{app.pk}/rate/", {"score": "5"}).status_code == 302
    assert Rating.objects.get().application == app


def test_online_form_requires_art29_fields_and_is_rate_limited(world, portal_today):
    c = Client()
    url = f"/gk/agency/{world['a'].pk}/apply/"
    resp = c.post(url, {"applicant_type": "natural", "applicant_name": "甲"})
    assert resp.status_code == 400 and "这个字段是必填项" in resp.content.decode()
    good = {"applicant_type": "natural", "applicant_name": "甲", "applicant_id": "1", "applicant_phone": "1",
            "content": "某文件", "form": "either", "delivery": "online"}
    for _ in range(5):
        assert c.post(url, good).status_code == 200
    resp = c.post(url, good)
    assert resp.status_code == 429 and "过多" in resp.content.decode()
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post(url, good).status_code == 200  # the limit is per client


def test_complaint_routed_to_the_region_office_and_answered(world, portal_today):
    c = Client()
    resp = c.post(f"/gk/agency/{world['a'].pk}/complain/", {"kind": "complaint", "name": "李四", "contact": "139",
                                                            "content": "申请逾期未答复"})
    assert resp.status_code == 200
    code = re.search(r'id="code">([A-Z0-9-]+)<', resp.content.decode()).group(1)
    complaint = Complaint.objects.get()
    assert complaint.region == world["county"] and complaint.due > TODAY
    office, far = Client(), Client()
    office.login(username="office", password=PASSWORD)
    far.login(username="far", password=PASSWORD)
    assert f"/complaints/{complaint.pk}/" not in far.get("/complaints/").content.decode()
    assert f"/complaints/{complaint.pk}/" in office.get("/complaints/").content.decode()
    assert far.get(f"/complaints/{complaint.pk}/").status_code == 404  # another county's office
    assert office.get("/complaints/").status_code == 200
    resp = office.post(f"/complaints/{complaint.pk}/", {"answer": "已督促该局于3日内答复"})
    assert resp.status_code == 302
    page = Client().post("/gk/complaint/", {"code": code}).content.decode()
    assert "已答复" in page and "已督促该局于3日内答复" in page and "李四" not in page
    assert Entry.objects.filter(action="complaint.answer", username="office").exists()
    assert Entry.objects.filter(action="complaint.view", username="office").exists()  # personal data was shown


def test_item_rating_and_cache_follow_publication(world, portal_today):
    item = publish(world, title="第一条")
    c = Client()
    first = c.get(f"/gk/agency/{world['a'].pk}/")
    assert first["X-Cache"] == "miss" and "第一条" in first.content.decode()
    second = c.get(f"/gk/agency/{world['a'].pk}/")
    assert second["X-Cache"] == "hit" and second["Cache-Control"] == "public, no-cache"
    assert c.get(f"/gk/agency/{world['a'].pk}/", headers={"If-None-Match": second["ETag"]}).status_code == 304
    publish(world, title="第二条")
    again = c.get(f"/gk/agency/{world['a'].pk}/", headers={"If-None-Match": second["ETag"]})
    assert again["X-Cache"] == "miss" and "第二条" in again.content.decode()  # a publication invalidates
    assert c.post(f"/gk/item/{item.pk}/rate/", {"score": "4", "comment": "清楚"}).status_code == 200
    assert c.post(f"/gk/item/{item.pk}/rate/", {"score": "9"}).status_code == 400
    assert Rating.objects.get().score == 4


def test_feed_sitemap_and_large_text(world, portal_today):
    item = publish(world, title="订阅测试")
    c = Client()
    feed = c.get("/gk/feed.atom")
    assert feed["Content-Type"].startswith("application/atom+xml") and "订阅测试" in feed.content.decode()
    index = c.get("/gk/sitemap.xml").content.decode()
    assert "/gk/sitemap/0.xml" in index and "/gk/sitemap/1.xml" in index
    assert f"/gk/item/{item.pk}/" in c.get("/gk/sitemap/1.xml").content.decode()
    assert f"/gk/agency/{world['a'].pk}/guide/" in c.get("/gk/sitemap/0.xml").content.decode()
    resp = c.get("/gk/textsize/", {"large": "1", "next": f"/gk/item/{item.pk}/"})
    assert resp.status_code == 302 and resp["Location"] == f"/gk/item/{item.pk}/"
    assert 'class="large"' in c.get(f"/gk/item/{item.pk}/").content.decode()
    assert c.get("/gk/textsize/", {"large": "1", "next": "//evil.example/"})["Location"] == "/gk/"


def test_public_pages_work_without_login_and_without_script(world, portal_today):
    item = publish(world)
    c = Client()
    a = world["a"].pk
    for url in ("/gk/", f"/gk/agency/{a}/", f"/gk/agency/{a}/guide/", f"/gk/agency/{a}/system/",
                f"/gk/agency/{a}/items/", f"/gk/agency/{a}/reports/", f"/gk/agency/{a}/apply/",
                f"/gk/agency/{a}/complain/", f"/gk/item/{item.pk}/", "/gk/search/?q=安全", "/gk/query/",
                "/gk/complaint/"):
        resp = c.get(url)
        html = resp.content.decode()
        assert resp.status_code == 200, url
        assert "<script" not in html and 'lang="zh-CN"' in html and '<main id="main"' in html, url
        for m in re.finditer(r'<input (?![^>]*type="(?:hidden|radio)")[^>]*id="([^"]+)"', html):
            assert f'for="{m.group(1)}"' in html, (url, m.group(1))  # every input has its label


def test_annual_report_published_from_the_desk(world, portal_today):
    from ogi.server.publish.tasks import render_report_pdf

    publish(world, title="规范性文件", doc_kind="normative", validity="in_force", written=dt.date(2025, 5, 1))
    admin = Client()
    admin.login(username="admin", password=PASSWORD)
    resp = admin.post(f"/publish/table2/{world['a'].pk}/", {"year": "2025"})
    assert resp.status_code == 302
    c = Client()
    html = c.get(f"/gk/agency/{world['a'].pk}/reports/2025/").content.decode()
    assert "2025年政府信息公开工作年度报告" in html and "主动公开政府信息情况" in html
    assert c.get(f"/gk/agency/{world['a'].pk}/reports/2025.docx").content[:2] == b"PK"
    assert c.get(f"/gk/agency/{world['a'].pk}/reports/2025.pdf").status_code in (200, 409)
    from ogi.server.publish.models import ReportPublication

    row = ReportPublication.objects.get()
    assert row.report["cells"]["active.normative.issued"] == 1
    assert render_report_pdf.call(row.pk) == "done"
    assert c.get(f"/gk/agency/{world['a'].pk}/reports/2025.pdf").content[:5] == b"%PDF-"
    assert admin.post(f"/publish/table2/{world['a'].pk}/", {"year": "2026"}).status_code == 400  # not ended yet


def test_every_view_of_an_applicants_data_is_audited(world, today):
    from .conftest import register

    app = register(world["users"]["clerk"], world["a"], applicant_id="110101199001011234")
    c = Client()
    c.login(username="approver", password=PASSWORD)
    assert "110101199001011234" in c.get(f"/cases/{app.pk}/").content.decode()
    assert Entry.objects.filter(action="application.view", username="approver", object_id=str(app.pk)).count() == 1
    listing = c.get("/cases/search/", {"q": "张三"}).content.decode()
    assert "110101199001011234" not in listing  # lists never show the identity document


def test_search_pages_are_newest_first_whichever_plan_answers(world, portal_today, monkeypatch):
    """PostgreSQL searches the newest items first and falls back to the index (`search_page`):
    with a window of four items, every page of a common term (found in the window) and of a rare
    one (not) is exactly the page of the plain newest-first query."""
    from ogi.server.portal import selectors
    from ogi.server.publish.models import Public

    common = [publish(world, title=f"安全生产检查第{i}号通知") for i in range(9)]
    others = [publish(world, title=f"财政预算公开第{i}号") for i in range(9)]
    rare = publish(world, title="森林防火专项方案")
    # published on different days, not in creation order, matches and others interleaved: a window
    # of the newest items holds some matches but not always a page of them
    for n, it in enumerate(x for pair in zip(common, others, strict=True) for x in pair):
        Public.objects.filter(item=it).update(published=dt.date(2025, 1, 1) + dt.timedelta(days=(n * 7) % 18))
    Public.objects.filter(item=rare).update(published=dt.date(2020, 1, 1))  # older than everything
    monkeypatch.setattr(selectors, "NEWEST_WINDOW", 4)
    monkeypatch.setattr(selectors, "WINDOW_PER_ROW", 1)
    monkeypatch.setattr(selectors.token_shares, "estimate", lambda q, conn: None)  # no statistics: walk first
    if connection.vendor == "postgresql":  # both plans are taken
        assert selectors._newest_first("安全生产", None, 1, 2) is not None
        assert selectors._newest_first("森林防火", None, 1, 2) is None
    for q, agency in (("安全生产", None), ("安全生产", world["a"]), ("森林防火", None), ("检查 通知", None)):
        for size in (2, 3):
            for page in (1, 2, 3, 4, 5, 6):
                got = selectors.search_page(q, agency, page, size)
                want = selectors.page_of(selectors.search(q, agency), page, size)
                assert ([r.pk for r in got[0]], got[1]) == ([r.pk for r in want[0]], want[1]), (q, size, page)
    assert [r.item_id for r in selectors.search_page("森林防火", None, 1)[0]] == [rare.pk]


def test_region_pages_show_their_agencies_items_and_reports(world, portal_today):
    """By region (issue 14, item 5): a region's page lists its agencies and sub-regions, the newest
    items of every agency under it (not of other regions), its agencies' annual reports by year, and
    its search is limited to it."""
    from ogi.server.orgs.models import Membership
    from ogi.server.publish.models import ReportPublication

    county, city = world["county"], world["county"].parent
    u = world["users"]
    for user, role in (("clerk", Membership.CLERK), ("approver", Membership.APPROVER), ("secrecy", Membership.SECRECY)):
        Membership.objects.create(user=u[user], role=role, agency=world["c"])
    here = publish(world, title="青山县森林防火工作方案")
    there = publish(world, agency=world["c"], title="远山县森林防火工作方案")
    ReportPublication.objects.create(agency=world["a"], year=2025, published=dt.date(2026, 1, 20), report={},
                                     docx=b"")
    c = Client()
    page = c.get(f"/gk/region/{county.pk}/").content.decode()
    assert world["a"].name in page and world["b"].name in page and world["c"].name not in page
    assert here.title in page and there.title not in page
    assert "2025年度" in page and "本地区2个机关，已发布1个" in page
    assert f"/gk/agency/{world['a'].pk}/reports/2025/" in page
    whole = c.get(f"/gk/region/{city.pk}/").content.decode()
    assert here.title in whole and there.title in whole  # a city holds its counties' agencies
    assert f"/gk/region/{county.pk}/" in whole and world["a"].name not in whole.split("本级机关")[1].split("下级地区")[0]
    found = c.get("/gk/search/", {"q": "森林防火", "region": county.pk}).content.decode()
    assert here.title in found and there.title not in found
    assert there.title in c.get("/gk/search/", {"q": "森林防火", "region": city.pk}).content.decode()
    assert c.get("/gk/search/", {"q": "森林防火", "region": "9" * 30}).status_code == 404
    assert c.get("/gk/search/", {"q": "森林防火", "region": "x"}).status_code == 404
    assert c.get("/gk/region/999999/").status_code == 404
    assert f"/gk/region/{county.pk}/" in c.get(f"/gk/agency/{world['a'].pk}/").content.decode()
    assert f"/gk/region/{city.pk}/" in c.get("/gk/").content.decode()


def test_ratings_are_summarised_for_the_region_office(world, portal_today):
    """社会评议 feeds the 政务公开办: per agency of its region, how many ratings, the mean score and
    the share satisfied (基本满意 or better), items and applications apart; another region's office
    sees none of them."""
    from ogi.server.portal import services as portal

    item = publish(world, title="评价测试")
    app = cases.application_register(world["users"]["clerk"], world["a"], {
        "channel": "online", "submitted": dt.date(2026, 2, 10), "applicant_type": "natural", "applicant_name": "张三",
        "applicant_email": "z@example.invalid", "content": "某文件", "form": "either", "delivery": "email"}, TODAY)
    for score in (4, 1, 5):
        portal.rate(world["a"], score, "", item=item)
    portal.rate(world["a"], 2, "", application=app)
    [row] = portal.rating_summary_visible_to(world["users"]["office"])
    assert row == {"agency": world["a"].name, "items": 3, "items_mean": 3.33, "items_ok": 66.7,
                   "apps": 1, "apps_mean": 2.0, "apps_ok": 0.0}
    assert portal.rating_summary_visible_to(world["users"]["far"]) == []
    c = Client()
    c.login(username="office", password=PASSWORD)
    page = c.get("/complaints/").content.decode()
    assert "社会评议" in page and "66.7%" in page and "3.33" in page


def test_statistics_send_a_rare_query_to_the_index_with_the_same_results(world, portal_today, monkeypatch):
    """`token_shares` reads PostgreSQL's statistics of the bigrams: a query of two common words is
    estimated as the product of the words' shares, and a query expected to be rare skips the
    newest-first walk; the page found is the same either way."""
    from ogi.server.portal import selectors
    from ogi.server.publish.search import TokenShares

    for i in range(6):
        publish(world, title=f"安全生产检查第{i}号通知")
    publish(world, title="安全生产与森林防火联合检查")
    shares = TokenShares(max_age=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE publish_public")
        one = shares.estimate("安全生产", connection)
        two = shares.estimate("安全生产 森林防火", connection)
        assert one is not None and two is not None and 0 < two < one <= 1
    want = selectors.page_of(selectors.search("安全生产", None), 1, 2)
    monkeypatch.setattr(selectors.token_shares, "estimate", lambda q, conn: 1e-9)  # "rare": no walk
    assert selectors._newest_first("安全生产", None, 1, 2) is None
    got = selectors.search_page("安全生产", None, 1, 2)
    assert [r.pk for r in got[0]] == [r.pk for r in want[0]] and got[1] == want[1]
    monkeypatch.setattr(selectors.token_shares, "estimate", lambda q, conn: 1.0)  # "common": the walk answers
    if connection.vendor == "postgresql":
        assert selectors._newest_first("安全生产", None, 1, 2) is not None
    got = selectors.search_page("安全生产", None, 1, 2)
    assert [r.pk for r in got[0]] == [r.pk for r in want[0]] and got[1] == want[1]


def test_the_region_office_sets_its_time_to_answer_complaints(world, portal_today):
    """Art. 47 leaves the time to the 政务公开办: it sets it for its region (regions below without a
    rule of their own follow it); a new complaint is due that many working days after it came; the
    change is audited; another region's office cannot change it; absurd periods are refused."""
    from ogi.server.orgs.models import DEFAULT_COMPLAINT_DAYS
    from ogi.server.portal import services as portal

    county = world["county"]
    assert county.complaint_period() == DEFAULT_COMPLAINT_DAYS
    c = Client()
    c.login(username="office", password=PASSWORD)
    assert "投诉举报答复期限" in c.get("/complaints/").content.decode()
    assert c.post("/complaints/period/", {"region": county.pk, "complaint_days": "10"}).status_code == 302
    county.refresh_from_db()
    assert county.complaint_days == 10
    first, _code = portal.complaint_submit(world["a"], {"content": "未按期答复"}, TODAY)
    assert first.due == cases.calendar().add_working_days(TODAY, 10)
    assert Entry.objects.filter(action="region.complaint_days", username="office").exists()
    for bad in ("0", "61", "abc", ""):
        assert c.post("/complaints/period/", {"region": county.pk, "complaint_days": bad}).status_code == 400
    far = Client()
    far.login(username="far", password=PASSWORD)
    assert far.post("/complaints/period/", {"region": county.pk, "complaint_days": "30"}).status_code == 403
    county.refresh_from_db()
    assert county.complaint_days == 10
    city = county.parent
    city.complaint_days = 20
    city.save()
    county.complaint_days = None
    county.save()
    assert county.complaint_period() == 20  # no rule of its own: the region above decides
