"""PDFs made by WPS (and Word with some fonts) put Kangxi radicals in their text layer for common
ideographs (⼀ for 一, ⽉ for 月, ⾏ for 行), and every tool that copies the text copies them. The
page prints the ideograph: OGI reads the radicals as the ideographs, in text other tools made and
in documents it reads itself, so the agency, the date and every cell come out as on the page."""

from __future__ import annotations

import unicodedata

import pytest

from ogi.read import read_bytes

from .conftest import SEEDS
from .generate import SHARED
from .test_gold import assert_gold, parse_json

# Each ideograph a radical stands for → that radical (as a PDF's text layer would put it).
RADICAL_OF = {unicodedata.normalize("NFKC", chr(cp)): chr(cp) for cp in range(0x2E80, 0x2FE0)
              if len(unicodedata.normalize("NFKC", chr(cp))) == 1 and unicodedata.normalize("NFKC", chr(cp)) != chr(cp)}


def with_radicals(text: str) -> str:
    return "".join(RADICAL_OF.get(ch, ch) for ch in text)


def test_radicals_are_read_as_their_ideographs():
    from ogi.read.textutil import unify_radicals

    assert unify_radicals("⼀、总体情况 2021年1⽉15⽇ 依法⾏政") == "一、总体情况 2021年1月15日 依法行政"
    assert unify_radicals("no radicals here") == "no radicals here"


@pytest.mark.parametrize("seed", SEEDS)
def test_text_a_pdf_tool_copied_with_radicals_gives_gold(corpus, seed, tmp_path, capsys):
    original = next((SHARED / "seeds").glob(f"{seed}*")).read_text(encoding="utf-8")
    garbled = with_radicals(original)
    assert garbled != original
    path = tmp_path / "report.txt"
    path.write_text(garbled, encoding="utf-8")
    assert_gold(parse_json(path, capsys), corpus.specs[seed].gold)


def test_web_page_with_radicals_in_its_cells_and_title_gives_gold(corpus, tmp_path, capsys):
    seed = SEEDS[0]
    page = corpus.path(seed, "html_plain").read_bytes().decode("utf-8")
    garbled = with_radicals(page)
    assert garbled != page
    doc = read_bytes(garbled.encode("utf-8"), "page.html")
    assert not any("\u2e80" <= ch <= "\u2fdf" for b in doc.blocks for ch in getattr(b, "text", ""))
    path = tmp_path / "page.html"
    path.write_text(garbled, encoding="utf-8")
    assert_gold(parse_json(path, capsys), corpus.specs[seed].gold)
