"""Each written form, checked with the tools people open it with (python-docx, openpyxl, lxml)."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from lxml import etree, html

from ogi import formats
from ogi.render import FORMATS, RenderError, render
from ogi.render.layout import format_value, grids

from .conftest import by_shape

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_formats_registry():
    assert set(FORMATS) == {"docx", "pdf", "html", "html-fragment", "md", "xlsx", "json"}
    with pytest.raises(RenderError) as e:
        render([], "odt")
    assert e.value.code == "render.unknown_form" and "不支持" in e.value.zh


@pytest.mark.parametrize("to", ["docx", "html", "html-fragment", "md"])
def test_single_report_forms_refuse_several(gold_reports, to):
    with pytest.raises(RenderError) as e:
        render(list(gold_reports.values())[:2], to)
    assert e.value.code == "render.one_report"


# -- DOCX -----------------------------------------------------------------------------------------

def _docx_tables(data: bytes):
    import docx

    return docx.Document(io.BytesIO(data))


def test_title_breaks_after_the_agency_only_when_too_long():
    from ogi.render.docx import title_lines
    from ogi.render.style import OFFICIAL

    assert title_lines("某局2021年政府信息公开工作年度报告", "某局", OFFICIAL) == ["某局2021年政府信息公开工作年度报告"]
    long = "鄂尔多斯市扶贫开发办公室2020年政府信息公开工作年度报告"
    assert title_lines(long, "鄂尔多斯市扶贫开发办公室", OFFICIAL) == ["鄂尔多斯市扶贫开发办公室",
                                                                       "2020年政府信息公开工作年度报告"]
    from dataclasses import replace

    assert title_lines(long, "鄂尔多斯市扶贫开发办公室", replace(OFFICIAL, title_break=False)) == [long]


def test_docx_is_well_formed_and_deterministic(gold_reports):
    r = next(iter(gold_reports.values()))
    data = render([r], "docx")
    assert data == render([r], "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(z.read(name))  # raises on malformed XML


@pytest.mark.parametrize("shape", ["2019", "2021", "2021-collapsed"])
def test_docx_structure(gold_reports, shape):
    r = by_shape(gold_reports)[shape]
    doc = _docx_tables(render([r], "docx"))
    paras = [p for p in doc.paragraphs if p.text.strip()]
    # a title longer than one line breaks after the agency (GB/T 9704-2012 7.3.3)
    assert paras[0].text == f"{r.meta.agency}\n{r.meta.year}年政府信息公开工作年度报告"
    assert paras[0].style.name == "Title"
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [s.title for s in r.format.sections]
    assert len(doc.tables) == 3
    for table, g in zip(doc.tables, grids(r), strict=True):
        assert len(table.rows) == g.n_rows
        assert len(table.columns) == g.n_cols
        covered = g.covered()
        for (row, col), cell in covered.items():
            # python-docx returns the merged cell for every grid position it covers
            assert table.cell(row, col).text == cell.text, (g.table.id, row, col)


def test_docx_merges_are_gridspan_and_vmerge(gold_reports):
    r = by_shape(gold_reports)["2021"]
    with zipfile.ZipFile(io.BytesIO(render([r], "docx"))) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    tbl = root.findall(f".//{W}tbl")[1]  # table 3
    first = tbl.findall(f"{W}tr")[0].findall(f"{W}tc")
    spans = [(tc.find(f".//{W}gridSpan").get(f"{W}val") if tc.find(f".//{W}gridSpan") is not None else "1",
              tc.find(f".//{W}vMerge").get(f"{W}val") if tc.find(f".//{W}vMerge") is not None else None)
             for tc in first]
    assert spans == [("3", "restart"), ("7", None)]  # the 勾稽关系 note, 申请人情况


def test_docx_fonts_are_official_with_linux_fallbacks(gold_reports):
    r = next(iter(gold_reports.values()))
    with zipfile.ZipFile(io.BytesIO(render([r], "docx"))) as z:
        styles = z.read("word/styles.xml").decode()
        fonts = z.read("word/fontTable.xml").decode()
    assert 'w:eastAsia="仿宋_GB2312"' in styles
    assert 'w:eastAsia="方正小标宋简体"' in styles
    assert 'w:eastAsia="黑体"' in styles
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="Noto Serif CJK SC"/>' in fonts
    assert '<w:font w:name="黑体"><w:altName w:val="Noto Sans CJK SC"/>' in fonts


def test_docx_prints_the_publication_date_and_section_text(gold_reports):
    r = by_shape(gold_reports)["2019"]
    r2 = type(r).from_json(r.to_json())
    from ogi.model import SectionText

    r2.sections[1] = SectionText(1, "一、总体情况", "第一段。\n\n第二段 <b>&amp;")
    doc = _docx_tables(render([r2], "docx"))
    texts = [p.text for p in doc.paragraphs]
    assert "第一段。" in texts and "第二段 <b>&amp;" in texts
    d = r.meta.published
    assert f"{d.year}年{d.month}月{d.day}日" in texts


# -- HTML -----------------------------------------------------------------------------------------

EXTERNAL = re.compile(r"""(?:src|href)\s*=|url\(|@import|<script|<link""", re.I)


@pytest.mark.parametrize("shape", ["2019", "2021", "2021-collapsed"])
def test_html_page_is_standalone_and_complete(gold_reports, shape):
    r = by_shape(gold_reports)[shape]
    page = render([r], "html").decode()
    assert page.startswith("<!DOCTYPE html>")
    assert not EXTERNAL.search(page)
    assert "@page{size:A4" in page
    tree = html.fromstring(page)
    assert tree.findtext(".//h1") == f"{r.meta.agency}{r.meta.year}年政府信息公开工作年度报告"
    assert [h.text for h in tree.iter("h2")] == [s.title for s in r.format.sections]
    values = {td.get("data-cell"): (td.text or "") for td in tree.iter("td")}
    assert values == {cid: format_value(c.value) for cid, c in r.cells.items()}
    tables = tree.findall(".//table")
    assert len(tables) == 3
    assert tables[1].find(".//thead/tr/th").get("colspan") == "3"
    assert tables[1].find(".//thead/tr/th").get("rowspan") == "3"


def test_html_fragment_is_scoped(gold_reports):
    r = next(iter(gold_reports.values()))
    frag = render([r], "html-fragment").decode()
    assert frag.startswith('<article class="ogi-report"')
    assert "<html" not in frag and "<body" not in frag and not EXTERNAL.search(frag)
    style = re.search(r"<style>(.*?)</style>", frag, re.S).group(1)
    rules = re.findall(r"([^{}]+)\{[^{}]*\}", re.sub(r"@media print\{(.*?\})\}", r"\1", style))
    for selector in rules:
        for part in selector.split(","):
            assert part.strip().startswith(".ogi-report"), part


def test_html_escapes_text(gold_reports):
    r = by_shape(gold_reports)["2019"]
    r2 = type(r).from_json(r.to_json())
    r2.meta.agency = "<script>x</script>局"
    page = render([r2], "html").decode()
    assert "<script>" not in page and "&lt;script&gt;" in page


# -- Markdown -------------------------------------------------------------------------------------

@pytest.mark.parametrize("shape", ["2019", "2021", "2021-collapsed"])
def test_markdown_tables(gold_reports, shape):
    r = by_shape(gold_reports)[shape]
    md = render([r], "md").decode()
    assert md.startswith(f"# {r.meta.agency}{r.meta.year}年政府信息公开工作年度报告\n")
    for s in r.format.sections:
        assert f"\n## {s.title}\n" in md
    lines = md.splitlines()
    # every value cell appears on the line of its row, after the row's label
    for g in grids(r)[:2]:
        for row in r.format.table(g.table.id).rows:
            if not set(row.cells) <= set(r.cells):
                continue
            line = next(x for x in lines if x.startswith(f"| {row.label} |"))
            assert line.split(" | ")[1:] == [format_value(r.cells[c].value) for c in row.cells[:-1]] + [
                format_value(r.cells[row.cells[-1]].value) + " |"]
    # no empty filler cell after a label in tables with row labels: an empty pipe cell is a blank value
    assert "| 三、本年度办理结果 |\n" in md + "\n" and "| 一、本年新收政府信息公开申请数量 | " in md
    assert "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 |" in md


# -- XLSX -----------------------------------------------------------------------------------------

def _sheets(data: bytes) -> dict[str, list[list]]:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True)
    out = {}
    for ws in wb.worksheets:
        rows = [list(row) for row in ws.iter_rows(values_only=True)]
        width = max((len(r) for r in rows), default=0)
        out[ws.title] = [r + [None] * (width - len(r)) for r in rows]  # empty trailing cells are not stored
    return out


def test_xlsx_one_sheet_per_table_one_row_per_report(gold_reports):
    reports = list(gold_reports.values())
    sheets = _sheets(render(reports, "xlsx"))
    assert list(sheets) == ["主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                            "政府信息公开行政复议、行政诉讼情况", "字段说明"]
    for title, rows in list(sheets.items())[:3]:
        header = rows[0]
        assert header[:4] == ["agency", "year", "template", "published"]
        assert len(rows) == 1 + len(reports)
        for report, row in zip(reports, rows[1:], strict=True):
            assert row[0] == report.meta.agency
            for cid, value in zip(header, row, strict=True):
                if cid in report.cells:
                    assert value == report.cells[cid].value, (title, cid)
                elif "." in cid:
                    assert value is None, (title, cid)
    ids = [c for rows in list(sheets.values())[:3] for c in rows[0] if "." in c]
    assert len(ids) == len(set(ids))
    # both formats' ids, and the single （六）其他处理 row of the collapsed 2021 report
    assert {"active.rules.made", "active.rules.issued", "apply.other.natural", "apply.other.misc.natural"} <= set(ids)
    legend = {row[0]: row for row in sheets["字段说明"][1:]}
    assert set(legend) == set(ids)
    assert legend["apply.denied.state_secret.natural"][2:4] == ["1.属于国家秘密", "自然人"]


def test_xlsx_null_is_empty_and_zero_is_zero(gold_reports):
    r = by_shape(gold_reports)["2021"]
    r2 = type(r).from_json(r.to_json())
    r2.set("apply.new.natural", None)
    r2.set("apply.new.commercial", 0)
    rows = _sheets(render([r2], "xlsx"))["收到和处理政府信息公开申请情况"]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["apply.new.natural"] is None and row["apply.new.commercial"] == 0


def test_xlsx_of_no_report_still_opens():
    sheets = _sheets(render([], "xlsx"))
    assert len(sheets) == 4 and all(len(rows) >= 1 for rows in sheets.values())


# -- JSON -----------------------------------------------------------------------------------------

def test_json_is_the_model_json(gold_reports):
    reports = list(gold_reports.values())
    assert json.loads(render(reports[:1], "json")) == json.loads(json.dumps(reports[0].to_json()))
    many = json.loads(render(reports, "json"))
    assert [m["cells"] for m in many] == [{k: c.value for k, c in r.cells.items()} for r in reports]


def test_every_format_cell_id_is_a_column(gold_reports):
    sheets = _sheets(render(list(gold_reports.values()), "xlsx"))
    ids = {c for rows in list(sheets.values())[:3] for c in rows[0]}
    for fmt in formats.all_formats():
        assert set(fmt.cells) <= ids
