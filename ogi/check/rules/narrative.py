"""The narrative against the tables, and what the narrative sections say.

A report states some of its numbers twice: in the prose (收到申请 N 件, 行政许可 N 宗, 行政处罚 N 件,
未发生行政复议) and in the tables. Both are the report's own words; when they differ, one is wrong
(国务院令第711号 第五十条: the report states these facts; the format notices fix the tables).

The patterns below are compiled once at import. Each `Claim` names the cells whose sum the
sentence states; a claim whose cells the report's format does not have is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...formats import Stated, cn_number
from ...formats.numerals import DIGITS
from ...model import GOVERNMENT, SectionText, Source
from ..context import Context
from ..finding import Finding
from ..registry import RULES, check_fn, rule
from .timeliness import report_kind

_ART50 = "国务院令第711号 第五十条"

rule("narrative.W801", "正文数字与表格不一致", "the text contradicts the tables",
     "A number stated in the text (收到申请 N 件, 上年结转 N 件, 结转下年度 N 件, 行政许可/行政处罚/行政强制 "
     "N 件/宗, 行政复议、行政诉讼 N 件 or 未发生, 信息处理费 N 元 with no application handled) differs "
     "from the table cell(s) it restates.", _ART50 + "；年度报告格式表二至表四")
rule("narrative.I802", "正文数字与表格一致", "the text agrees with the tables",
     "A number stated in the text was found and agrees with the table: recorded so that a reader (and the "
     "quality profile) can see the narrative was checked.", _ART50)
rule("section.I402", "章节内容空泛", "a section says nothing concrete",
     "A narrative section (总体情况, 存在的主要问题及改进情况, 其他需要报告的事项) with no figure, date or "
     "named measure: boilerplate that any agency could publish unchanged.",
     "国办公开办函〔2021〕30号（年度报告应避免空话套话）; third-party transparency assessments")
rule("section.W403", "未说明信息处理费", "no statement on information processing fees",
     "The 2021 format asks section 六 to report the 信息处理费 collected under 《政府信息公开信息处理费管理办法》"
     "(国办函〔2020〕109号); the report does not mention it.", "国办公开办函〔2021〕30号 六、其他需要报告的事项")
rule("section.W404", "未报告考核、评议和责任追究", "no word on assessment, review and accountability",
     "A government's (人民政府) report also states the results of 工作考核、社会评议和责任追究.",
     "国务院令第711号 第五十条第（四）项")

_NUM = rf"(\d+|[零〇两{DIGITS}十百]+)"
_GAP = r"[^。；;，,\d\n]"
_NEG = r"(?:未|没有|无|暂无|并无|尚未)"
# Words that make an "申请" sentence about something other than disclosure applications.
_OTHER_MATTER = re.compile(r"复议|诉讼|建议|提案|投诉|举报|信访|许可")


def _number(text: str) -> int | float:
    if text[0].isdigit():
        return int(text)
    return cn_number(text)


@dataclass(frozen=True)
class Claim:
    """How the narrative states a figure. Which cells the figure is (and which other sums the
    same words may fairly mean, 共受理申请 N 件 often counting 上年结转 in) the format says:
    `Format.stated`, keyed by the claim's id; a format that states none has no such claim."""

    id: str
    zh: str  # what is stated, in words
    positive: tuple[re.Pattern[str], ...]  # group 1 is the number
    negative: tuple[re.Pattern[str], ...] = ()  # a match states zero
    veto: re.Pattern[str] | None = None  # a match inside the sentence makes it about something else
    # Every pattern of the claim contains one of these words: a text without them is skipped
    # before any expression runs (the checker's cost is mostly here).
    needs: tuple[str, ...] = ()


def _c(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


_APPEAL_ZERO = (r"(?:未|没有|无)(?:发生|出现|被|因)?" + r"[^。；;\n]{0,24}?(?:信息公开)[^。；;\n]{0,16}?")

CLAIMS = (
    Claim("received", "收到政府信息公开申请",
          _c(rf"(?:新收|收到|受理|接收|接到)了?{_GAP}{{0,20}}?申请{_GAP}{{0,10}}?{_NUM}\s*(?:件|个|份|条)",
             rf"(?:新收|收到|受理|接收|接到)了?{_GAP}{{0,6}}?{_NUM}\s*(?:件|个|份)(?:[^。；;，,\d\n]{{0,12}}?)申请"),
          _c(rf"{_NEG}(?:收到|受理|接到|接收)(?:任何)?{_GAP}{{0,20}}?申请",
             rf"(?:^|[^不予])无{_GAP}{{0,6}}?(?:信息公开|依申请公开)申请"),
          _OTHER_MATTER, ("申请",)),
    Claim("carried_over", "上年结转申请",
          _c(rf"上年(?:度)?结转{_GAP}{{0,16}}?{_NUM}\s*件"), _c(rf"{_NEG}上年(?:度)?结转"), needs=("结转",)),
    Claim("carried_forward", "结转下年度办理的申请",
          _c(rf"结转(?:至|到)?下(?:一)?年度?{_GAP}{{0,12}}?{_NUM}\s*件"), _c(rf"{_NEG}{_GAP}{{0,4}}?结转(?:至|到)?下"),
          needs=("结转",)),
    Claim("licensing", "行政许可处理决定",
          _c(rf"行政许可{_GAP}{{0,8}}?{_NUM}\s*(?:宗|件|次|起)"),
          _c(r"(?:无|没有|未(?:作出|做出|实施|办理|发生))(?:行政(?:处罚|强制)[、和及与或])*行政许可"),
          needs=("行政许可",)),
    Claim("penalty", "行政处罚决定",
          _c(rf"行政处罚{_GAP}{{0,8}}?{_NUM}\s*(?:宗|件|次|起)"),
          _c(r"(?:无|没有|未(?:作出|做出|实施|办理|发生))(?:行政(?:许可|强制)[、和及与或])*行政处罚"),
          needs=("行政处罚",)),
    Claim("coercion", "行政强制决定",
          _c(rf"行政强制{_GAP}{{0,8}}?{_NUM}\s*(?:宗|件|次|起)"),
          _c(r"(?:无|没有|未(?:作出|做出|实施|办理|发生))(?:行政(?:许可|处罚)[、和及与或])*行政强制"),
          needs=("行政强制",)),
    Claim("review", "因政府信息公开被申请行政复议",
          _c(rf"信息公开{_GAP}{{0,12}}?行政复议{_GAP}{{0,8}}?{_NUM}\s*(?:件|起|宗|次)"),
          _c(_APPEAL_ZERO + r"行政复议"), needs=("行政复议",)),
    Claim("litigation", "因政府信息公开被提起行政诉讼",
          _c(rf"信息公开{_GAP}{{0,12}}?行政诉讼{_GAP}{{0,8}}?{_NUM}\s*(?:件|起|宗|次)"),
          _c(_APPEAL_ZERO + r"行政诉讼"), needs=("行政诉讼",)),
)

_FEE_POSITIVE = re.compile(r"信息处理费[^。；;\n]{0,20}?(\d+(?:\.\d+)?)\s*(万元|元)")
_FEE_NEGATIVE = re.compile(r"(?:未|没有|无|不|均未|暂未)[^。；;，,\n]{0,10}?(?:收取|收缴|收费)?[^。；;，,\n]{0,6}?信息处理费"
                           r"|信息处理费[^。；;\n]{0,8}?(?:为)?(?:0|零|无)")
_FEE_MENTION = re.compile(r"信息处理费|处理费")
_GOV_ACCOUNTABILITY = re.compile(r"考核|评议|责任追究|问责")
# A section says something concrete when it has a figure with a unit, a date, or a named document
# other than the Regulation itself.
_CONCRETE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:余|多)?\s*(?:件|条|次|篇|个|项|宗|万元|元|人次|人|期|场|家|份|批|起|%|％|天|日|小时)"
    r"|\d{1,2}月\d{1,2}日|《(?!(?:中华人民共和国)?政府信息公开条例|条例)[^》]{2,40}》"
)
# The 2021 notice (国办公开办函〔2021〕30号) added the 信息处理费 statement to section 六; formats
# first used from this year on require it.
FEE_STATEMENT_FROM = 2021


def _where(section: SectionText, pos: int, snippet: str) -> Source:
    src = section.source
    if src is None:
        return Source(text=snippet)
    line = src.line + section.text.count("\n", 0, pos) + 1 if src.line is not None else None
    return Source(line=line, page=src.page, text=snippet)


def _snippet(text: str, start: int, end: int) -> str:
    a = max(text.rfind("。", 0, start), text.rfind("\n", 0, start), text.rfind("；", 0, start)) + 1
    b_candidates = [i for i in (text.find("。", end), text.find("\n", end), text.find("；", end)) if i != -1]
    b = min(b_candidates) + 1 if b_candidates else len(text)
    s = text[a:b].strip()
    return s if len(s) <= 120 else text[max(start - 20, 0):end + 20].strip()


def _scan(ctx: Context) -> Iterator[tuple[Claim, Stated, int | float, SectionText, int, int]]:
    plan = ctx.plan
    for claim in CLAIMS:
        means = plan.stated.get(claim.id)
        if means is None or any(c not in plan.kind for c in means.cells):
            continue
        for section in ctx.report.sections.values():
            text = section.text
            if claim.needs and not any(w in text for w in claim.needs):
                continue
            seen: set[int] = set()
            # Stated numbers (收到申请 N 件), then statements of none (未收到申请), which count as 0.
            for patterns, stated_none in ((claim.positive, False), (claim.negative, True)):
                for pat in patterns:
                    for m in pat.finditer(text):
                        if m.start() in seen or (claim.veto and claim.veto.search(m.group(0))):
                            continue
                        seen.add(m.start())
                        yield claim, means, 0 if stated_none else _number(m.group(1)), section, m.start(), m.end()


@check_fn("narrative.W801", "narrative.I802")
def narrative(ctx: Context) -> Iterator[Finding]:
    cells = ctx.report.cells
    for claim, means, stated, section, start, end in _scan(ctx):
        if any(c not in cells for c in means.cells) or any(cells[c].uncertain for c in means.cells):
            continue  # a cell OGI doubts cannot confirm or contradict the text
        table = sum(cells[c].value or 0 for c in means.cells)
        read_as = means.cells
        if table != stated:
            for alt in means.also:
                if all(c in cells for c in alt) and sum(cells[c].value or 0 for c in alt) == stated:
                    table, read_as = stated, alt
                    break
        snippet = _snippet(section.text, start, end)
        where = _where(section, start, snippet)
        evidence = {"claim": claim.id, "stated": stated, "table": table, "text": snippet,
                    "values": {c: cells[c].value for c in read_as}, "section": section.number}
        sources = {"text": where, **ctx.sources(read_as)}
        if table == stated:
            evidence["agrees"] = True
            yield RULES["narrative.I802"].finding(
                f"正文“{snippet}”所述{claim.zh}{stated}件与表格一致",
                f"the text states {claim.id} = {stated}, as the table does", read_as, evidence, where, sources)
        else:
            yield RULES["narrative.W801"].finding(
                f"正文“{snippet}”称{claim.zh}{stated}件，表格为{table}件",
                f"the text states {claim.id} = {stated}, the table says {table}", means.cells, evidence, where, sources)
    yield from _fees(ctx)


def _fees(ctx: Context) -> Iterator[Finding]:
    """信息处理费 stated in the text: fees come only from applications handled (国办函〔2020〕109号)."""
    handled_cells = tuple(c for c in ctx.plan.received if c in ctx.report.cells)
    handled = sum(ctx.value(c) or 0 for c in handled_cells)
    for section in ctx.report.sections.values():
        text = section.text
        for pat, positive in ((_FEE_POSITIVE, True), (_FEE_NEGATIVE, False)):
            for m in pat.finditer(text):
                amount = float(m.group(1)) * (10000 if m.group(2) == "万元" else 1) if positive else 0
                snippet = _snippet(text, m.start(), m.end())
                where = _where(section, m.start(), snippet)
                evidence = {"claim": "fee", "stated": amount, "unit": "元", "applications": handled, "text": snippet,
                            "values": {c: ctx.value(c) for c in handled_cells}, "section": section.number}
                sources = {"text": where, **ctx.sources(handled_cells)}
                if amount > 0 and handled_cells and handled == 0:
                    yield RULES["narrative.W801"].finding(
                        f"正文“{snippet}”称收取信息处理费{amount:g}元，但表三未办理任何申请",
                        f"the text states {amount:g} yuan of processing fees, but table 3 handled no application",
                        handled_cells, evidence, where, sources)
                else:
                    evidence["agrees"] = True
                    yield RULES["narrative.I802"].finding(
                        f"正文说明了信息处理费情况：“{snippet}”",
                        f"the text states the processing fees ({amount:g} yuan)", handled_cells, evidence, where,
                        sources)


@check_fn("section.I402", "section.W403", "section.W404")
def section_content(ctx: Context) -> Iterator[Finding]:
    fmt = ctx.plan.fmt
    table_sections = {t.number for t in fmt.tables}
    sections = ctx.report.sections
    for s in fmt.sections:
        if s.number in table_sections or s.number not in sections:
            continue
        sec = sections[s.number]
        text = sec.text.strip()
        if s.number == fmt.sections[-1].number and (len(text) <= 4 or _FEE_MENTION.search(text)):
            continue  # "无", or the fee statement the 2021 notice asks for: a statement, not boilerplate
        if not _CONCRETE.search(text):
            yield RULES["section.I402"].finding(
                f"第{s.number}部分「{s.title}」没有具体数字、日期或具体措施（{len(text)}字）",
                f"section {s.number} states no figure, date or named measure ({len(text)} characters)",
                evidence={"section": s.number, "length": len(text)}, location=sec.source)
    if fmt.first_year >= FEE_STATEMENT_FROM and not any(_FEE_MENTION.search(sec.text) for sec in sections.values()):
        yield RULES["section.W403"].finding(
            "报告未说明信息处理费收取情况（2021年格式第六部分要求）",
            "the report says nothing about information processing fees (section 6 of the 2021 format)",
            location=sections[6].source if 6 in sections else None)
    kind, _ = report_kind(ctx.report.meta.kind, ctx.report.meta.agency)
    if kind == GOVERNMENT and sections and not any(_GOV_ACCOUNTABILITY.search(sec.text)
                                                      for sec in sections.values()):
        yield RULES["section.W404"].finding(
            "人民政府的年度报告应说明工作考核、社会评议和责任追究结果情况，报告未提及",
            "a government's report states the results of assessment, public review and accountability; "
            "this one does not", evidence={"kind": kind})
