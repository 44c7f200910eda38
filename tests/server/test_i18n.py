"""Chinese first, English available: every interface string has an English entry, the compiled
catalog matches its source, and the browser's Accept-Language does not override zh-hans."""

from __future__ import annotations

from django.test import Client

from ogi.server import locale


def test_every_string_has_an_english_entry():
    catalog = locale.read_po()
    missing = sorted(m for m in locale.template_msgids() | locale.code_msgids() if not catalog.get(m))
    assert missing == [], "add these to ogi/server/locale/en/LC_MESSAGES/django.po and run python -m ogi.server.locale"


def test_compiled_catalog_matches_the_source(tmp_path):
    out = tmp_path / "django.mo"
    locale.write_mo(locale.read_po(), out)
    assert out.read_bytes() == locale.MO.read_bytes(), "run python -m ogi.server.locale"


def test_chinese_by_default_english_on_request(world):
    c = Client()
    page = c.get("/login/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert "政府信息公开工作台" in page and 'lang="zh-CN"' in page
    c.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    page = c.get("/login/").content.decode()
    assert "Government Information Disclosure Workbench" in page and "Log in" in page and 'lang="en"' in page


def test_every_setting_is_in_the_readme():
    from pathlib import Path

    from ogi.server.conf import SETTINGS

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert [s.name for s in SETTINGS if f"`{s.name}`" not in readme] == []
