"""Text a reader of the document does not read as its text (hidden, deleted or struck out by a
tracked change, a footnote's mark set as a superscript) is never glued onto the figure beside it:
a cell that shows 12 with a hidden 7 is 12, not 127. Word pages (HTML) and DOCX files."""

from __future__ import annotations

import copy
import io
import re

import pytest

from ogi.extract import extract
from ogi.read import read_bytes

from . import generate as g

SPEC = g.build_spec(g.gold_files()[0])
FIGURE = re.compile(r"(<td[^>]*>)(\d+)(</td>)")
# what each kind of unseen text looks like in a page's cell beside the figure N
HTML_KINDS = {
    "hidden": '{n}<span style="display:none">7</span>',
    "word_hidden": "{n}<span style='display:none;mso-hide:all'>5</span>",
    "tracked_deletion": '<del cite="mailto:x" datetime="2022-01-05T10:00">9</del><ins>{n}</ins>',
    "struck": "<s>8</s>{n}",
    "struck_style": '<span style="text-decoration: line-through">3</span>{n}',
    "superscript_mark": "{n}<sup>1</sup>",
    "superscript_style": '{n}<span style="vertical-align:super">[2]</span>',
    "word_footnote": '{n}<a href="#_ftn1" name="_ftnref1"><span class=MsoFootnoteReference>[1]</span></a>',
    "hidden_attribute": "{n}<span hidden>4</span>",
}


def _assert_gold(data: bytes, name: str) -> None:
    cells = extract(read_bytes(data, name)).cells
    wrong = {k: (v, cells[k].value if k in cells else "missing") for k, v in SPEC.gold["cells"].items()
             if k not in cells or cells[k].value != v or cells[k].uncertain}
    assert not wrong, wrong


@pytest.mark.parametrize("kind", list(HTML_KINDS))
def test_page_figures_without_unseen_text(kind):
    page = g.html_plain(SPEC).decode("utf-8")
    marked = 0

    def mark(m: re.Match[str]) -> str:
        nonlocal marked
        marked += 1
        return m.group(1) + HTML_KINDS[kind].format(n=m.group(2)) + m.group(3) if marked % 3 == 1 else m.group(0)

    page = FIGURE.sub(mark, page)
    assert marked > 100
    _assert_gold(page.encode("utf-8"), "report.html")


def test_hidden_page_content_with_the_tables_is_read():
    """A page that hides its content until a script shows it: the hidden block holds the tables."""
    page = g.html_plain(SPEC).decode("utf-8").replace('<div class="content">', '<div class="content" style="display:none">')
    assert 'style="display:none"' in page
    _assert_gold(page.encode("utf-8"), "report.html")


DOCX_KINDS = ("hidden", "struck", "double_struck", "superscript_mark", "tracked_deletion", "moved_away")


@pytest.mark.parametrize("kind", DOCX_KINDS)
def test_docx_figures_without_unseen_text(kind):
    import docx
    from docx.oxml.ns import qn

    d = docx.Document(io.BytesIO(g.docx_bytes(SPEC)))
    marked = 0
    for table in d.tables:
        for row in table.rows:
            for cell in row.cells:
                p = cell.paragraphs[0]
                if not p.text.isdigit():
                    continue
                marked += 1
                if marked % 3 != 1:
                    continue
                if kind in ("tracked_deletion", "moved_away"):
                    run = copy.deepcopy(p.runs[0]._r)
                    text = run.find(qn("w:t"))
                    text.text = "9"
                    if kind == "tracked_deletion":
                        text.tag = qn("w:delText")
                    wrapper = p._p.makeelement(qn("w:del" if kind == "tracked_deletion" else "w:moveFrom"),
                                               {qn("w:id"): str(marked), qn("w:author"): "x"})
                    wrapper.append(run)
                    p.runs[0]._r.addprevious(wrapper)
                    continue
                run = p.add_run({"superscript_mark": "1"}.get(kind, "7"))
                if kind == "hidden":
                    run.font.hidden = True
                elif kind == "struck":
                    run.font.strike = True
                elif kind == "double_struck":
                    run.font.double_strike = True
                else:
                    run.font.superscript = True
    assert marked > 100
    buf = io.BytesIO()
    d.save(buf)
    _assert_gold(buf.getvalue(), "report.docx")


def test_docx_property_turned_off_is_read():
    """`<w:vanish w:val="0"/>` turns hidden text off: the run is read."""
    import docx

    d = docx.Document(io.BytesIO(g.docx_bytes(SPEC)))
    for table in d.tables:
        for row in table.rows:
            for cell in row.cells:
                for run in cell.paragraphs[0].runs:
                    run.font.hidden = False
                    run.font.strike = False
    buf = io.BytesIO()
    d.save(buf)
    _assert_gold(buf.getvalue(), "report.docx")


# a page's style sheet hides by class or id: the same figures, the hiding in a <style> rule
SHEET_KINDS = {
    "class": (".c7f{display:none}", '{n}<span class="c7f">7</span>'),
    "tag_and_class": ("span.x9 { visibility: hidden; }", '<span class="a x9">9</span>{n}'),
    "id_in_a_list": ("/* guard */ .plain, #h1 {color:red; display : none}", '{n}<i id="h1">1</i>'),
    "after_import": ('@import url("x.css");\n.zz{display:none}', '{n}<font class="zz">5</font>'),
}


@pytest.mark.parametrize("kind", list(SHEET_KINDS))
def test_page_figures_without_text_its_style_sheet_hides(kind):
    rule, cell = SHEET_KINDS[kind]
    page = g.html_plain(SPEC).decode("utf-8").replace("</head>", f"<style><!--\n{rule}\n--></style></head>", 1)
    assert rule in page
    marked = 0

    def mark(m: re.Match[str]) -> str:
        nonlocal marked
        marked += 1
        return m.group(1) + cell.format(n=m.group(2)) + m.group(3) if marked % 3 == 1 else m.group(0)

    page = FIGURE.sub(mark, page)
    assert marked > 100
    _assert_gold(page.encode("utf-8"), "report.html")


@pytest.mark.parametrize("sheet", [
    "@media print { .c7f {display:none} }",  # hidden on paper only: the screen shows it
    ".c7f {display:none} .c7f.on {display:inline}",  # a tab: shown on a click
    "div .c7f {display:none}",  # not a simple selector: not resolved, the text kept
])
def test_text_shown_on_screen_is_read(sheet):
    """Text a style sheet hides only in print, or until a click, is the page's text: a cell's
    `0<span class="c7f">2</span>` is read 2 (as a reader of the page sees it on screen, 02)."""
    page = g.html_plain(SPEC).decode("utf-8").replace("</head>", f"<style>{sheet}</style></head>", 1)
    page = page.replace("<td>0</td>", '<td>0<span class="c7f">2</span></td>', 1)
    assert 'class="c7f"' in page
    doc = read_bytes(page.encode("utf-8"), "report.html")
    cells = [c for b in doc.blocks if hasattr(b, "rows") for row in b.rows for c in row]
    assert "02" in cells


@pytest.mark.parametrize("piece", ["@a{", "/*", "{", "}", ".x", "text-decoration", ".a{display:none}", "@media{"])
def test_hostile_style_sheet_is_read_in_linear_time(piece):
    """Half a megabyte of one piece of CSS, repeated (no closing brace, no end of comment, a
    selector without a rule): read at once, never a backtracking regular expression."""
    import time

    sheet = piece * (480_000 // len(piece))
    page = f"<html><head><style>display:none {sheet}</style></head><body><p>一、总体情况</p>" \
           f'<p style="{sheet[:100_000]}">12</p></body></html>'
    t = time.perf_counter()
    doc = read_bytes(page.encode("utf-8"), "page.html")
    assert time.perf_counter() - t < 2.0
    assert doc.blocks[0].text == "一、总体情况"


def test_wechat_article_hidden_until_its_script_shows_it_is_read():
    """A WeChat article (公众号): the whole text in <div id="js_content" style="visibility: hidden;">,
    shown by a script; its pictures load from data-src. Read as the page shows it."""
    page = g.html_plain(SPEC).decode("utf-8").replace(
        '<div class="content">', '<div class="rich_media_content" id="js_content" style="visibility: hidden;">'
        '<p><img data-src="https://mmbiz.qpic.cn/mmbiz_png/x/640?wx_fmt=png" data-w="1080"></p>')
    assert 'id="js_content" style="visibility: hidden;"' in page
    _assert_gold(page.encode("utf-8"), "report.html")
    tables_as_pictures = re.sub(r"<table.*?</table>", "", page, flags=re.S)
    doc = read_bytes(tables_as_pictures.encode("utf-8"), "report.html")
    assert any("总体情况" in getattr(b, "text", "") for b in doc.blocks)
    assert doc.hints.get("unread_pictures") == "1"
