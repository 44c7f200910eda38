"""The public column in Chinese by default and in English on request: every page a reader meets
says its interface in English once they follow the header's link (the data stay as entered), the
link cannot send anyone off the site, and the whole-page cache never hands one language's page to a
reader of the other."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils.html import escape

from ogi.server.cases import services as cases
from ogi.server.cases.models import APPLICANT_CHOICES, Application, Notice
from ogi.server.locale import read_po
from ogi.server.orgs.models import Agency, Region
from ogi.server.portal.models import Complaint
from ogi.server.publish import services as publishing
from ogi.server.publish.models import ART20, GENRES, TOPICS, Attachment, Category, Public

from .conftest import TODAY
from .pubkit import publish

# Chinese letters and CJK punctuation (，：（）“” and the like): on an English page only data may have them.
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")


def english() -> Client:
    c = Client()
    resp = c.get("/gk/language/", {"language": "en", "next": "/gk/"})
    assert resp.status_code == 302 and c.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    return c


@pytest.fixture
def column(world, today):
    """One of everything the column shows: a category, an item with an attachment, a validity and an
    interpretation, a published annual report, an online application answered, a complaint."""
    admin = world["users"]["admin"]
    a = world["a"]
    a.office_address, a.office_phone = "青山县人民路1号", "0471-1234567"
    a.save()
    cat = publishing.category_save(admin, a, {"name": "规范性文件", "code": "GF"})
    item = publish(world, title="青山县安全生产监督管理办法", category=cat, doc_kind="normative", genre="办法",
                   validity="in_force", effective=TODAY, art20="1", topic="市场监管、安全生产监管")
    publish(world, title="《青山县安全生产监督管理办法》解读", genre="政策解读", interprets=item)
    publishing.report_publish(admin, a, 2025, TODAY)
    c = Client()
    form = {"applicant_type": "natural", "applicant_name": "王小明", "applicant_id": "110101199001011234",
            "applicant_phone": "13800000000", "content": "2025年安全生产执法检查计划", "form": "electronic",
            "delivery": "online"}
    app_code = re.search(r'id="code">([A-Z0-9-]+)<', c.post(f"/gk/agency/{a.pk}/apply/", form).content.decode()).group(1)
    app = Application.objects.get()
    cases.application_record(world["users"]["approver"], app, "decided", TODAY, {"category": "granted"}, TODAY)
    html = c.post(f"/gk/agency/{a.pk}/complain/", {"kind": "complaint", "content": "申请逾期未答复"}).content.decode()
    complaint_code = re.search(r'id="code">([A-Z0-9-]+)<', html).group(1)
    return {"a": a.pk, "item": item.pk, "app_code": app_code, "complaint_code": complaint_code,
            "county": world["county"].pk}


def data_strings() -> set[str]:
    """Everything the fixtures entered (names, titles, bodies, numbers): allowed in Chinese anywhere."""
    out: set[str] = {"王**", "安全"}  # the masked applicant; the search term
    for r in Region.objects.all():
        out |= {r.name, r.full_name()}
    for ag in Agency.objects.all():
        out |= {ag.name, ag.office_name, ag.office_address}
    for p in Public.objects.all():
        out |= {p.title, p.body, p.doc_number, p.publisher, p.index_no}
    out |= set(Category.objects.values_list("name", flat=True))
    out |= set(Attachment.objects.values_list("name", flat=True))
    out |= set(Notice.objects.values_list("number", flat=True))
    for cp in Complaint.objects.all():
        out |= {cp.content, cp.answer}
    return {s for s in out if s}


def leftover_chinese(html: str, data: set[str]) -> list[str]:
    html = re.sub(r'<option value="[^"]*"', "<option", html)  # the stored value, not what the reader sees
    for s in sorted(data, key=len, reverse=True):
        html = html.replace(escape(s), " ").replace(s, " ")
    html = html.replace('lang="zh-CN" hreflang="zh-CN">中文</a>', "")  # the way back to Chinese
    return CJK.findall(html)


# Interface text of the column that an English reader must not meet any more.
GONE = ("政府信息公开指南", "法定主动公开内容", "依申请公开", "投诉举报", "索引号", "文号", "大字模式", "全文检索",
        "检索", "最新公开", "暂无", "在线申请", "申请查询", "提交申请", "成文日期", "发布日期", "主题分类", "社会评议",
        "跳到正文", "网站地图", "查询码", "国务院令第711号", "年度报告", "必填项", "办理状态", "第二十条")


def pages(col) -> dict[str, str]:
    a = col["a"]
    return {"index": "/gk/", "region": f"/gk/region/{col['county']}/", "agency": f"/gk/agency/{a}/",
            "guide": f"/gk/agency/{a}/guide/", "system": f"/gk/agency/{a}/system/",
            "catalogue": f"/gk/agency/{a}/items/", "reports": f"/gk/agency/{a}/reports/",
            "item": f"/gk/item/{col['item']}/", "search": "/gk/search/?q=安全", "empty search": "/gk/search/",
            "apply": f"/gk/agency/{a}/apply/", "complain": f"/gk/agency/{a}/complain/", "lookup": "/gk/query/",
            "complaint lookup": "/gk/complaint/"}


def test_every_page_reads_in_english_on_request(column):
    c = english()
    data = data_strings()
    seen = {}
    for name, url in pages(column).items():
        resp = c.get(url)
        html = resp.content.decode()
        assert resp.status_code == 200 and 'lang="en"' in html and resp["Content-Language"] == "en", name
        assert leftover_chinese(html, data) == [], name
        assert [s for s in GONE if s in html] == [], name
        seen[name] = html
    for words in ("Guide to Government Information Disclosure", "Information Disclosed Proactively by Law",
                  "Disclosure on Request", "Complaints and Reports", "Large text", "Full-text search",
                  'hreflang="zh-CN">中文</a>'):
        assert words in seen["agency"], words
    assert "Latest Disclosures" in seen["index"] and "Annual Report for 2025" in seen["agency"]
    item = seen["item"]
    for words in ("Index No.", "Document No.", "Date written", "Public Ratings", "In force", "Measures",
                  "Market regulation and work safety", "(1) Administrative regulations, rules and normative documents",
                  "Interpretation", "Very satisfied"):
        assert words in item, words
    assert "11 March 2026" in item and "2026年3月11日" not in item  # the date of publication
    guide = seen["guide"]
    for words in ("Article 12 of the Regulations", "Article 51 of the Regulations", "Office address", "青山县人民路1号",
                  "(15) Other government information"):
        assert words in guide, words
    assert "Search within 青山县" in seen["region"]
    assert "Full-text search: <q" in seen["search"] and "青山县安全生产监督管理办法" in seen["search"]
    assert "Please enter a keyword" in seen["empty search"]
    for words in ("Application for Government Information Disclosure", "Kind of applicant", "Natural person",
                  "Name of the person or organisation", "Form in which the information is required",
                  "Submit application"):
        assert words in seen["apply"], words
    assert "Articles 47 and 51" in seen["complain"] and "Suggestion" in seen["complain"]
    assert "Details of the complaint or report" in seen["complain"]


def test_answers_to_what_the_reader_submits_are_in_english(column):
    c = english()
    data = data_strings()
    a = column["a"]
    resp = c.post(f"/gk/agency/{a}/apply/", {"applicant_type": "natural", "applicant_name": "甲"})
    html = resp.content.decode()
    assert resp.status_code == 400 and "This field is required." in html and "这个字段是必填项" not in html
    assert leftover_chinese(html, data | {"甲"}) == []
    good = {"applicant_type": "commercial", "applicant_name": "某某有限公司", "applicant_id": "1", "applicant_phone": "1",
            "content": "某文件", "form": "either", "delivery": "online"}
    html = c.post(f"/gk/agency/{a}/apply/", good).content.decode()
    assert "has received your application" in html and "Application Status" in html
    assert re.search(r"on \d{1,2} [A-Z][a-z]+ 2026 \(Article 31", html), html
    assert leftover_chinese(html, data_strings()) == []
    status = c.post("/gk/query/", {"code": column["app_code"]}).content.decode()
    assert "Decided" in status and "Notices to download" in status and "Your rating of this reply" in status
    assert leftover_chinese(status, data_strings()) == []
    assert "The query code is not correct" in c.post("/gk/query/", {"code": "WRONG"}).content.decode()
    html = c.post(f"/gk/agency/{a}/complain/", {"kind": "report", "content": "未公开办事指南"}).content.decode()
    assert "Report received" in html and "Complaint and Report Status" in html
    assert leftover_chinese(html, data_strings()) == []
    html = c.post(f"/gk/agency/{a}/complain/", {"kind": "report", "content": " "}).content.decode()
    assert "This field is required." in html
    answer = c.post("/gk/complaint/", {"code": column["complaint_code"]}).content.decode()
    assert "Agency complained about" in answer and leftover_chinese(answer, data_strings()) == []
    resp = c.post(f"/gk/item/{column['item']}/rate/", {"score": "9"})
    assert resp.status_code == 400 and "Please choose a rating" in resp.content.decode()
    resp = c.post(f"/gk/item/{column['item']}/rate/", {"score": "5"})
    assert "Thank you for your rating" in resp.content.decode() and leftover_chinese(resp.content.decode(), data) == []
    report = c.get(f"/gk/agency/{a}/reports/2025/").content.decode()
    assert "Download: " in report and "Annual Report for 2025" in report  # the report itself is the official layout


def test_chinese_by_default_whatever_the_browser_asks(column):
    c = Client()
    for name, url in pages(column).items():
        resp = c.get(url, headers={"Accept-Language": "en-US,en;q=0.9"})
        html = resp.content.decode()
        assert 'lang="zh-CN"' in html and 'hreflang="en">English</a>' in html, name
        assert "Guide to Government Information Disclosure" not in html and "Full-text search" not in html, name
    agency = c.get(f"/gk/agency/{column['a']}/").content.decode()
    for words in ("政府信息公开指南", "法定主动公开内容", "依申请公开", "投诉举报", "大字模式", "2025年度报告"):
        assert words in agency, words
    item = c.get(f"/gk/item/{column['item']}/").content.decode()
    assert "2026年3月11日" in item and "市场监管、安全生产监管" in item and "现行有效" in item
    # back to Chinese by the same link
    en = english()
    resp = en.get("/gk/language/", {"language": "zh-hans", "next": "/gk/"})
    assert resp["Location"] == "/gk/" and 'lang="zh-CN"' in en.get("/gk/").content.decode()


@pytest.mark.parametrize("nxt", ["//evil.example/", "https://evil.example/gk/", "http://testserver@evil.example/",
                                 "/\\evil.example/", "javascript:alert(1)", " //evil.example/", ""])
def test_the_switch_never_leaves_the_site(db, nxt):
    resp = Client().get("/gk/language/", {"language": "en", "next": nxt})
    assert resp.status_code == 302 and resp["Location"] == "/gk/"


def test_the_switch_returns_to_the_page_and_knows_only_its_languages(column):
    c = Client()
    back = f"/gk/item/{column['item']}/?x=1"
    resp = c.get("/gk/language/", {"language": "en", "next": back})
    assert resp["Location"] == back and c.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    c = Client()
    resp = c.get("/gk/language/", {"language": "xx", "next": "/gk/"})
    assert resp["Location"] == "/gk/" and settings.LANGUAGE_COOKIE_NAME not in resp.cookies
    assert c.post("/gk/language/", {"language": "en"}).status_code == 405  # a link, never a form
    page = english().get(f"/gk/item/{column['item']}/").content.decode()
    assert f'/gk/language/?language=zh-hans&amp;next=/gk/item/{column["item"]}/' in page
    assert "csrfmiddlewaretoken" not in page  # the item page is cached for everyone


def test_the_cache_keeps_the_languages_apart(column):
    url = f"/gk/agency/{column['a']}/"
    zh, en = Client(), english()
    first = zh.get(url)
    assert first["X-Cache"] == "miss" and 'lang="zh-CN"' in first.content.decode()
    other = en.get(url)
    assert other["X-Cache"] == "miss" and 'lang="en"' in other.content.decode()  # not the Chinese page
    assert other["ETag"] != first["ETag"] and "Cookie" in other["Vary"]
    for client, lang in ((zh, "zh-CN"), (en, "en"), (zh, "zh-CN"), (en, "en")):
        again = client.get(url)
        assert again["X-Cache"] == "hit" and f'lang="{lang}"' in again.content.decode(), lang
    # a reader of one language revalidating with the other's ETag gets the page, not a 304
    assert en.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 200
    assert zh.get(url, headers={"If-None-Match": other["ETag"]}).status_code == 200
    assert zh.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304


def test_words_kept_outside_the_scanned_code_have_english_entries():
    """The Art. 20 items, the subject classes, the kinds of document, the applicant kinds and the
    validity words reach the catalog through variables (`portal.views._translated`, `{% translate
    p.topic %}`), which the scan of test_i18n cannot see."""
    from ogi.ledger.publication import VALIDITY_WORDS

    catalog = read_po()
    words = [label for _v, label in ART20 + TOPICS + GENRES + APPLICANT_CHOICES] + list(VALIDITY_WORDS.values())
    assert [w for w in words if not catalog.get(w)] == []


def test_entries_keep_their_placeholders_and_markup():
    """A translation has the same %(name)s placeholders and the same tags as its source, so a
    blocktranslate with a link or an id (the receipt's code) renders in English as in Chinese."""
    marks = re.compile(r"%\(\w+\)s|<[^>]+>")
    bad = [k for k, v in read_po().items() if k and v and sorted(marks.findall(k)) != sorted(marks.findall(v))]
    assert bad == []
