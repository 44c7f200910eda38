"""The REST API: token authentication, the same services and rules, no 500 on any input
(schemathesis against the app's own OpenAPI document, bounded examples)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, settings

from ogi.server.wsgi import application

from .conftest import register


def call(method, url, token=None, body=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    c = Client()
    if method == "GET":
        return c.get(url, headers=headers)
    return c.post(url, body if isinstance(body, str) else json.dumps(body), content_type="application/json",
                  headers=headers)


def test_tokens(world, tokens):
    assert call("GET", "/api/v1/agencies").status_code == 401
    assert call("GET", "/api/v1/agencies", "ogi_not-a-token").status_code == 401
    resp = call("GET", "/api/v1/agencies", tokens["clerk"])
    assert resp.status_code == 200 and [a["name"] for a in resp.json()] == ["青山县应急管理局"]
    assert {a["name"] for a in call("GET", "/api/v1/agencies", tokens["office"]).json()} == {"青山县应急管理局", "青山县教育局"}


def test_register_and_record_through_the_api(world, tokens, today):
    body = {"agency_id": world["a"].pk, "channel": "online", "submitted": "2026-02-10", "applicant_type": "natural",
            "applicant_name": "李四", "content": "某文件"}
    resp = call("POST", "/api/v1/applications", tokens["clerk"], body)
    assert resp.status_code == 201 and resp.json()["due"] == "2026-03-16"
    app_id = resp.json()["id"]
    detail = call("GET", f"/api/v1/applications/{app_id}", tokens["secrecy"]).json()
    assert detail["deadline_steps"][0]["article"] == "第三十一条第（三）项"
    resp = call("POST", f"/api/v1/applications/{app_id}/events", tokens["clerk"],
                {"kind": "decided", "date": "2026-03-02", "category": "granted"})
    assert resp.status_code == 403  # a decision is the 审核人's (Art. 36)
    resp = call("POST", f"/api/v1/applications/{app_id}/events", tokens["approver"],
                {"kind": "fee_paid", "date": "2026-03-02"})
    assert resp.status_code == 400 and resp.json()["code"] == "ledger.E012"
    resp = call("POST", f"/api/v1/applications/{app_id}/events", tokens["approver"],
                {"kind": "decided", "date": "2026-03-02", "category": "granted"})
    assert resp.status_code == 201 and resp.json()["state"] == "decided"
    worklist = call("GET", "/api/v1/worklist", tokens["clerk"]).json()
    assert worklist == []


@pytest.mark.parametrize("body", [
    "{not json", "[]", "null", '{"agency_id": "x"}', '{"agency_id": 1e309}',
    '{"agency_id": 1, "channel": "pigeon", "submitted": "2026-02-10", "applicant_type": "natural", "applicant_name": "a", "content": "b"}',
    '{"agency_id": 1, "channel": "online", "submitted": "2026-02-30", "applicant_type": "natural", "applicant_name": "a", "content": "b"}',
    '{"agency_id": 99999999999999999999999, "channel": "online"}',
])
def test_malformed_input_is_4xx(world, tokens, today, body):
    resp = call("POST", "/api/v1/applications", tokens["clerk"], body)
    assert 400 <= resp.status_code < 500, resp.content


def test_nul_and_overlong_text(world, tokens, today):
    body = {"agency_id": world["a"].pk, "channel": "online", "submitted": "2026-02-10", "applicant_type": "natural",
            "applicant_name": "李\x00四", "applicant_phone": "1" * 50, "content": "某\x00文件"}
    resp = call("POST", "/api/v1/applications", tokens["clerk"], body)
    assert resp.status_code == 201 and resp.json()["applicant_name"] == "李四"
    assert call("GET", "/api/v1/applications?q=%00x", tokens["clerk"]).status_code == 200
    assert call("GET", "/api/v1/applications?q=" + "x" * 201, tokens["clerk"]).status_code == 422


def test_future_dates_refused(world, tokens, today):
    body = {"agency_id": world["a"].pk, "channel": "online", "submitted": "2026-04-01", "applicant_type": "natural",
            "applicant_name": "李四", "content": "某文件"}
    resp = call("POST", "/api/v1/applications", tokens["clerk"], body)
    assert resp.status_code == 400 and resp.json()["code"] == "ledger.E030"


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def api_token(world, tokens, today):
    """Schemathesis calls the WSGI application itself: keep Django from closing the test's
    database connection at each request (as its own test client does)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    register(world["users"]["clerk"], world["a"])
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield tokens["approver"]
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_500_on_any_input(case, api_token):
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {api_token}"}
    response = case.call()
    assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:300])


def test_the_registry_through_the_api(world, tokens, today):
    from .pubkit import draft

    item = draft(world["users"]["clerk"], world["a"])
    c = Client()
    auth = {"Authorization": f"Bearer {tokens['clerk']}"}
    assert c.get("/api/v1/items", headers=auth).json()[0]["index_no"] == item.index_no
    resp = c.post(f"/api/v1/items/{item.pk}/actions", {"action": "submit"}, content_type="application/json",
                  headers=auth)
    assert resp.status_code == 201 and resp.json()["state"] == "review1"
    resp = c.post(f"/api/v1/items/{item.pk}/actions", {"action": "pass"}, content_type="application/json", headers=auth)
    assert resp.status_code == 403 and resp.json()["code"] == "auth.E403"  # a 经办人 does not review
    approver = {"Authorization": f"Bearer {tokens['approver']}"}
    resp = c.post(f"/api/v1/items/{item.pk}/actions", {"action": "reject"}, content_type="application/json",
                  headers=approver)
    assert resp.status_code == 400 and resp.json()["code"] == "publish.E002"  # a rejection needs its reason
    detail = c.get(f"/api/v1/items/{item.pk}", headers=approver).json()
    assert [r["action"] for r in detail["reviews"]] == ["submit"]


def test_application_pages_follow_the_link_header(world, tokens):
    """Keyset paging: each page's Link header names the next one (cursor `after`), the pages
    together are the whole list once each, newest first; a bad cursor is a 400, never a 500."""
    from ogi.server.cases.models import Application

    for i in range(7):
        register(world["users"]["clerk"], world["a"], submitted=dt.date(2026, 2, 2 + i), content=f"第{i}件")
    url, seen = "/api/v1/applications?limit=3", []
    while url:
        resp = call("GET", url, tokens["clerk"])
        assert resp.status_code == 200
        seen += [a["id"] for a in resp.json()]
        link = resp.headers.get("Link", "")
        url = link[1:link.index(">")] if link else None
    want = list(Application.objects.filter(agency=world["a"]).order_by("-received", "-id").values_list("id", flat=True))
    assert seen == want and len(seen) == 7
    bad = call("GET", "/api/v1/applications?after=2026-99-01.5", tokens["clerk"])
    assert bad.status_code == 400 and bad.json()["code"] == "api.E400"
