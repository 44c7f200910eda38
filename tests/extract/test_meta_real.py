"""Metadata as the document states it (issue 10): the reporting body as the report names it, the
document's own date, never a site field's prefix, a crawler's time or a word the document lacks."""

from __future__ import annotations

import datetime as dt

import pytest

from ogi.extract.meta import find_meta

BODY = ["一、总体情况", "2023年，本机关认真贯彻《中华人民共和国政府信息公开条例》。"]


def meta(*lines: str):
    return find_meta(list(lines), BODY[1])


def test_site_field_prefix_is_not_part_of_the_agency():
    m = meta("标题:洮北区政务服务局2023年度政府信息公开工作年度报告", *BODY)
    assert m.agency == "洮北区政务服务局"
    assert m.title == "洮北区政务服务局2023年度政府信息公开工作年度报告"


def test_crawler_collection_time_is_not_the_publication_date():
    m = meta("洮北区政务服务局2023年度政府信息公开工作年度报告", "采集时间: 2024-05-06 10:11:12", *BODY,
             "洮北区政务服务局", "2024年1月18日")
    assert m.published == dt.date(2024, 1, 18)


def test_site_publication_date_under_the_title_is_taken():
    m = meta("洮北区政务服务局2023年度政府信息公开工作年度报告", "来源：洮北区 | 发布时间：2024-01-20 09:00 | 浏览次数：12",
             *BODY)
    assert m.published == dt.date(2024, 1, 20)


def test_update_time_before_the_publication_date_is_skipped():
    m = meta("某县2023年政府信息公开工作年度报告", "更新时间：2024-06-01 发布日期：2024-03-05", *BODY)
    assert m.published == dt.date(2024, 3, 5)


def test_region_title_gets_no_word_the_document_does_not_print():
    m = meta("云州区2023年政府信息公开工作年度报告", *BODY)
    assert m.agency == "云州区"
    assert m.kind == "government"


def test_region_title_takes_the_government_name_the_document_prints():
    m = meta("大同市云州区2021年政府信息公开工作年度报告", "来源:大同市云州区人民政府办公室 |", *BODY)
    assert m.agency == "大同市云州区人民政府"
    assert m.kind == "government"


def test_general_office_keeps_its_name():
    m = meta("2023年度某省人民政府办公厅政府信息公开工作年度报告", *BODY)
    assert m.agency == "某省人民政府办公厅"
    assert m.kind == "department"


@pytest.mark.parametrize("tail", [
    ["赛罕区应急管理局2024年1月15日"],
    ["赛罕区应急管理局", "2024年1月15日 |"],
    ["赛罕区应急管理局 二〇二四年一月十五日"],
])
def test_signature_date_glued_or_followed_by_a_bar(tail):
    m = meta("赛罕区应急管理局2023年政府信息公开工作年度报告", *BODY, *tail)
    assert m.published == dt.date(2024, 1, 15)


def test_signature_after_blank_lines_names_the_agency_when_the_title_is_lost():
    """pandoc drops a DOCX title set in a text box: the signature names the agency."""
    m = find_meta(["一、总体情况", "2021年，本厅认真贯彻《中华人民共和国政府信息公开条例》。", "", "浙江省财政厅", "",
                   "2022年1月25日", ""], "2021年，本厅认真贯彻《中华人民共和国政府信息公开条例》。")
    assert (m.agency, m.published) == ("浙江省财政厅", dt.date(2022, 1, 25))


def test_the_subject_of_the_opening_sentence_is_the_agency_in_full():
    m = find_meta(["一、总体情况", "2025年，拉萨市城关区人民政府办公室认真贯彻落实《条例》。"],
                  "2025年，拉萨市城关区人民政府办公室认真贯彻落实《条例》。")
    assert m.agency == "拉萨市城关区人民政府办公室"


def test_signature_date_cut_into_table_cells_by_a_converter():
    m = meta("浙江省财政厅2021年政府信息公开工作年度报告", *BODY, "浙江省财政厅",
             "|     |     | 2022 | 年 1 月 25 | 日   |", "| --- | --- | ---- | -------- | --- |", "— 3 —")
    assert m.published == dt.date(2022, 1, 25)


def test_signature_with_spaces_inside_the_date_glued_after_the_agency():
    m = meta("海淀区教育委员会 2021 年政府信息公开工作年度报告", *BODY, "海淀区教育委员会 2022 年1 月8 日 ", "", "")
    assert m.published == dt.date(2022, 1, 8)


def test_ocr_garbled_title_gives_way_to_the_signature():
    """OCR misreads the bold title's agency (a Latin letter in a Chinese name): the agency is the
    one the signature prints, never the garble."""
    m = meta("东城x文套委员会2021年政府信息公开工作年度报告", *BODY, "东城区卫生健康委员会", "2022年1月10日")
    assert m.agency == "东城区卫生健康委员会"


@pytest.mark.parametrize("garbled", ["赛罕区应急管：局", "余杭区'然资源和规划局"])
def test_ocr_punctuation_in_the_titles_agency_gives_way_to_the_signature(garbled):
    """A mark no agency's name holds (：, ') where OCR could not read a character of the title."""
    signed = garbled.replace("：", "理").replace("'", "自")
    m = meta(f"{garbled}2019年政府信息公开工作年度报告", *BODY, signed, "2020年1月13日")
    assert m.agency == signed


def test_ocr_title_a_character_short_gives_way_to_the_signature_in_a_scan():
    """OCR dropped a character of the large bold title (苏州工业区 for 苏州工业园区): in a scan the
    signature's body-size print says the name. In a text document the title stays the name (the
    report names itself there; a shorter signature is its own)."""
    lines = ["苏州工业区管理委员会2019年政府信息公开工作年度报告", *BODY, "苏州工业园区管理委员会", "2020年1月12日"]
    assert find_meta(lines, BODY[1], ocr=True).agency == "苏州工业园区管理委员会"
    assert find_meta(lines, BODY[1]).agency == "苏州工业区管理委员会"


_WIDE = str.maketrans("0123456789", "０１２３４５６７８９")


def test_full_width_digits_in_title_and_dates_are_read_as_the_numbers_they_are(seeds):
    # Digits typed full-width (an input method's: ２０２２年２月１４日), kept by Word and by the pages
    # made from it: the title's year, the site's 发布日期 and the signature date are still found,
    # so the agency is the title's, not a sentence's subject (`一是我局`), and every cell as before.
    from ogi.extract import extract
    from ogi.read import read_text

    for path, gold in seeds:
        text = path.read_text(encoding="utf-8").translate(_WIDE)
        assert "２０" in text
        report = extract(read_text(text.encode(), name=path.name))
        assert report.meta.agency == gold["meta"]["agency"]
        assert report.meta.year == gold["meta"]["year"]
        published = gold["meta"]["published"]
        assert report.meta.published == (dt.date.fromisoformat(published) if published else None)
        assert {c: report.cells[c].value for c in gold["cells"]} == gold["cells"]
        assert not any(report.cells[c].uncertain for c in gold["cells"])


def test_full_width_signature_date():
    m = meta("洮北区政务服务局２０２３年度政府信息公开工作年度报告", *BODY, "洮北区政务服务局", "２０２４年１月１８日")
    assert (m.agency, m.year, m.published) == ("洮北区政务服务局", 2023, dt.date(2024, 1, 18))


@pytest.mark.parametrize("crumb", ["当前位置：首页 > 政府信息公开 > 年度报告", "您现在的位置：首页 » 信息公开 » 政府信息公开年度报告",
                                   "首页>>政务公开>>政府信息公开工作年度报告"])
def test_a_sites_breadcrumb_is_not_the_title(crumb):
    # The breadcrumb names the site's column: taken as the title, it lost the agency (a sentence's
    # subject was taken: 设立云州区政务公开办公室) and `ogi check` then judged a government's
    # report by a department's deadline (time.E601, undeserved).
    m = meta(crumb, "【字体：大 中 小】 【打印】", "大同市云州区人民政府2021年政府信息公开工作年度报告",
             "发布日期:2022-02-14 11:10", *BODY)
    assert (m.agency, m.year, m.title) == ("大同市云州区人民政府", 2021, "大同市云州区人民政府2021年政府信息公开工作年度报告")


@pytest.mark.parametrize("title", ["洮北区政务服务局政府信息公开工作年度报告（2023年度）",
                                   "洮北区政务服务局政府信息公开工作年度报告(2023年)", "洮北区政务服务局政务公开年度报告（2023）"])
def test_year_after_the_reports_name_in_the_title(title):
    # The agency stands before the report's name, not before the year (it was read as
    # 洮北区政务服务局政府信息公开工作年度报告（).
    m = meta(title, *BODY)
    assert (m.agency, m.year) == ("洮北区政务服务局", 2023)


def test_an_agency_named_for_open_government_keeps_its_name():
    m = meta("某市政务公开办公室2023年度政府信息公开工作年度报告", *BODY)
    assert (m.agency, m.year) == ("某市政务公开办公室", 2023)


def test_title_wrapped_onto_a_second_line():
    m = meta("洮北区政务服务局2023年度政府信息公开", "工作年度报告", *BODY)
    assert (m.agency, m.year, m.title) == ("洮北区政务服务局", 2023, "洮北区政务服务局2023年度政府信息公开工作年度报告")


def test_a_cited_documents_name_cut_by_a_line_is_not_the_title():
    # 《…关于印发自治区政府信息公开工作年度报告制度的通知》 cut by a PDF's lines: the pieces are
    # narrative; the agency is the one that 编制 the report (its name cut by a line as well).
    m = meta("本报告根据《中华人民共和国政府信息公开条例》、《内蒙古自治区人民政",
             "府办公厅关于印发自治区政府信息公开工作年度报告制度的通知》和《20",
             "20年全市政务公开和政务服务工作要点》要求,由鄂尔多斯市扶贫开发办", "公室编制而成。", *BODY)
    assert m.agency == "鄂尔多斯市扶贫开发办公室"
    m = meta("本报告根据《中华人民共和国政府信息公开条例》、《内蒙古自", "发自治区政府信息公开工作年度报告制度的通", "知》要求,由鄂尔多斯市扶贫开发办",
             "公室编制而成。", *BODY)
    assert m.agency == "鄂尔多斯市扶贫开发办公室"


def test_publication_date_wrapped_after_its_label():
    m = meta("洮北区政务服务局2023年度政府信息公开工作年度报告", "发布日期:2024-01-2", "1    点击数:", *BODY)
    assert m.published == dt.date(2024, 1, 21)


@pytest.mark.parametrize("width", [20, 33])
def test_seeds_with_their_lines_wrapped_keep_their_metadata(seeds, width):
    # Every line longer than `width` cut into lines of `width` characters (a PDF's lines, a
    # narrow column): the title, the 来源 line that names the government (大同市云州区人民政 / 府),
    # section 一's subject (区应急 / 管理局), the region's name (奉化 / 区政府) are read across the
    # breaks, and every cell as before.
    from ogi.extract import extract
    from ogi.read import read_text

    for path, gold in seeds:
        lines = path.read_text(encoding="utf-8").split("\n")
        text = "\n".join("\n".join(t[i:i + width] for i in range(0, len(t), width)) if len(t) > width else t
                         for t in lines)
        report = extract(read_text(text.encode(), name=path.name))
        published = gold["meta"]["published"]
        assert (report.meta.agency, report.meta.year, report.meta.published) == (
            gold["meta"]["agency"], gold["meta"]["year"], dt.date.fromisoformat(published) if published else None)
        assert {c: report.cells[c].value for c in gold["cells"]} == gold["cells"]


def test_a_district_department_is_named_after_its_district_not_its_citys_government():
    # Title lost, the opening names 区应急管理局: the district is the one the text names a 区
    # (奉化区政府), never the city whose government the narrative cites more often (宁波市人民政府):
    # 宁波市应急管理局 is a name the document does not print, and a body of another level.
    opening = "2021年，区应急管理局在区委、区政府的正确领导下，坚持以习近平新时代中国特色社会主义思想为指导。"
    lines = ["政府信息公开工作年度报告", "一、总体情况", opening,
             "按照宁波市人民政府的部署，通过奉化区政府门户网站公开信息。",
             "落实宁波市人民政府办公厅的要求；宁波市人民政府组织培训。"]
    assert find_meta(lines, opening).agency == "奉化区应急管理局"


def test_a_signature_without_its_date_names_the_agency_when_the_title_is_lost():
    # pandoc drops a DOCX's title: seed 004's text then names itself only 市扶贫办, and its full
    # name stands alone on the last line, a signature printed without a date.
    body = ["一、工作开展情况", "（一）加强领导，推进政务公开落实。市扶贫办高度重视政务公开工作，成立领导小组。",
            "六、其他需要报告的事项", "无。"]
    m = find_meta([*body, "", "鄂尔多斯市扶贫开发办公室", ""], body[1])
    assert m.agency == "鄂尔多斯市扶贫开发办公室"
    # A site's footer on the last line is no signature; the text's own subject stays.
    for footer in ("市人民政府办公室主办", "版权所有 市人民政府办公室", "联系电话：0477-8581234"):
        assert find_meta([*body, footer], body[1]).agency == "市扶贫办"


def test_a_city_name_longer_than_two_characters_is_taken_whole():
    # Title lost, no signature: the opening names 市扶贫办, and the text names its city's
    # government 鄂尔多斯市人民政府, whose last two characters before 市 are 多斯: the agency is
    # never 多斯市扶贫办, a name the document does not print.
    opening = "2020年，市扶贫办高度重视政务公开工作，成立政务公开工作领导小组。"
    lines = ["一、总体情况", opening, "按照鄂尔多斯市人民政府的要求，认真做好信息公开。",
             "在鄂尔多斯市人民政府门户网站发布信息12条。"]
    assert find_meta(lines, opening).agency == "鄂尔多斯市扶贫办"
