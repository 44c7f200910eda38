"""Passwords (one's own change, an administrator's reset), the lockout per user name, and the
agencies themselves edited and deleted by the 系统管理员 — each audited, each refusal in Chinese."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client

from ogi.server.audit.models import Entry
from ogi.server.orgs.models import Agency, LoginFailure, Membership
from ogi.server.orgs.services import may_reset_password

from .conftest import PASSWORD, register

NEW = "brand-new-pass-1"


def login(name: str, password: str = PASSWORD) -> Client:
    c = Client()
    assert c.login(username=name, password=password)
    return c


def test_own_password_change(world):
    c = login("clerk")
    resp = c.post("/account/password/", {"old": "wrong", "new": NEW, "again": NEW})
    assert resp.status_code == 400 and "原密码不正确" in resp.content.decode()
    resp = c.post("/account/password/", {"old": PASSWORD, "new": NEW, "again": NEW + "x"})
    assert resp.status_code == 400 and "两次输入的新密码不一致" in resp.content.decode()
    resp = c.post("/account/password/", {"old": PASSWORD, "new": "short", "again": "short"})
    assert resp.status_code == 400
    resp = c.post("/account/password/", {"old": PASSWORD, "new": NEW, "again": NEW})
    assert resp.status_code == 302
    assert c.get("/cases/").status_code == 200  # the session survives its own password change
    assert not Client().login(username="clerk", password=PASSWORD)
    assert Client().login(username="clerk", password=NEW)
    entry = Entry.objects.get(action="user.password_change")
    assert entry.username == "clerk" and PASSWORD not in str(entry.after) and NEW not in str(entry.after)


def test_admin_resets_a_password_and_lifts_the_lockout(world):
    for _ in range(5):
        Client().post("/login/", {"username": "clerk", "password": "wrong"})
    assert Client().post("/login/", {"username": "clerk", "password": PASSWORD}).status_code == 429
    clerk = world["users"]["clerk"]
    c = login("admin")
    assert c.get(f"/agencies/people/{clerk.pk}/password/").status_code == 200
    resp = c.post(f"/agencies/people/{clerk.pk}/password/", {"new": NEW, "again": NEW})
    assert resp.status_code == 302
    assert not LoginFailure.objects.filter(username="clerk").exists()
    assert Client().post("/login/", {"username": "clerk", "password": NEW}).status_code == 302
    entry = Entry.objects.get(action="user.password_reset")
    assert entry.username == "admin" and entry.object_id == str(clerk.pk)


def test_who_may_reset_whose_password(world):
    u = world["users"]
    admin, sysadmin = u["admin"], u["sysadmin"]
    assert may_reset_password(admin, u["clerk"]) and may_reset_password(admin, u["approver"])
    assert not may_reset_password(admin, admin)  # one's own: the change with the old password
    assert not may_reset_password(admin, u["office"]) and not may_reset_password(admin, sysadmin)
    assert not may_reset_password(admin, u["other"])  # another agency's
    assert not may_reset_password(u["clerk"], u["approver"])  # no 机关管理员
    assert may_reset_password(sysadmin, u["office"]) and may_reset_password(sysadmin, u["admin"])
    # someone who also works for another agency is beyond agency A's administrator
    Membership.objects.create(user=u["approver"], role=Membership.CLERK, agency=world["b"])
    assert not may_reset_password(admin, u["approver"])
    c = login("admin")
    assert c.post(f"/agencies/people/{u['approver'].pk}/password/", {"new": NEW, "again": NEW}).status_code == 403
    assert c.post(f"/agencies/people/{sysadmin.pk}/password/", {"new": NEW, "again": NEW}).status_code == 404
    assert Client().login(username="approver", password=PASSWORD)  # unchanged


def test_reset_refuses_a_weak_password_with_a_400(world):
    c = login("sysadmin")
    resp = c.post(f"/agencies/people/{world['users']['clerk'].pk}/password/", {"new": "1234", "again": "1234"})
    assert resp.status_code == 400
    assert c.post("/agencies/people/999999/password/", {"new": NEW, "again": NEW}).status_code == 404


def test_lockout_is_per_user_name_whatever_the_address(world):
    for i in range(5):
        c = Client(REMOTE_ADDR=f"10.0.0.{i}")
        assert c.post("/login/", {"username": "clerk", "password": "wrong"}).status_code == 400
    resp = Client(REMOTE_ADDR="10.9.9.9").post("/login/", {"username": "clerk", "password": PASSWORD})
    text = resp.content.decode()
    assert resp.status_code == 429 and "已锁定 15 分钟" in text and "连续登录失败 5 次" in text
    assert Client(REMOTE_ADDR="10.0.0.1").post("/login/", {"username": "approver", "password": PASSWORD}).status_code == 302


def test_agency_edit_by_the_sysadmin(world):
    a = world["a"]
    c = login("sysadmin")
    resp = c.post(f"/agencies/{a.pk}/edit/", {"region": world["county"].pk, "name": "青山县应急管理局（新）",
                                               "kind": "government", "doc_prefix": "青应急"})
    assert resp.status_code == 302
    a.refresh_from_db()
    assert (a.name, a.kind, a.doc_prefix) == ("青山县应急管理局（新）", "government", "青应急")
    entry = Entry.objects.get(action="agency.edit")
    assert entry.before["name"] == "青山县应急管理局" and entry.after["name"] == "青山县应急管理局（新）"
    # a name another agency has, or a missing one: 400 with the form, never a 500
    resp = c.post(f"/agencies/{a.pk}/edit/", {"region": world["county"].pk, "name": "青山县教育局",
                                               "kind": "department", "doc_prefix": "x"})
    assert resp.status_code == 400
    assert c.post(f"/agencies/{a.pk}/edit/", {"region": "abc"}).status_code == 400
    assert login("admin").post(f"/agencies/{a.pk}/edit/", {"name": "x"}).status_code == 403


def test_agency_delete_refused_while_it_holds_cases_or_people(world, today):
    a, b = world["a"], world["b"]
    register(world["users"]["clerk"], a)
    c = login("sysadmin")
    resp = c.post(f"/agencies/{a.pk}/delete/")
    text = resp.content.decode()
    assert resp.status_code == 409 and "不能删除" in text and "1 件依申请公开申请" in text
    assert Agency.objects.filter(pk=a.pk).exists()
    resp = c.post(f"/agencies/{b.pk}/delete/")  # B has a 经办人 (other), no cases
    assert resp.status_code == 409 and "1 个人员角色" in resp.content.decode()
    Membership.objects.filter(agency=b).delete()
    resp = c.post(f"/agencies/{b.pk}/delete/")
    assert resp.status_code == 302 and not Agency.objects.filter(pk=b.pk).exists()
    entry = Entry.objects.get(action="agency.delete")
    assert entry.before["name"] == "青山县教育局" and entry.after is None and entry.username == "sysadmin"
    assert c.post("/agencies/999999/delete/").status_code == 404
    assert login("admin").post(f"/agencies/{world['c'].pk}/delete/").status_code == 403


def test_the_header_links_to_the_password_page(world):
    html = login("clerk").get("/cases/").content.decode()
    assert 'href="/account/password/"' in html
    assert get_user_model().objects.filter(username="clerk").exists()


def test_csrf_on_the_new_forms(world):
    c = Client(enforce_csrf_checks=True)
    assert c.login(username="sysadmin", password=PASSWORD)
    a, clerk = world["a"], world["users"]["clerk"]
    for url in ("/account/password/", f"/agencies/people/{clerk.pk}/password/", f"/agencies/{a.pk}/edit/",
                f"/agencies/{world['c'].pk}/delete/"):
        resp = c.post(url, {"new": NEW, "again": NEW, "old": PASSWORD, "name": "x"})
        assert resp.status_code == 403 and "CSRF" in resp.content.decode(), url
    assert Agency.objects.filter(pk=world["c"].pk).exists()


def test_markup_in_an_agency_name_is_text(world):
    evil = "<script>alert(1)</script>局"
    c = login("sysadmin")
    resp = c.post(f"/agencies/{world['a'].pk}/edit/", {"region": world["county"].pk, "name": evil,
                                                        "kind": "department", "doc_prefix": "x"})
    assert resp.status_code == 302
    for url in (f"/agencies/{world['a'].pk}/", "/agencies/", f"/agencies/{world['a'].pk}/edit/"):
        html = c.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html, url


def test_get_on_delete_is_refused(world):
    assert login("sysadmin").get(f"/agencies/{world['c'].pk}/delete/").status_code == 405
