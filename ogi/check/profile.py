"""A quality profile per report, in the spirit of third-party transparency assessments.

Four points, each with a score, its maximum and a one-line explanation (Chinese first):
completeness of the required elements (国务院令第711号 第五十条 and the format notices),
timeliness (第四十九条), consistency (the tables' equations, the text against the tables, the
previous year), and concreteness (narrative sections that say something an agency could not
copy from another). The profile is computed from the findings; it re-checks nothing.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..model import AnnualReport
from .context import plan
from .finding import ERROR, INFO, WARNING, Finding

# Maximum of each point; they add up to 100.
WEIGHTS = {"completeness": 30, "timeliness": 20, "consistency": 30, "concreteness": 20}
POINT_ZH = {"completeness": "完整性", "timeliness": "及时性", "consistency": "一致性", "concreteness": "具体性"}

_EQUATION_RULES = ("apply.E101", "apply.E102", "appeal.E101", "table.E100")
_FORMAT_RULES = ("format.E201", "format.E202", "format.E203", "format.E204")


def _point(score: float | None, key: str, zh: str, en: str, **details: Any) -> dict[str, Any]:
    """A point's score (None: nothing to assess it on), its maximum, name and explanation."""
    return {"score": None if score is None else round(max(0.0, min(score, WEIGHTS[key])), 1),
            "max": WEIGHTS[key], "name": POINT_ZH[key],
            "zh": zh, "en": en,
            **details}


def quality_profile(report: AnnualReport, findings: list[Finding]) -> dict[str, Any]:
    by_rule: Counter[str] = Counter(f.rule for f in findings)
    fmt = report.format
    p = plan(fmt.id)

    # Completeness: the six sections, every cell, the prescribed rows.
    n_sections = len(fmt.sections)
    # (A section whose heading OGI did not find but whose table it read is printed: parse.W505.)
    sections_present = sum(1 for s in fmt.sections if s.number in report.sections) + by_rule["parse.W505"]
    # Cells OGI could not read are OGI's doubt, not the agency's omission (never marked down).
    unread_cells = set(report.unread)
    missing = sum(1 for c in report.missing if c not in unread_cells)
    n_cells = p.n_cells
    format_problems = sum(by_rule[r] for r in _FORMAT_RULES)
    score = 12 * sections_present / n_sections + 12 * (1 - missing / n_cells) + (0 if format_problems else 6)
    unread_note = f"（另有{len(unread_cells)}个OGI未能读出，不扣分）" if unread_cells else ""
    zh = f"{n_sections}个部分有{sections_present}个；{n_cells}个单元格缺{missing}个{unread_note}；" + (
        f"格式问题{format_problems}处" if format_problems else "表格格式符合要求")
    en = (f"{sections_present} of {n_sections} sections; {missing} of {n_cells} cells missing"
          + (f" ({len(unread_cells)} more OGI could not read, not scored)" if unread_cells else "") + "; "
          + (f"{format_problems} format problems" if format_problems else "tables in the prescribed format"))
    completeness = _point(score, "completeness", zh, en, sections=sections_present, missing_cells=missing)

    # Timeliness.
    if by_rule["time.I602"]:
        timeliness = _point(20, "timeliness", "按期公布", "published on time", status="on_time")
    elif by_rule["time.E601"]:
        late = next(f for f in findings if f.rule == "time.E601").evidence.get("days_late")
        timeliness = _point(0, "timeliness", f"逾期{late}天公布", f"published {late} days late", status="late")
    elif by_rule["time.W604"]:
        timeliness = _point(10, "timeliness", "发布日期早于报告期结束，日期存疑", "the date is doubtful",
                            status="doubtful")
    else:
        timeliness = _point(0, "timeliness", "报告未载明发布日期，无法核实是否按期公布",
                            "no publication date stated: cannot tell", status="unknown")

    # Consistency: equations, narrative, previous year, cells OGI could not read with certainty.
    n_eq = len(p.equations)
    broken = sum(by_rule[r] for r in _EQUATION_RULES)
    # (A fee statement with no table-3 cell read beside it agrees with nothing.)
    agree = sum(1 for f in findings if f.rule == "narrative.I802" and f.cells)
    disagree = by_rule["narrative.W801"]
    cross = by_rule["cross.E901"] + by_rule["cross.W902"]
    doubted = len(unread_cells) + len(report.uncertain)
    # Unverifiable: an equation broken on cells OGI doubts (parse.W504), or one with a cell OGI did
    # not read (it decides nothing: never counted as holding).
    unverified = by_rule["parse.W504"] + sum(1 for pe in p.equations if unread_cells.intersection(pe.cells))
    verifiable = n_eq - unverified
    score = 20 * (1 - broken / verifiable) if verifiable > 0 else 20
    score += 10 * agree / (agree + disagree) if agree + disagree else 10
    score -= 2 * cross
    # Nothing OGI could verify: full marks would be a verdict on figures nobody read.
    assessed = verifiable > 0 or bool(agree + disagree or cross)
    zh = f"{n_eq}个表内等式有{broken}个不成立；正文数字{agree}处与表格一致、{disagree}处不一致"
    en = f"{broken} of {n_eq} table equations broken; text agrees with the tables {agree}x, differs {disagree}x"
    if cross:
        zh += f"；与上年报告不衔接{cross}处"
        en += f"; {cross} breaks with last year's report"
    if doubted or unverified:
        # Said, but not scored: OGI's doubt is no evidence against the agency.
        zh += f"；{doubted}个单元格OGI未能读取或存疑、{unverified}个等式因此无法核对（不扣分）"
        en += f"; {doubted} cells OGI could not read with certainty, {unverified} equations unverifiable (not scored)"
    if not assessed:
        zh += "；没有OGI能够核对的等式，本项不评分"
        en += "; no equation OGI could verify: not scored"
    consistency = _point(score if assessed else None, "consistency", zh, en, broken_equations=broken, equations=n_eq,
                         narrative_agrees=agree, narrative_differs=disagree)

    # Concreteness: narrative sections that say something specific.
    table_sections = {t.number for t in fmt.tables}
    narrative = [s.number for s in fmt.sections if s.number not in table_sections and s.number in report.sections]
    empty = [f.evidence["section"] for f in findings if f.rule == "section.I402"]
    fee = by_rule["section.W403"]
    if narrative:
        score = 20 * (len(narrative) - len(empty)) / len(narrative) - 5 * fee
    else:
        score = 0
    zh = (f"叙述部分{len(narrative)}个，其中{len(empty)}个空泛（第{'、'.join(map(str, empty))}部分）" if empty
          else f"叙述部分{len(narrative)}个，均有具体内容" if narrative else "没有可评价的叙述部分")
    en = (f"{len(empty)} of {len(narrative)} narrative sections say nothing concrete" if narrative
          else "no narrative section")
    if fee:
        zh += "；未说明信息处理费"
        en += "; no statement on processing fees"
    concreteness = _point(score, "concreteness", zh, en, boilerplate_sections=empty)

    points = {"completeness": completeness, "timeliness": timeliness, "consistency": consistency,
              "concreteness": concreteness}
    severities = Counter(f.severity for f in findings)
    fully_parsed = not unread_cells and not report.uncertain and not by_rule["parse.W501"] and not by_rule["parse.W505"]
    scores = [pt["score"] for pt in points.values()]
    return {
        # None: a point OGI could not assess (no equation it could verify), so no total either.
        "score": None if None in scores else round(sum(scores), 1),
        "passed": severities[ERROR] == 0,
        "fully_parsed": fully_parsed,
        # errors: the document breaks a rule, read with certainty; unverified: no error found, but
        # OGI could not read every cell with certainty; passed: read in full, no error.
        "verdict": "errors" if severities[ERROR] else "passed" if fully_parsed else "unverified",
        # How sure OGI is of this report's cells: the share it read with certainty.
        "sure_cells": len(report.cells) - len(report.uncertain),
        "doubtful_cells": len(report.uncertain) + len(unread_cells - set(report.cells)),
        "counts": {ERROR: severities[ERROR], WARNING: severities[WARNING], INFO: severities[INFO]},
        "points": points,
    }
