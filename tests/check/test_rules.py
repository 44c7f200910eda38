"""Break one cell or one sentence of a consistent report at a time; exactly that rule fires."""

from __future__ import annotations

import datetime as dt

import pytest

from ogi import formats
from ogi.check import INFO, RULES, check, quality_profile
from ogi.model import Note, SectionText, Source

from .builders import build_report, serious


def infos(report, previous=None):
    return [f for f in check(report, previous) if f.severity == INFO]


def test_consistent_report_passes(format_id):
    report = build_report(format_id)
    assert serious(report) == []
    assert {f.rule for f in infos(report)} <= {"time.I602", "narrative.I802"}


def test_every_equation_of_the_format_is_checked(format_id):
    """Each equation, broken alone (one cell up on the left, a cell of another equation kept), is seen."""
    fmt = formats.get(format_id)
    for eq in fmt.equations:
        report = build_report(format_id)
        cell = eq.right[0]
        report.set(cell, report.value(cell) + 1, Source(line=1))
        fired = [f for f in check(report) if f.severity != INFO and f.evidence.get("equation") == eq.id]
        assert len(fired) == 1, eq.id
        assert cell in fired[0].cells


def test_column_equation_only(format_id):
    report = build_report(format_id)
    report.set("apply.granted.natural", report.value("apply.granted.natural") + 1)
    report.set("apply.granted.commercial", report.value("apply.granted.commercial") - 1)
    found = [f for f in check(report) if f.severity != INFO]
    assert {f.rule for f in found} == {"apply.E101"}
    assert sorted(f.evidence["equation"] for f in found) == ["apply.outcomes.commercial", "apply.outcomes.natural"]
    natural = next(f for f in found if f.evidence["equation"] == "apply.outcomes.natural")
    assert "apply.granted.natural" in natural.cells and "apply.total.natural" in natural.cells
    assert natural.evidence["difference"] == 1
    assert natural.location == Source(line=next(i for i, c in enumerate(formats.get(format_id).cells, 100)
                                                if c == "apply.total.natural"), text=str(report.value("apply.total.natural")))


def test_row_equation_only(format_id):
    report = build_report(format_id)
    report.set("apply.granted.natural", report.value("apply.granted.natural") + 1)
    report.set("apply.partial.natural", report.value("apply.partial.natural") - 1)
    found = [f for f in check(report) if f.severity != INFO]
    assert {f.rule for f in found} == {"apply.E102"}
    assert sorted(f.evidence["equation"] for f in found) == ["apply.row.granted", "apply.row.partial"]
    assert found[0].evidence["left"] - found[0].evidence["right"] in (1, -1)


def test_balance_equation_only(format_id):
    report = build_report(format_id)
    report.set("apply.carried_over.natural", report.value("apply.carried_over.natural") + 1)
    report.set("apply.carried_over.commercial", report.value("apply.carried_over.commercial") - 1)
    found = [f for f in check(report) if f.severity != INFO]
    assert {(f.rule, f.evidence["equation"]) for f in found} == {
        ("apply.E101", "apply.balance.natural"), ("apply.E101", "apply.balance.commercial")}


def test_appeal_block(format_id):
    report = build_report(format_id)
    report.set("review.upheld", report.value("review.upheld") + 2)
    assert serious(report) == [("appeal.E101", ("review.upheld", "review.corrected", "review.other",
                                                "review.pending", "review.total"))]
    f = next(f for f in check(report) if f.rule == "appeal.E101")
    assert f.evidence["difference"] == 2 and f.evidence["values"]["review.upheld"] == report.value("review.upheld")


def test_blank_cells_count_as_zero_and_are_listed(format_id):
    report = build_report(format_id)
    # a blank where the report means zero: the equations still hold once the 0 is moved away
    report.set("apply.granted.natural", report.value("apply.granted.natural") + report.value("apply.partial.natural"))
    report.set("apply.granted.total", report.value("apply.granted.total") + report.value("apply.partial.natural"))
    report.set("apply.partial.total", report.value("apply.partial.total") - report.value("apply.partial.natural"))
    report.set("apply.partial.natural", None)
    assert serious(report) == []
    blank = [f for f in check(report) if f.rule == "values.I303"]
    assert len(blank) == 1 and blank[0].cells == ("apply.partial.natural",)


def test_negative_count():
    report = build_report("2021")
    report.set("active.rules.in_force", -1)
    assert serious(report) == [("values.E301", ("active.rules.in_force",))]


def test_change_may_be_negative():
    report = build_report("2019")
    report.set("active.licensing.change", -3)
    assert serious(report) == []


def test_fractional_count():
    report = build_report("2021")
    report.set("active.coercion.decisions", 2.5)
    assert serious(report) == [("values.E302", ("active.coercion.decisions",))]


def test_amount_may_have_decimals():
    report = build_report("2021")
    report.set("active.fees.amount", 1.25)
    assert serious(report) == []


def test_format_does_not_match_year():
    report = build_report("2019", year=2021)
    assert serious(report) == [("format.E201", ())]
    f = next(f for f in check(report) if f.rule == "format.E201")
    assert f.evidence == {"year": 2021, "template": "2019", "expected": "2021"}
    report = build_report("2021", year=2020)
    assert [r for r, _ in serious(report)] == ["format.E201"]


def _collapse(report):
    fmt = report.format
    group = next(g for t in fmt.tables for g in t.groups if g.collapsible)
    rows = [r for t in fmt.tables for r in t.rows if r.group == group.id]
    for i, cell in enumerate(group.collapsed_cells):
        report.set(cell, sum(report.value(r.cells[i]) for r in rows), Source(line=900 + i))
    for r in rows:
        for c in r.cells:
            del report.cells[c]
    return group


def test_collapsed_other_in_2021_format():
    report = build_report("2021")
    group = _collapse(report)
    assert report.missing == []
    assert serious(report) == [("format.E202", group.collapsed_cells)]
    f = next(f for f in check(report) if f.rule == "format.E202")
    assert f.location == Source(line=900)


def test_collapsed_other_still_adds_up():
    report = build_report("2021")
    _collapse(report)
    report.set("apply.other.natural", report.value("apply.other.natural") + 1)
    rules = sorted({(f.rule, f.evidence.get("equation")) for f in check(report) if f.severity != INFO})
    assert rules == [("apply.E101", "apply.outcomes.natural"), ("apply.E102", "apply.row.other"),
                     ("format.E202", None)]


def test_extractor_note_on_the_collapse_is_folded_into_the_finding():
    report = build_report("2021")
    group = _collapse(report)
    report.notes.append(Note("extract.collapsed_group", "（六）其他处理按一行填报", "collapsed", group.collapsed_cells))
    found = [f for f in check(report) if f.severity != INFO]
    assert [f.rule for f in found] == ["format.E202"]
    assert found[0].evidence["notes"] == ["extract.collapsed_group"]


def test_missing_row(format_id):
    report = build_report(format_id)
    row = report.format.table("apply").row("denied.query")
    for c in row.cells:
        del report.cells[c]
    assert serious(report) == [("format.E203", row.cells)]


def test_missing_cell_in_present_row(format_id):
    report = build_report(format_id)
    del report.cells["apply.granted.research"]
    assert serious(report) == [("parse.W501", ("apply.granted.research",))]
    assert not quality_profile(report, check(report))["fully_parsed"]


def test_equations_on_unread_cells_are_unverifiable_not_holding(format_id):
    """A cell OGI could not read decides none of its equations: the profile counts them
    unverifiable (said, not scored), never as equations that hold."""
    report = build_report(format_id)
    del report.cells["apply.granted.research"]
    report.unread = ["apply.granted.research"]
    consistency = quality_profile(report, check(report))["points"]["consistency"]
    assert "2个等式因此无法核对" in consistency["zh"] and "2 equations unverifiable" in consistency["en"]


def test_a_report_whose_tables_ogi_could_not_read_is_not_scored(format_id):
    """Every cell unread: no equation verified, so no consistency score and no total (full marks
    would certify figures nobody read; zero would blame the agency for OGI's failure)."""
    report = build_report(format_id)
    report.unread = sorted(report.cells)
    report.cells = {}
    profile = quality_profile(report, check(report))
    assert profile["score"] is None and profile["points"]["consistency"]["score"] is None
    assert "本项不评分" in profile["points"]["consistency"]["zh"]
    assert profile["verdict"] == "unverified"
    assert profile["points"]["completeness"]["missing_cells"] == 0  # OGI's doubt, not the agency's omission


def test_missing_table(format_id):
    report = build_report(format_id)
    for c in report.format.table("appeal").cells:
        del report.cells[c]
    assert serious(report) == [("format.E204", ())]


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5, 6])
def test_missing_section(format_id, number):
    report = build_report(format_id)
    text = report.sections.pop(number).text
    if number == 1:  # the fee statement lives in section 1 of the built report
        report.sections[5].text += "本年度未收取信息处理费。工作考核结果良好。" + text.split("\n")[0]
    if number in (2, 3, 4):
        # Its table is read: the section is printed, its heading lost (a converter, an OCR): OGI's doubt.
        findings = check(report)
        assert serious(report) == [("parse.W505", ())]
        f = next(f for f in findings if f.rule == "parse.W505")
        assert f.evidence["section"] == number
        assert quality_profile(report, findings)["points"]["completeness"]["sections"] == 6
        return
    assert serious(report) == [("section.E401", ())]
    f = next(f for f in check(report) if f.rule == "section.E401")
    assert f.evidence == {"section": number}


@pytest.mark.parametrize("number", [2, 3, 4])
def test_missing_section_and_its_table(format_id, number):
    report = build_report(format_id)
    report.sections.pop(number)
    fmt = formats.get(format_id)
    table = next(t for t in fmt.tables if t.number == number)
    for c in table.cells:
        report.cells.pop(c, None)
    assert ("section.E401", ()) in serious(report)
    assert not any(f.rule == "parse.W505" for f in check(report))


def test_late_department():
    report = build_report("2021")
    report.meta.published = dt.date(2022, 2, 15)
    assert serious(report) == [("time.E601", ())]
    f = next(f for f in check(report) if f.rule == "time.E601")
    assert f.evidence["days_late"] == 15 and f.evidence["deadline"] == "2022-01-31"
    assert "1月31日" in f.zh


def test_government_has_until_31_march():
    report = build_report("2021", kind="government")
    report.meta.published = dt.date(2022, 3, 31)
    assert serious(report) == []
    assert any(f.rule == "time.I602" and f.ok for f in check(report))
    report.meta.published = dt.date(2022, 4, 1)
    assert serious(report) == [("time.E601", ())]


def test_kind_inferred_from_agency_name():
    report = build_report("2021", kind="government")
    report.meta.kind = None
    report.meta.published = dt.date(2022, 3, 1)
    f = next(f for f in check(report) if f.rule.startswith("time."))
    assert f.rule == "time.I602" and f.evidence["kind_inferred"] is True


def test_unknown_date_is_not_a_pass():
    report = build_report("2021")
    report.meta.published = None
    assert serious(report) == []
    assert "time.I603" in {f.rule for f in infos(report)}
    assert quality_profile(report, check(report))["points"]["timeliness"]["status"] == "unknown"


def test_dated_before_the_year_ended():
    report = build_report("2021")
    report.meta.published = dt.date(2021, 12, 1)
    assert serious(report) == [("time.W604", ())]


def test_year_unknown():
    report = build_report("2021")
    report.meta.year = None
    assert serious(report) == [("meta.W701", ())]


def test_narrative_agreement_is_recognised():
    report = build_report("2021")
    agree = {f.evidence["claim"]: f for f in infos(report) if f.rule == "narrative.I802"}
    assert set(agree) == {"received", "licensing", "penalty", "fee"}
    assert agree["received"].cells == ("apply.new.total",) and agree["received"].ok
    assert agree["received"].evidence["stated"] == report.value("apply.new.total")
    assert agree["received"].location.line == 12  # section 1 heading at line 10, second line of text


@pytest.mark.parametrize("sentence, claim, cells", [
    ("本年共收到政府信息公开申请{new}件", "received", ("apply.new.total",)),
    ("全年办理行政许可{lic}件", "licensing", ("active.licensing.decisions",)),
])
def test_narrative_contradiction(sentence, claim, cells):
    report = build_report("2021")
    new, lic = report.value("apply.new.total"), report.value("active.licensing.decisions")
    old = sentence.format(new=new, lic=lic)
    wrong = sentence.format(new=new + 1, lic=lic + 1)
    sec = report.sections[1]
    assert old in sec.text
    sec.text = sec.text.replace(old, wrong)
    assert serious(report) == [("narrative.W801", cells)]
    f = next(f for f in check(report) if f.rule == "narrative.W801")
    assert f.evidence["claim"] == claim and f.evidence["stated"] == f.evidence["table"] + 1


@pytest.mark.parametrize("text, claim, stated", [
    ("本年度，共收到依申请公开办理信件1件，均已办结。", "received", 1),
    ("我局未收到政府信息公开申请。", "received", 0),
    ("（六）无信息公开申请。", "received", 0),
    ("共收到3件政府信息公开申请。", "received", 3),
    ("上年结转政府信息公开申请2件。", "carried_over", 2),
    ("其中行政许可项目64宗，行政处罚案件83宗。", "licensing", 64),
    ("其中行政许可项目64宗，行政处罚案件83宗。", "penalty", 83),
    ("无行政强制和其他对外管理服务事项。", "coercion", 0),
    ("未发生因政府信息公开引起的行政复议和行政诉讼案件。", "review", 0),
    ("未发生因政府信息公开引起的行政复议和行政诉讼案件。", "litigation", 0),
    ("收到行政复议申请2件。", None, None),
    ("共受理政府信息公开申请{new_co}件（含上年结转）。", "received", "{new_co}"),
])
def test_narrative_phrasings(text, claim, stated):
    report = build_report("2021")
    new_co = report.value("apply.new.total") + report.value("apply.carried_over.total")
    text = text.format(new_co=new_co)
    stated = int(stated.format(new_co=new_co)) if isinstance(stated, str) else stated
    report.sections[5] = SectionText(5, "五", text, Source(line=50))
    report.sections[1] = SectionText(1, "一", "本年度未收取信息处理费。", Source(line=10))
    found = [f for f in check(report) if f.rule.startswith("narrative.") and f.evidence["claim"] != "fee"]
    if claim == "received" and stated == new_co:
        assert [f.rule for f in found] == ["narrative.I802"]
        assert found[0].cells == ("apply.new.total", "apply.carried_over.total")
    claims = {(f.evidence["claim"], f.evidence["stated"]) for f in found}
    if claim is None:
        assert claims == set()
    else:
        assert (claim, stated) in claims


def test_fee_without_applications():
    report = build_report("2021", scale=0)
    assert serious(report) == []
    report.sections[6].text = "本年度收取信息处理费100元。"
    assert serious(report) == [("narrative.W801", ("apply.new.total", "apply.carried_over.total"))]


def test_2021_report_without_fee_statement():
    report = build_report("2021")
    report.sections[1].text = report.sections[1].text.replace("本年度未收取信息处理费。", "")
    assert serious(report) == [("section.W403", ())]
    report = build_report("2019")
    report.sections[1].text = report.sections[1].text.replace("本年度未收取信息处理费。", "")
    assert serious(report) == []


def test_government_report_states_assessment():
    report = build_report("2021", kind="government")
    assert serious(report) == []
    report.sections[1].text = report.sections[1].text.replace("工作考核和社会评议结果良好，未发生责任追究。", "")
    assert serious(report) == [("section.W404", ())]


def test_boilerplate_section():
    report = build_report("2021")
    report.sections[5].text = "我局将进一步提高认识，加强领导，扎实推进政务公开工作。"
    assert serious(report) == []
    found = [f for f in infos(report) if f.rule == "section.I402"]
    assert [f.evidence["section"] for f in found] == [5]
    profile = quality_profile(report, check(report))
    assert profile["points"]["concreteness"]["boilerplate_sections"] == [5]


def test_uncertain_cell():
    report = build_report("2021")
    cell = report.cells["apply.new.natural"]
    cell.uncertain, cell.alternatives = True, (cell.value, 99)
    assert serious(report) == [("parse.W502", ("apply.new.natural",))]
    f = next(f for f in check(report) if f.rule == "parse.W502")
    assert f.evidence["alternatives"] == [99]


def test_extractor_note():
    report = build_report("2021")
    report.notes.append(Note("extract.partial_table", "表四只读到一部分", "table 4 partly read", (), Source(line=7)))
    assert serious(report) == [("parse.W503", ())]
    f = next(f for f in check(report) if f.rule == "parse.W503")
    assert f.evidence["code"] == "extract.partial_table" and f.location == Source(line=7)


def _previous_for(report, fmt="2021"):
    prev = build_report(fmt, year=report.meta.year - 1)
    for c in report.format.table("apply").row("carried_over").columns:
        prev.set(f"apply.carried_forward.{c.id}", report.value(f"apply.carried_over.{c.id}"), Source(line=5))
    return prev


def test_cross_year_agreement():
    report = build_report("2021")
    prev = _previous_for(report, "2019")
    assert serious(report, prev) == []
    assert any(f.rule == "cross.I904" and f.ok for f in check(report, prev))


def test_cross_year_carried_over():
    report = build_report("2021")
    prev = _previous_for(report, "2019")
    prev.set("apply.carried_forward.natural", report.value("apply.carried_over.natural") + 4, Source(line=77))
    assert serious(report, prev) == [("cross.E901", ("apply.carried_over.natural",))]
    f = next(f for f in check(report, prev) if f.rule == "cross.E901")
    assert f.sources["previous:apply.carried_forward.natural"] == Source(line=77)


def test_cross_year_documents_in_force():
    report = build_report("2021", year=2022)
    prev = _previous_for(report)
    for row in ("rules", "normative"):
        prev.set(f"active.{row}.in_force", report.value(f"active.{row}.in_force")
                 - report.value(f"active.{row}.issued") + report.value(f"active.{row}.repealed"))
    assert serious(report, prev) == []
    prev.set("active.normative.in_force", prev.value("active.normative.in_force") + 1)
    assert serious(report, prev) == [("cross.W902", ("active.normative.in_force", "active.normative.issued",
                                                     "active.normative.repealed"))]


def test_previous_of_another_year():
    report = build_report("2021")
    prev = build_report("2019", year=2019)
    assert serious(report, prev) == [("cross.W903", ())]


def test_every_rule_is_reachable_by_a_check():
    from ogi.check import CHECKS

    emitted = {rid for _, ids in CHECKS for rid in ids}
    assert emitted == set(RULES)


def test_finding_json_shape():
    report = build_report("2021")
    report.set("review.upheld", report.value("review.upheld") + 1, Source(line=3))
    f = next(f for f in check(report) if f.rule == "appeal.E101")
    data = f.to_json()
    assert set(data) >= {"rule", "severity", "zh", "en", "cells", "evidence", "location"}
    assert data["severity"] == "error" and data["location"]["line"] > 0
    assert data["sources"]["review.upheld"]["line"] > 0
    import json

    json.dumps(data, ensure_ascii=False)


def test_messages_are_chinese_first():
    report = build_report("2021", year=2020)
    report.meta.published = None
    for f in check(report):
        assert any("\u4e00" <= ch <= "\u9fff" for ch in f.zh), f.rule
        assert f.en and not any("\u4e00" <= ch <= "\u9fff" for ch in f.en[:3]), f.rule


def test_profile_of_a_clean_report(format_id):
    report = build_report(format_id)
    profile = quality_profile(report, check(report))
    assert profile["passed"] and profile["fully_parsed"]
    assert profile["score"] == 100
    assert set(profile["points"]) == {"completeness", "timeliness", "consistency", "concreteness"}
    for point in profile["points"].values():
        assert point["zh"] and point["en"]
