"""The desk's notices as DOCX in 公文 layout (GB/T 9704-2012: A4, 版心 156×225 mm, 发文机关标志 in
red 小标宋, 文号 under it with the red separator line, body in 仿宋 三号, 28 pt lines).

The wording follows the articles it cites; the rules (dates, outcomes, amounts) come from the
event and from `ogi.ledger`, never from here.
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ogi.ledger import deadlines, outcomes
from ogi.ledger.lifecycle import APPLICANT_WORDS
from ogi.render.style import OFFICIAL

TITLES = {
    "receipt": "政府信息公开申请登记回执",
    "correction": "政府信息公开申请补正告知书",
    "consultation": "政府信息公开征求意见函",
    "extension": "政府信息公开申请延期答复告知书",
    "fee": "政府信息公开信息处理费缴费通知书",
    "reply": "政府信息公开申请答复书",
    "service": "送达回证",
    "reasons": "要求说明理由通知书",
    "deferral": "延迟答复告知书",
}
RED = RGBColor(0xC0, 0x00, 0x00)
DELIVERY_WORDS = {"post": "邮寄", "in_person": "当面领取", "email": "电子邮件", "online": "网上获取"}


def _cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _run(p, text: str, font, size: float, bold: bool = False, color=None):
    r = p.add_run(text)
    r.font.size = Pt(size)
    r.font.bold = bold
    r.font.name = OFFICIAL.latin_font
    r._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font.name)
    if color is not None:
        r.font.color.rgb = color
    return r


def _para(doc, text: str = "", align=None, indent: bool = True, font=None, size: float = 16, bold=False, color=None):
    p = doc.add_paragraph()
    pf = p.paragraph_format
    pf.line_spacing = Pt(28)
    pf.space_before = pf.space_after = Pt(0)
    if indent:
        pf.first_line_indent = Pt(size * 2)
    if align is not None:
        p.alignment = align
    if text:
        _run(p, text, font or OFFICIAL.body_font, size, bold, color)
    return p


def body_paragraphs(kind: str, app, agency, data: dict, deadline: deadlines.Deadline | None) -> list[str]:
    """The body of a notice, one string per paragraph."""
    received = _cn_date(app.received)
    head = f"你（单位）于{received}通过{deadlines.CHANNELS[app.channel][0]}方式提出的政府信息公开申请"
    asked = f"（所需信息：{app.content}）"
    due = f"{_cn_date(deadline.due)}" if deadline and deadline.due else ""
    if kind == "receipt":
        rule = deadlines.CHANNELS[app.channel]
        return [f"{head}{asked}已收到，登记编号为{app.number}。",
                f"根据《中华人民共和国政府信息公开条例》{rule[2]}，{rule[3]}，本机关收到申请之日为{received}。"
                f"本机关将依照该条例第三十三条的规定，在收到申请之日起20个工作日内（即{due}前）予以答复；"
                "需要延长答复期限的，将另行告知。"]
    if kind == "correction":
        by = data.get("answer_by")
        return [f"{head}{asked}，内容不明确。根据《中华人民共和国政府信息公开条例》第三十条，请你（单位）对下列事项作出补正：",
                str(data.get("items") or ""),
                f"请于{_cn_date(dt.date.fromisoformat(by)) if by else '合理期限内'}前提交补正后的申请。"
                "答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。"]
    if kind == "consultation":
        article = "第三十二条" if data.get("party") != "co_producer" else "第三十四条"
        return [f"本机关收到{APPLICANT_WORDS.get(app.applicant_type, '')}申请人的政府信息公开申请，所需信息：{app.content}。",
                f"该信息公开可能涉及你方合法权益（或由你机关参与制作）。根据《中华人民共和国政府信息公开条例》{article}，"
                "现书面征求你方意见，请自收到本函之日起15个工作日内提出意见。逾期未提出意见的，由本机关依照该条例的规定决定。"]
    if kind == "extension":
        return [f"{head}{asked}，因{data.get('reason') or '情况复杂'}，不能在规定期限内答复。",
                f"根据《中华人民共和国政府信息公开条例》第三十三条第二款，经本机关政府信息公开工作机构负责人{data.get('approver', '')}同意，"
                f"答复期限延长{data.get('days')}个工作日，延长后的答复期限为{due}。"]
    if kind == "fee":
        return [f"{head}{asked}，根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），需缴纳信息处理费{data.get('amount')}元。",
                f"计费说明：{data.get('explain', '')}",
                f"请自收到本通知之日起20个工作日内（即{_cn_date(dt.date.fromisoformat(data['pay_by'])) if data.get('pay_by') else ''}前）缴纳。"
                "自发出本通知至缴费期间不计入答复期限；逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。"]
    if kind == "reply":
        category = data.get("category", "")
        provision = outcomes.BASIS.get(category, "")
        lines = [f"{head}{asked}，本机关已依法受理。",
                 f"经审查，答复如下：{outcomes.label(category)}。",
                 f"理由和依据：{data.get('basis') or '—'}" + (f"（《中华人民共和国政府信息公开条例》{provision}）" if provision else "")]
        if category in ("granted", "partial"):
            lines.append(f"所需信息将按你（单位）选择的方式（{DELIVERY_WORDS.get(app.delivery, '')}）提供。")
        lines.append(outcomes.REMEDIES)
        return lines
    if kind == "reasons":
        return [f"{head}{asked}。经审查，你（单位）申请公开政府信息的数量、频次明显超过合理范围。",
                f"根据《中华人民共和国政府信息公开条例》第三十五条，请你（单位）说明理由：{data.get('items') or ''}",
                "本机关认为申请理由不合理的，将告知不予处理；认为理由合理但无法在该条例第三十三条规定的期限内答复的，"
                "将确定延迟答复的合理期限并告知你（单位）。"]
    if kind == "deferral":
        until = data.get("until")
        return [f"{head}{asked}，经审查，你（单位）说明的申请理由合理，但因{data.get('reason') or '申请数量较大'}，"
                "无法在《中华人民共和国政府信息公开条例》第三十三条规定的期限内答复。",
                f"根据该条例第三十五条，本机关确定延迟答复的期限至{_cn_date(dt.date.fromisoformat(until)) if until else ''}。"]
    if kind == "service":
        return [f"送达文书：关于{app.number}号政府信息公开申请的答复书",
                f"受送达人：{app.applicant_name}",
                f"送达方式：{DELIVERY_WORDS.get(data.get('method', ''), data.get('method', ''))}",
                f"送达日期：{_cn_date(dt.date.fromisoformat(data['date'])) if data.get('date') else ''}",
                f"签收人：{data.get('receiver') or '＿＿＿＿＿＿'}",
                f"备注：{data.get('note') or ''}"]
    raise KeyError(kind)


def render(kind: str, app, agency, number: str, date: dt.date, data: dict,
           deadline: deadlines.Deadline | None) -> bytes:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    # 发文机关标志
    _para(doc, f"{agency.name}", WD_ALIGN_PARAGRAPH.CENTER, False, OFFICIAL.title_font, 26, False, RED)
    p = _para(doc, number, WD_ALIGN_PARAGRAPH.CENTER, False)
    # the red separator line under the 文号
    pPr = p._p.get_or_add_pPr()
    border = pPr.makeelement(qn("w:pBdr"), {})
    bottom = border.makeelement(qn("w:bottom"), {qn("w:val"): "single", qn("w:sz"): "12", qn("w:space"): "8",
                                                 qn("w:color"): "C00000"})
    border.append(bottom)
    pPr.append(border)
    _para(doc, "", indent=False)
    _para(doc, TITLES[kind], WD_ALIGN_PARAGRAPH.CENTER, False, OFFICIAL.title_font, 22)
    _para(doc, "", indent=False)
    recipient = data.get("name") if kind == "consultation" else app.applicant_name
    if kind != "service":
        _para(doc, f"{recipient}：", indent=False)
    for text in body_paragraphs(kind, app, agency, data, deadline):
        _para(doc, text)
    _para(doc, "", indent=False)
    _para(doc, agency.office_name or agency.name, WD_ALIGN_PARAGRAPH.RIGHT, False)
    _para(doc, _cn_date(date), WD_ALIGN_PARAGRAPH.RIGHT, False)
    contact = "；".join(x for x in (f"联系电话：{agency.office_phone}" if agency.office_phone else "",
                                    f"地址：{agency.office_address}" if agency.office_address else "") if x)
    if contact:
        _para(doc, "", indent=False)
        _para(doc, f"（{contact}）", indent=False, size=14)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
