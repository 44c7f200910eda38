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
