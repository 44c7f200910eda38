"""The report as a whole: its format, its sections, its rows, and what the extractor could not read.

Sources: 国务院令第711号《中华人民共和国政府信息公开条例》第五十条 (what the annual report
contains, and a unified format published by the State Council's competent department); the
format notices 国办公开办函〔2019〕60号 (2019 and 2020 reports) and 国办公开办函〔2021〕30号
(from the 2021 report on).
"""

from __future__ import annotations

from collections.abc import Iterator

from ... import formats
from ..context import Context
from ..finding import Finding
from ..registry import RULES, check_fn, rule

_ART50 = "国务院令第711号 第五十条（年度报告的内容、统一格式）"

rule("format.E201", "报告格式与年度不符", "the format does not match the report year",
     "The format the tables use (meta.template, judged from the headers) must be the one in force for the "
     "report year: the 2019 format for 2019-2020, the 2021 format from the 2021 report on.",
     _ART50 + "；国办公开办函〔2021〕30号（2021年度报告起使用新格式）")
rule("format.E202", "行合并未按格式拆分", "a row group printed as one row",
     "A collapsible row group printed as a single row: in the 2021 format, （六）其他处理 must be split into "
     "its three sub-rows (逾期不补正, 逾期未缴费, 其他).", "国办公开办函〔2021〕30号 表三（六）其他处理")
rule("format.E203", "表格缺行", "a table row is missing",
     "A row of the format is absent from the document while the rest of its table is there.", _ART50)
rule("format.E204", "缺少统计表", "a statistical table is missing",
     "None of the cells of one of the format's tables was found.", _ART50)
rule("section.E401", "缺少报告章节", "a section is missing",
     "All six sections of the format (一、总体情况 … 六、其他需要报告的事项) must be present.", _ART50)
rule("parse.W501", "单元格未能读取", "cells could not be read",
     "Cells of a row the document prints but that OGI could not read (report.unread, or part of a row); the "
     "equations they sit in cannot be checked. OGI's limitation, not the document's: the report is marked as not "
     "fully read rather than failed.", "OGI: the document is blamed only for what OGI read with certainty")
rule("parse.W502", "单元格读取存疑", "an uncertain cell",
     "A cell whose value OGI settled with doubt (glued digits with more than one split, a low OCR score); the "
     "other readings are listed.", "OGI: a report OGI cannot fully parse is not passed")
rule("parse.W503", "解析说明", "a note from the extractor",
     "Something the extractor saw and reported with a stable code (report.notes): an ambiguous layout, a table "
     "it could only partly read. The note's code is in the evidence.", "OGI extractor notes")
rule("parse.W505", "未能找到章节标题", "a section's heading could not be found",
     "A section whose heading OGI did not find although the table it holds was read (a converter or an OCR "
     "dropped or garbled the heading), or in a text that looks like an OCR's: OGI's limitation, not the "
     "document's; section.E401 is raised only when neither the heading nor the section's table is found in a "
     "text OGI can take at its word.", "OGI: the document is blamed only for what OGI read with certainty")
rule("meta.W701", "未能确定报告年度", "the report year is unknown",
     "Without the year, the format and the deadline cannot be checked.", _ART50)
rule("meta.W702", "未能确定发布机关", "the agency is unknown",
     "The report does not say (in a way OGI can read) which agency it is from.", _ART50)


@check_fn("meta.W701", "meta.W702", "format.E201")
def meta(ctx: Context) -> Iterator[Finding]:
    m = ctx.report.meta
    if m.year is None:
        yield RULES["meta.W701"].finding("未能确定报告年度，无法核对格式和发布时限",
                                         "the report year is unknown: format and deadline not checked")
    else:
        expected = formats.for_year(m.year)
        actual = ctx.plan.fmt
        if m.template is not None and actual.id != expected.id:
            yield RULES["format.E201"].finding(
                f"{m.year}年度报告应使用{expected.id}年格式（{expected.notice}），实际使用{actual.id}年格式（{actual.notice}）",
                f"a {m.year} report must use the {expected.id} format ({expected.notice}), this one uses the "
                f"{actual.id} format",
                evidence={"year": m.year, "template": actual.id, "expected": expected.id})
    if not m.agency:
        yield RULES["meta.W702"].finding("未能确定发布机关", "the agency is unknown")


@check_fn("format.E202", "format.E203", "format.E204", "parse.W501")
def rows(ctx: Context) -> Iterator[Finding]:
    cells = ctx.report.cells
    plan = ctx.plan
    for c in plan.collapses:
        if c.group.id in ctx.collapsed:
            ids = tuple(x for x in c.group.collapsed_cells if x in cells)
            subrows = "、".join(r.label for r in c.rows)
            yield RULES["format.E202"].finding(
                f"{plan.fmt.id}年格式要求「{c.group.label}」分{len(c.rows)}行填报（{subrows}），报告只填了一行",
                f"the {plan.fmt.id} format splits {c.group.label} into {len(c.rows)} rows; the report prints one",
                ids, {"values": {x: cells[x].value for x in ids}, "rows": [r.id for r in c.rows]},
                ctx.first_source(ids), ctx.sources(ids))
    folded = {r.id for c in plan.collapses if c.group.id in ctx.collapsed for r in c.rows}
    tables_present = {t.id for t in plan.fmt.tables if any(x in cells for x in t.cells)}
    unread = set(ctx.report.unread)
    pictured = any(n.code == "extract.pictures_unread" for n in ctx.report.notes)
    for t in plan.fmt.tables:
        if t.id in tables_present:
            continue
        if unread.intersection(t.cells):
            # The table's words are printed, or pictures OGI could not read may hold it, and OGI
            # read none of its cells: OGI's limitation.
            why_zh, why_en = ("文档中有未能识别的图片，该表可能印在其中", "pictures OGI could not read may hold it") \
                if pictured else ("报告中有该表的文字，但OGI未能读出其数值", "its words are printed but OGI could not read its values")
            yield RULES["parse.W501"].finding(
                f"未能读取统计表「{t.title}」（{why_zh}）", f"table {t.id} ({t.title}): {why_en}",
                tuple(c for c in t.cells if c in unread), {"table": t.id})
            continue
        yield RULES["format.E204"].finding(
            f"未找到统计表「{t.title}」", f"table {t.id} ({t.title}) not found", evidence={"table": t.id})
    for table, row in plan.rows:
        if table.id not in tables_present or row.id in folded:
            continue
        absent = tuple(x for x in row.cells if x not in cells)
        if not absent:
            continue
        if len(absent) == len(row.cells) and not unread.intersection(absent):
            yield RULES["format.E203"].finding(
                f"「{table.title}」表缺少「{row.label}」行", f"table {table.id}: row {row.id} is missing",
                absent, {"table": table.id, "row": row.id})
        else:
            names = "、".join(plan.label[x] for x in absent)
            yield RULES["parse.W501"].finding(
                f"未能读取{len(absent)}个单元格：{names}", f"{len(absent)} cells could not be read: {', '.join(absent)}",
                absent, {"row": row.id, "read": {x: cells[x].value for x in row.cells if x in cells}},
                ctx.first_source(row.cells), ctx.sources(row.cells))


@check_fn("section.E401", "parse.W505")
def sections(ctx: Context) -> Iterator[Finding]:
    present = ctx.report.sections
    cells = ctx.report.cells
    ocr = any(n.code == "extract.ocr_text" for n in ctx.report.notes)
    for s in ctx.plan.fmt.sections:
        if s.number in present:
            continue
        # (Sections 二 to 四 hold the tables: a table read is its section printed, whatever became
        # of its heading.)
        held = [t for t in ctx.plan.fmt.tables if t.number == s.number and any(c in cells for c in t.cells)]
        if held:
            yield RULES["parse.W505"].finding(
                f"未能找到第{s.number}部分「{s.title}」的标题，但读到了其中的统计表",
                f"the heading of section {s.number} ({s.title}) was not found, but its table was read",
                evidence={"section": s.number, "table": held[0].id})
        elif ocr:
            yield RULES["parse.W505"].finding(
                f"未能找到第{s.number}部分「{s.title}」的标题（文本像是 OCR 识别结果，标题可能被认错）",
                f"the heading of section {s.number} ({s.title}) was not found (the text looks like an OCR's: "
                "it may have misread the heading)", evidence={"section": s.number, "ocr_text": True})
        else:
            yield RULES["section.E401"].finding(
                f"缺少第{s.number}部分「{s.title}」", f"section {s.number} ({s.title}) is missing",
                evidence={"section": s.number})


@check_fn("parse.W502", "parse.W503")
def extraction(ctx: Context) -> Iterator[Finding]:
    for cell in ctx.report.cells.values():
        if not cell.uncertain:
            continue
        alts = [a for a in cell.alternatives if a != cell.value]
        also = f"，也可能是{'、'.join(str(a) for a in alts)}" if alts else ""
        # (The extractor's reasons are written "中文 / English".)
        why_zh, _, why_en = cell.reason.partition(" / ")
        yield RULES["parse.W502"].finding(
            f"「{ctx.label(cell.id)}」读作{cell.value}，但不确定{also}" + (f"：{why_zh}" if why_zh else ""),
            f"{cell.id} read as {cell.value} with doubt" + (f"; could also be {alts}" if alts else "")
            + (f": {why_en or why_zh}" if why_zh else ""),
            (cell.id,), {"values": {cell.id: cell.value}, "alternatives": alts,
                         **({"reason": cell.reason} if cell.reason else {}),
                         **({"printed": cell.source.text} if cell.source and cell.source.text else {})},
            cell.source, ctx.sources((cell.id,)))
    for note in ctx.report.notes:
        yield RULES["parse.W503"].finding(
            note.zh, note.en, tuple(note.cells),
            {"code": note.code, "values": {c: ctx.value(c) for c in note.cells}},
            note.source or ctx.first_source(note.cells), ctx.sources(note.cells))
