"""PDF-to-Markdown tools (MinerU, docling, marker) write the narrative as Markdown lines and each
table as HTML (`<table><tr><td>…`), often after a long preamble; pages copied from a site keep the
site's chrome after the signature (分享到 / 【打印本页】【关闭窗口】). Such a text is read as text
whose tables are HTML grids: every line its own paragraph (so the signing date is found), every
cell from the grid."""

from __future__ import annotations

import re

import pytest

from ogi import synth
from ogi.extract import extract
from ogi.read import read_bytes, sniff

from .generate import html_plain, spec_of_report


def markdown_with_html_tables(page: str, preamble: int = 0) -> str:
    body = page[page.index("<body"):]
    out = []
    for part in re.split(r"(<table.*?</table>)", body, flags=re.S):
        if part.startswith("<table"):
            out.append(re.sub(r"\s*\n\s*", "", part))
        else:
            out += [t.strip() for t in re.findall(r">([^<>]+)<", part) if t.strip()]
    if preamble:
        at = next(k for k, line in enumerate(out) if line.startswith("二、"))
        out[at:at] = ["本机关持续推进政务公开工作，" * 60] * preamble
    return "\n\n".join(out) + "\n\n分享到：\n\n微信\n\n微博\n\n【打印本页】【关闭窗口】\n"


@pytest.mark.parametrize("fmt, seed, preamble", [("2019", 21, 0), ("2021", 22, 3)])
def test_markdown_with_html_tables_reads_every_cell_and_the_signing_date(tmp_path, fmt, seed, preamble):
    spec, gold = spec_of_report(synth.random_report(fmt, seed, busy=0.7), tmp_path)
    text = markdown_with_html_tables(html_plain(spec).decode("utf-8"), preamble)
    assert text.index("<table") > (1024 if preamble else 0) and "<p" not in text
    data = text.encode("utf-8")
    assert sniff(data) == "html"
    report = extract(read_bytes(data, "report.md"))
    assert report.meta.agency == gold["meta"]["agency"]
    assert report.meta.published is not None and report.meta.published.isoformat() == gold["meta"]["published"]
    assert {c: cell.value for c, cell in report.cells.items()} == gold["cells"]
    assert not any(cell.uncertain for cell in report.cells.values())
    assert sorted(report.sections) == [1, 2, 3, 4, 5, 6]


def test_plain_text_and_markdown_pipes_are_still_text():
    assert sniff("| 规章 | 0 | 0 | 0 |\n说明：a < b，table 不是标签\n".encode()) == "txt"
    assert sniff(b"|102<br>4|\n") == "txt"
