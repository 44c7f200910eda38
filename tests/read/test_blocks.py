"""Readers at the block level: the Grid of each table, paragraphs in order, chrome dropped."""

from __future__ import annotations

import io
import random

import pytest

from ogi.read import Grid, Paragraph, read_bytes, read_path, sniff
from ogi.read.html import read_html
from ogi.read.layout import PDF_SETTINGS, Glyph, Line

from . import generate as g
from .conftest import GRID_VARIANTS, SEEDS

CHROME = ("ICP", "公网安备", "打印本页", "关闭窗口", "当前位置", "分享到", "网站标识码", "字体")


def grids(doc):
    return [b for b in doc.blocks if isinstance(b, Grid)]


def texts(doc):
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)]


@pytest.mark.parametrize("variant", GRID_VARIANTS)
@pytest.mark.parametrize("seed", SEEDS)
def test_each_table_is_one_grid_with_merges_resolved(corpus, seed, variant):
    doc = read_path(corpus.path(seed, variant))
    spec = corpus.specs[seed]
    expected = [g.expected_grid(t) for t in spec.blocks if isinstance(t, g.TableSpec)]
    assert [gr.rows for gr in grids(doc)] == expected
    lines = texts(doc)
    assert lines[0] == spec.title
    assert not [t for t in lines if any(w in t for w in CHROME)], "site chrome left in the blocks"


def test_unruled_pdf_table_rows_are_lines(corpus):
    """A 三线表 (no vertical lines) gives no grid: each printed row is one line, cells spaced."""
    from ogi import formats

    seed = SEEDS[0]
    doc = read_path(corpus.path(seed, "pdf_open"))
    assert not grids(doc)
    label = formats.get(corpus.specs[seed].gold["meta"]["template"]).table("active").rows[0].label
    assert f"{label} 0 0 0" in texts(doc)


def test_kind_is_sniffed_from_content_not_name(corpus):
    seed = SEEDS[0]
    assert sniff(corpus.path(seed, "html_gbk").read_bytes()) == "html"  # named .txt
    assert sniff(corpus.path(seed, "pdf_shaded").read_bytes()) == "pdf"  # named .bin
    assert read_path(corpus.path(seed, "pdf_shaded")).kind == "pdf"


def test_gbk_without_charset_decodes(corpus):
    data = corpus.path(SEEDS[0], "html_gbk").read_bytes()
    assert b"charset" not in data.lower()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert texts(read_bytes(data))[0] == corpus.specs[SEEDS[0]].title


def test_word_html_label_pieces_join_without_spaces():
    html = ("<html><body><table border=1><tr><td><p class=MsoNormal><span>本年</span><span lang=EN-US>新"
            "<br>\n</span><font face=仿宋>制作数量</font><o:p></o:p></p></td><td><p>&nbsp;<o:p></o:p></p></td>"
            "</tr><tr><td>不 予 公 开</td><td>1</td></tr></table></body></html>").encode("gbk")
    assert grids(read_html(html))[0].rows == [["本年新制作数量", ""], ["不 予 公 开", "1"]]


def test_html_rowspan_colspan_grid():
    html = b"""<table><tr><td rowspan=2 colspan=2>a</td><td>b</td></tr><tr><td>c</td></tr>
    <tr><td>d</td><td colspan=2>e</td></tr></table>"""
    assert grids(read_bytes(html))[0].rows == [["a", None, "b"], [None, None, "c"], ["d", "e", None]]


def test_html_layout_table_is_walked_through():
    html = "<table><tr><td><p>标题</p><table><tr><td>x</td><td>1</td></tr></table></td></tr></table>".encode()
    doc = read_bytes(html)
    assert texts(doc) == ["标题"] and grids(doc)[0].rows == [["x", "1"]]


def test_html_in_a_script_string():
    inner = '<p>报告正文</p><table><tr><td>\\u81ea\\u7136\\u4eba</td><td>3</td></tr></table>'
    html = f'<html><body><script>var c = "{inner}"; document.write(c);</script></body></html>'.encode()
    doc = read_bytes(html)
    assert texts(doc) == ["报告正文"] and grids(doc)[0].rows == [["自然人", "3"]]


def test_docx_nested_table_and_vmerge():
    import docx

    d = docx.Document()
    d.add_paragraph("前言")
    outer = d.add_table(rows=1, cols=1)
    cell = outer.cell(0, 0)
    cell.paragraphs[0].text = "表前"
    inner = cell.add_table(rows=3, cols=2)
    inner.cell(0, 0).merge(inner.cell(1, 0)).text = "合并"
    inner.cell(0, 1).text = "1"
    inner.cell(1, 1).text = "2"
    inner.cell(2, 0).merge(inner.cell(2, 1)).text = "横向"
    buf = io.BytesIO()
    d.save(buf)
    doc = read_bytes(buf.getvalue())
    assert texts(doc) == ["前言", "表前"]
    assert grids(doc)[0].rows == [["合并", "1"], [None, "2"], ["横向", None]]


def test_pdf_table_over_two_pages_is_joined(corpus):
    """The shaded style starts table 2 at the bottom of a page: it runs on, its two header rows
    repeated and the page header and footer between the parts."""
    seed = SEEDS[0]
    doc = read_path(corpus.path(seed, "pdf_shaded"))
    active = grids(doc)[0]
    assert len(set(active.row_pages)) == 2
    assert not [t for t in texts(doc) if t.startswith("第 ") or t.endswith("政府信息公开")], "header/footer kept"


def test_pdf_vertical_header_one_char_per_line(corpus):
    from ogi import formats

    seed = SEEDS[0]
    doc = read_path(corpus.path(seed, "pdf_shaded"))
    label = formats.get(corpus.specs[seed].gold["meta"]["template"]).table("apply").groups[0].label
    apply = grids(doc)[1]
    assert label in [row[0] for row in apply.rows]
    assert apply.boxes[3][0] is not None  # provenance: the cell's box on the page



def test_html_chrome_rules_never_take_the_tables():
    html = ("<html><body><div class='print-area nav'><p>报告</p><table><tr><td>规章</td><td>0</td></tr></table>"
            "</div></body></html>").encode()
    doc = read_bytes(html)
    assert grids(doc)[0].rows == [["规章", "0"]]


@pytest.mark.slow
def test_png_scan_table_cells(corpus):
    """A page image (PNG) of table 4: cells rebuilt from the ruling, each right or doubtful."""
    import pypdfium2 as pdfium

    seed = SEEDS[2]
    pdf = pdfium.PdfDocument(corpus.path(seed, "pdf_landscape").read_bytes())
    page = pdf[len(pdf) - 1]
    buf = io.BytesIO()
    page.render(scale=200 / 72, grayscale=True).to_pil().save(buf, format="PNG")
    doc = read_bytes(buf.getvalue(), "page.png")
    assert doc.kind == "scan"
    expected = g.expected_grid([t for t in corpus.specs[seed].blocks if isinstance(t, g.TableSpec)][-1])
    table = grids(doc)[-1]
    assert len(table.rows) == len(expected)
    doubt = table.doubtful or [[False] * len(r) for r in table.rows]
    values = expected[-1]
    for c, want in enumerate(values):
        assert table.rows[-1][c] == want or doubt[-1][c], (c, table.rows[-1][c], want)


def _part(rows, page, x0=30.0, x1=480.0, **cut):
    from ogi.read.document import Grid

    n = len(rows[0])
    xs = [x0 + (x1 - x0) * k / n for k in range(n + 1)]
    boxes = [[(xs[c], 100.0 + 20 * r, xs[c + 1], 120.0 + 20 * r) for c in range(n)] for r in range(len(rows))]
    return Grid([list(r) for r in rows], page=page, boxes=boxes, row_pages=[page] * len(rows), **cut)


def test_pdf_row_cut_by_the_page_is_put_back_together():
    """A browser splits a row across pages without a rule at the cut: the label's rest on the
    next page joins the label; the figures stay where they are."""
    from ogi.read.pdf import join_pages

    first = _part([["规章", "1", "2", "3"], ["3.危及“三安", "0", "0", "0"]], 1, cut_bottom=True)
    rest = _part([["全一稳定”", "", "", ""], ["4.保护第三方合法权益", "5", "0", "5"]], 2, cut_top=True)
    (grid,) = join_pages([[first], [rest]])
    assert grid.rows == [["规章", "1", "2", "3"], ["3.危及“三安全一稳定”", "0", "0", "0"],
                         ["4.保护第三方合法权益", "5", "0", "5"]]


def test_pdf_header_row_left_open_by_a_clean_page_break_stays_a_header():
    """The break fell between rows, only the header row's bottom rule is missing: the next page's
    row has figures under the header's words, so it is a row of its own."""
    from ogi.read.pdf import join_pages

    first = _part([["第二十条第（六）项", "", "", ""], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]], 1,
                  cut_bottom=True)
    rest = _part([["行政处罚", "0", "0", ""], ["行政强制", "217", "0", "0"]], 2)
    (grid,) = join_pages([[first], [rest]])
    assert grid.rows[2:] == [["行政处罚", "0", "0", ""], ["行政强制", "217", "0", "0"]]


def test_pdf_merged_column_left_open_by_the_page_is_closed():
    """On a page inside a table a browser printed, the merged 三、本年度办理结果 column crosses no
    rule at all (its cell goes on from the page before to the page after): the table's rules are
    drawn on to it, so its column stays a column and the page's part joins the table."""
    from ogi.read.layout import PDF_SETTINGS, close_cuts, edge, find_tables

    xs = [34.0, 69.0, 127.0, 200.0, 300.0]
    rows = [100.0, 130.0, 160.0]
    edges = [edge(34.0, 100.0, 34.0, 160.0, "v")]  # the merged column's left side: no rule crosses it
    edges += [edge(x, 100.0, x, 160.0, "v") for x in xs[1:]]
    edges += [edge(69.0, y, 300.0, y, "h") for y in rows]  # rules from the second column on
    bridges = [e for side, e in close_cuts(edges, PDF_SETTINGS) if side == "bridge"]
    assert sorted((e["x0"], e["x1"], e["top"]) for e in bridges) == [(34.0, 69.0, 100.0), (34.0, 69.0, 160.0)]
    (cells,) = find_tables(edges)
    assert min(c[0] for c in cells) == 34.0


def test_a_pdf_lines_characters_keep_their_extents_beside_the_same_text():
    # A PDF line's text and each character's horizontal extent (for tables drawn without vertical
    # rules): the text is the one the line always gave (a space where glyphs stand apart, none
    # doubled, none at the ends), and there is one extent per character, inside its glyph.
    def plain_text(glyphs):  # the spacing rule, as a string is built
        out, prev = "", None
        for glyph in glyphs:
            if prev is not None:
                h = max(1e-6, min(glyph.bottom - glyph.top, prev.bottom - prev.top))
                if (glyph.space_before or glyph.x0 - prev.x1 > PDF_SETTINGS.space_gap * h) and not out.endswith(" ") \
                        and glyph.text[:1] != " ":
                    out += " "
            out += glyph.text
            prev = glyph
        return out.strip()

    rng = random.Random(7)
    for _ in range(300):
        x, glyphs = rng.uniform(0, 40), []
        for _ in range(rng.randint(1, 12)):
            text = rng.choice(["0", "12", "规", "章", " ", "a ", "ﬁ", "\u3000"])
            width = 5.0 * len(text)
            glyphs.append(Glyph(text, x, 100.0, x + width, 110.0, space_before=rng.random() < 0.1))
            x += width + rng.choice([0.0, 0.5, 3.0, 30.0])
        line = Line(glyphs)
        text, xs = line.text_and_extents()
        assert text == line.text() == plain_text(glyphs)
        assert len(xs) == 2 * len(text)
        assert all(xs[2 * i] <= xs[2 * i + 1] for i in range(len(text)))
