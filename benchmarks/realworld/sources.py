"""The documents an agency publishes: DOCX and PDF from `ogi.render`, and the report as a web page.

The web page is what a government site serves, not OGI's own HTML: the report body from
`ogi.render` with OGI's marks taken off (no `data-cell`, no classes, no `<th>`, no stylesheet),
the cells given `style="width:57px"` widths the way CMS editors write them (and, for some pages,
each value wrapped in Word's `<p><span>`), inside site chrome (navigation, breadcrumbs, a
发布日期/来源 line, a footer with the ICP number).
"""

from __future__ import annotations

import html as htmllib
import random
import re

from ogi.model import AnnualReport
from ogi.render import render

SITES = ("政务服务网", "人民政府门户网站", "政府信息公开平台")


def _cell_attrs(rng: random.Random) -> str:
    return f' style="width:{rng.choice((38, 45, 57, 64, 71, 85, 120))}px" valign="center"'


def body_html(report: AnnualReport, rng: random.Random, word: bool) -> str:
    """The report's article as a CMS editor holds it: tables of plain `<td>`s with widths."""
    frag = render([report], "html-fragment").decode()
    frag = re.sub(r"<style>.*?</style>", "", frag, flags=re.S)
    frag = re.sub(r"<colgroup>.*?</colgroup>", "", frag, flags=re.S)
    frag = re.sub(r'<article[^>]*>|</article>', "", frag)
    frag = re.sub(r'\s(?:data-cell|class|scope|id)="[^"]*"', "", frag)
    frag = frag.replace("<thead>", "").replace("</thead>", "").replace("<tbody>", "").replace("</tbody>", "")
    frag = frag.replace("<th", "<td").replace("</th>", "</td>")

    def td(m: re.Match) -> str:
        attrs, text = m.group(1), m.group(2)
        if word:
            text = (f'<p style="text-align:center;line-height:20px"><span style="font-family:仿宋_GB2312;'
                    f'font-size:12px">{text or "&nbsp;"}</span></p>')
        return f"<td{attrs}{_cell_attrs(rng)}>{text}</td>"

    frag = re.sub(r"<td([^>]*)>(.*?)</td>", td, frag, flags=re.S)
    frag = frag.replace("<table>", '<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:'
                                   'collapse;width:600px">')
    frag = frag.replace("<tr>", "<tr style=\"height:28px\">")
    frag = frag.replace("<p>", '<p style="text-indent:2em;line-height:1.75">')
    frag = re.sub(r"<h1>(.*?)</h1>", r'<p style="text-align:center"><strong>\1</strong></p>', frag)
    frag = re.sub(r"<h2>(.*?)</h2>", r'<p style="text-indent:2em"><strong>\1</strong></p>', frag)
    return frag


def web_page(report: AnnualReport, index: int) -> tuple[str, str]:
    """(the page as served, the article body alone)."""
    rng = random.Random(f"page-{index}")
    word = rng.random() < 0.4
    body = body_html(report, rng, word)
    m = report.meta
    site = f"{m.agency}{rng.choice(SITES)}" if m.agency else "政府网站"
    title = f"{m.agency}{m.year}年政府信息公开工作年度报告"
    date = m.published.isoformat() if m.published else ""
    views = rng.randint(20, 5000)
    page = (
        '<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
        f"<title>{htmllib.escape(title)}_{htmllib.escape(site)}</title>\n"
        '<link rel="stylesheet" href="/css/style.css"><script src="/js/jquery.min.js"></script>\n'
        "</head>\n<body>\n"
        '<div class="top"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/bsfw/">办事服务</a> | '
        '<a href="/hdjl/">互动交流</a> | <a href="/login">登录</a> <a href="/reg">注册</a></div>\n'
        f'<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; '
        '<a href="/zwgk/ndbg/">政府信息公开年报</a></div>\n'
        f'<div class="article"><h1 class="title">{htmllib.escape(title)}</h1>\n'
        f'<div class="info">发布日期：{date}　来源：{htmllib.escape(m.agency or "")}　浏览次数：{views}　'
        '字号：[ <a>大</a> <a>中</a> <a>小</a> ]</div>\n'
        f'<div class="TRS_Editor" id="zoom">{body}</div>\n'
        '<div class="share">分享到：<a>微信</a> <a>微博</a> 【打印本页】 【关闭窗口】</div></div>\n'
        f'<div class="footer">主办单位：{htmllib.escape(m.agency or "")}　联系电话：0471-4211860<br>'
        "蒙ICP备10000440号　蒙公网安备 15010502000249号　网站标识码：1501050001</div>\n"
        "</body></html>\n"
    )
    return page, body


def docx_bytes(report: AnnualReport) -> bytes:
    return render([report], "docx")


def pdf_batch(reports: list[AnnualReport]) -> list[bytes]:
    """PDFs through LibreOffice, several documents per LibreOffice start."""
    from ogi.render.pdf import render_pdfs

    return render_pdfs(reports)
