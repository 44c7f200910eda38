"""One home per vocabulary (issue 11): every layer that needs Chinese numerals, the kinds of
reporting agency or an agency's name asks the one place that defines them. Each test fails when a
second table comes back."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ogi.formats import cn_number, numeral
from ogi.formats import numerals as home

OGI = Path(__file__).resolve().parent.parent / "ogi"


def _sources() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(OGI.rglob("*.py"))
            if "migrations" not in p.parts]


@pytest.mark.parametrize(("text", "value"), [
    ("三", 3), ("十", 10), ("十二", 12), ("二十", 20), ("二十一", 21), ("九十九", 99), ("一百零五", 105),
    ("两", 2), ("二〇二二", 2022), ("二○二一", 2021), ("二Ｏ二三", 2023),
])
def test_numerals_read(text, value):
    assert cn_number(text) == value


def test_numerals_written_and_read_back():
    assert [numeral(n) for n in (1, 5, 9, 10, 11, 20, 21, 99)] == ["一", "五", "九", "十", "十一", "二十", "二十一",
                                                                  "九十九"]
    assert all(cn_number(numeral(n)) == n for n in range(1, 100))
    with pytest.raises(ValueError):
        numeral(0)


def test_one_table_of_numerals():
    """No module but ogi/formats/numerals.py maps numeral characters to their values (extract's
    dates, check's narrative counts and the formats' item numbers all read that one)."""
    owners = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict):
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                if {"一", "二", "三"} <= keys or {1, 5, 9} <= keys and any(
                        isinstance(v, ast.Constant) and v.value == "五" for v in node.values):
                    owners.append(path.relative_to(OGI).as_posix())
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "一二三四五" in node.value \
                    and len(node.value) <= 12:
                owners.append(path.relative_to(OGI).as_posix())
    assert set(owners) == {"formats/numerals.py"}, owners


def test_the_users_read_the_home():
    from ogi.check.rules import narrative
    from ogi.extract import meta, sections

    assert meta.cn_number is home.cn_number
    assert sections.cn_number is home.cn_number
    assert narrative.cn_number is home.cn_number
    assert meta.parse_date("二〇二二年一月十五日").isoformat() == "2022-01-15"


def test_one_home_for_the_kinds_of_agency():
    """The kinds (government/department) are written out in ogi/model.py alone; extract, check,
    validate, the ledger, synth, batch and the workbench read them there."""
    owners = set()
    for path, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in ("government", "department"):
                owners.add(path.relative_to(OGI).as_posix())
    # (The workbench's demo data names its agencies' kinds as data, as a user would type them.)
    assert owners - {"server/demo.py"} == {"model.py"}, owners


@pytest.mark.parametrize(("agency", "kind"), [
    ("云州区人民政府", "government"), ("某市政府", "government"), ("云州区", "government"),
    ("赛罕区应急管理局", "department"), ("云州区人民政府办公室", "department"), (None, None),
])
def test_agency_kind(agency, kind):
    from ogi.model import agency_kind

    assert agency_kind(agency) == kind


def test_parse_and_check_infer_the_same_kind():
    """A report given as JSON without `kind` is judged on the kind its name says, the same kind
    `ogi parse` would have stated: 某市政府 is a government (31 March), not a department."""
    import datetime as dt

    from ogi.check import check
    from ogi.synth import random_report

    report = random_report("2021", seed=3, year=2022, agency="某市政府")
    report.meta.kind = None
    report.meta.published = dt.date(2023, 3, 20)  # after 31 January, before 31 March
    rules = {f.rule for f in check(report)}
    assert "time.I602" in rules and "time.E601" not in rules


def test_check_reads_agency_names_from_the_model():
    from ogi import model
    from ogi.check.rules import cross_year

    assert cross_year.same_agency is model.same_agency


def test_site_chrome_words_have_one_home():
    """The HTML reader and the sections drop the same site chrome, from one list (ogi.read.chrome);
    neither spells a word of it again."""
    from ogi.extract import sections
    from ogi.read import chrome, html

    for word in chrome.SITE_CHROME_WORDS:
        line = f"{word}：某某"
        assert html._CHROME_TEXT.search(line) and sections.CHROME.search(line), word
    for module in (html, sections):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
        docs = {n.value.value for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
        spelled = [w for w in chrome.SITE_CHROME_WORDS for x in strings if w in x and x not in docs]
        assert not spelled, (module.__name__, spelled)
