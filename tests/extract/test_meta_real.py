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
