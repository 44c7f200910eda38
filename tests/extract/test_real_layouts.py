"""Layouts real text comes in (issue 10, part 3): each test is named after the family it reproduces,
on reports OGI generates, so the true values are known."""

from __future__ import annotations

import random

import pytest
from reading import EQUATION_ERRORS, assert_right, errors, parse, silent_wrong

from ogi import formats, synth
from ogi.check import check
from ogi.extract import extract
from ogi.read import read_bytes
from ogi.synth import _document, table_grid


def placeholder_headers(report, rng) -> str:
    """OCR or model-made Markdown: each table under a header of placeholders (数据1…数据N) and an
    empty or `-` header row."""
    def lines(t):
        grid = [(labels, values) for labels, values in table_grid(report, t, rng) if values]
        width = max(len(v) for _, v in grid)
        out = ["| 项目 | " + " | ".join(f"数据{i + 1}" for i in range(width)) + " |",
               "|" + "---|" * (width + 1),
               "| - | " + " | ".join("-" for _ in range(width)) + " |" if rng.random() < 0.5 else "|  |  |"]
        for labels, values in grid:
            out.append("| " + (labels[-1] if labels else "") + " | " + " | ".join(values) + " |")
        return out
    return _document(report, lines)


@pytest.mark.parametrize("fmt", ["2019", "2021"])
@pytest.mark.parametrize("seed", range(5))
def test_placeholder_header_digits_are_not_values(fmt, seed):
    truth = synth.random_report(fmt, seed, busy=0.8)
    assert_right(parse(placeholder_headers(truth, random.Random(seed))), truth)


def test_cell_notes_in_brackets_are_not_values():
    truth = synth.random_report("2021", 4, busy=0.8)
    truth.cells["active.normative.issued"].value = 22
    text = synth.render_text(truth, "markdown", 4).replace(
        "| 行政规范性文件 | 22 |", "| 行政规范性文件 | 22（其中修订16件，废止3件） |")
    assert "其中修订" in text
    read = parse(text)
    assert read.value("active.normative.issued") == 22
    assert read.value("active.normative.repealed") == truth.value("active.normative.repealed")
    assert not read.cells["active.normative.issued"].uncertain


def test_markup_measures_are_never_values():
    truth = synth.random_report("2021", 5, busy=0.8)
    text = synth.render_text(truth, "lines", 5).replace("行政许可\n", "行政许可\nwidth:57px\n", 1)
    assert "width:57px" in text
    assert_right(parse(text), truth)


def table2_labels_before_values(report, rng) -> str:
    """A converter's table 2: the row labels of each 第二十条 block on their own lines, then the
    block's numbers."""
    def lines(t):
        grid = table_grid(report, t, rng)
        if t.id != "active":
            return [c for labels, values in grid for c in labels + values]
        out, pending = [], []
        for labels, values in grid:
            if not values:
                out += [c for c in pending] + labels
                pending = []
                continue
            out += labels
            pending += values
        return out + pending
    return _document(report, lines)


@pytest.mark.parametrize("fmt", ["2019", "2021"])
@pytest.mark.parametrize("seed", range(5))
def test_table2_row_labels_listed_before_their_values(fmt, seed):
    truth = synth.random_report(fmt, seed, busy=0.8)
    read = parse(table2_labels_before_values(truth, random.Random(seed)))
    wrong = {c: (read.value(c), x.value) for c, x in truth.cells.items()
             if read.value(c) != x.value and not read.cells[c].uncertain}
    assert not wrong
    assert all(read.value(c) == x.value for c, x in truth.cells.items())


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_pdftotext_raw_column_wise_text_is_never_silently_wrong_nor_an_accusation(fmt, tmp_path):
    """pdftotext without -layout prints the tables column by column, labels first: what OGI cannot
    read in that order is flagged or left unread, never given as the document's, never blamed on
    the agency; with -layout every cell is read."""
    import shutil
    import subprocess

    from ogi.render import render

    if not shutil.which("pdftotext") or not shutil.which("soffice"):
        pytest.skip("poppler-utils and LibreOffice are needed")
    truth = synth.random_report(fmt, 0, busy=0.8)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render([truth], "pdf"))
    raw = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    read = extract(read_bytes(raw, "raw.txt"))
    assert [c for c, x in truth.cells.items()
            if c in read.cells and read.value(c) != x.value and not read.cells[c].uncertain] == []
    assert not [f.rule for f in check(read) if f.severity == "error"]
    layout = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    assert_right(extract(read_bytes(layout, "layout.txt")), truth)


def test_blank_cell_lost_in_space_aligned_text_is_not_split_silently():
    """pandoc/LibreOffice plain text: 行政许可 1 ␣ 13 loses its blank 本年增/减; "1 13" must not
    become 1 | 1 | 3 given as the document's numbers."""
    truth = synth.random_report("2019", 7, busy=0.8)
    truth.set("active.licensing.prev_items", 1)
    truth.set("active.licensing.change", None)
    truth.set("active.licensing.decisions", 13)
    text = synth.render_text(truth, "lines", 7)
    lines = text.split("\n")
    at = lines.index("行政许可")
    lines[at:at + 4] = ["行政许可                 1                                 13"]
    read = parse("\n".join(lines))
    for c in ("prev_items", "change", "decisions"):
        cell = read.cells.get(f"active.licensing.{c}")
        assert cell is None or cell.value == truth.value(f"active.licensing.{c}") or cell.uncertain


@pytest.mark.parametrize("fmt", ["2019", "2021"])
@pytest.mark.parametrize("seed", range(6))
def test_space_aligned_rows_place_values_under_their_header_columns(fmt, seed):
    """pandoc / LibreOffice / pdftotext -layout plain text: columns aligned with spaces, a blank
    cell only spaces; each value goes to the column whose header stands above it."""
    from ogi.extract.columns import display_width

    truth = synth.random_report(fmt, seed, busy=0.8)
    rng = random.Random(seed)
    for c in rng.sample([c for c in truth.cells if c.startswith("active.")], 3):
        truth.cells[c].value = None

    def pad(text: str, width: int) -> str:
        return text + " " * max(1, width - display_width(text))

    def lines(t):
        grid = table_grid(truth, t, None)
        if t.id != "active":
            return ["| " + " | ".join(labels + values) + " |" for labels, values in grid]
        out = []
        for labels, values in grid:
            if not values and len(labels) == 1:
                out.append(labels[0])
                continue
            cells = (labels[:1] if values else labels[:1]) + (values if values else labels[1:])
            out.append("  " + "".join(pad(c, 22) for c in cells).rstrip())
        return out

    read = parse(_document(truth, lines))
    assert_right(read, truth)
    # Values placed by the positions of the table's complete rows are sure; placed under the
    # header's words alone they are flagged (pdftotext -layout does not align values with their
    # header), and so is a row with no value at all (a blank row or values lost in conversion).
    rows = truth.format.table("active").rows
    confirmed = {tuple(c.id for c in r.columns) for r in rows
                 if all(truth.value(x) is not None for x in r.cells)}  # kinds of row with a complete one
    doubted = [c for c in read.cells if c.startswith("active.") and read.cells[c].uncertain
               and not all(truth.value(x) is None for x in _row_of(truth, c))]
    assert not [c for c in doubted
                if tuple(x.id for x in next(r for r in rows if c in r.cells).columns) in confirmed]


def _row_of(report, cell):
    return next(r.cells for t in report.format.tables for r in t.rows if cell in r.cells)


@pytest.mark.parametrize("seed", range(6))
def test_unprinted_blank_cells_in_table3_are_placed_by_the_equations(seed):
    """LibreOffice / pdftotext -raw plain text: a blank cell leaves nothing, so a table-3 row prints
    fewer figures than cells. Every placement of the blanks the row's equation allows is a reading;
    the column equations choose; a cell they leave open (a blank or a 0) is uncertain, never a
    guess given as the document's."""
    truth = synth.random_report("2021", seed, busy=0.9)
    rng = random.Random(seed)
    table = truth.format.table("apply")
    zeros = [c for c in table.cells if truth.value(c) == 0]
    for c in rng.sample(zeros, min(12, len(zeros))):  # printed blank: the equations still hold
        truth.set(c, None)

    def lines(t):
        out = []
        for labels, values in table_grid(truth, t, None):
            out.append(" ".join(labels))
            printed = [v for v in values if v.strip() not in ("", "-", "—", "/")]
            if printed:
                out.append(" ".join(printed))
        return out

    read = parse(_document(truth, lines))
    wrong = {c: (read.value(c), x.value) for c, x in truth.cells.items()
             if c in read.cells and read.value(c) != x.value and not read.cells[c].uncertain}
    assert wrong == {}
    # The figures are placed: every nonzero cell of table 3 is read, right.
    assert [c for c in table.cells if truth.value(c) and read.value(c) != truth.value(c)] == []


@pytest.mark.parametrize("fmt", ["2019", "2021"])
@pytest.mark.parametrize("seed", range(4))
def test_html2text_tables_without_outer_pipes_keep_their_blank_cells(fmt, seed):
    """html2text draws a table without outer pipes (`规章| 1024|  |    ` under a `---|---` rule, up
    to a blank line): every part is a cell, the first and the last included, so a blank cell
    is a blank value and not a reason to split 1024 as glued digits."""
    truth = synth.random_report(fmt, seed, busy=0.8)
    rng = random.Random(seed)
    for c in rng.sample([c for c in truth.cells if c.startswith("active.")], 4):
        truth.cells[c].value = None
    truth.cells["review.upheld"].value = None  # table 4's first cell: the line starts with "|"
    truth.cells["review.total"].value = sum(truth.value(f"review.{k}") or 0 for k in ("corrected", "other", "pending"))

    def lines(t):
        out = ["---|---"]
        for labels, values in table_grid(truth, t, None):
            out.append("| ".join(labels[-1:] + [v if v.strip() not in ("-", "—", "/") else "" for v in values]) + "  ")
        return out + [""]

    read = parse(_document(truth, lines))
    assert_right(read, truth)
    assert not [c for c in truth.cells if read.cells.get(c) is None or read.cells[c].uncertain]


@pytest.mark.parametrize("mark", ["①", "②", "²", "³", "⑩"])
def test_a_circled_or_superscript_digit_in_a_pipe_row_is_no_count(mark):
    """`②` and `²` are digits to Python's str.isdigit but no count: a Markdown cell holding one
    was taken as a number and int() failed (an internal error for the whole report). Now the
    cell is no value: the row around it is not read as counts, the other rows are."""
    text = ("某局2025年政府信息公开工作年度报告\n一、总体情况\n本年度。\n二、主动公开政府信息情况\n"
            "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n"
            "| 规章 | 1 | 0 | 5 |\n"
            f"| 行政规范性文件 | 3 | {mark} | 9 |\n")
    report = extract(read_bytes(text.encode(), "t.md"))
    assert (report.value("active.rules.issued"), report.value("active.rules.in_force")) == (1, 5)
    assert "active.normative.repealed" not in report.cells or report.cells["active.normative.repealed"].uncertain


def _split_across_a_page(fmt: str = "2021", seed: int = 3):
    """Table 4 whose row breaks across a page: 1024 wrapped within its cell, 102 on the first
    page and 4 on the next one, under the header printed again (as Word lays out a row that may
    break across pages, and as pymupdf4llm, markitdown and pdftotext then print it)."""
    truth = synth.random_report(fmt, seed, busy=0.8)
    for c, v in (("upheld", 0), ("corrected", 0), ("other", 1024), ("pending", 0), ("total", 1024)):
        truth.set(f"suit_direct.{c}", v)
    for group in ("review", "suit_after_review"):
        for c, v in (("upheld", 27), ("corrected", 0), ("other", 0), ("pending", 0), ("total", 27)):
            truth.set(f"{group}.{c}", v)
    return truth, synth.render_text(truth, "markdown", seed)


def test_table4_row_split_across_a_page_with_wrapped_digits_is_joined_by_its_columns():
    truth, text = _split_across_a_page()
    row = "| 27 | 0 | 0 | 0 | 27 | 0 | 0 | 1024 | 0 | 1024 | 27 | 0 | 0 | 0 | 27 |"
    assert row in text
    header = text[text.index("| 行政复议 |"):text.index(row)]
    text = text.replace(row, row.replace("1024", "102") + "\n— 2 —\n" + header + "||||||||4||4||||||")
    read = parse(text)
    for c in ("suit_direct.other", "suit_direct.total"):
        cell = read.cells[c]
        assert (cell.value, cell.uncertain, cell.alternatives) == (1024, True, (102,)), c
    assert "extract.wrapped_digits" in {n.code for n in read.notes}
    assert not any(read.cells[c].uncertain for c in ("review.upheld", "review.total", "suit_direct.upheld"))
    assert not [f for f in check(read) if f.severity == "error" and any(c.startswith("suit") for c in f.cells)]


def test_table4_wrapped_digits_without_columns_leave_every_fitting_cell_in_doubt():
    """Text without columns (pdftotext, markitdown): 4 and 4 fit 27→274 twice and 102→1024: the
    six cells any joining touches are in doubt, never read as sure."""
    truth, text = _split_across_a_page()
    row = "| 27 | 0 | 0 | 0 | 27 | 0 | 0 | 1024 | 0 | 1024 | 27 | 0 | 0 | 0 | 27 |"
    text = text.replace(row, row.replace("1024", "102") + "\n— 2 —\n行政复议 行政诉讼\n结果维持 结果纠正\n4 4")
    read = parse(text)
    doubted = {c for c in read.uncertain if c.startswith(("review", "suit"))}
    assert doubted == {"review.upheld", "review.total", "suit_direct.other", "suit_direct.total",
                       "suit_after_review.upheld", "suit_after_review.total"}
    assert 1024 in read.cells["suit_direct.other"].alternatives
    assert not [f for f in check(read) if f.severity == "error" and any(c.startswith("suit") for c in f.cells)]


def test_table4_figures_after_the_row_that_fit_nowhere_put_the_row_in_doubt():
    truth, text = _split_across_a_page()
    row = "| 27 | 0 | 0 | 0 | 27 | 0 | 0 | 1024 | 0 | 1024 | 27 | 0 | 0 | 0 | 27 |"
    read = parse(text.replace(row, row + "\n— 2 —\n行政复议 行政诉讼\n9"))
    assert "extract.leftover_values" in {n.code for n in read.notes}
    assert all(read.cells[c].uncertain for c in read.cells if c.startswith(("review", "suit")))
    assert read.value("suit_direct.other") == 1024  # kept as read, only in doubt


def test_table4_grid_row_continued_on_the_next_page_is_joined_by_its_columns():
    """A PDF grid whose table-4 row breaks across a page: the reader joins the page's parts into
    one grid (the repeated header dropped), so the row's rest is the grid's next row, blank but
    for the wrapped digits."""
    from ogi.read.document import Grid, Paragraph
    from ogi.read.text import text_document

    truth, text = _split_across_a_page()
    doc = text_document(text, "report.md", "md")
    first = next(i for i, b in enumerate(doc.blocks) if b.text.startswith("| 行政复议 |"))
    last = next(i for i, b in enumerate(doc.blocks) if b.text.startswith("| 27 |"))
    rows = [[c.strip() or None for c in b.text.strip().strip("|").split("|")] for b in doc.blocks[first:last + 1]
            if isinstance(b, Paragraph) and not b.text.startswith("|---")]
    rows[-1] = [v.replace("1024", "102") for v in rows[-1]]
    rows.append(["", "", "", "", "", "", "", "4", "", "4", "", "", "", "", ""])
    doc.blocks[first:last + 1] = [Grid(rows, page=2, row_pages=[2] * (len(rows) - 1) + [3])]
    read = extract(doc)
    for c in ("suit_direct.other", "suit_direct.total"):
        assert (read.value(c), read.cells[c].uncertain) == (1024, True), c
    assert not read.cells["review.upheld"].uncertain and read.value("review.upheld") == 27


def test_table4_wrapped_cell_centred_over_three_lines_puts_the_row_in_doubt():
    """pdftotext -layout of a row whose one cell wrapped (1024 as 102 / 4) and whose other cells
    are centred beside it: 102 on the line above the row, 4 below. The figures' order is not the
    columns' order: joining 102 and 4 in printed order adds up (1024 + 27 = 1051) yet is wrong;
    only a reading by the columns' positions may be vouched for."""
    truth = synth.random_report("2021", 3, busy=0.8)
    for group, values in (("review", (27, 0, 1024, 0, 1051)), ("suit_direct", (0, 0, 0, 0, 0)),
                          ("suit_after_review", (1, 0, 0, 0, 1))):
        for c, v in zip(("upheld", "corrected", "other", "pending", "total"), values, strict=True):
            truth.set(f"{group}.{c}", v)
    text = synth.render_text(truth, "markdown", 3)
    start = text.index("| 行政复议 |")
    end = text.index("\n", text.index("| 27 |"))
    layout = ("          行政复议                                  行政诉讼\n"
              "结果   结果    其他    尚未       总计     未经复议直接起诉      复议后起诉\n"
              "           102\n"
              "27   0           0    1051   0    0    0    0   0     1   0   0   0   1\n"
              "            4")
    read = parse(text[:start] + layout + text[end:])
    assert silent_wrong(read, truth) == []


def test_markdown_cell_wrapped_figure_is_one_value_in_doubt():
    """pymupdf4llm keeps a PDF cell's line break: `|102<br>4|` in a row with all its table's cells
    is the figure 1024 the cell wrapped (read, in doubt); in a row short of cells (two columns the
    converter merged, `|8|3<br>64|`) it stays two figures."""
    truth, text = _split_across_a_page()
    row = "| 27 | 0 | 0 | 0 | 27 | 0 | 0 | 1024 | 0 | 1024 | 27 | 0 | 0 | 0 | 27 |"
    read = parse(text.replace(row, row.replace("1024", "102<br>4")))
    for c in ("suit_direct.other", "suit_direct.total"):
        assert (read.value(c), read.cells[c].uncertain) == (1024, True), c
    assert silent_wrong(read, truth) == []
    assert read.value("review.upheld") == 27 and not read.cells["review.upheld"].uncertain


def test_markdown_line_break_between_figures_of_merged_cells_is_not_joined():
    from ogi.extract.tokens import NUM, tokenize
    from ogi.read.text import text_document

    def figures(table: str) -> list[str]:
        return [t.text for t in tokenize(text_document(table).blocks) if t.kind == NUM]

    merged_columns = "|信息内容|上一年项目数量|本年增/减|处理决定数量|\n|---|---|---|---|\n|其他对外管理服务事项|8|3<br>64|\n"
    assert figures(merged_columns) == ["8", "3", "64"]
    merged_rows = "|a|b|c|d|\n|---|---|---|---|\n|1.甲<br>2.乙|0<br>0|1<br>0|1<br>0|\n"
    assert "10" not in figures(merged_rows)


def test_table4_figure_in_a_header_cell_is_no_value():
    """OCR of a scanned table 4 reads a speck in the header cell as 1 (`1行政复议!`): a figure in a
    header cell is not the row's first value (it shifted every cell by one)."""
    from ogi.read.document import Grid, Paragraph
    from ogi.read.text import text_document

    truth, text = _split_across_a_page()
    doc = text_document(text, "report.md", "md")
    first = next(i for i, b in enumerate(doc.blocks) if b.text.startswith("| 行政复议 |"))
    last = next(i for i, b in enumerate(doc.blocks) if b.text.startswith("| 27 |"))
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    values = [c.strip() for c in doc.blocks[last].text.strip().strip("|").split("|")]
    rows: list[list[str | None]] = [  # as the scan's grid: the OCR's speck in the first header cell
        ["1行政复议!", None, None, None, None, "行政诉讼", *[None] * 9],
        [*results, "未经复议直接起诉", None, None, None, None, "复议后起诉", None, None, None, None],
        [None] * 5 + results + results,
        values,
    ]
    doc.blocks[first:last + 1] = [Grid(rows, page=2)]
    assert isinstance(doc.blocks[first - 1], Paragraph)
    read = extract(doc)
    assert_right(read, truth)
    assert not read.uncertain
    # the row itself, before any verification: exactly the fifteen printed values
    from ogi import formats
    from ogi.extract.tables import _appeal_segments, runs
    from ogi.extract.tokens import tokenize

    rs = runs(tokenize([Paragraph("四、政府信息公开行政复议、行政诉讼情况", line=1), Grid(rows, page=2)]))
    (seg,) = _appeal_segments(rs, 1, len(rs), formats.get("2021").by_role("appeals"))
    assert [t.text for t in seg.values] == values


def test_table4_row_on_uneven_lines_is_not_vouched_for():
    """OCR lines (rapidocr's boxes grouped into lines) of a report whose table-4 cell wrapped, 1024
    as 102 above the row and 4 below it, and which lost the row's last figure: the fifteen figures
    in printed order break two equations, yet the row's order is not its columns' order (lines of
    1, 13 and 1 figures), so the breaks are OGI's doubt, never errors against the agency."""
    from pathlib import Path

    text = (Path(__file__).parent / "data" / "ocr_lines_wrapped_table4_cell.txt").read_text(encoding="utf-8")
    assert "102\n27 0 0 1051 0 0 0 0 0 1 0 0 0\n4\n" in text
    read = parse(text)
    truth = {"review.upheld": 27, "review.corrected": 0, "review.other": 1024, "review.total": 1051,
             "suit_after_review.total": 1}
    assert [c for c, v in truth.items() if read.value(c) != v and not read.cells[c].uncertain] == []
    assert not [f for f in check(read) if f.rule == "appeal.E101"]


@pytest.mark.parametrize("layout", ["lines", "markdown"])
def test_section_heading_numeral_on_its_own_line(layout):
    """OCR gives the heading's numeral and its words a box each: `二、` / `主动公开政府信息情况`.
    It is the heading (no section.E401 against the agency), and the table below is still read."""
    truth = synth.random_report("2021", 6, busy=0.8)
    text = synth.render_text(truth, layout, 6)
    heading = "二、主动公开政府信息情况"
    assert heading in text
    read = parse(text.replace(heading, "二、\n主动公开政府信息情况"))
    assert read.sections[2].heading == heading
    assert "section.E401" not in {f.rule for f in check(read)}
    assert_right(read, truth)


def _negatives_under_a_wrapped_header():
    truth = synth.random_report("2019", 3, busy=0.8)
    truth.set("active.fees.change", -185)
    truth.set("active.licensing.change", -7)
    return truth, synth.render_text(truth, "markdown", 3)


def test_negative_cut_at_a_wrapped_header_column_break_is_one_figure_in_doubt():
    """pymupdf4llm takes its columns from a header that wraps 本年增/减 into `本年` and `增/减`, and
    cuts the negative figure under it at the same place: −185 as `|-1|85|`, −7 as `|-|7|`. One
    figure each, in doubt (the first part read alone as the alternative); the row's other cells
    stay sure."""
    truth, text = _negatives_under_a_wrapped_header()
    wrapped = "| 信息内容 | 上一年项目数量 | 本年 | 增/减 |"
    text = (text.replace("| 信息内容 | 上一年项目数量 | 本年增/减 |  |", wrapped)
            .replace("| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n| 行政许可 | 64 | -7 | 2 |",
                     wrapped + " 处理决定数量 |\n| 行政许可 | 64 | - | 7 | 2 |")
            .replace("| 行政事业性收费 | 13 | -185 |", "| 行政事业性收费 | 13 | -1 | 85 |"))
    assert "| - | 7 |" in text and "| -1 | 85 |" in text
    read = parse(text)
    for c, first_part in (("active.fees.change", -1), ("active.licensing.change", None)):
        cell = read.cells[c]
        assert (cell.value, cell.uncertain, cell.alternatives) == (truth.value(c), True, (first_part,)), c
    for c in ("active.fees.prev_items", "active.licensing.prev_items", "active.licensing.decisions"):
        assert (read.value(c), read.cells[c].uncertain) == (truth.value(c), False), c
    assert silent_wrong(read, truth) == []
    assert sum(n.code == "extract.split_figure" for n in read.notes) == 2


@pytest.mark.parametrize("amount, wrapped, cut", [(1.5, "| 采购 | 总金额 |", (" 1 ", " .5万 ")),
                                                  (24, "| 采购总 | 金额 |", (" 2 ", " 4 "))])
def test_amount_cut_at_a_wrapped_header_column_break_is_one_figure_in_doubt(amount, wrapped, cut):
    """The same cut under 采购总金额 wrapped into two cells: `|1|.5万|` is 1.5, `|2|4|` is 24."""
    truth = synth.random_report("2019", 3, busy=0.8)
    truth.set("active.procurement.amount", amount)
    text = synth.render_text(truth, "markdown", 3)
    header = "| 信息内容 | 采购项目数量 | 采购总金额 |  |"
    row = next(line for line in text.splitlines() if line.startswith("| 政府集中采购 |"))
    assert header in text and row.split("|")[3].strip() in (f"{amount}万", f"{amount}")
    parts = row.split("|")
    text = text.replace(header, "| 信息内容 | 采购项目数量 " + wrapped).replace(row, "|".join([*parts[:3], *cut, ""]))
    read = parse(text)
    cell = read.cells["active.procurement.amount"]
    assert (cell.value, cell.uncertain) == (amount, True)
    assert not read.cells["active.procurement.items"].uncertain
    assert silent_wrong(read, truth) == []


def test_dash_and_figure_under_an_unwrapped_header_are_not_joined():
    """The same `|-|7|` under a header that prints 本年增/减 in one cell is no cut figure: a blank
    and a 7, one value too many, which OGI does not settle and leaves in doubt."""
    truth, text = _negatives_under_a_wrapped_header()
    text = text.replace("| 行政事业性收费 | 13 | -185 |", "| 行政事业性收费 | 13 | - | 185 |")
    read = parse(text)
    assert read.value("active.fees.change") != -185 or read.cells["active.fees.change"].uncertain
    assert "extract.split_figure" not in {n.code for n in read.notes}
    assert silent_wrong(read, truth) == []


def test_table4_blank_cell_dropped_by_a_converters_own_grid_is_placed_by_the_equations():
    """markitdown draws its own grid over a PDF's table 4: two figures in one cell (`| 0 0 |`) and
    an empty cell where the row has none, the printed blank gone. Read in that order the row
    breaks 行政诉讼's total, which OGI must not lay on the agency: the blank put back at every
    place, the equations pick out the readings; cells they leave open (blank or 0) are in doubt,
    the rest read right."""
    truth = synth.random_report("2019", 3, busy=0.8)
    for group, values in (("review", (0, 0, 0, None, 0)), ("suit_direct", (0, 0, 0, 1024, 1024)),
                          ("suit_after_review", (0, 0, 0, 0, 0))):
        for column, v in zip(("upheld", "corrected", "other", "pending", "total"), values, strict=True):
            truth.set(f"{group}.{column}", v)
    text = synth.render_text(truth, "markdown", 3)
    row = "| 0 | 0 | 0 | / | 0 | 0 | 0 | 0 | 1024 | 1024 | 0 | 0 | 0 | 0 | 0 |"
    assert row in text
    read = parse(text.replace(row, "| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 1024 | 1024 | 0 0 |  | 0 0 | 0 |"))
    assert silent_wrong(read, truth) == []
    assert not errors(read) & EQUATION_ERRORS
    assert [read.value(f"suit_direct.{c}") for c in ("pending", "total")] == [1024, 1024]
    assert not any(read.cells[f"suit_after_review.{c}"].uncertain
                   for c in ("upheld", "corrected", "other", "pending", "total"))


def test_table4_figures_after_the_next_sections_heading_are_never_its_values():
    """markitdown over a PDF whose label columns wrap: table 4's row lost its printed blank
    (fourteen figures for fifteen cells), and the signature after 六、其他需要报告的事项 came out
    as a table row of its own (`| 2023 年 | 1 月 22 | 日 |`). The day is no cell of table 4: with it
    the row has exactly fifteen figures, which read in order break one equation, and OGI gave 22
    as 复议后起诉's total and accused the agency (appeal.E101). What follows a later section's
    heading is never the table's; the blank's place stays OGI's doubt."""
    truth = synth.random_report("2021", 3, busy=0.8)
    for group in ("review", "suit_direct", "suit_after_review"):
        for column in ("upheld", "corrected", "other", "pending", "total"):
            truth.set(f"{group}.{column}", 0)
    truth.set("suit_direct.corrected", 1)
    truth.set("suit_direct.total", 1)
    truth.set("suit_after_review.corrected", None)
    text = synth.render_text(truth, "markdown", 3)
    row = "| 0 | 0 | 0 | 0 | 0 | 0 | 1 | 0 | 0 | 1 | 0 | 无 | 0 | 0 | 0 |"
    signature = "南山区司法局\n2023年1月22日"
    assert row in text and signature in text
    text = text.replace(row, "| 0 | 0 0 0 | 0 | 0 | 1 | 0 | 0 | 1 | 0 | 0 | 0 0 |")
    read = parse(text.replace(signature, "|  | 2023 年 | 1 月 22 | 日 |\n|---|---|---|---|"))
    assert read.value("suit_after_review.total") == 0
    assert silent_wrong(read, truth) == []
    assert not errors(read) & EQUATION_ERRORS
    assert "文档本身" not in " ".join(n.zh for n in read.notes)


def test_row_printed_blank_whose_marks_a_crawler_dropped_is_blank_in_doubt_beside_the_next_row():
    """A crawler that drops empty cells leaves a row printed blank as its label alone, straight
    before the next row's label and values (`5.属于三类内部事务信息` / `6.属于四类过程性信息` / 0 27 …).
    Which of the two rows the values are is not in the text: the first row is read blank and the
    second with the values, both in doubt, each with the other reading as the alternative; no
    cell is missing and none is silently wrong."""
    truth = synth.random_report("2019", 3, busy=0.8)
    columns = ("natural", "commercial", "research", "nonprofit", "legal", "other_org", "total")
    for c in columns:
        truth.set(f"apply.denied.internal.{c}", None)
    text = synth.render_text(truth, "lines", 3)
    blank_marks = text[text.index("5.属于三类内部事务信息\n") + 13:text.index("6.属于四类过程性信息")]
    assert blank_marks.count("\n") == 7
    read = parse(text.replace("5.属于三类内部事务信息\n" + blank_marks, "5.属于三类内部事务信息\n"))
    assert silent_wrong(read, truth) == []
    for c in columns:
        blank, taken = read.cells[f"apply.denied.internal.{c}"], read.cells[f"apply.denied.process.{c}"]
        assert (blank.value, blank.uncertain, blank.alternatives) == (None, True, (taken.value,)), c
        assert taken.value == truth.value(f"apply.denied.process.{c}") and taken.uncertain, c
    assert not errors(read) & EQUATION_ERRORS


HEADINGS = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")


@pytest.mark.parametrize("numbering", ["（{cn}）", "第{cn}部分 ", "{n}.", "**{n}、", "## {n}．"])
def test_sections_numbered_otherwise_are_found_and_not_said_missing(numbering):
    """Some reports number the six headings （一）…（六）, 第一部分…, 1.…6. (also as Markdown
    headings): the sections are there, so none is said missing (section.E401 would accuse the
    agency of leaving it out), each holds its own narrative, and the tables are read."""
    truth = synth.random_report("2021", 7, busy=0.8)
    text = synth.render_text(truth, "lines", 7)
    for n, heading in enumerate(HEADINGS, 1):
        assert heading in text
        words = heading[2:]
        text = text.replace(heading, numbering.format(cn=heading[0], n=n) + words
                            + ("**" if numbering.startswith("**") else ""), 1)
    read = parse(text)
    assert sorted(read.sections) == [1, 2, 3, 4, 5, 6]
    assert "section.E401" not in {f.rule for f in check(read)}
    assert "信息处理费" in read.sections[6].text and "总体情况" not in read.sections[1].text
    assert_right(read, truth)


def test_sub_items_numbered_in_brackets_are_not_taken_for_the_sections():
    """（一）…（五） sub-items inside 一、总体情况 often carry the next sections' words (（二）主动公开
    政府信息情况): with the official 一、…六、 headings there, they stay section 一's text."""
    truth = synth.random_report("2021", 8, busy=0.8)
    text = synth.render_text(truth, "lines", 8)
    subitems = "\n（一）主动公开政府信息情况\n本机关主动公开各类信息。\n（二）收到和处理政府信息公开申请情况\n依法办理。\n"
    text = text.replace("二、主动公开政府信息情况", subitems.lstrip("\n") + "二、主动公开政府信息情况", 1)
    read = parse(text)
    assert read.sections[2].heading == "二、主动公开政府信息情况"
    assert "（二）收到和处理政府信息公开申请情况" in read.sections[1].text
    assert_right(read, truth)


def test_table2_blank_cells_as_empty_lines_are_placed_by_the_lines_in_doubt():
    """LibreOffice's text export prints one cell a line and a blank cell as an empty line. In table
    2 no equation checks a row, so its blanks are placed by those empty lines (never by splitting
    a figure into the blanks' cells: 1024 is not 10 / 2 / 4), and the row is in doubt."""
    truth = synth.random_report("2019", 9, busy=0.8)
    truth.set("active.normative.made", 1024)
    truth.set("active.normative.published", None)
    truth.set("active.normative.total_public", None)
    text = synth.render_text(truth, "lines", 9)
    printed = text[text.index("规范性文件\n"):text.index("第二十条第（五）项")]
    assert printed.startswith("规范性文件\n1024\n") and printed.count("\n") == 4
    read = parse(text.replace(printed, "规范性文件\n1024\n\n\n"))
    cells = [read.cells[f"active.normative.{c}"] for c in ("made", "published", "total_public")]
    assert [c.value for c in cells] == [1024, None, None]
    assert all(c.uncertain for c in cells)
    assert silent_wrong(read, truth) == []


def _seed(prefix: str):
    import json

    from conftest import GOLD, SEEDS
    gold = json.loads(next(GOLD.glob(f"{prefix}_*.json")).read_text(encoding="utf-8"))
    return (SEEDS / gold["source"]).read_text(encoding="utf-8"), gold


@pytest.mark.parametrize("glue", ["no_line_breaks", "no_whitespace"])
def test_blank_sub_row_labels_run_together_are_unread_not_missing_rows(glue):
    # A real page (seed 001) prints the sub-rows of （三）不予公开、（四）无法提供、（五）不予处理 with blank
    # label cells. With its line breaks lost (a crawler's text), each group's figures run
    # together after the group's label and OGI cannot place them: they are OGI's doubt
    # (unread), never 16 rows the report lacks (format.E203), and the headings after a table's
    # last figure (`0000000 四、…`, after a non-breaking space or a cell bar) are found, never
    # three missing sections (section.E401).
    import re

    text, gold = _seed("001")
    text = re.sub(r"\n+", "", text) if glue == "no_line_breaks" else re.sub(r"\s+", "", text)
    report = extract(read_bytes(text.encode(), name="glued.txt"))
    findings = check(report)
    assert not {f.rule for f in findings if f.severity == "error"}
    assert not [c for c, v in gold["cells"].items() if c in report.cells and report.cells[c].value != v
                and not report.cells[c].uncertain]
    missing = set(report.missing)
    assert missing and missing <= set(report.unread)
    assert {f.rule for f in findings} >= {"parse.W501"}


@pytest.mark.parametrize("glue", ["no_line_breaks", "no_whitespace"])
@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_with_their_line_breaks_lost_keep_their_metadata_and_get_no_undeserved_error(prefix, glue):
    # A crawler that keeps no line breaks (or no whitespace at all) glues the site's toolbar to the
    # title (登录|注册洮北区政务服务局2019年度…), a converter's `[bookmark: _GoBack]` to section 一's
    # first sentence (whose subject, 区应急管理局, names the agency of a title without one) and the
    # page footer to the last section: the metadata is the document's still, and `ogi check`
    # raises no error the seed as printed does not get.
    import re

    text, gold = _seed(prefix)
    glued = re.sub(r"\n+", "", text) if glue == "no_line_breaks" else re.sub(r"\s+", "", text)
    report = extract(read_bytes(glued.encode(), name="glued.txt"))
    meta = gold["meta"]
    assert (report.meta.agency, report.meta.year, str(report.meta.published) if report.meta.published else None) == \
        (meta["agency"], meta["year"], meta["published"])
    assert not [c for c, v in gold["cells"].items() if c in report.cells and report.cells[c].value != v
                and not report.cells[c].uncertain]
    printed = extract(read_bytes(text.encode(), name="seed.txt"))
    assert errors(report) <= errors(printed)
    assert report.sections[1].text and "bookmark" not in report.sections[1].text


def test_a_2019_group_printed_as_one_row_still_lacks_its_rows():
    # The same rule leaves a real deviation alone: seed 004's （三）不予公开 printed as one row of
    # seven figures, without its eight sub-rows, lacks its rows (format.E203; the first takes the
    # figures, in doubt: the group's label anchors it).
    text, _ = _seed("004")
    start = text.index("(三)不予公开 |\n") + len("(三)不予公开 |\n")
    end = text.index("(四)无法提供")
    text = text[:start] + "0 |\n" * 7 + "|\n" + text[end:]
    findings = check(extract(read_bytes(text.encode(), name="one_row.txt")))
    assert sum(1 for f in findings if f.rule == "format.E203") == 7


@pytest.mark.parametrize("prefix", ["001", "003", "004"])
def test_a_web_page_printed_on_one_line_of_html_keeps_its_sections(prefix):
    # Minified HTML (the whole page on one source line): every paragraph has line 1, so a table
    # cell's line does not tell which paragraph it stands in. Taking the tables' text out by it
    # emptied the sections after the first (five section.E401 errors against seed 004).
    import html

    text, gold = _seed(prefix)
    body = "".join(f"<p>{html.escape(t) if t.strip() else '&nbsp;'}</p>" for t in text.split("\n"))
    page = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开</title></head><body>'
            '<div class="crumb">当前位置：<a>首页</a> &gt; <a>政府信息公开</a> &gt; <a>年度报告</a></div>'
            f'<div class="article">{body}</div><div class="foot">主办单位：某某区人民政府办公室</div></body></html>')
    report = extract(read_bytes(page.encode(), name="page.html"))
    printed = extract(read_bytes(text.encode(), name="seed.txt"))
    assert errors(report) <= errors(printed)
    assert set(report.sections) == set(printed.sections)
    assert {c: report.cells[c].value for c in gold["cells"]} == gold["cells"]


@pytest.mark.parametrize("lookalike", ["〇", "○", "O", "o", "零"])
def test_zero_printed_as_a_lookalike_is_zero_in_doubt_not_a_label_shifting_the_row(lookalike):
    # A real page (seed 002, one cell a line) with every other 0 typed as 〇 by an input method or
    # read as O by an OCR: each lookalike cell is the figure 0, in doubt (uncertain, with its
    # reason), never label text. Read as a label it stood between the row's label and its
    # figures and put them in the wrong cells: 信访举报投诉类申请's figures filled 自然人…法律服务机构
    # and left 其他 and 总计 blank, with no flag.
    text, gold = _seed("002")
    rng = random.Random(1)
    lines = [line.replace("0", lookalike) if line.strip() == "0" and rng.random() < 0.5 else line
             for line in text.split("\n")]
    changed = sum(a != b for a, b in zip(text.split("\n"), lines, strict=True))
    assert changed > 90
    read = parse("\n".join(lines))
    assert {c: read.value(c) for c in gold["cells"] if read.value(c) != gold["cells"][c]} == {}
    doubted = [c for c in read.uncertain if read.cells[c].value == 0]
    assert len(doubted) >= changed - 10  # (a few lookalikes stand in rows the text prints twice)
    assert "形近字" in read.cells[doubted[0]].reason
    own = errors(parse(text))
    assert errors(read) <= own


def test_zero_lookalikes_in_markdown_and_space_separated_rows():
    # OCR-made Markdown (`| O |`) and space-separated rows (`0 O 0`): the same figure 0, in doubt.
    text, gold = _seed("002")
    base = parse(text)
    row = [base.value(c) for c in base.format.table_of("apply.new.natural").rows[0].cells]
    assert row.count(0) >= 2
    for printed in (" | ".join("O" if v == 0 else str(v) for v in row), "  ".join("〇" if v == 0 else str(v) for v in row)):
        lines = text.split("\n")
        start = next(i for i, t in enumerate(lines) if "本年新收政府信息公开申请数量" in t)
        body = lines[:start + 1] + [f"| {printed} |" if "|" in printed else printed] + lines[start + 1 + 7:]
        read = parse("\n".join(body))
        cells = base.format.table_of("apply.new.natural").rows[0].cells
        assert [read.value(c) for c in cells] == row, printed
        assert all(read.cells[c].uncertain for c, v in zip(cells, row, strict=True) if v == 0)


@pytest.mark.parametrize("word", ["暂无", "不涉及", "N/A"])
def test_words_for_no_figure_are_blank_cells(word):
    # A cell printed 暂无 / 不涉及 / N/A holds no figure: a blank cell (CELLS.md: blank, -, —, /, 无
    # are null), never label text that would shift the row's figures.
    text, gold = _seed("002")
    lines = text.split("\n")
    at = next(i for i, t in enumerate(lines) if t.strip() == "1.信访举报投诉类申请")
    assert [t.strip() for t in lines[at + 1:at + 8]] == ["0"] * 7
    lines[at + 1] = lines[at + 1].replace("0", word)
    read = parse("\n".join(lines))
    row = [c for c in gold["cells"] if c.startswith("apply.not_processed.petition.")]
    assert read.value(row[0]) is None
    assert [read.value(c) for c in row[1:]] == [0] * 6


@pytest.mark.parametrize("word", ["*", "未统计", "见附注", "（空）"])
@pytest.mark.parametrize("seed", [1, 3])
def test_a_word_in_a_figures_place_never_moves_a_row_printed_one_cell_a_line(word, seed):
    # A real page printed one cell a line (seed 002) with a word where some figures stand (a lone
    # `*`, 未统计): the word is no figure, and the row's label is not on its line. Taken for the
    # label's line, it moved the row's figures one cell back (总计 read blank, no flag: the zeros
    # kept every equation). Every cell is right or in doubt, and no error falls on the agency.
    text, gold = _seed("002")
    rng = random.Random(seed)
    lines = [line.replace("0", word) if line.strip() == "0" and rng.random() < 0.3 else line
             for line in text.split("\n")]
    read = parse("\n".join(lines))
    wrong = {c: (v, read.value(c)) for c, v in gold["cells"].items()
             if c in read.cells and read.value(c) != v and not read.cells[c].uncertain}
    assert wrong == {}
    assert errors(read) <= errors(parse(text))


def _signed_changes(truth, text: str, mark: str, rise: bool) -> tuple[str, int]:
    """`text` with each rise (`rise`) or fall under 本年增/减 printed with `mark` for its sign, the
    row found by its label as the 2019 format names it; and how many were printed so."""
    import re

    n_all = 0
    for row in formats.get("2019").table_of("active.licensing.change").rows:
        change = next((c for c in row.cells if c.endswith(".change")), None)
        value = truth.value(change) if change else None
        if value is None or (value <= 0 if rise else value >= 0):
            continue
        printed = str(value) if rise else f"-{-value}"
        row_re = re.compile("(" + re.escape(row.label) + r"[\s|]*" + str(truth.value(row.cells[0])) + r"[\s|]*)"
                            + re.escape(printed) + r"(?!\d)")
        text, n = row_re.subn(r"\g<1>" + mark + str(abs(value)), text, count=1)
        n_all += n
    return text, n_all


@pytest.mark.parametrize("layout", ["markdown", "pipes", "lines", "tabs", "blank_lines"])
@pytest.mark.parametrize("plus", ["+", "＋"])
def test_plus_sign_of_a_rise_under_this_years_change_is_a_sign(layout, plus):
    # 2019 format, 本年增/减 printed `+3` for a rise: the figure 3, read as surely as without the
    # sign (read as text, the `+` stood among the row's figures and put the row in doubt).
    signed = 0
    for seed in range(6):
        truth = synth.random_report("2019", seed=seed, busy=0.8)
        text = synth.render_text(truth, layout, seed=seed)
        before = parse(text)
        text, n = _signed_changes(truth, text, plus, rise=True)
        signed += n
        read = parse(text)
        assert silent_wrong(read, truth) == []
        assert {c: read.value(c) for c in truth.cells if read.value(c) != truth.value(c)} == {}
        assert sorted(read.uncertain) == sorted(before.uncertain)
    assert signed >= 6


@pytest.mark.parametrize("dash", ["—", "–"])
def test_a_dash_typed_for_the_minus_of_a_fall_is_a_sign(dash):
    # 本年增/减 printed `—2` (an em or en dash typed for the minus): the figure −2, read surely (as
    # a blank mark and a 2 the row's figures moved, in doubt).
    signed = 0
    for seed in range(8):
        truth = synth.random_report("2019", seed=seed, busy=0.8)
        for layout in ("markdown", "pipes", "tabs"):
            text, n = _signed_changes(truth, synth.render_text(truth, layout, seed=seed), dash, rise=False)
            signed += n
            read = parse(text)
            assert {c: read.value(c) for c in truth.cells if read.value(c) != truth.value(c)} == {}
    assert signed >= 6


def test_plus_between_figures_is_text():
    from ogi.extract.tokens import NUM, cell_tokens

    assert [(t.kind, t.text) for t in cell_tokens("1+2") if t.kind == NUM] == [(NUM, "1"), (NUM, "2")]
    assert [t.kind for t in cell_tokens("1+2")].count(NUM) == 2 and len(list(cell_tokens("1+2"))) == 3
    assert [(t.kind, t.text, t.sign) for t in cell_tokens("+3")] == [(NUM, "3", "")]
    assert [(t.kind, t.text, t.sign) for t in cell_tokens("-3")] == [(NUM, "3", "-")]
    assert [(t.kind, t.text, t.sign) for t in cell_tokens("—3")] == [(NUM, "3", "-")]
    assert [t.sign for t in cell_tokens("2020–2021") if t.kind == NUM] == ["", ""]


@pytest.mark.parametrize("seed", range(4))
def test_pdftotext_layout_blank_cells_placed_by_character_columns(seed):
    """pdftotext -layout puts every glyph, CJK or not, in one character cell of its grid: a row's
    values line up with the other rows' in characters, not in display columns (the labels' CJK
    characters, two wide on a screen, shift them there). The rows right under the tall header are
    printed a few characters narrower than the rest (`科研 公益 法律` crowded), so a blank cell is
    placed by the complete rows nearest its own, which agree, surely and rightly."""
    truth = synth.random_report("2021", seed, busy=0.8)
    rng = random.Random(seed)
    rows = list(truth.format.table("apply").rows)[3:-1]  # (below the crowded rows, above 总计)
    blanked = []
    for row in rng.sample(rows, 4):
        cell = rng.choice(row.cells[:-1])
        truth.set(cell, None)
        blanked.append(cell)

    def lines(t):
        if t.id != "apply":
            return ["| " + " | ".join(labels + values) + " |" for labels, values in table_grid(truth, t, None)]
        out = []
        for at, (labels, values) in enumerate(table_grid(truth, t, None)):
            if not values:
                out.append("".join(labels))
                continue
            crowded = at < 6  # (the header's four lines, then the first two rows of values)
            starts = [41, 50, 60, 65, 69, 87, 93] if crowded else [41, 50, 60, 69, 78, 87, 93]
            line = labels[-1][:20]
            for start, value in zip(starts, values, strict=True):
                line = line.ljust(start) + value  # (a blank cell: "", spaces only)
            out.append(line.rstrip())
        return out

    read = parse(_document(truth, lines))
    assert_right(read, truth)
    assert [c for c in blanked if read.cells[c].uncertain] == []


@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_a_row_lost_where_the_table_crosses_a_page_is_not_blamed_on_the_agency(fmt):
    """pymupdf4llm's Markdown of a table a page cuts (the page's number, then the table's header
    again) lost the row at the cut: the text lacks it, but whether the document does is OGI's
    doubt (parse.W501), not the agency's omission (format.E203). Lacking elsewhere, it is."""
    truth = synth.random_report(fmt, 5, busy=0.8)
    dropped = "apply.partial"

    def lines_with(cut: bool):
        def lines(t):
            out = []
            for labels, values in table_grid(truth, t, None):
                if values and t.id == "apply" and any(c.startswith(dropped + ".") for c in _row_cells(truth, labels)):
                    if cut:
                        out += ["", "— 1 —", ""]
                    continue
                out.append("| " + " | ".join(labels + values) + " |")
            return out
        return lines

    def findings(cut: bool):
        return {f.rule for f in check(parse(_document(truth, lines_with(cut))))}

    assert "format.E203" not in findings(cut=True) and "parse.W501" in findings(cut=True)
    assert "format.E203" in findings(cut=False)


def _row_cells(report, labels):
    """The cells of the table row whose label is the last of `labels`."""
    label = labels[-1]
    return next((r.cells for t in report.format.tables for r in t.rows if r.label == label), ())


def _one_line_per_cell(truth, drop=()):
    """The report with each table cell on a line of its own (an OCR's boxes, a converter's
    paragraphs), leaving out the cells `drop`, as a text that lost them."""
    def lines(t):
        out = []
        for labels, values in table_grid(truth, t, None):
            out += labels
            # (Table 4's figures stand in a row of their own, without a label.)
            cells = (_row_cells(truth, labels) if labels else t.rows[0].cells) if values else ()
            out += [v for c, v in zip(cells, values, strict=True) if c not in drop]
        return out
    return _document(truth, lines)


def test_a_figure_the_ocr_lost_from_table4_leaves_its_cell_unread_and_the_rest_read():
    """rapidocr lost table 4's last figure (复议后起诉·总计 7): fourteen figures for fifteen cells.
    Only one placement lets the equations hold (a later gap shifts the other groups' figures):
    the other two groups are read surely, the lost cell's group in doubt (its equation cannot be
    checked), the lost cell unread (parse.W501), never a row the agency left out (format.E203)."""
    truth = synth.random_report("2021", 11, busy=0.8)
    values = dict(zip(truth.format.table("appeal").rows[0].cells,
                      [0, 0, 0, 0, 0, 8, 0, 0, 27, 35, 0, 5, 0, 2, 7], strict=True))
    for c, v in values.items():
        truth.set(c, v)
    read = parse(_one_line_per_cell(truth, drop={"suit_after_review.total"}))
    assert "suit_after_review.total" not in read.cells
    for c, v in values.items():
        if c.startswith(("review.", "suit_direct.")):
            assert read.value(c) == v and not read.cells[c].uncertain, c
        elif c != "suit_after_review.total":
            assert read.value(c) == v and read.cells[c].uncertain, c
    rules = {f.rule for f in check(read)}
    assert "parse.W501" in rules and "format.E203" not in rules
    assert any(n.code == "extract.lost_values" for n in read.notes)


def test_a_dropped_blank_beside_the_documents_own_slip_is_not_taken_for_a_lost_total():
    """0 1 0 ␣ 0 0 | 0: the row's figures do not add up to its total (the document's slip), and a
    converter dropped its blank. Reading the last 0 as 其他 with the total lost would make every
    figure fit: nothing but that one equation would say so, and it is the one that cannot be
    checked. No cell is read surely wrong."""
    truth = synth.random_report("2021", 12, busy=0.8)
    row = next(r for r in truth.format.table("apply").rows if r.id == "not_processed.duplicate")
    for c, v in zip(row.cells, [0, 1, 0, None, 0, 0, 0], strict=True):
        truth.set(c, v)
    read = parse(_one_line_per_cell(truth, drop={row.cells[3]}))
    assert silent_wrong(read, truth) == []

