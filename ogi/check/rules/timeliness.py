"""Publication deadlines.

国务院令第711号《中华人民共和国政府信息公开条例》第四十九条: 县级以上人民政府部门应当在每年
1月31日前 … 提交本行政机关上一年度政府信息公开工作年度报告并向社会公布; 县级以上地方人民
政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布本级政府上一年度 … 年度报告.
(The deadlines are in Art. 49; Art. 50 fixes the contents and the unified format.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ...model import AGENCY_KIND_ZH, AGENCY_KINDS, DEPARTMENT, GOVERNMENT, agency_kind
from ..context import Context
from ..finding import Finding
from ..registry import RULES, check_fn, rule

_ART49 = "国务院令第711号 第四十九条（部门1月31日前、政府3月31日前公布上一年度报告）"

# (month, day) of the following year by which each kind of agency publishes.
DEADLINES = {DEPARTMENT: (1, 31), GOVERNMENT: (3, 31)}

rule("time.E601", "报告逾期公布", "published after the deadline",
     "Departments publish by 31 January, governments (meta.kind == 'government') by 31 March of the year after "
     "the report year. Checked when the document states its date (meta.published).", _ART49)
rule("time.I602", "按时公布", "published on time",
     "The stated date is within the deadline (recorded so that the profile can show it).", _ART49)
rule("time.I603", "发布日期不明", "publication date unknown",
     "The document states no date (or no year), so timeliness cannot be checked.", _ART49)
rule("time.W604", "发布日期早于报告期结束", "dated before the reporting year ended",
     "A report dated on or before 31 December of its own year covers a year that had not ended: the date or the "
     "year is probably wrong.", _ART49)


def report_kind(kind: str | None, agency: str | None) -> tuple[str, bool]:
    """The kind of agency the report states (`meta.kind`), else the one its name says (a
    department when it has none), and whether it was inferred from the name."""
    if kind in AGENCY_KINDS:
        return kind, False
    return agency_kind(agency) or DEPARTMENT, True


@check_fn("time.E601", "time.I602", "time.I603", "time.W604")
def timeliness(ctx: Context) -> Iterator[Finding]:
    m = ctx.report.meta
    if m.published is None or m.year is None:
        yield RULES["time.I603"].finding("报告未载明发布日期，无法核对是否按时公布",
                                         "no publication date stated: timeliness not checked")
        return
    kind, inferred = report_kind(m.kind, m.agency)
    month, day = DEADLINES[kind]
    deadline = dt.date(m.year + 1, month, day)
    evidence = {"published": m.published.isoformat(), "deadline": deadline.isoformat(), "kind": kind,
                "kind_inferred": inferred, "year": m.year}
    who = AGENCY_KIND_ZH[kind] + ("（据机关名称推断）" if inferred else "")
    if m.published <= dt.date(m.year, 12, 31):
        yield RULES["time.W604"].finding(
            f"{m.year}年度报告的日期为{m.published.isoformat()}，早于报告期结束",
            f"the {m.year} report is dated {m.published.isoformat()}, before its year ended", evidence=evidence)
    elif m.published > deadline:
        late = (m.published - deadline).days
        evidence["days_late"] = late
        yield RULES["time.E601"].finding(
            f"{who}应于{deadline.month}月{deadline.day}日前公布{m.year}年度报告，实际{m.published.isoformat()}公布，逾期{late}天",
            f"a {kind} publishes its {m.year} report by {deadline.isoformat()}; published {m.published.isoformat()}, "
            f"{late} days late", evidence=evidence)
    else:
        evidence["agrees"] = True
        yield RULES["time.I602"].finding(
            f"{m.published.isoformat()}公布，在{who}期限{deadline.isoformat()}之前",
            f"published {m.published.isoformat()}, within the {kind} deadline {deadline.isoformat()}",
            evidence=evidence)
