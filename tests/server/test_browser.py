"""The desk in a real browser: Debian's chromium driven by Playwright (never `playwright install`).

Log in, register an application, send 补正, receive the correction, consult, extend with the
审核人's approval, decide, print the 答复书; the worklist shows received 2026-02-10 online → due
2026-03-16. Screenshots of the main pages (desktop 1366×768 and a phone) go to $OGI_SCREENSHOTS
(docs/img/ when refreshing them), or to a temporary folder.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest

from .conftest import PASSWORD, TODAY, build_world

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
# Screenshots: into docs/img/ only when asked (`OGI_SCREENSHOTS=docs/img`), so that a test run
# leaves the checkout as it found it; otherwise into a temporary folder, still taken (a page that
# cannot be drawn fails the test).
IMG = Path(os.environ.get("OGI_SCREENSHOTS") or tempfile.mkdtemp(prefix="ogi-screenshots-"))


@pytest.fixture
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail("chromium is not installed: apt-get install -y chromium")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the ORM is used beside Playwright's loop (tests only)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def _login(page, base, user):
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{base}/cases/")


def _step(page, kind, fields):
    page.click(f"#next a[data-kind={kind}]")  # HTMX loads the step's form into the page
    page.wait_for_selector(f"#stepform form[data-kind={kind}]")
    for name, value in fields.items():
        sel = f"[name='{kind}-{name}']"
        if page.locator(sel).evaluate("e => e.tagName") == "SELECT":
            page.select_option(sel, value)
        else:
            page.fill(sel, value)
    page.click(f"#stepform form[data-kind={kind}] button.primary")
    page.wait_for_load_state()
    assert page.locator(".messages .success").count() == 1, page.content()[:3000]


def test_the_desk_in_chromium(live_server, transactional_db, browser, today):
    world = build_world()
    base = live_server.url
    page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    _login(page, base, "clerk")
    page.goto(f"{base}/cases/new/")
    page.select_option("[name=agency]", str(world["a"].pk))
    page.select_option("[name=channel]", "online")
    page.fill("[name=submitted]", "2026-02-10")
    page.select_option("[name=applicant_type]", "natural")
    page.fill("[name=applicant_name]", "张三")
    page.fill("[name=applicant_email]", "zhangsan@example.invalid")
    page.fill("[name=content]", "2025年度安全生产执法检查计划")
    page.screenshot(path=IMG / "register.png", full_page=True)
    page.click("button.primary")
    page.wait_for_url(f"{base}/cases/*/")
    detail_url = page.url
    assert page.locator(".due-date").inner_text() == "2026-03-16"
    page.goto(f"{base}/cases/")
    soon = page.locator("#due_soon")
    assert "2026-03-16" in soon.inner_text() and "张三" in soon.inner_text()

    page.goto(detail_url)
    _step(page, "correction_sent", {"date": "2026-02-11", "items": "请写明文件的文号或形成时间"})
    assert "待补正" in page.locator("h1").inner_text()
    _step(page, "correction_answered", {"date": "2026-02-24"})
    _step(page, "consultation_started", {"date": "2026-02-25", "party": "third_party", "name": "青山化工有限公司"})
    _step(page, "consultation_answered", {"date": "2026-03-04", "party": "third_party", "opinion": "同意公开"})
    assert page.locator("#next a[data-kind=extended]").count() == 0  # the 经办人 cannot extend (Art. 33 (2))
    page.click("header button.link:has-text('退出')")
    _login(page, base, "approver")
    page.goto(detail_url)
    _step(page, "extended", {"date": "2026-03-05", "days": "10", "reason": "需要调取档案"})
    assert "approver姓名" in page.locator("#deadline").inner_text()
    page.screenshot(path=IMG / "application.png", full_page=True)
    _step(page, "decided", {"date": "2026-03-10", "category": "partial", "basis": "部分内容涉及第三方商业秘密"})
    assert "已答复" in page.locator("h1").inner_text()

    # print the 答复书: the DOCX at once, the PDF from the background task (LibreOffice)
    from ogi.server.cases.models import Notice
    from ogi.server.cases.tasks import render_notice_pdf

    reply = Notice.objects.get(kind="reply")
    with page.expect_download() as dl:
        page.click(f"#notices a[href$='/notice/{reply.pk}.docx']")
    data = Path(dl.value.path()).read_bytes()
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "政府信息公开申请答复书" in xml and "第三十七条" in xml and "第五十一条" in xml
    assert render_notice_pdf.call(reply.pk).startswith("done; ")
    page.reload()
    with page.expect_download() as dl:
        page.click(f"#notices a[href$='/notice/{reply.pk}.pdf']")
    assert Path(dl.value.path()).read_bytes()[:5] == b"%PDF-"

    phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    _login(phone, base, "approver")
    phone.goto(detail_url)
    phone.screenshot(path=IMG / "application_phone.png")


def test_worklist_screenshot_with_demo_data(live_server, transactional_db, browser, today):
    """The worklist of the demo region (a year of applications) at 1366×768."""
    from ogi.server import demo

    demo.load(TODAY, per_agency=40)
    page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", "clerk")
    page.fill("input[name=password]", demo.PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/cases/")
    page.screenshot(path=IMG / "worklist.png")
    assert page.locator("#due_today .items li").count() >= 1 and page.locator("#overdue .items li").count() >= 1
    page.goto(f"{live_server.url}/cases/search/?q=张")
    page.screenshot(path=IMG / "search.png")
    phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    phone.goto(f"{live_server.url}/login/")
    phone.screenshot(path=IMG / "login_phone.png")
    phone.fill("input[name=username]", "clerk")
    phone.fill("input[name=password]", demo.PASSWORD)
    phone.click("button.primary")
    phone.wait_for_url(f"{live_server.url}/cases/")
    phone.screenshot(path=IMG / "worklist_phone.png")
    page.click("header button.link:has-text('退出')")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", demo.PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/cases/")
    page.goto(f"{live_server.url}/audit/")
    page.screenshot(path=IMG / "audit.png")
    page.goto(f"{live_server.url}/agencies/")
    page.click("text=青山县应急管理局")
    page.screenshot(path=IMG / "agency.png", full_page=True)
