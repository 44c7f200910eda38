"""Generate the seed reports as real documents: HTML (three styles), DOCX, DOC, text PDF, scans.

Everything is built from the gold values (`../shared/gold/*.json`) and the format definitions
(`ogi.formats`): no row label is written here. A `Spec` is the report as the documents show it
(title, paragraphs, tables as rows of cells with rowspan/colspan); each writer renders a `Spec`.
`expected_grid(table)` gives the Grid a reader must find for a table (text at a merged cell's
origin, None where it covers).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ogi import formats

SHARED = Path(os.environ.get("OGI_SHARED", "/work/shared"))
GOLD = SHARED / "gold"


@dataclass
class C:
    text: str
    rs: int = 1
    cs: int = 1
    header: bool = False


@dataclass
class TableSpec:
    title: str
    rows: list[list[C]]

    @property
    def width(self) -> int:
        return sum(c.cs for c in self.rows[0])


@dataclass
class Spec:
    name: str
    title: str
    agency: str
    blocks: list[str | TableSpec] = field(default_factory=list)
    gold: dict = field(default_factory=dict)


def gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.json"))


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def fmt_value(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v)


def _active_table(fmt: formats.Format, cells: dict) -> TableSpec:
    table = fmt.table("active")
    width = 1 + max(len(r.columns) for r in table.rows)
    rows: list[list[C]] = []
    groups = {g.id: g for g in table.groups}
    current = None
    for row in table.rows:
        if row.group != current:
            current = row.group
            rows.append([C(groups[row.group].label, cs=width, header=True)])
            header = [C("信息内容", header=True)]
            for i, col in enumerate(row.columns):
                last = i == len(row.columns) - 1
                header.append(C(col.label, cs=width - len(row.columns) if last else 1, header=True))
            rows.append(header)
        line = [C(row.label)]
        for i, cell in enumerate(row.cells):
            last = i == len(row.cells) - 1
            line.append(C(fmt_value(cells.get(cell)), cs=width - len(row.cells) if last else 1))
        rows.append(line)
    return TableSpec(table.title, rows)


def _apply_rows(fmt: formats.Format, cells: dict) -> list[tuple[formats.Row | None, str, str | None, tuple]]:
    """(row, label, subgroup id, cell ids) in print order; a collapsible group printed as one row
    when the gold has its collapsed cells (the 2021 format's （六）其他处理 printed the 2019 way)."""
    table = fmt.table("apply")
    groups = {g.id: g for g in table.groups}
    out = []
    done = set()
    for row in table.rows:
        g = groups.get(row.group) if row.group else None
        if g is not None and g.collapsible and g.collapsed_cells and g.collapsed_cells[0] in cells:
            if g.id not in done:
                done.add(g.id)
                out.append((None, g.label, "result", g.collapsed_cells))
            continue
        out.append((row, row.label, row.group, row.cells))
    return out


def _apply_table(fmt: formats.Format, cells: dict) -> TableSpec:
    table = fmt.table("apply")
    groups = {g.id: g for g in table.groups}
    cols = table.rows[0].columns
    applicants, total = cols[:-1], cols[-1]
    rows: list[list[C]] = [
        [C("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rs=3, cs=3, header=True),
         C("申请人情况", cs=len(cols), header=True)],
        [C(applicants[0].label, rs=2, header=True), C("法人或其他组织", cs=len(applicants) - 1, header=True),
         C(total.label, rs=2, header=True)],
        [C(c.label, header=True) for c in applicants[1:]],
    ]
    printed = _apply_rows(fmt, cells)
    top = [p for p in printed if p[2] is not None]  # rows under 三、本年度办理结果
    seen_groups: set[str] = set()
    first_result = True
    for _row, label, group, ids in printed:
        values = [C(fmt_value(cells.get(i))) for i in ids]
        if group is None:
            rows.append([C(label, cs=3), *values])
            continue
        line: list[C] = []
        if first_result:
            line.append(C(groups["result"].label, rs=len(top)))
            first_result = False
        if group == "result":
            line.append(C(label, cs=2))
        else:
            if group not in seen_groups:
                seen_groups.add(group)
                n = sum(1 for p in printed if p[2] == group)
                line.append(C(groups[group].label, rs=n))
            line.append(C(label))
        rows.append(line + values)
    return TableSpec(table.title, rows)


def _appeal_table(fmt: formats.Format, cells: dict) -> TableSpec:
    table = fmt.table("appeal")
    cols = table.rows[0].columns
    parts = [c.label.split("·") for c in cols]
    review = [p for p in parts if len(p) == 2]
    suits = [p for p in parts if len(p) == 3]
    r0 = [C(review[0][0], cs=len(review), header=True), C(suits[0][0], cs=len(suits), header=True)]
    r1 = [C(p[1], rs=2, header=True) for p in review]
    sub: list[str] = []
    for p in suits:
        if p[1] not in sub:
            sub.append(p[1])
    r1 += [C(s, cs=sum(1 for p in suits if p[1] == s), header=True) for s in sub]
    r2 = [C(p[2], header=True) for p in suits]
    values = [C(fmt_value(cells.get(c))) for c in table.rows[0].cells]
    return TableSpec(table.title, [r0, r1, r2, values])


def build_spec(gold_path: Path) -> Spec:
    gold = load_gold(gold_path)
    meta, cells = gold["meta"], gold["cells"]
    fmt = formats.get(meta["template"])
    agency, year = meta["agency"], meta["year"]
    title = f"{agency}{year}年政府信息公开工作年度报告"
    s = {sec.number: sec.title for sec in fmt.sections}
    blocks: list[str | TableSpec] = [
        title,
        f"本报告根据《中华人民共和国政府信息公开条例》编制，报告中所列数据的统计期限自{year}年1月1日起至"
        f"{year}年12月31日止。",
        s[1],
        f"{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，持续深化政务公开工作。",
        s[2],
        _active_table(fmt, cells),
        s[3],
        _apply_table(fmt, cells),
        s[4],
        _appeal_table(fmt, cells),
        s[5],
        "一是公开内容还不够全面；二是信息更新还不够及时。下一步将加强培训，提高公开质量。",
        s[6],
        "本年度无其他需要报告的事项。",
        agency,
    ]
    if meta.get("published"):
        d = dt.date.fromisoformat(meta["published"])
        blocks.append(f"{d.year}年{d.month}月{d.day}日")
    return Spec(gold_path.stem, title, agency, blocks, gold)


def expected_grid(t: TableSpec, repeat: bool = False) -> list[list[str | None]]:
    """The table as a grid: a merged cell's text at its first position, None where it spans on
    (`repeat`: its text there too, as docling prints it)."""
    grid: dict[tuple[int, int], str | None] = {}
    for r, row in enumerate(t.rows):
        c = 0
        for cell in row:
            while (r, c) in grid:
                c += 1
            for dr in range(cell.rs):
                for dc in range(cell.cs):
                    grid[(r + dr, c + dc)] = cell.text if repeat or (dr, dc) == (0, 0) else None
            c += cell.cs
    n_rows = len(t.rows)
    width = t.width
    return [[grid.get((r, c)) for c in range(width)] for r in range(n_rows)]


# ---------------------------------------------------------------- HTML

CHROME_TOP = """<div class="top-bar"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | <a href="/hd">互动交流</a></div>
<div class="nav"><ul><li><a href="/a">机构概况</a></li><li><a href="/b">政策文件</a></li><li><a href="/c">政府信息公开年报</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政府信息公开</a> &gt; 年度报告</div>
<div class="article-tools">字体：[ <a>大</a> <a>中</a> <a>小</a> ]</div>"""
CHROME_BOTTOM = """<div class="share">分享到：<a>微信</a> <a>微博</a></div>
<p class="tools">【打印本页】【关闭窗口】</p>
<div class="related"><h4>相关链接</h4><ul><li><a href="/x">2019年政府信息公开工作年度报告</a></li><li><a href="/y">2018年政府信息公开工作年度报告</a></li></ul></div>
<div class="footer"><p>主办单位：某某区人民政府办公室　网站标识码：1501050001</p><p>蒙ICP备05003232号-1　蒙公网安备 15010502000123号</p></div>"""


def _html_table(t: TableSpec, word: bool = False) -> str:
    out = ['<table border="1" cellspacing="0" cellpadding="0" class="MsoNormalTable">' if word
           else '<table border="1" style="border-collapse:collapse">']
    for row in t.rows:
        out.append("<tr>")
        for c in row:
            attrs = (f' rowspan="{c.rs}"' if c.rs > 1 else "") + (f' colspan="{c.cs}"' if c.cs > 1 else "")
            tag = "td" if word or not c.header else "th"
            out.append(f"<{tag}{attrs}>{_word_cell(c.text) if word else html.escape(c.text)}</{tag}>")
        out.append("</tr>")
    if word:  # Word's row of empty cells that fixes the columns' widths, for browsers other than IE
        out.append("<![if !supportMisc]><tr height=0>" + "<td width=57 style='border:none'></td>" * t.width
                   + "</tr><![endif]>")
    out.append("</table>")
    return "\n".join(out)


def _word_cell(text: str) -> str:
    """How Word exports a cell: spans with styles, a label split over pieces, <br> in long
    headers, &nbsp; in blank cells, <o:p> at the end."""
    if not text:
        return '<p class=MsoNormal align=center><span lang=EN-US>&nbsp;<o:p></o:p></span></p>'
    esc = [html.escape(ch) for ch in text]
    if len(text) >= 6:
        mid = len(text) // 2
        body = (f'<span style=\'font-size:10.5pt;font-family:仿宋_GB2312\'>{"".join(esc[:mid - 1])}</span>'
                f'<span lang=EN-US style=\'font-size:10.5pt\'><font face="仿宋">{esc[mid - 1]}</font></span>'
                f'<span style=\'font-size:10.5pt\'>{"".join(esc[mid:mid + 1])}<br>\n{"".join(esc[mid + 1:])}</span>')
    else:
        body = f'<span lang=EN-US style=\'font-size:10.5pt\'>{"".join(esc)}</span>'
    return f'<p class=MsoNormal align=center style=\'text-align:center\'>{body}<span><o:p></o:p></span></p>'


def html_plain(spec: Spec) -> bytes:
    parts = []
    for b in spec.blocks:
        parts.append(_html_table(b) if isinstance(b, TableSpec) else f"<p>{html.escape(b)}</p>")
    page = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(spec.title)}</title></head>'
            f"<body>{CHROME_TOP}<div class=\"content\"><h1>{html.escape(spec.title)}</h1>"
            f"{''.join(parts[1:])}</div>{CHROME_BOTTOM}</body></html>")
    return page.encode("utf-8")


def html_word(spec: Spec) -> bytes:
    """Word-exported HTML, declared gb2312, encoded GBK."""
    parts = []
    for b in spec.blocks:
        if isinstance(b, TableSpec):
            parts.append(_html_table(b, word=True))
        else:
            pieces = [b[i:i + 7] for i in range(0, len(b), 7)]
            spans = "".join(f"<span style='font-family:仿宋_GB2312'>{html.escape(p)}</span>" for p in pieces)
            parts.append(f"<p class=MsoNormal style='text-indent:32.0pt'>{spans}<span lang=EN-US><o:p></o:p>"
                         "</span></p>")
    page = ('<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">\n'
            '<head><meta http-equiv=Content-Type content="text/html; charset=gb2312">'
            '<meta name=Generator content="Microsoft Word 15"><title>附件1</title>\n'
            # the file's properties: when it was created and saved, never when the report was published
            '<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>Administrator</o:Author>'
            '<o:Created>2020-12-28T07:21:00Z</o:Created><o:LastSaved>2021-01-15T02:10:00Z</o:LastSaved>'
            '<o:Pages>5</o:Pages><o:Words>321</o:Words></o:DocumentProperties></xml><![endif]-->\n'
            '<style>p.MsoNormal{margin:0cm}</style></head>\n'
            "<body lang=ZH-CN style='text-justify-trim:punctuation'><div class=WordSection1>\n"
            + "\n".join(parts) + "\n</div></body></html>")
    return page.encode("gbk")


def html_gbk(spec: Spec) -> bytes:
    """GBK without any declared charset; a layout table around the content, chrome around."""
    parts = []
    for b in spec.blocks:
        parts.append(_html_table(b) if isinstance(b, TableSpec)
                     else f"<div style=\"text-indent:2em\">{html.escape(b)}</div>")
    page = (f"<html><head><title>{html.escape(spec.title)}</title></head><body>{CHROME_TOP}"
            f"<table width=\"100%\"><tr><td class=\"main\">{''.join(parts)}</td></tr></table>"
            f"{CHROME_BOTTOM}</body></html>")
    return page.encode("gbk")


def html_script(spec: Spec) -> bytes:
    """The report carried in a JavaScript string and written with document.write."""
    inner = "".join(_html_table(b) if isinstance(b, TableSpec) else f"<p>{html.escape(b)}</p>"
                    for b in spec.blocks)
    literal = json.dumps(inner, ensure_ascii=True)
    page = (f"<html><head><meta charset=\"utf-8\"><title>{html.escape(spec.title)}</title></head><body>"
            f"{CHROME_TOP}<div id=\"zoom\"><script type=\"text/javascript\">var content = {literal};\n"
            f"document.write(content);</script></div>{CHROME_BOTTOM}</body></html>")
    return page.encode("utf-8")


def mht_word(spec: Spec) -> bytes:
    """Word's 单个文件网页 (.mht) of the Word page: quoted-printable GB2312 (`ogi.fuzzing.word_mht`)."""
    from ogi.fuzzing import word_mht

    return word_mht(html_word(spec), "gb2312")


def markdown_docling(spec: Spec) -> bytes:
    """Markdown as docling exports a document: each table a pipe table whose spanning cells are
    repeated into every row and column they span (`| 本年增/减 | 本年增/减 |`, and the figure
    under it twice)."""
    out = []
    for b in spec.blocks:
        if isinstance(b, str):
            out += [b, ""]
            continue
        rows = [[text or "" for text in row] for row in expected_grid(b, repeat=True)]
        out += ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * b.width]
        out += ["| " + " | ".join(row) + " |" for row in rows[1:]] + [""]
    return "\n".join(out).encode("utf-8")


HTML_WRITERS = {"html_plain": html_plain, "html_word": html_word, "html_gbk": html_gbk, "html_script": html_script,
                "mht_word": mht_word}


# ---------------------------------------------------------------- DOCX / DOC

def docx_bytes(spec: Spec) -> bytes:
    import docx
    from docx.shared import Pt

    d = docx.Document()
    for b in spec.blocks:
        if isinstance(b, str):
            d.add_paragraph(b)
            continue
        rows = expected_grid(b)
        table = d.add_table(rows=len(rows), cols=b.width)
        table.style = "Table Grid"
        for r, row in enumerate(b.rows):
            c = 0
            for cell in row:
                while rows[r][c] is None and _covered(b, r, c):
                    c += 1
                target = table.cell(r, c)
                if cell.rs > 1 or cell.cs > 1:
                    target = target.merge(table.cell(r + cell.rs - 1, c + cell.cs - 1))
                target.text = cell.text
                for p in target.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(9)
                c += cell.cs
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _covered(t: TableSpec, r: int, c: int) -> bool:
    """Whether grid position (r, c) is covered by a merge from an earlier row or column."""
    owners: dict[tuple[int, int], bool] = {}
    for rr, row in enumerate(t.rows[:r + 1]):
        cc = 0
        for cell in row:
            while (rr, cc) in owners:
                cc += 1
            for dr in range(cell.rs):
                for dc in range(cell.cs):
                    owners[(rr + dr, cc + dc)] = (dr, dc) != (0, 0)
            cc += cell.cs
    return owners.get((r, c), False)


def doc_bytes(spec: Spec, tmp: Path, ext: str = "doc") -> bytes:
    """DOCX converted by LibreOffice to the old binary .doc (or another format: odt)."""
    import subprocess

    src = tmp / f"{spec.name}.docx"
    src.write_bytes(docx_bytes(spec))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", ext,
                    "--outdir", str(tmp), str(src)], check=True, capture_output=True, timeout=180)
    return (tmp / f"{spec.name}.{ext}").read_bytes()


# ---------------------------------------------------------------- PDF

PDF_STYLES = ("grid", "shaded", "landscape", "open")


def pdf_bytes(spec: Spec, style: str = "grid") -> bytes:
    """Text PDF with reportlab's built-in Chinese CID font; tables in one of PDF_STYLES:
    `grid` thin black lines; `shaded` grey lines, thick box, shaded headers, vertical 三、本年度办理结果
    one character per line, narrow label columns (labels wrap), page header and footer, the table
    running over pages with its header rows repeated; `landscape` wide page, large font; `open`
    no vertical lines (a 三线表): no grid to find, the rows come out as lines of text."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, SimpleDocTemplate, Spacer, Table, TableStyle
    from reportlab.platypus import Paragraph as P

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    size = {"grid": 8, "shaded": 7.5, "landscape": 9.5, "open": 8}[style]
    body = ParagraphStyle("b", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK")
    cell = ParagraphStyle("c", fontName="STSong-Light", fontSize=size, leading=size * 1.3, wordWrap="CJK",
                          alignment=1)
    page = landscape(A4) if style == "landscape" else A4
    vertical = formats.get(spec.gold["meta"]["template"]).table("apply").groups[0].label  # 三、本年度办理结果
    story = []
    for b in spec.blocks:
        if isinstance(b, str):
            story.append(P(html.escape(b), body))
            continue
        grid = expected_grid(b)
        data = []
        for row in grid:
            line = []
            for text in row:
                if text is None:
                    line.append("")
                elif style == "shaded" and text == vertical:
                    line.append(P("<br/>".join(html.escape(ch) for ch in text), cell))  # vertical label
                else:
                    line.append(P(html.escape(text), cell))
            data.append(line)
        cmds = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        if style == "shaded":
            cmds = [("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("BOX", (0, 0), (-1, -1), 1.5, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        elif style == "open":  # no vertical lines: rules above and below only (三线表)
            cmds = [("LINEABOVE", (0, 0), (-1, 0), 1.2, colors.black), ("LINEBELOW", (0, -1), (-1, -1), 1.2,
                                                                           colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        for (r, c), (rs, cs), header in _spans(b):
            if rs > 1 or cs > 1:
                cmds.append(("SPAN", (c, r), (c + cs - 1, r + rs - 1)))
            if header and style == "shaded":
                cmds.append(("BACKGROUND", (c, r), (c + cs - 1, r + rs - 1), colors.HexColor("#dddddd")))
        usable = page[0] - 72
        n = b.width
        if n == 10:
            label = (0.05, 0.09, 0.16) if style == "shaded" else (0.06, 0.12, 0.24)
            widths = [usable * x for x in label] + [usable * (1 - sum(label)) / 7] * 7
        elif n == 4:
            widths = [usable * 0.4] + [usable * 0.2] * 3
        else:
            widths = [usable / n] * n
        if style == "shaded" and n == 4:
            # start the table near the bottom of a fresh page: it runs over to the next one,
            # its header rows repeated there, page header and footer in between
            story += [PageBreak(), Spacer(1, page[1] - 80 - 200)]
        story += [Spacer(1, 6), Table(data, colWidths=widths, style=TableStyle(cmds), repeatRows=2 if n == 4 else 0),
                  Spacer(1, 6)]

    def decorate(canvas, _doc):
        if style != "shaded":
            canvas.setFont("STSong-Light", 9)
            canvas.drawCentredString(page[0] / 2, 20, f"- {canvas.getPageNumber()} -")
            return
        canvas.setFont("STSong-Light", 9)
        canvas.drawString(36, page[1] - 24, spec.agency + "政府信息公开")
        canvas.drawRightString(page[0] - 36, 20, f"第 {canvas.getPageNumber()} 页")

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=page, leftMargin=36, rightMargin=36, topMargin=40, bottomMargin=40,
                            title=spec.title)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buf.getvalue()


def _spans(t: TableSpec):
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(t.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            for dr in range(cell.rs):
                for dc in range(cell.cs):
                    taken.add((r + dr, c + dc))
            yield (r, c), (cell.rs, cell.cs), cell.header
            c += cell.cs


def scan_pdf_bytes(text_pdf: bytes, dpi: int = 200) -> bytes:
    """Each page of a text PDF rendered to a grayscale image and put back into a PDF without text
    (the real-world benchmark's `scan` converter)."""
    from benchmarks.realworld.converters import scan_pdf

    return scan_pdf(text_pdf, dpi)


def table_pictures(spec: Spec, dpi: int = 200) -> list[bytes]:
    """Each table of the spec as a PNG (a screenshot): the table as `pdf_bytes` draws it, rendered
    at `dpi` and cropped to its ink."""
    import dataclasses

    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image as PILImage

    out = []
    for b in spec.blocks:
        if isinstance(b, str):
            continue
        table_pdf = pdfium.PdfDocument(pdf_bytes(dataclasses.replace(spec, blocks=[b]), "grid"))
        page = table_pdf[0]
        pixels = np.asarray(page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L"))
        table_pdf.close()
        ink = np.argwhere(pixels[: int(pixels.shape[0] * 0.93)] < 200)  # (above the page number)
        (y0, x0), (y1, x1) = ink.min(axis=0), ink.max(axis=0)
        png = io.BytesIO()
        PILImage.fromarray(pixels[y0 - 4:y1 + 5, x0 - 4:x1 + 5]).save(png, "PNG")
        out.append(png.getvalue())
    return out


def pdf_with_table_pictures(spec: Spec, dpi: int = 200) -> bytes:
    """A text PDF whose tables are pasted as pictures (screenshots), as many published reports
    are: the narrative in the text layer, each table a PNG (`table_pictures`) fitted to the page
    width."""
    from PIL import Image as PILImage
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Image, SimpleDocTemplate, Spacer
    from reportlab.platypus import Paragraph as P

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("b", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK")
    usable = A4[0] - 72
    pictures = iter(table_pictures(spec, dpi))
    story = []
    for b in spec.blocks:
        if isinstance(b, str):
            story.append(P(html.escape(b), body))
            continue
        png = next(pictures)
        w, h = PILImage.open(io.BytesIO(png)).size
        story += [Spacer(1, 6), Image(io.BytesIO(png), width=usable, height=usable * h / w), Spacer(1, 6)]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=36, rightMargin=36, topMargin=40, bottomMargin=40,
                      title=spec.title).build(story)
    return buf.getvalue()


def docx_with_table_pictures(spec: Spec) -> bytes:
    """A Word document whose tables are pasted pictures (`table_pictures`), 16 cm wide."""
    import docx
    from docx.shared import Cm

    d = docx.Document()
    pictures = iter(table_pictures(spec))
    for b in spec.blocks:
        if isinstance(b, str):
            d.add_paragraph(b)
        else:
            d.add_picture(io.BytesIO(next(pictures)), width=Cm(16))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def html_with_table_pictures(spec: Spec, how: str = "data") -> bytes:
    """A web page whose tables are pictures: carried in the page (`data`: data: URIs), only
    linked (`linked`: src on the site), or named as the parts of Word's saved page (`word`:
    report.files/image00N.png, for `mht_with_table_pictures`)."""
    import base64

    pictures = iter(table_pictures(spec) if how != "linked" else [b""] * len(spec.blocks))
    parts = []
    for n, b in enumerate(spec.blocks):
        if isinstance(b, str):
            parts.append(f"<p>{html.escape(b)}</p>")
            continue
        png = next(pictures)
        src = {"data": f"data:image/png;base64,{base64.b64encode(png).decode('ascii')}",
               "linked": f"/upload/2025/01/table{n}.png", "word": f"report.files/image{n:03d}.png"}[how]
        parts.append(f'<p><img width=604 src="{src}" alt="表格"></p>')
    page = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(spec.title)}</title></head>'
            f"<body>{CHROME_TOP}<div class=\"content\">{''.join(parts)}</div>{CHROME_BOTTOM}</body></html>")
    return page.encode("utf-8")


def mht_with_table_pictures(spec: Spec) -> bytes:
    """Word's 单个文件网页 of a page whose tables are pictures: the page names them
    report.files/image00N.png, the archive carries them as parts of their own."""
    from ogi.fuzzing import word_mht

    pictures = iter(table_pictures(spec))
    named = {f"image{n:03d}.png": next(pictures) for n, b in enumerate(spec.blocks) if not isinstance(b, str)}
    return word_mht(html_with_table_pictures(spec, "word"), "utf-8", named)


def spec_of_report(truth, folder: Path) -> tuple[Spec, dict]:
    """The spec (and gold) of a report OGI generates (`ogi.synth`): figures other than the seeds'
    zeros. The gold file is written into `folder`."""
    m = truth.meta
    gold = {"meta": {"agency": m.agency, "year": m.year, "template": m.template,
                     "published": m.published.isoformat() if m.published else None},
            "cells": {c: cell.value for c, cell in truth.cells.items()}}
    path = folder / f"{m.agency}_{m.year}_{m.template}.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return build_spec(path), gold


def scan_with_text_footer(text_pdf: bytes, dpi: int = 200) -> bytes:
    """Each page of a text PDF as a full-page picture (a scan), with a line of real text stamped at
    its foot (第N页 and the issuing office), as some scanners and publishing systems add."""
    import pypdfium2 as pdfium
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    source = pdfium.PdfDocument(text_pdf)
    buf = io.BytesIO()
    out = None
    for n in range(len(source)):
        page = source[n]
        width, height = page.get_size()
        if out is None:
            out = canvas.Canvas(buf, pagesize=(width, height))
        png = io.BytesIO()
        page.render(scale=dpi / 72, grayscale=True).to_pil().save(png, "PNG")
        png.seek(0)
        out.drawImage(ImageReader(png), 0, 0, width=width, height=height)
        out.setFont("STSong-Light", 8)
        out.drawString(36, 12, f"第{n + 1}页 某某区人民政府办公室印发")
        out.showPage()
    source.close()
    assert out is not None
    out.save()
    return buf.getvalue()
