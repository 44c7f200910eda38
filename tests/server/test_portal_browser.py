"""The publication desk and the public column in Debian's chromium (Playwright), marked slow.

An item drafted, passed through 初审/复审/终审 and 保密审查 and found on the public site by
search; a rejected item that stays invisible; a policy held back until its 解读 is approved; an
application made online, answered on the desk and its answer fetched by the query code; a
complaint routed to the 政务公开办 and answered. Screenshots as in test_browser.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import build_world
from .test_browser import IMG, _login, _step, browser  # noqa: F401  (the fixture)

pytestmark = pytest.mark.slow


def _desk(browser, base, user):  # noqa: F811
    page = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN").new_page()
    _login(page, base, user)
    return page


def _draft(page, base, agency, title, body, **extra):
    page.goto(f"{base}/publish/new/")
    page.select_option("[name=agency]", str(agency.pk))
    page.fill("[name=title]", title)
    page.fill("[name=publisher]", agency.name)
    page.fill("[name=written]", "2026-03-02")
    page.select_option("[name=art20]", "13")
    page.select_option("[name=topic]", "市场监管、安全生产监管")
    page.select_option("[name=genre]", extra.pop("genre", "通知"))
    page.fill("[name=body]", body)
    for name, value in extra.items():
        if value is True:
            page.check(f"[name={name}]")
        else:
            page.select_option(f"[name={name}]", value)
    page.click("#itemform button.primary")
    page.wait_for_load_state()
    assert re.search(r"/publish/\d+/$", page.url), page.locator("form .error").all_inner_texts()
    return page.url


def _act(page, url, action, opinion=""):
    page.goto(url)
    if opinion:
        page.fill("#actform [name=opinion]", opinion)
    page.click(f"#actform button[data-action={action}]")
    page.wait_for_load_state()
    assert page.locator(".messages .success").count() == 1, page.content()[:2000]


def _reviews(pages, url):
    _act(pages["clerk"], url, "submit")
    for _ in range(3):
        _act(pages["approver"], url, "pass", "同意")
    _act(pages["secrecy"], url, "pass", "经审查不涉及国家秘密")


def _public_search(page, base, q):
    page.goto(f"{base}/gk/")
    page.fill("#site-q", q)
    page.click("form.search button")
    page.wait_for_url(re.compile(r".*/gk/search/.*"))
    return page.locator("#results").inner_text()


def test_reviews_then_public_by_search_and_rejected_stays_invisible(live_server, transactional_db, browser,  # noqa: F811
                                                                    today):
    world = build_world()
    base = live_server.url
    pages = {u: _desk(browser, base, u) for u in ("clerk", "approver", "secrecy")}
    public = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN",
                                 java_script_enabled=False).new_page()  # the public pages need no script
    shown = _draft(pages["clerk"], base, world["a"], "青山县2026年危险化学品安全检查计划", "对全县危险化学品企业开展全覆盖检查。")
    pages["clerk"].screenshot(path=IMG / "publish_item.png", full_page=True)
    hidden = _draft(pages["clerk"], base, world["a"], "青山县危险化学品内部讨论稿", "内部讨论，不宜公开。")
    _reviews(pages, shown)
    assert "已发布" in pages["secrecy"].locator("#state").inner_text()
    _act(pages["clerk"], hidden, "submit")
    _act(pages["approver"], hidden, "reject", "内部讨论稿，不予发布")
    assert "已退回" in pages["approver"].locator("#state").inner_text()
    assert "内部讨论稿，不予发布" in pages["approver"].locator("#reviews").inner_text()

    results = _public_search(public, base, "危险化学品")
    assert "青山县2026年危险化学品安全检查计划" in results and "内部讨论稿" not in results
    public.screenshot(path=IMG / "portal_search.png", full_page=True)
    public.click("#results a:has-text('安全检查计划')")
    assert "索引号" in public.locator("table.meta-table").inner_text()
    public.screenshot(path=IMG / "portal_item.png", full_page=True)
    hidden_id = hidden.rstrip("/").rsplit("/", 1)[1]
    assert public.goto(f"{base}/gk/item/{hidden_id}/").status == 404
    public.goto(f"{base}/gk/agency/{world['a'].pk}/items/")
    assert "内部讨论稿" not in public.locator("main").inner_text()
    pages["approver"].goto(f"{base}/publish/")
    pages["approver"].screenshot(path=IMG / "publish_desk.png", full_page=True)


def test_policy_blocked_until_its_interpretation_is_approved(live_server, transactional_db, browser, today):  # noqa: F811
    world = build_world()
    base = live_server.url
    admin = _desk(browser, base, "admin")
    admin.goto(f"{base}/publish/settings/{world['a'].pk}/")
    admin.check("[name=require_interpretation]")
    admin.click("form:has([name=require_interpretation]) button.primary")
    admin.wait_for_load_state()
    pages = {u: _desk(browser, base, u) for u in ("clerk", "approver", "secrecy")}
    public = browser.new_context(java_script_enabled=False).new_page()
    policy = _draft(pages["clerk"], base, world["a"], "青山县安全生产专项整治三年行动方案", "方案全文。", genre="方案",
                    needs_interpretation=True)
    _reviews(pages, policy)
    assert "待同步发布" in pages["secrecy"].locator("#state").inner_text()
    assert "同步发布" in pages["secrecy"].locator(".messages").inner_text()
    assert "三年行动方案" not in _public_search(public, base, "专项整治")
    policy_id = policy.rstrip("/").rsplit("/", 1)[1]
    reading = _draft(pages["clerk"], base, world["a"], "《青山县安全生产专项整治三年行动方案》解读", "一问一答。",
                     genre="政策解读", interprets=policy_id)
    _act(pages["clerk"], reading, "submit")
    _act(pages["approver"], reading, "pass", "同意")
    assert "三年行动方案" not in _public_search(public, base, "专项整治")  # the 解读 is not approved yet
    for _ in range(2):
        _act(pages["approver"], reading, "pass", "同意")
    _act(pages["secrecy"], reading, "pass", "不涉密")
    results = _public_search(public, base, "专项整治")
    assert "青山县安全生产专项整治三年行动方案" in results and "解读" in results
    public.goto(f"{base}/gk/item/{policy_id}/")
    assert "解读" in public.locator("main").inner_text()


def test_online_application_answered_and_fetched_by_code(live_server, transactional_db, browser, today):  # noqa: F811
    world = build_world()
    base = live_server.url
    public = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN",
                                 java_script_enabled=False).new_page()
    public.goto(f"{base}/gk/agency/{world['a'].pk}/apply/")
    public.select_option("[name=applicant_type]", "natural")
    public.fill("[name=applicant_name]", "王小明")
    public.fill("[name=applicant_id]", "110101199001011234")
    public.fill("[name=applicant_phone]", "13800000000")
    public.fill("[name=content]", "2025年度危险化学品企业检查结果")
    public.select_option("[name=delivery]", "online")
    public.screenshot(path=IMG / "portal_apply_phone.png", full_page=True)
    public.click("button.primary")
    code = public.locator("#code").inner_text()
    number = public.locator("#number").inner_text()
    public.screenshot(path=IMG / "portal_receipt_phone.png", full_page=True)

    approver = _desk(browser, base, "approver")
    approver.goto(f"{base}/cases/search/?q={number}")
    approver.click(f"#results a:has-text('{number}')")
    assert "互联网" in approver.locator("main").inner_text()
    _step(approver, "decided", {"date": "2026-03-11", "category": "granted", "basis": "予以公开"})

    public.goto(f"{base}/gk/query/")
    public.fill("[name=code]", code)
    public.click("button.primary")
    assert "已答复" in public.locator("#app-state").inner_text()
    assert "110101199001011234" not in public.content() and "王小明" not in public.content()
    with public.expect_download() as dl:
        public.click("#notices li:has-text('答复书') a:has-text('DOCX')")
    assert Path(dl.value.path()).read_bytes()[:2] == b"PK"


def test_complaint_routed_and_answered(live_server, transactional_db, browser, today):  # noqa: F811
    world = build_world()
    base = live_server.url
    public = browser.new_context(java_script_enabled=False).new_page()
    public.goto(f"{base}/gk/agency/{world['a'].pk}/complain/")
    public.fill("[name=content]", "申请已逾期仍未答复")
    public.click("button.primary")
    code = public.locator("#code").inner_text()
    office = _desk(browser, base, "office")
    office.goto(f"{base}/complaints/")
    office.click("table.list a")
    office.fill("[name=answer]", "已督促青山县应急管理局三日内答复")
    office.click("#answerform button.primary")
    office.wait_for_load_state()
    assert "已答复" in office.locator("h1").inner_text()
    public.goto(f"{base}/gk/complaint/")
    public.fill("[name=code]", code)
    public.click("button.primary")
    assert "已督促青山县应急管理局三日内答复" in public.locator("#answer").inner_text()
