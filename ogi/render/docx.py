"""AnnualReport → DOCX (WordprocessingML written directly, no python-docx: ~100× faster).

The package holds the minimum Word, WPS and LibreOffice need: content types, relationships,
`document.xml`, `styles.xml` (Normal, Title, Heading 1 — so readers and the navigation pane see
the structure), `fontTable.xml` (official fonts with their Linux fallback as `altName`),
`settings.xml`, a footer with the page number in the 公文 form `— 1 —`, and core properties.
Tables are real tables with `gridSpan`/`vMerge` merges exactly where `layout` puts them.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from functools import lru_cache

from ..model import AnnualReport
from .layout import BAND, HEAD, VALUE, TableGrid
from .outline import Heading, Para, Signature, TableBlock, Title, outline, title_of
from .style import OFFICIAL, Font, Style

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MM_TWIPS = 1440 / 25.4


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _twips(mm: float) -> int:
    return round(mm * MM_TWIPS)


def _fonts(font: Font, latin: str) -> str:
    return (f'<w:rFonts w:ascii="{_esc(latin)}" w:hAnsi="{_esc(latin)}" w:eastAsia="{_esc(font.name)}" '
            f'w:cs="{_esc(latin)}" w:hint="eastAsia"/>')


def _size(pt: float) -> str:
    half = round(pt * 2)
    return f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.'
    'core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'extended-properties+xml"/>'
    '</Types>'
)

ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'extended-properties" Target="docProps/app.xml"/>'
    '</Relationships>'
)

DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" '
    'Target="settings.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" '
    'Target="fontTable.xml"/>'
    '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" '
    'Target="footer1.xml"/>'
    '</Relationships>'
)

APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    '<Application>OGI</Application></Properties>'
)

SETTINGS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="420"/>'
    '<w:characterSpacingControl w:val="compressPunctuation"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
    'w:val="15"/></w:compat></w:settings>'
)


def _font_table(style: Style) -> str:
    fonts = {f.name: f for f in (style.title_font, style.body_font, style.heading_font, style.table_font)}
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n', f'<w:fonts xmlns:w="{W_NS}">']
    for f in fonts.values():
        alt = f'<w:altName w:val="{_esc(f.fallback)}"/>' if f.fallback != f.name else ""
        family = "swiss" if f.generic == "sans-serif" else "roman"
        out.append(f'<w:font w:name="{_esc(f.name)}">{alt}<w:charset w:val="86"/><w:family w:val="{family}"/>'
                   '<w:pitch w:val="variable"/></w:font>')
    out.append(f'<w:font w:name="{_esc(style.latin_font)}"><w:charset w:val="00"/><w:family w:val="roman"/>'
               '<w:pitch w:val="variable"/></w:font></w:fonts>')
    return "".join(out)


def _styles(style: Style) -> str:
    body = _fonts(style.body_font, style.latin_font) + _size(style.body_pt)
    line = round(style.line_pt * 20)
    indent = style.first_line_chars * 100
    indent_twips = round(style.first_line_chars * style.body_pt * 20)
    title_b = "<w:b/><w:bCs/>" if style.title_bold else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:styles xmlns:w="{W_NS}">'
        f'<w:docDefaults><w:rPrDefault><w:rPr>{body}<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>'
        '</w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr>'
        '</w:pPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        f'<w:pPr><w:spacing w:line="{line}" w:lineRule="exact"/><w:ind w:firstLineChars="{indent}" w:firstLine="{indent_twips}"/></w:pPr>'
        '</w:style>'
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>'
        '<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="0" w:after="'
        f'{line}" w:line="{round(style.title_pt * 1.5 * 20)}" w:lineRule="exact"/>'
        '<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>'
        f'<w:rPr>{_fonts(style.title_font, style.latin_font)}{title_b}{_size(style.title_pt)}</w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
        '<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr>'
        f'<w:rPr>{_fonts(style.heading_font, style.latin_font)}{_size(style.heading_pt)}</w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/>'
        f'<w:pPr><w:spacing w:line="{round(style.table_line_pt * 20)}" w:lineRule="atLeast"/>'
        '<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr>'
        f'<w:rPr>{_fonts(style.table_font, style.latin_font)}{_size(style.table_pt)}</w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Signature"><w:name w:val="Signature"/><w:basedOn w:val="Normal"/>'
        '<w:pPr><w:ind w:firstLineChars="0" w:firstLine="0" w:right="640"/><w:jc w:val="right"/></w:pPr>'
        '</w:style>'
        '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>'
        '<w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr>'
        f'<w:rPr>{_size(14)}</w:rPr></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="57" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="57" w:type="dxa"/>'
        '</w:tblCellMar></w:tblPr></w:style>'
        '</w:styles>'
    )


FOOTER = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:ftr xmlns:w="{W_NS}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
    '<w:r><w:t xml:space="preserve">— </w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    '<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>'
)


def _core(title: str, when: dt.datetime | None) -> str:
    stamp = (when or dt.datetime(2000, 1, 1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f'<dc:title>{_esc(title)}</dc:title><dc:creator>OGI</dc:creator>'
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        '</cp:coreProperties>'
    )


PT_MM = 25.4 / 72


def _text_units(text: str) -> float:
    """Width in em: CJK characters are one em, ASCII digits and letters about half."""
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text)


def title_lines(title: str, agency: str | None, style: Style) -> list[str]:
    """The title, broken after the agency when it does not fit one line.

    GB/T 9704-2012 7.3.3: a title that runs over a line breaks where the words stay whole
    (词意完整), not wherever the line happens to end; the agency name is that place here.
    """
    capacity = style.text_width_mm / (style.title_pt * PT_MM)
    if not style.title_break or _text_units(title) <= capacity or not agency or not title.startswith(agency):
        return [title]
    rest = title[len(agency):]
    if _text_units(agency) > capacity or _text_units(rest) > capacity:
        return [title]
    return [agency, rest]


def _para(text: str, pstyle: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{pstyle}"/></w:pPr>' if pstyle else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{_esc(text)}</w:t></w:r></w:p>'


_BORDERS = ("<w:tblBorders>" + "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>")


# A figure must stay on one line of its cell: wrapped, it reads back as two numbers. The figures
# of the official tables have up to four digits; Word's default cell margins are 0.19 cm a side. A
# digit is half an em in Times New Roman, but the CJK fallback's Latin digits are wider (measured
# in LibreOffice's PDF: 5.0 pt at 9 pt, 0.56 em), and at 0.5 em table 4's fifteen columns wrapped
# 1024 as 102 / 4. A table whose columns are too narrow for four such digits at the table's size
# prints its figures smaller.
_FIGURE_DIGITS = 4
_DIGIT_EM = 0.56
_CELL_MARGINS_MM = 2 * 1.9


def _figure_pt(grid: TableGrid, style: Style) -> float:
    # The narrowest column right of the labels (a figure spanning several is only wider).
    narrowest = min(grid.widths[grid.label_cols:], default=1.0) * style.text_width_mm
    fits = (narrowest - _CELL_MARGINS_MM) / (_FIGURE_DIGITS * _DIGIT_EM * PT_MM)
    return min(style.table_pt, max(5.0, int(fits * 2) / 2))


def _table(grid: TableGrid, style: Style) -> str:
    width = _twips(style.text_width_mm)
    cols = [round(width * w) for w in grid.widths]
    covered = grid.covered()
    figure_pt = _figure_pt(grid, style)
    figure_rpr = f"<w:rPr>{_size(figure_pt)}</w:rPr>" if figure_pt < style.table_pt else ""
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(cols)}" w:type="dxa"/><w:jc w:val="center"/>{_BORDERS}'
        '<w:tblLayout w:type="fixed"/><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>',
        "".join(f'<w:gridCol w:w="{c}"/>' for c in cols),
        "</w:tblGrid>",
    ]
    for r in range(grid.n_rows):
        header = '<w:tblHeader/>' if r < grid.header_rows else ""
        # No <w:cantSplit/>: with it, LibreOffice (7.x) drops the rows of a table that starts
        # at the foot of a page and repeats vertically merged header rows — 24 rows of table 3
        # lost from the PDF, silently. A row split across a page loses nothing.
        out.append(f"<w:tr><w:trPr>{header}</w:trPr>")
        k = 0
        while k < grid.n_cols:
            cell = covered[(r, k)]
            w = sum(cols[cell.col:cell.col + cell.colspan])
            span = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
            if cell.row != r:  # continued vertical merge
                out.append(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{span}<w:vMerge/>'
                           '<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>'
                           '</w:pPr></w:p></w:tc>')
            else:
                vmerge = '<w:vMerge w:val="restart"/>' if cell.rowspan > 1 else ""
                jc = '<w:jc w:val="left"/>' if cell.align == "left" else ""
                bold = "<w:b/><w:bCs/>" if cell.role in (HEAD, BAND) else ""
                rpr = f"<w:rPr>{bold}</w:rPr>" if bold else (figure_rpr if cell.role == VALUE else "")
                text = f'<w:r>{rpr}<w:t xml:space="preserve">{_esc(cell.text)}</w:t></w:r>' if cell.text else ""
                out.append(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{span}{vmerge}<w:vAlign w:val="center"/>'
                           f'</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>{jc}</w:pPr>{text}</w:p></w:tc>')
            k += cell.colspan
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _sect(style: Style) -> str:
    pw, ph = (_twips(x) for x in style.page_mm)
    top, right, bottom, left = (_twips(x) for x in style.margins_mm)
    return (f'<w:sectPr><w:footerReference w:type="default" r:id="rId4"/><w:pgSz w:w="{pw}" w:h="{ph}"/>'
            f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="851" '
            f'w:footer="992" w:gutter="0"/></w:sectPr>')


def document_xml(report: AnnualReport, style: Style = OFFICIAL) -> str:
    body: list[str] = []
    for block in outline(report):
        if isinstance(block, Title):
            lines = title_lines(block.text, report.meta.agency, style)
            runs = '<w:r><w:br/></w:r>'.join(f'<w:r><w:t xml:space="preserve">{_esc(x)}</w:t></w:r>' for x in lines)
            body.append(f'<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>{runs}</w:p>')
        elif isinstance(block, Heading):
            body.append(_para(block.text, "Heading1"))
        elif isinstance(block, Para):
            body.append(_para(block.text))
        elif isinstance(block, TableBlock):
            body.append(_table(block.grid, style))
            body.append('<w:p><w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr></w:p>')
        elif isinstance(block, Signature):
            body.append('<w:p/>')
            body.extend(_para(line, "Signature") for line in block.lines)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{"".join(body)}{_sect(style)}</w:body></w:document>'
    )


@lru_cache(maxsize=8)
def _static_parts(style: Style) -> tuple[tuple[str, bytes], ...]:
    return (
        ("[Content_Types].xml", CONTENT_TYPES.encode()),
        ("_rels/.rels", ROOT_RELS.encode()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.encode()),
        ("word/styles.xml", _styles(style).encode()),
        ("word/settings.xml", SETTINGS.encode()),
        ("word/fontTable.xml", _font_table(style).encode()),
        ("word/footer1.xml", FOOTER.encode()),
        ("docProps/app.xml", APP.encode()),
    )


def render_docx(report: AnnualReport, style: Style = OFFICIAL) -> bytes:
    """The report as a .docx file (bytes). Deterministic: same report, same bytes."""
    buf = io.BytesIO()
    when = None
    if report.meta.published:
        when = dt.datetime.combine(report.meta.published, dt.time())
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for name, data in _static_parts(style):
            z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("docProps/core.xml", (1980, 1, 1, 0, 0, 0)),
                   _core(title_of(report), when).encode(), zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("word/document.xml", (1980, 1, 1, 0, 0, 0)),
                   document_xml(report, style).encode(), zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def render_table_docx(grid: TableGrid, style: Style = OFFICIAL) -> bytes:
    """A document holding one table under its heading (for checking a table's drawing alone)."""
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{_para(grid.table.title, "Heading1")}'
        f'{_table(grid, style)}<w:p/>{_sect(style)}</w:body></w:document>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in _static_parts(style):
            z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("docProps/core.xml", (1980, 1, 1, 0, 0, 0)),
                   _core(grid.table.title, None).encode(), zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("word/document.xml", (1980, 1, 1, 0, 0, 0)), xml.encode(), zipfile.ZIP_DEFLATED)
    return buf.getvalue()
