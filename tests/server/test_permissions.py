"""The permission matrix: every page and API endpoint × every role → allowed (Y) or refused (-).

Roles (see conftest.build_world): anon; clerk 经办人, approver 审核人, secrecy 保密审查员 and admin
机关管理员 of agency A; office 政务公开办 of A's county (which also holds agency B); sysadmin
系统管理员; other 经办人 of agency B; far 政务公开办 of another county. The targets belong to A.

Allowed: the request reached the page or the service (2xx, a redirect that is not to the login
page, or 400 for data the service refused). Refused: 401, 403, 404 (not visible), or the login
redirect. `test_no_url_escapes_the_matrix` fails when a URL exists that this table omits.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from ogi.server.cases import services

from .conftest import PASSWORD, TODAY, register
from .pubkit import draft, through_reviews

COLS = ("anon", "clerk", "approver", "secrecy", "admin", "office", "sysadmin", "other", "far")
# name, method, path template, POST data, and the row of the matrix in COLS order.
PAGES = [
    ("home", "GET", "/", None,                                             "Y Y Y Y Y Y Y Y Y"),
    ("login", "GET", "/login/", None,                                      "Y Y Y Y Y Y Y Y Y"),
    ("logout", "POST", "/logout/", {},                                     "Y Y Y Y Y Y Y Y Y"),
    ("set_language", "POST", "/i18n/setlang/", {"language": "en"},          "Y Y Y Y Y Y Y Y Y"),
    ("cases:worklist", "GET", "/cases/", None,                             "- Y Y Y Y Y Y Y Y"),
    ("cases:search", "GET", "/cases/search/?q=x", None,                    "- Y Y Y Y Y Y Y Y"),
    ("cases:register", "GET", "/cases/new/", None,                         "- Y Y - - - - Y -"),
    ("cases:detail", "GET", "/cases/{app}/", None,                         "- Y Y Y Y Y Y - -"),
    ("cases:step/get", "GET", "/cases/{app}/step/correction_sent/", None,  "- Y Y - - - - - -"),
    ("cases:step/get-decided", "GET", "/cases/{app}/step/decided/", None,  "- - Y - - - - - -"),
    ("cases:step", "POST", "/cases/{app}/step/correction_sent/",
     {"correction_sent-date": "2026-02-11", "correction_sent-items": "写明文号"},  "- Y Y - - - - - -"),
    ("cases:step/extended", "POST", "/cases/{app}/step/extended/",
     {"extended-date": "2026-02-12", "extended-days": "5", "extended-reason": "复杂"}, "- - Y - - - - - -"),
    ("cases:step/decided", "POST", "/cases/{app}/step/decided/",
     {"decided-date": "2026-02-12", "decided-category": "granted"},       "- - Y - - - - - -"),
    ("cases:notice", "GET", "/cases/{app}/notice/{notice}.docx", None,     "- Y Y Y Y Y Y - -"),
    ("cases:notice_email", "POST", "/cases/{app}/notice/{notice}/email/", {}, "- Y Y - - - - - -"),
    ("cases:appeal_add", "POST", "/cases/{app}/appeal/", {"kind": "review", "filed": "2026-03-01"},
                                                                           "- Y Y - - - - - -"),
    ("cases:appeal_conclude", "POST", "/cases/{app}/appeal/{appeal}/conclude/",
     {"outcome": "upheld", "concluded": "2026-03-10"},                    "- Y Y - - - - - -"),
    ("cases:export", "GET", "/cases/export.csv", None,                     "- Y Y Y Y Y Y Y Y"),
    ("cases:export/xlsx", "GET", "/cases/export.xlsx", None,               "- Y Y Y Y Y Y Y Y"),
    ("cases:ledger_json", "GET", "/cases/ledger/{agency}.json", None,      "- Y Y Y Y Y Y - -"),
    ("cases:table3", "GET", "/cases/table3/{agency}/?year=2026", None,    "- Y Y Y Y Y Y - -"),
    ("cases:holidays", "GET", "/cases/calendar/", None,                   "- - - - - - Y - -"),
    ("cases:import_ledger", "GET", "/cases/import/ledger/", None,          "- Y Y - Y - - Y -"),
    ("cases:import_sheet", "GET", "/cases/import/sheet/", None,            "- Y Y - Y - - Y -"),
    ("orgs:agencies", "GET", "/agencies/", None,                           "- Y Y Y Y Y Y Y Y"),
    ("orgs:agency", "GET", "/agencies/{agency}/", None,                    "- Y Y Y Y Y Y - -"),
    ("orgs:agency/edit", "POST", "/agencies/{agency}/", {"form": "office", "doc_prefix": "青应急依申",
                                                         "office_name": "新名称"}, "- - - - Y - Y - -"),
    ("orgs:agency/member", "POST", "/agencies/{agency}/", {"form": "member", "username": "newbie", "role": "clerk",
                                                           "password": "long-enough-1"}, "- - - - Y - Y - -"),
    ("orgs:agency_edit", "GET", "/agencies/{agency}/edit/", None,           "- - - - - - Y - -"),
    ("orgs:agency_edit/post", "POST", "/agencies/{agency}/edit/", {"region": "{county}", "name": "青山县应急管理局",
                                                                   "kind": "department", "doc_prefix": "青应急"},
                                                                           "- - - - - - Y - -"),
    ("orgs:agency_delete", "POST", "/agencies/{agency}/delete/", {},       "- - - - - - Y - -"),  # refused: 409
    ("orgs:people", "GET", "/agencies/people/", None,                      "- Y Y Y Y Y Y Y Y"),
    ("orgs:password_reset", "GET", "/agencies/people/{clerk}/password/", None, "- - - - Y - Y - -"),
    ("orgs:password_reset/post", "POST", "/agencies/people/{clerk}/password/",
     {"new": "brand-new-pass-1", "again": "brand-new-pass-1"},            "- - - - Y - Y - -"),
    ("password_change", "GET", "/account/password/", None,                 "- Y Y Y Y Y Y Y Y"),
    ("password_change/post", "POST", "/account/password/",
     {"old": PASSWORD, "new": "brand-new-pass-1", "again": "brand-new-pass-1"}, "- Y Y Y Y Y Y Y Y"),
    ("orgs:setup", "GET", "/agencies/setup/", None,                       "- - - - - - Y - -"),
    ("orgs:setup/agency", "POST", "/agencies/setup/", {"form": "agency", "a-region": "{county}", "a-name": "新局",
                                                       "a-kind": "department", "a-doc_prefix": "新"}, "- - - - - - Y - -"),
    ("orgs:tokens", "GET", "/agencies/tokens/", None,                      "- Y Y Y Y Y Y Y Y"),
    ("audit:entries", "GET", "/audit/", None,                              "- - - - Y Y Y - Y"),
    ("audit:export", "GET", "/audit/export.csv", None,                     "- - - - Y Y Y - Y"),
    # 主动公开 desk (ogi/server/publish); {item} is a draft of A, {sitem} awaits 保密审查, {pitem} is public
    ("publish:desk", "GET", "/publish/", None,                             "- Y Y Y Y Y Y Y Y"),
    ("publish:items", "GET", "/publish/items/?q=x", None,                  "- Y Y Y Y Y Y Y Y"),
    ("publish:create", "GET", "/publish/new/", None,                       "- Y Y - - - - Y -"),
    ("publish:create/post", "POST", "/publish/new/", {"agency": "{agency}", "title": "新信息", "publisher": "某局",
     "written": "2026-03-02", "art20": "1", "topic": "综合政务", "genre": "通知", "openness": "active",
     "doc_kind": "other", "body": "正文"},                                 "- Y Y - - - - Y -"),  # other: 400, not its agency
    ("publish:detail", "GET", "/publish/{item}/", None,                    "- Y Y Y Y Y Y - -"),
    ("publish:edit", "GET", "/publish/{item}/edit/", None,                 "- Y Y - - - - - -"),
    ("publish:act", "POST", "/publish/{item}/act/", {"action": "submit"}, "- Y Y - - - - - -"),
    ("publish:act/secrecy", "POST", "/publish/{sitem}/act/", {"action": "pass", "opinion": "不涉密"},
                                                                           "- - - Y - - - - -"),
    ("publish:act/withdraw", "POST", "/publish/{pitem}/act/", {"action": "withdraw", "opinion": "已失效"},
                                                                           "- - Y - - - - - -"),
    ("publish:attach", "POST", "/publish/{item}/attach/", "FILE",          "- Y Y - - - - - -"),
    ("publish:attachment", "GET", "/publish/{item}/file/{att}/", None,     "- Y Y Y Y Y Y - -"),
    ("publish:attachment_remove", "POST", "/publish/{item}/file/{att}/remove/", {}, "- Y Y - - - - - -"),
    ("publish:settings", "GET", "/publish/settings/{agency}/", None,       "- - - - Y - Y - -"),
    ("publish:settings/post", "POST", "/publish/settings/{agency}/", {"form": "category", "name": "规划", "code": "GH"},
                                                                           "- - - - Y - Y - -"),
    ("publish:tallies", "GET", "/publish/tallies/{agency}/", None,         "- Y Y Y Y Y Y - -"),
    ("publish:tallies/post", "POST", "/publish/tallies/{agency}/", {"form": "tally", "year": "2025",
     "kind": "licensing", "decisions": "3"},                               "- Y Y - Y - - - -"),
    ("publish:table2", "GET", "/publish/table2/{agency}/?year=2025", None, "- Y Y Y Y Y Y - -"),
    ("publish:table2/post", "POST", "/publish/table2/{agency}/", {"year": "2025"}, "- - Y - Y - - - -"),
    ("publish:report_file", "GET", "/publish/report/{agency}/2025.json", None, "- Y Y Y Y Y Y - -"),
    # the 政务公开办's complaints desk: {complaint} is about agency A (in office's county)
    ("complaints:list", "GET", "/complaints/", None,                       "- - - - - Y Y - Y"),
    ("complaints:detail", "GET", "/complaints/{complaint}/", None,         "- - - - - Y Y - -"),
    ("complaints:period", "POST", "/complaints/period/", {"region": "{county}", "complaint_days": "10"},
                                                                           "- - - - - Y Y - -"),
    ("complaints:detail/post", "POST", "/complaints/{complaint}/", {"answer": "已处理"}, "- - - - - Y Y - -"),
    # the public column (/gk/): open to everyone, without login
    ("portal:index", "GET", "/gk/", None,                                  "Y Y Y Y Y Y Y Y Y"),
    ("portal:textsize", "GET", "/gk/textsize/?large=1&next=/gk/", None,    "Y Y Y Y Y Y Y Y Y"),
    ("portal:language", "GET", "/gk/language/?language=en&next=/gk/", None, "Y Y Y Y Y Y Y Y Y"),
    ("portal:search", "GET", "/gk/search/?q=安全", None,                   "Y Y Y Y Y Y Y Y Y"),
    ("portal:feed", "GET", "/gk/feed.atom", None,                          "Y Y Y Y Y Y Y Y Y"),
    ("portal:sitemap", "GET", "/gk/sitemap.xml", None,                     "Y Y Y Y Y Y Y Y Y"),
    ("portal:sitemap_part", "GET", "/gk/sitemap/1.xml", None,              "Y Y Y Y Y Y Y Y Y"),
    ("portal:region", "GET", "/gk/region/{county}/", None,                 "Y Y Y Y Y Y Y Y Y"),
    ("portal:agency", "GET", "/gk/agency/{agency}/", None,                 "Y Y Y Y Y Y Y Y Y"),
    ("portal:guide", "GET", "/gk/agency/{agency}/guide/", None,            "Y Y Y Y Y Y Y Y Y"),
    ("portal:system", "GET", "/gk/agency/{agency}/system/", None,          "Y Y Y Y Y Y Y Y Y"),
    ("portal:catalogue", "GET", "/gk/agency/{agency}/items/", None,        "Y Y Y Y Y Y Y Y Y"),
    ("portal:reports", "GET", "/gk/agency/{agency}/reports/", None,        "Y Y Y Y Y Y Y Y Y"),
    ("portal:report", "GET", "/gk/agency/{agency}/reports/2025/", None,    "Y Y Y Y Y Y Y Y Y"),
    ("portal:report_file", "GET", "/gk/agency/{agency}/reports/2025.docx", None, "Y Y Y Y Y Y Y Y Y"),
    ("portal:apply", "GET", "/gk/agency/{agency}/apply/", None,            "Y Y Y Y Y Y Y Y Y"),
    ("portal:apply/post", "POST", "/gk/agency/{agency}/apply/", {"applicant_type": "natural", "applicant_name": "甲",
     "applicant_id": "1", "applicant_phone": "1", "content": "某文件", "form": "either", "delivery": "online"},
                                                                           "Y Y Y Y Y Y Y Y Y"),
    ("portal:complain", "POST", "/gk/agency/{agency}/complain/", {"kind": "complaint", "content": "未答复"},
                                                                           "Y Y Y Y Y Y Y Y Y"),
    ("portal:item", "GET", "/gk/item/{pitem}/", None,                      "Y Y Y Y Y Y Y Y Y"),
    ("portal:item/draft", "GET", "/gk/item/{item}/", None,                 "- - - - - - - - -"),
    ("portal:item_file", "GET", "/gk/item/{pitem}/file/{patt}/", None,     "Y Y Y Y Y Y Y Y Y"),
    ("portal:item_file/draft", "GET", "/gk/item/{item}/file/{att}/", None, "- - - - - - - - -"),
    ("portal:item_rate", "POST", "/gk/item/{pitem}/rate/", {"score": "5"}, "Y Y Y Y Y Y Y Y Y"),
    ("portal:lookup", "GET", "/gk/query/", None,                           "Y Y Y Y Y Y Y Y Y"),
    # an application's notices and rating open only with its query code (never by a role)
    ("portal:lookup_notice", "GET", "/gk/query/{app}/notice/{notice}.docx", None, "- - - - - - - - -"),
    ("portal:lookup_rate", "POST", "/gk/query/{closed}/rate/", {"score": "5"}, "- - - - - - - - -"),
    ("portal:complaint_lookup", "GET", "/gk/complaint/", None,             "Y Y Y Y Y Y Y Y Y"),
]
API = [
    ("api:api-root", "GET", "/api/v1/", None,                              None),
    ("api:openapi-json", "GET", "/api/v1/openapi.json", None,              "Y Y Y Y Y Y Y Y Y"),
    ("api:openapi-view", "GET", "/api/v1/docs", None,                      "Y Y Y Y Y Y Y Y Y"),
    ("api:list_agencies", "GET", "/api/v1/agencies", None,                 "- Y Y Y Y Y Y Y Y"),
    ("api:list_applications", "GET", "/api/v1/applications", None,         "- Y Y Y Y Y Y Y Y"),
    ("api:get_application", "GET", "/api/v1/applications/{app}", None,     "- Y Y Y Y Y Y - -"),
    ("api:get_worklist", "GET", "/api/v1/worklist", None,                  "- Y Y Y Y Y Y Y Y"),
    ("api:register", "POST", "/api/v1/applications",
     {"agency_id": "{agency}", "channel": "online", "submitted": "2026-03-02", "applicant_type": "natural",
      "applicant_name": "李四", "content": "某文件"},                      "- Y Y - - - - - -"),
    ("api:record", "POST", "/api/v1/applications/{app}/events",
     {"kind": "correction_sent", "date": "2026-02-11", "items": "写明文号"}, "- Y Y - - - - - -"),
    ("api:list_items", "GET", "/api/v1/items", None,                       "- Y Y Y Y Y Y Y Y"),
    ("api:get_item", "GET", "/api/v1/items/{item}", None,                  "- Y Y Y Y Y Y - -"),
    ("api:item_act", "POST", "/api/v1/items/{item}/actions", {"action": "submit"}, "- Y Y - - - - - -"),
]
MATRIX = [row for row in PAGES + API if row[4] is not None]


@pytest.fixture
def scene(world, today):
    clerk = world["users"]["clerk"]
    app = register(clerk, world["a"])
    closed = register(clerk, world["a"], submitted=dt.date(2026, 1, 5))
    services.application_record(world["users"]["approver"], closed, "decided", dt.date(2026, 1, 20),
                                {"category": "granted"}, TODAY)
    appeal = services.appeal_record(clerk, closed, "review", dt.date(2026, 2, 1), TODAY)
    return {"app": app.pk, "notice": app.notices.first().pk, "agency": world["a"].pk, "closed": closed.pk,
            "appeal": appeal.pk, "county": world["county"].pk, "clerk": world["users"]["clerk"].pk}


def publish_scene(world) -> dict:
    from ogi.server.portal.services import complaint_submit
    from ogi.server.publish import services as publishing

    clerk, a = world["users"]["clerk"], world["a"]
    item = draft(clerk, a, title="草稿")
    att = publishing.attachment_add(clerk, item, "草稿附件.pdf", b"%PDF-1.4 draft")
    sitem = draft(clerk, a, title="待保密审查")
    publishing.item_act(clerk, sitem, "submit", "", TODAY)
    for _ in range(3):
        sitem.refresh_from_db()
        publishing.item_act(world["users"]["approver"], sitem, "pass", "", TODAY)
    pitem = draft(clerk, a, title="已公开")
    patt = publishing.attachment_add(clerk, pitem, "公开附件.pdf", b"%PDF-1.4 public")
    through_reviews(world, pitem)
    complaint, _code = complaint_submit(a, {"content": "未按期答复"}, TODAY)
    publishing.report_publish(world["users"]["admin"], a, 2025, TODAY)
    return {"item": item.pk, "att": att.pk, "sitem": sitem.pk, "pitem": pitem.pk, "patt": patt.pk,
            "complaint": complaint.pk}


def _fill(text: str, ids: dict, name: str) -> str:
    if name.startswith("cases:appeal"):
        ids = {**ids, "app": ids["closed"]}
    return text.format(**ids)


PUBLIC = {"login", "logout", "set_language"}  # leaving for the login page is their job


def _allowed(resp, name: str = "") -> bool:
    if resp.status_code in (401, 403, 404):
        return False
    if resp.status_code == 302:
        return name in PUBLIC or "/login/" not in resp["Location"]
    assert resp.status_code in (200, 201, 400, 409, 422, 429), (resp.status_code, resp.content[:300])
    return True


@pytest.mark.parametrize("role", COLS)
@pytest.mark.parametrize("name,method,path,data,row", MATRIX, ids=[r[0] for r in MATRIX])
def test_matrix(scene, world, tokens, role, name, method, path, data, row):
    expected = row.split()[COLS.index(role)] == "Y"
    if name.split(":")[0] in ("publish", "complaints", "portal") or "item" in name:
        scene = {**scene, **publish_scene(world)}
    url = _fill(path, scene, name)
    if name.startswith("api:"):
        client = Client()
        headers = {} if role == "anon" else {"Authorization": f"Bearer {tokens[role]}"}
        if method == "GET":
            resp = client.get(url, headers=headers)
        else:
            body = {k: (int(_fill(v, scene, name)) if v == "{agency}" else v) for k, v in data.items()}
            resp = client.post(url, body, content_type="application/json", headers=headers)
    else:
        client = Client()
        if role != "anon":
            assert client.login(username=role, password=PASSWORD)
        if method == "GET":
            resp = client.get(url)
        elif data == "FILE":
            from django.core.files.uploadedfile import SimpleUploadedFile

            resp = client.post(url, {"file": SimpleUploadedFile("附件.pdf", b"%PDF-1.4 x", "application/pdf")})
        else:
            resp = client.post(url, {k: _fill(v, scene, name) for k, v in data.items()})
    assert _allowed(resp, name) == expected, f"{name} as {role}: HTTP {resp.status_code}"


def test_scopes_limit_what_an_allowed_page_shows(scene, world):
    """far (another county's 政务公开办) may open the audit log and the 台账 but sees none of A's rows."""
    client = Client()
    client.login(username="far", password=PASSWORD)
    assert "青山县应急管理局" not in client.get("/audit/export.csv").content.decode("utf-8-sig")
    assert client.get("/cases/export.csv").content.decode("utf-8-sig").count("\n") == 1
    client.login(username="office", password=PASSWORD)
    assert client.get("/cases/export.csv").content.decode("utf-8-sig").count("\n") == 3


def _names(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{prefix}{p.name}"
        elif isinstance(p, URLPattern):
            yield f"{prefix}<unnamed {p.pattern}>"


def test_no_url_escapes_the_matrix():
    known = {r[0].split("/")[0] for r in PAGES + API}
    found = set(_names(get_resolver().url_patterns))
    assert found - known == set(), "URLs missing from the permission matrix"
    assert known - found == set(), "the matrix names URLs that do not exist"
