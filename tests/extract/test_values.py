"""Blank is not zero; units convert to 万元; row-label variants and typos still find their row."""

from __future__ import annotations

from ogi.extract import extract
from ogi.read import text_document

T2_2019 = """某区2020年政府信息公开工作年度报告
二、主动公开政府信息情况
第二十条第（一）项
信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量
规章 | / | — | 0
规范性文件 | 3 | 无 | 5
第二十条第（九）项
信息内容 | 采购项目数量 | 采购总金额（单位：元）
政府集中采购 | 2 | 12000元
"""


def test_blank_marks_are_null_and_zero_is_zero():
    r = extract(text_document(T2_2019))
    assert r.value("active.rules.made") is None and "active.rules.made" in r.cells
    assert r.value("active.rules.published") is None
    assert r.value("active.rules.total_public") == 0
    assert r.value("active.normative.published") is None
    assert r.to_json()["cells"]["active.rules.made"] is None


def test_amount_in_yuan_becomes_wan_yuan():
    r = extract(text_document(T2_2019))
    assert r.value("active.procurement.amount") == 1.2


def test_amount_with_wan_unit():
    text = T2_2019.replace("12000元", "24万").replace("（单位：元）", "")
    assert extract(text_document(text)).value("active.procurement.amount") == 24


def test_amount_without_unit_as_written():
    text = T2_2019.replace("12000元", "3.5").replace("（单位：元）", "")
    assert extract(text_document(text)).value("active.procurement.amount") == 3.5


def test_label_variants_typos_and_spaced_labels():
    rows = ["一、本年新收政府信息公开 申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果", "（一）予以公开",
            "（二）部分公开", "(三) 不 予 公 开", "1.属于国家秘密", "2.其他法律行政止公开", "3.危及“三安全一稳定”",
            "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷",
            "8.属于行政查询事项", "（四）无法提供", "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作",
            "3.补正后申请内容仍不明确", "（五）不予处理", "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
            "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息", "（六）其他处理", "（七）总计",
            "四、结转下年度继续办理"]
    lines = ["某区2020年政府信息公开工作年度报告", "申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计"]
    n = 0
    for label in rows:
        if label in ("三、本年度办理结果", "(三) 不 予 公 开", "（四）无法提供", "（五）不予处理"):
            lines.append(label)
            continue
        n += 1
        lines.append(f"{label} | {n} | 0 | 0 | 0 | 0 | 0 | {n}")
    lines += ["四、政府信息公开行政复议、行政起诉情况", "行政复议 | 行政起诉",
              "结果维持 | 结果纠正 | 其他结果 | 尚未结果 | 总计", " | ".join(["0"] * 15)]
    r = extract(text_document("\n".join(lines)))
    assert r.value("apply.new.natural") == 1
    assert r.value("apply.denied.law_prohibited.natural") == 6
    assert r.value("apply.other.natural") == 21
    assert r.value("apply.carried_forward.total") == 23
    assert r.value("review.total") == 0 and "suit_after_review.total" in r.cells
    assert not r.uncertain


def test_page_footer_and_split_label_inside_table():
    text = """某区2021年政府信息公开工作年度报告
| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
|---|---|---|---|---|---|---|---|
| 一、本年新收政府信息公开申请数量 | 3 | 1 | 0 | 0 | 0 | 0 | 4 |

— 4 —

| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
| 二、上年结转政府信息公开申请数量 |
| 1 | 0 | 0 | 0 | 0 | 0 | 1 |
"""
    r = extract(text_document(text))
    assert r.value("apply.new.total") == 4
    assert r.value("apply.carried_over.natural") == 1
    assert r.value("apply.carried_over.total") == 1


def test_figures_in_section_four_narrative_are_not_table_four():
    """Regression (found composing the example ledger): 被申请行政复议2件 before the table."""
    text = ("某局2025年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n"
            "本机关因政府信息公开被申请行政复议2件，被提起行政诉讼1件。\n"
            "行政复议 | 行政诉讼\n结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉\n"
            "1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0\n五、存在的主要问题及改进情况\n无。\n")
    r = extract(text_document(text))
    assert r.value("review.total") == 2
    assert r.value("suit_direct.pending") == 1
    assert r.value("suit_after_review.total") == 0
    assert not r.uncertain


def test_markdown_title_and_two_line_title():
    """Regressions found by the render round trip: `# ` before a Markdown title; a 公文 title
    printed on two lines (机关 / 20XX年政府信息公开工作年度报告)."""
    body = "\n一、总体情况\n本年度认真做好政府信息公开工作。\n" + "申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计\n" \
        "一、本年新收政府信息公开申请数量 | 3 | 1 | 0 | 0 | 0 | 0 | 4\n"
    r = extract(text_document("# 赛罕区应急管理局2020年政府信息公开工作年度报告" + body))
    assert r.meta.agency == "赛罕区应急管理局" and r.meta.year == 2020
    r = extract(text_document("奉化区应急管理局\n2021年政府信息公开工作年度报告" + body))
    assert r.meta.agency == "奉化区应急管理局" and r.meta.year == 2021


def test_row_words_in_the_narrative_before_the_table_are_not_labels():
    """A sentence without figures runs into the table's first labels: 规范性文件 in it must not
    anchor the 规范性文件 row before 规章."""
    text = ("某局2021年政府信息公开工作年度报告\n一、总体情况\n我局认真清理规范性文件和行政许可事项，做好公开工作。\n"
            "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n"
            "规章\n1\n2\n3\n行政规范性文件\n4\n5\n6\n")
    r = extract(text_document(text))
    assert [r.value(c) for c in ("active.rules.issued", "active.rules.repealed", "active.rules.in_force")] == [1, 2, 3]
    assert r.value("active.normative.in_force") == 6


def test_values_beyond_a_row_are_a_note_not_silently_dropped():
    text = ("某区2021年政府信息公开工作年度报告\n"
            "申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计\n"
            "一、本年新收政府信息公开申请数量 | 1 2 | 0 | 0 | 0 | 0 | 0 | 12\n"
            "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n")
    r = extract(text_document(text))
    notes = [n for n in r.notes if n.code == "extract.extra_values"]
    assert len(notes) == 1 and "apply.new.total" in notes[0].cells
    assert r.value("apply.carried_over.total") == 0


def _denied_rows(rows: list[list[int]]) -> str:
    head = ("某区2021年政府信息公开工作年度报告\n"
            "申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计\n"
            "（三）不予公开\n")
    body = "".join("\xa0" + "\n".join(str(v) for v in row) + "\n" for row in rows)
    return head + body + "（四）无法提供\n"


def test_rows_with_one_placeholder_cell_each_are_settled_by_their_equation():
    """Seed 001 prints eight values in each unlabelled row of seven cells; where the row's
    equation leaves only one reading, it is taken (and nothing is noted)."""
    rows = [[9, 1, 0, 0, 0, 0, 0, 1]] + [[0] * 8 for _ in range(7)]
    r = extract(text_document(_denied_rows(rows)))
    assert r.value("apply.denied.state_secret.natural") == 1
    assert r.value("apply.denied.state_secret.total") == 1
    assert r.value("apply.denied.query.total") == 0
    assert not [n for n in r.notes if n.code == "extract.extra_values"]


def test_rows_with_an_extra_cell_that_no_equation_settles_are_noted():
    rows = [[1, 0, 1, 0, 0, 0, 0, 1]] + [[0] * 8 for _ in range(7)]  # 0,1,0… or 1,0,0… both add up
    r = extract(text_document(_denied_rows(rows)))
    assert [n for n in r.notes if n.code == "extract.extra_values"]
