"""Rows printed without separators, split by the format's equations (examples from the issue)."""

from __future__ import annotations

import itertools
import random

from ogi.extract import extract
from ogi.extract.split import _row_total_split
from ogi.read import text_document

HEAD = "某县应急管理局2021年政府信息公开工作年度报告\n发布日期：2022-01-20\n"
T3_HEADER = "三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"


def _report(body: str):
    return extract(text_document(HEAD + body))


def test_glued_row_with_multi_digit_values():
    r = _report(T3_HEADER + "一、本年新收政府信息公开申请数量21710000218二、上年结转政府信息公开申请数量0000000")
    assert [r.value(f"apply.new.{c}") for c in ("natural", "commercial", "research", "nonprofit", "legal",
                                                 "other_org", "total")] == [217, 1, 0, 0, 0, 0, 218]
    assert not r.cells["apply.new.natural"].uncertain
    src = r.cells["apply.new.total"].source
    assert src.text == "218" and src.line == 3


def test_table4_row_of_fifteen_single_digits():
    r = _report("四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
                "未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
                "100120000000000五、存在的主要问题及改进情况无")
    assert r.value("review.upheld") == 1
    assert r.value("review.pending") == 1
    assert r.value("review.total") == 2
    assert r.value("suit_after_review.total") == 0
    assert not r.uncertain


def test_ambiguous_split_is_marked_uncertain_with_alternatives():
    # 1 1 0 0 0 0 ... : "11" "0000" "11": natural 11 total 11, or natural 1 commercial 1 total 2?
    # "1100000011" cannot be 1,1,0,0,0,0,011 (leading zero) nor 1,1,0,0,0,0,2; but the row
    # "1010000011" is 10,1,0,0,0,0,11 or 1,0,10,0,0,0,11 ... several fit: uncertain.
    r = _report(T3_HEADER + "一、本年新收政府信息公开申请数量101000011二、上年结转")
    natural = r.cells["apply.new.natural"]
    assert natural.uncertain and natural.alternatives
    assert r.value("apply.new.total") == 11 and not r.cells["apply.new.total"].uncertain
    assert any(n.code == "extract.ambiguous_split" for n in r.notes)


def test_negative_change_glued_is_split_at_the_sign_and_the_rest_uncertain():
    body = ("二、主动公开政府信息情况第二十条第(五)项信息内容上一年项目数量本年增/减处理决定数量行政许可2648-18538"
            "其他对外管理服务事项000三、收到和处理政府信息公开申请情况")
    r = extract(text_document("某县2020年政府信息公开工作年度报告\n" + body))
    assert r.meta.template == "2019"
    assert r.value("active.licensing.prev_items") == 2648
    assert not r.cells["active.licensing.prev_items"].uncertain
    change = r.cells["active.licensing.change"]
    assert change.value < 0 and change.uncertain  # -1/8538, -18/538, -185/38, -1853/8
    assert -185 in (change.value, *change.alternatives)


def test_amount_glued_to_count_is_uncertain():
    body = "二、主动公开政府信息情况第二十条第(九)项信息内容采购项目数量采购总金额政府集中采购124万三、收到和处理"
    r = extract(text_document("某县2020年政府信息公开工作年度报告\n" + body))
    items = r.cells["active.procurement.items"]
    amount = r.cells["active.procurement.amount"]
    assert items.uncertain and amount.uncertain
    assert {(items.value, amount.value)} | set(zip(items.alternatives, amount.alternatives, strict=False)) >= {(1, 24)}


def test_fast_row_split_finds_what_the_general_search_finds():
    """The shortcut for glued table-3 rows must give the same splits as the general search."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from ogi.extract.split import _row_total_split, _search
    from ogi.extract.tokens import NUM, Token

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from([0, 0, 0, 1, 2, 3, 7, 10, 27, 64, 100, 120, 217, 1024]), min_size=6, max_size=6))
    def same(values):
        digits = "".join(map(str, values)) + str(sum(values))
        fast = sorted(tuple(s) for s in _row_total_split(digits, 6, 24, 9))
        general = sorted(tuple((p[1], p[2]) for p in sol)
                         for sol in _search([Token(NUM, digits)], 7, [(tuple(range(6)), (6,))], 24, 9, None))
        if len(fast) < 24 and len(general) < 24:
            assert fast == general
        assert tuple((sum(len(str(v)) for v in values[:i]), sum(len(str(v)) for v in values[:i + 1]))
                     for i in range(6)) + ((len(digits) - len(str(sum(values))), len(digits)),) in fast

    same()


def test_glued_table2_digits_settled_by_what_the_narrative_states():
    """本年度制发行政规范性文件6件，废止2件 in the text settles 6240 as 6 | 2 | 40 (issue 10)."""
    from ogi import synth
    from ogi.model import SectionText

    def one_line(narrative: str):
        truth = synth.random_report("2021", 11, busy=0.6, year=2023)
        for c, v in (("issued", 6), ("repealed", 2), ("in_force", 40)):
            truth.set(f"active.normative.{c}", v)
        truth.sections[2] = SectionText(2, "二、主动公开政府信息情况", narrative)
        return truth, extract(text_document(synth.render_text(truth, "one_line", 11)))

    _, plain = one_line("本年度主动公开政府信息共计120条。")
    assert plain.cells["active.normative.in_force"].uncertain  # 6240: several splits, none stated
    truth, told = one_line("本年度主动公开政府信息共计120条。本年度制发行政规范性文件6件，废止2件。")
    for c in ("issued", "repealed", "in_force"):
        cell = told.cells[f"active.normative.{c}"]
        assert (cell.value, cell.uncertain) == (truth.value(f"active.normative.{c}"), False)
    assert "extract.settled_by_text" in {n.code for n in told.notes}


def _one_line_6240(year: int = 2023):
    """A 2021-format report on one line whose 行政规范性文件 row prints 6 | 2 | 40 as 6240 and whose
    narrative states none of it: the equations leave several splits."""
    from ogi import synth
    from ogi.model import SectionText

    truth = synth.random_report("2021", 11, busy=0.6, year=year)
    for c, v in (("issued", 6), ("repealed", 2), ("in_force", 40)):
        truth.set(f"active.normative.{c}", v)
    truth.sections[2] = SectionText(2, "二、主动公开政府信息情况", "本年度主动公开政府信息共计120条。")
    return truth, text_document(synth.render_text(truth, "one_line", 11))


def _previous_report(year: int, in_force: int, uncertain: bool = False):
    from ogi.model import AnnualReport, Cell, Meta

    prev = AnnualReport(meta=Meta(agency="某县应急管理局", year=year, template="2021"))
    prev.cells["active.normative.in_force"] = Cell("active.normative.in_force", in_force, uncertain=uncertain)
    return prev


def test_glued_table2_digits_settled_by_the_previous_years_in_force():
    """6240 with last year's 现行有效 36: 36 + 6 − 2 = 40 holds for 6 | 2 | 40 alone (issue 10)."""
    truth, doc = _one_line_6240()
    assert extract(doc).cells["active.normative.in_force"].uncertain
    settled = extract(doc, previous=_previous_report(2022, 36))
    for c in ("issued", "repealed", "in_force"):
        cell = settled.cells[f"active.normative.{c}"]
        assert (cell.value, cell.uncertain) == (truth.value(f"active.normative.{c}"), False)
    assert "extract.settled_by_last_year" in {n.code for n in settled.notes}


def test_previous_year_settles_nothing_it_cannot_vouch_for():
    """Last year's figure settles a split only when it is last year's, OGI is sure of it, and
    exactly one split agrees; otherwise the cells stay uncertain."""
    _, doc = _one_line_6240()
    for prev in (_previous_report(2021, 36),  # two years before: not the identity's year
                 _previous_report(2022, 36, uncertain=True),  # OGI unsure of last year's cell
                 _previous_report(2022, 5000)):  # no split agrees (revisions muddle the identity)
        report = extract(doc, previous=prev)
        assert report.cells["active.normative.in_force"].uncertain, prev
        assert "extract.settled_by_last_year" not in {n.code for n in report.notes}


def _every_row_total_split(digits: str, parts: int, max_digits: int) -> list[list[tuple[int, int]]]:
    """Reference for `_row_total_split`: every cut of the digits tried, in the search's order (the
    total's length, then the cuts from the left), without any pruning."""
    n = len(digits)
    out = []
    for length in range(1, min(max_digits, n - parts) + 1):
        start = n - length
        if length > 1 and digits[start] == "0":
            continue
        for cuts in itertools.combinations(range(1, start), parts - 1):
            spans = list(zip((0, *cuts), (*cuts, start), strict=True))
            if all(b - a <= max_digits and (b - a == 1 or digits[a] != "0") for a, b in spans) and \
                    sum(int(digits[a:b]) for a, b in spans) == int(digits[start:]):
                out.append(spans + [(start, n)])
    return out


def test_pruned_row_total_split_finds_every_split():
    # The search skips digits that cannot sum to the total (too many or too few, or a digit sum
    # that differs modulo 9); it must still find every split, in the same order, also for
    # full-width digits (whose zeros may lead a value) and rows of zeros.
    rng = random.Random(20261130)
    full_width = str.maketrans("0123456789", "０１２３４５６７８９")
    for _ in range(400):
        parts = rng.randint(2, 6)
        values = [rng.choice((0, 0, 1, 3, 9, 10, 12, 64, 120, 1024)) for _ in range(parts)]
        digits = "".join(map(str, values)) + str(sum(values))
        if rng.random() < 0.3:
            digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(parts + 1, 14)))
        if rng.random() < 0.2:
            digits = "".join(ch.translate(full_width) if rng.random() < 0.5 else ch for ch in digits)
        max_digits = rng.choice((3, 9))
        assert _row_total_split(digits, parts, 10_000, max_digits) == _every_row_total_split(digits, parts, max_digits)


def test_glued_row_whose_blank_was_dropped_is_read_in_doubt_not_left_unread():
    # A crawler's flattening of 10 | 39 | (blank) | 0 | 220 | 0 | 269: six values glued, which no
    # split into seven cells adds up; with a blank among them they do, in several places. Every
    # cell is read, in doubt, and its alternatives hold the document's value.
    r = _report(T3_HEADER + "一、本年新收政府信息公开申请数量103902200269二、上年结转政府信息公开申请数量0000000")
    truth = [10, 39, None, 0, 220, 0, 269]
    cells = [r.cells.get(f"apply.new.{c}") for c in ("natural", "commercial", "research", "nonprofit", "legal",
                                                      "other_org", "total")]
    assert all(c is not None for c in cells)
    assert cells[-1].value == 269
    for cell, value in zip(cells, truth, strict=True):
        assert cell.value == value or (cell.uncertain and value in cell.alternatives), cell
