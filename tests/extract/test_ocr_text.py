"""Text other tools' OCR made (Tesseract's above all: rules read as 1, | or l, zeros as o, headings
garbled or dropped, spacing approximate) is never read into sure cells it does not support.

Section headings an OCR garbled (`人人、 总体情况` for 一、总体情况, `、收到和处理…` without its
numeral, `一  主动公  \\开政府信 互v\\ 息情况`) are found where their section is missing between
two found in order; a heading an OCR dropped, whose table is read, is OGI's doubt (parse.W505),
never a missing section (section.E401) against the agency. Tesseract's text of OGI's rendered
reports shows all three."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ogi import synth
from ogi.check import check, quality_profile
from ogi.extract import extract
from ogi.read import read_bytes
from ogi.synth import _document, table_grid

SAMPLE = (Path(__file__).resolve().parents[2] / "examples" / "sample_report.txt").read_text(encoding="utf-8")


def _report(text: str):
    return extract(read_bytes(text.encode("utf-8"), "ocr.txt"))


def test_garbled_headings_are_found_in_their_gaps():
    text = (SAMPLE.replace("一、总体情况", "人人、      总 体情况", 1)
            .replace("二、主动公开政府信息情况", "一  主动公  \\开政府信 互v\\ 息情况", 1)
            .replace("三、收到和处理政府信息公开申请情况", "、收到和处理政府信息公开申请情况", 1))
    report = _report(text)
    assert {n: report.sections[n].heading for n in (1, 2, 3)} == {
        1: "人人、      总 体情况", 2: "一  主动公  \\开政府信 互v\\ 息情况", 3: "、收到和处理政府信息公开申请情况"}
    assert "326条" in report.sections[1].text
    assert not [f.rule for f in check(report) if f.rule in ("section.E401", "parse.W505")]


def test_narrative_line_with_the_heading_words_is_no_heading():
    """A line of section 一 that says 主动公开政府信息 and a figure is not section 二's heading."""
    text = SAMPLE.replace("二、主动公开政府信息情况", "", 1).replace(
        "（一）主动公开。", "全年主动公开政府信息 759 条\n（一）主动公开。", 1)
    report = _report(text)
    assert 2 not in report.sections
    assert [f.rule for f in check(report) if f.rule in ("section.E401", "parse.W505")] == ["parse.W505"]


def test_dropped_heading_of_a_section_whose_table_is_read_is_ogis_doubt():
    report = _report(SAMPLE.replace("三、收到和处理政府信息公开申请情况", "", 1))
    assert 3 not in report.sections
    findings = [f for f in check(report) if f.rule in ("section.E401", "parse.W505")]
    assert [(f.rule, f.evidence["section"]) for f in findings] == [("parse.W505", 3)]
    assert "未能找到第3部分" in findings[0].zh


def test_dropped_narrative_section_is_still_missing():
    text = SAMPLE.replace("六、其他需要报告的事项", "", 1)
    report = _report(text)
    assert [(f.rule, f.evidence["section"]) for f in check(report) if f.rule == "section.E401"] == [("section.E401", 6)]


def test_row_label_garbled_past_matching_with_its_figures_printed_is_unread_not_missing():
    """Tesseract's `一 人 \\开申请数量 1095 | 1255 0`: the row is printed, OGI could not read it."""
    report = _report(SAMPLE.replace("一、本年新收政府信息公开申请数量 |\n244 | 120 | 27 | 120 | 0 | 0 |\n511 | ||\n",
                                    "一 人 \\开申请数量      244 | 120  27\n", 1))
    assert "apply.new.natural" not in report.cells
    rules = {f.rule for f in check(report) if "apply.new.natural" in f.cells}
    assert "parse.W501" in rules and "format.E203" not in rules


def test_row_the_document_lacks_is_still_missing():
    report = _report(SAMPLE.replace("二、上年结转政府信息公开申请数量 |\n0 | 0 | 0 | 0 | 0 | 0 |\n0 | ||\n", "", 1))
    rules = {f.rule for f in check(report) if "apply.carried_over.natural" in f.cells}
    assert "format.E203" in rules


# A 2019 report whose table 2 is printed space-aligned, as Tesseract prints it (`_tesseract_table2`).
TRUTH = synth.random_report("2019", 3, busy=0.8)
ACTIVE, APPLY = TRUTH.format.table("active"), TRUTH.format.table("apply")


def _tesseract_table2(row_id: str, printed: Callable[[list[str]], list[str]], header: list[str] | None = None,
                      junk_rows: tuple[str, ...] = ()):
    """TRUTH read from its text with table 2 space-aligned: the figures of table 2's row `row_id` as
    `printed` gives them, the column labels of its header rows as `header` gives them (None: as
    the format words them), and `Oo1alololo0la5` for the figures of table 3's rows `junk_rows`.
    Returns the report and the row's cells."""
    from ogi.extract.columns import display_width

    row = ACTIVE.row(row_id)

    def pad(cells):
        return "  " + "".join(c + " " * max(1, 22 - display_width(c)) for c in cells).rstrip()

    def lines(t):
        out = []
        for labels, values in table_grid(TRUTH, t, None):
            if t.id != "active":
                out.append("  ".join(labels + (["Oo1alololo0la5"] if labels and labels[-1] in junk_rows else values)))
            elif not values and len(labels) == 1:
                out.append(labels[0])
            elif not values:  # a header row
                out.append(pad(labels[:1] + (header or labels[1:])[:len(labels) - 1]))
            else:
                out.append(pad(labels[:1] + (printed(values) if labels[0] == row.label else values)))
        return out

    text = _document(TRUTH, lines)
    assert text.count("Oo1alololo0la5") == len(junk_rows)
    return extract(read_bytes(text.encode("utf-8"), "tesseract.txt")), row.cells


def _never_silently_wrong(report, cells) -> None:
    for c in cells:
        cell = report.cells.get(c)
        assert cell is None or cell.uncertain or cell.value == TRUTH.value(c), (c, cell)


def test_figures_beside_ocr_junk_are_not_placed_by_their_spacing():
    """`0   olo|lolo` in a space-aligned table: the cells the junk stands in are unread or in doubt,
    never blanks placed by the 0's position under the complete rows."""
    report, cells = _tesseract_table2("penalty", lambda values: ["0", "olo|lolo"])
    _never_silently_wrong(report, cells[1:])


def test_row_that_lost_a_figure_under_a_garbled_header_is_not_placed_by_spacing():
    """Tesseract drops a row's first figure (`行政许可  -2  2` for 27 -2 2) and garbles the header
    (`信息内容 下一年项目区是 林年增/减 浆主天定数晤`): its spacing cannot say which cell was lost."""
    report, cells = _tesseract_table2("licensing", lambda values: values[1:],
                                      header=["下一年项目区是", "林年增/减", "浆主天定数晤"])
    _never_silently_wrong(report, cells)


def test_row_that_lost_a_figure_in_ocr_made_text_is_not_placed_by_spacing():
    """The header read right, but the text is an OCR's (rows of zeros and rules read
    `Oo1alololo0la5` elsewhere): no complete row's spacing vouches for where the lost figure stood."""
    report, cells = _tesseract_table2(
        "licensing", lambda values: values[1:],
        junk_rows=(APPLY.row("denied.three_safety").label, APPLY.row("denied.query").label))
    _never_silently_wrong(report, cells)


# Two lines of what an OCR makes of a table's zeros and rules: the text is an OCR's.
OCR_JUNK = "\n0o | oo|o|0\n(三) 不 | 二保护第三方合法权益      Oo1alololo0la5\n"


def test_broken_equation_in_ocr_text_is_ogis_doubt_not_the_agencys():
    """Rows read exactly, an equation broken: in typed text the agency's error; in an OCR's text a
    figure the OCR may have misread (rapidocr's 9 read as 6), OGI's doubt."""
    typo = SAMPLE.replace("244 | 120 | 27 | 120 | 0 | 0 |", "248 | 120 | 27 | 120 | 0 | 0 |", 1)
    typed = {f.rule for f in check(_report(typo)) if "apply.new.natural" in f.cells}
    assert "apply.E102" in typed
    ocr = _report(typo + OCR_JUNK)
    assert ocr.cells["apply.new.natural"].uncertain
    assert "OCR" in ocr.cells["apply.new.natural"].reason
    assert not [f for f in check(ocr) if f.rule.startswith("apply.E")]


def test_page_number_with_a_dash_read_as_yi_marks_ocr_text():
    """rapidocr's text carries no letters for zeros, but reads a page number's dash as 一
    (`—1—` as `-1一`): the text is an OCR's, and its broken equation is OGI's doubt."""
    typo = SAMPLE.replace("244 | 120 | 27 | 120 | 0 | 0 |", "248 | 120 | 27 | 120 | 0 | 0 |", 1)
    at = typo.index("三、收到和处理政府信息公开申请情况")
    for page_number, ocr in (("—2—", False), ("- 2 -", False), ("一2一", False), ("-2一", True), ("一 2 —", True)):
        report = _report(typo[:at] + f"\n{page_number}\n" + typo[at:])
        accused = [f.rule for f in check(report) if f.rule.startswith("apply.E")]
        assert bool(accused) != ocr and report.cells["apply.new.natural"].uncertain == ocr, page_number


def test_glued_digits_in_ocr_text_are_in_doubt():
    glued = SAMPLE.replace("二、上年结转政府信息公开申请数量 |\n0 | 0 | 0 | 0 | 0 | 0 |\n0 | ||",
                           "二、上年结转政府信息公开申请数量 |\n0000000", 1)
    typed = _report(glued)
    assert typed.cells["apply.carried_over.natural"].value == 0 and not typed.cells["apply.carried_over.natural"].uncertain
    ocr = _report(glued + OCR_JUNK)
    assert all(ocr.cells[c].uncertain for c in ocr.cells if c.startswith("apply.carried_over."))


def test_figure_on_table4_header_line_is_no_value():
    """Tesseract's `和2 | 总计`: a digit read into a header cell, more header words after it, over a
    row of fourteen figures (a blank cell lost): the speck never makes the fifteenth value."""
    start = SAMPLE.index("四、政府信息公开行政复议、行政诉讼情况")
    end = SAMPLE.index("五、存在的主要问题及改进情况")
    specked = SAMPLE[:start] + (
        "四、政府信息公开行政复议、行政诉讼情况\n"
        "行政复议                                                 行政诉讼\n"
        "                                          未经复议直接起诉                复议后起诉\n"
        "结果 | 结果 | 其他 | 尚未 | 和2 | 结果 | 结果 | 其他 | 尚未 | 总计 | 结果 | 结果 | 其他 | 尚未 | 总计\n"
        "维持 | 纠正 | 结果 | 审结 | 总计 | 维持 | 纠正 | 结果 | 审结 |    | 维持 | 纠正 | 结果 | 审结 |\n"
        "0      0      0      0      0      0      0      0      0      0      0      0      0      0\n"
    ) + SAMPLE[end:]
    read = _report(specked)
    upheld = read.cells.get("review.upheld")
    assert upheld is None or upheld.value == 0 or upheld.uncertain
    assert not [f for f in check(read) if f.rule.startswith("appeal.E")]


def test_title_an_ocr_misread_gives_way_to_the_signature_in_ocr_text():
    """Tesseract's text (zeros and rules read as letters): the title's large characters misread
    (诲证区 for 海淀区, two of eight), the signature's body-size print is the name. In typed text the
    title stays the name."""
    title = SAMPLE.split("\n", 1)[0]
    misread = SAMPLE.replace(title, title.replace("青山区", "青出巨"), 1)
    assert _report(misread).meta.agency == "青出巨应急管理局"  # typed text: the report names itself so
    assert _report(misread + OCR_JUNK).meta.agency == "青山区应急管理局"


def test_amount_without_a_decimal_point_in_ocr_text_is_in_doubt():
    """Tesseract drops a decimal point (1.5 read 15): in an OCR's text an amount printed without
    one is in doubt; with one, or in typed text, it is read as printed."""
    text = SAMPLE.replace("行政事业性收费 |\n0 |", "行政事业性收费 |\n15 |", 1)
    assert not _report(text).cells["active.fees.amount"].uncertain
    report = _report(text + OCR_JUNK)
    ocr = report.cells["active.fees.amount"]
    assert ocr.value == 15 and ocr.uncertain and "小数点" in ocr.reason
    # `ogi check` says OGI's doubt and why: a parse.W502 with the reason, no accusation
    doubt = next(f for f in check(report) if f.rule == "parse.W502" and f.cells == ("active.fees.amount",))
    assert "小数点" in doubt.zh and "decimal point" in doubt.en and doubt.evidence["reason"] == ocr.reason
    pointed = _report(text.replace("行政事业性收费 |\n15 |", "行政事业性收费 |\n1.5 |", 1) + OCR_JUNK)
    assert pointed.cells["active.fees.amount"].value == 1.5 and not pointed.cells["active.fees.amount"].uncertain


def test_title_whose_region_an_ocr_put_on_a_line_of_its_own_gives_way_to_the_signature():
    """Tesseract's `余杭区` / `目然资源和规划局…`: the title's agency is the signature's without its
    region and with a character misread; in an OCR's text the signature's full name is the name."""
    title = SAMPLE.split("\n", 1)[0]
    split = SAMPLE.replace(title, "青山区\n" + title.replace("青山区应急管理局", "应急管埋局"), 1)
    assert _report(split + OCR_JUNK).meta.agency == "青山区应急管理局"


def test_what_an_ocr_text_lacks_is_never_said_missing_from_the_document():
    """Tesseract's single-block mode garbles whole tables and headings past recognition: in an
    OCR's text a table, a row or a section OGI did not find is OGI's doubt, never the agency's
    omission (format.E204, format.E203, section.E401)."""
    start = SAMPLE.index("二、主动公开政府信息情况")
    end = SAMPLE.index("三、收到和处理政府信息公开申请情况")
    garbled = (SAMPLE[:start] + "[人\n| 行政规范作文作 | 114 | 0 | oo |\n[和行改事人收费 | 0\n" + SAMPLE[end:]).replace(
        "六、其他需要报告的事项", "六 共他需要扳告的", 1)
    typed = {f.rule for f in check(_report(garbled))}
    assert "section.E401" in typed  # typed text that lacks a heading does lack it
    findings = check(_report(garbled + OCR_JUNK))
    assert not [f for f in findings if f.rule in ("format.E204", "format.E203", "section.E401")]
    assert {"parse.W501", "parse.W505"} <= {f.rule for f in findings}


def test_ocr_text_figures_vouched_for_by_their_row_alone_are_in_doubt():
    """An OCR that drops a digit from a figure and from its row's total alike (13 and 16 read 3 and
    6) keeps the row's equation; with the column's total unreadable nothing else vouches for it."""
    text = SAMPLE.replace("（七）总计 |", "(bbD&计 zz 7”|l9，|o|， sl5 la |", 1)
    report = _report(text + OCR_JUNK)
    assert report.cells["apply.new.natural"].uncertain
    assert "行与列" in report.cells["apply.new.natural"].reason
    assert not _report(text).cells["apply.new.natural"].uncertain


def test_ocr_text_whose_tables_are_past_reading_is_a_report_with_every_cell_unread():
    """Tesseract's single-block text can leave no table legible: the report is still given (its
    agency, year, date), every cell unread, rather than refused as a report without tables."""
    import pytest

    from ogi.extract import ExtractError

    start = SAMPLE.index("二、主动公开政府信息情况")
    end = SAMPLE.index("五、存在的主要问题及改进情况")
    past_reading = SAMPLE[:start] + "二、主动公开政府信息情况\n[人 和改订| oo | DB |\n" + \
        "三、收到和处理政府信息公开申请情况\n[LIE | | oololololnl\n四、政府信息公开行政复议、行政诉讼情况\n[aaa oroofrorolofo\n" + \
        SAMPLE[end:]
    with pytest.raises(ExtractError, match="未找到年度报告的统计表"):
        _report(past_reading.replace("oololololnl", "").replace("oroofrorolofo", "").replace("oo | DB", ""))
    report = _report(past_reading + OCR_JUNK)
    assert report.meta.agency == "青山区应急管理局" and report.meta.year == 2024
    assert not report.cells and set(report.unread) == set(report.missing)
    findings = check(report)
    assert not [f for f in findings if f.severity == "error"]
    assert quality_profile(report, findings)["score"] is None  # not 93 for tables nobody read
