"""Across years: this year's report against the same agency's report for the year before.

- 上年结转 (this year) = 结转下年度 (last year), per applicant column: the applications carried
  forward at the end of one year are the ones carried over at the start of the next (表三
  “二、上年结转政府信息公开申请数量” / “四、结转下年度继续办理”, both format notices).
- Format.cross_year triples (2021 format, 国办公开办函〔2021〕30号 表二): last year's 现行有效
  + this year's 本年制发 − 本年废止 = this year's 现行有效. A warning only: revisions, and
  documents that lapse without a repeal, muddle it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Source, same_agency
from ..context import Context
from ..finding import Finding
from ..registry import RULES, check_fn, rule

_NOTICES = "国办公开办函〔2019〕60号、〔2021〕30号 表三（上年结转、结转下年度）"

rule("cross.E901", "上年结转与上年报告不符", "carried over ≠ last year's carried forward",
     "For each applicant column: this year's 上年结转 equals the previous year's 结转下年度继续办理.", _NOTICES)
rule("cross.W902", "现行有效件数与上年不衔接", "documents in force do not follow from last year",
     "For each Format.cross_year triple (2021 format): last year's 现行有效 + 本年制发 − 本年废止 = this "
     "year's 现行有效. A warning: revisions muddle it.", "国办公开办函〔2021〕30号 表二")
rule("cross.W903", "上年报告不匹配", "the previous report does not match",
     "The report given as the previous year's is for another year or another agency; the cross-year rules are "
     "skipped.", "OGI")
rule("cross.I904", "与上年报告衔接", "follows on from last year's report",
     "A cross-year identity was checked and holds.", _NOTICES)

@check_fn("cross.E901", "cross.W902", "cross.W903", "cross.I904")
def cross_year(ctx: Context) -> Iterator[Finding]:
    prev = ctx.previous
    if prev is None:
        return
    m, pm = ctx.report.meta, prev.meta
    if m.year is not None and pm.year is not None and pm.year != m.year - 1:
        yield RULES["cross.W903"].finding(
            f"作为上年报告给出的是{pm.year}年度报告，本报告为{m.year}年度", f"the previous report is for {pm.year}, "
            f"this one for {m.year}", evidence={"year": m.year, "previous_year": pm.year})
        return
    if same_agency(m.agency, pm.agency) is False:
        yield RULES["cross.W903"].finding(
            f"上年报告的发布机关为{pm.agency}，本报告为{m.agency}", f"the previous report is from {pm.agency}, "
            f"this one from {m.agency}", evidence={"agency": m.agency, "previous_agency": pm.agency})
        return
    cells, pcells = ctx.report.cells, prev.cells
    prev_label = f"{pm.year}年度" if pm.year else "上年"
    checked = 0
    broken = 0
    for this_id, prev_id in ctx.plan.fmt.carry:
        a, b = cells.get(this_id), pcells.get(prev_id)
        if a is None or b is None or (a.value is None and b.value is None) or a.uncertain or b.uncertain:
            continue  # OGI's doubt about either year is no evidence against the report
        checked += 1
        if (a.value or 0) != (b.value or 0):
            broken += 1
            src: dict[str, Source] = {this_id: a.source} if a.source else {}
            if b.source:
                src["previous:" + prev_id] = b.source
            yield RULES["cross.E901"].finding(
                f"「{ctx.label(this_id)}」为{a.value}，{prev_label}报告「结转下年度继续办理」为{b.value}",
                f"{this_id} is {a.value}; last year's {prev_id} is {b.value}",
                (this_id,), {"values": {this_id: a.value}, "previous": {prev_id: b.value}}, a.source, src)
    for in_force, issued, repealed in ctx.plan.fmt.cross_year:
        last = pcells.get(in_force)
        now, add, drop = cells.get(in_force), cells.get(issued), cells.get(repealed)
        if last is None or now is None or add is None or drop is None or last.value is None or now.value is None \
                or any(c.uncertain for c in (last, now, add, drop)):
            continue
        checked += 1
        expected = last.value + (add.value or 0) - (drop.value or 0)
        if expected != now.value:
            broken += 1
            ids = (in_force, issued, repealed)
            yield RULES["cross.W902"].finding(
                f"{prev_label}「{ctx.label(in_force)}」{last.value} + 本年制发{add.value or 0} − 本年废止"
                f"{drop.value or 0} = {expected}，本年报告为{now.value}",
                f"last year's {in_force} {last.value} + issued {add.value or 0} − repealed {drop.value or 0} = "
                f"{expected}, this year's is {now.value}",
                ids, {"values": {c: cells[c].value for c in ids}, "previous": {in_force: last.value},
                      "expected": expected}, now.source, ctx.sources(ids))
    if checked and not broken:
        yield RULES["cross.I904"].finding(
            f"与{prev_label}报告核对{checked}项衔接关系，均一致", f"{checked} cross-year identities checked against "
            f"the previous report; all hold", evidence={"checked": checked, "previous_year": pm.year, "agrees": True})
