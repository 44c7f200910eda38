"""HTML → Document: paragraphs and table grids in page order, site chrome dropped.

Steps, each a function of its own:

1. `decode_html`: bytes → str by the declared charset (`<meta charset>`, `http-equiv`, XML
   declaration), else UTF-8, else GB18030 (GBK/GB2312 pages without a charset are common),
   else detection.
2. `parse`: lxml's forgiving HTML parser (Word-exported pages with `<o:p>` included).
3. `walk`: page order; block elements end a paragraph, inline pieces (`<span>`, `<font>`,
   `<o:p>`) join without spaces; a `<table>` without tables inside becomes a `Grid` with
   rowspan/colspan resolved, a table with tables inside is page layout and is walked through.
   A `<script>` whose string literal holds the report's HTML is parsed in its place. A picture
   the page carries (a `data:` URI, a part of a saved web page) is read by OCR in its place
   (`scan.Pictures`: a table pasted as a screenshot); a large picture it only links to is
   counted unread (`unread_pictures`).
4. chrome: navigation, breadcrumbs, share bars, print/close links, font-size switches,
   ICP/公网安备 footers are dropped by tag, class/id and text patterns; link lists too.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING
from urllib.parse import unquote

from .chrome import SITE_CHROME
from .document import Block, Document, Grid, Paragraph, ReadError
from .encoding import decode
from .limits import Limits, env_limits, too_deep, too_many_cells
from .textutil import BLANKS, NOTE_MARK, clean_cell, fold_ws, join_pieces

if TYPE_CHECKING:  # lxml is imported when a page is read (ogi[read]); OCR when it has a picture
    from lxml.etree import _Element

    from .scan import Pictures

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_ENC = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-]+)""", re.I)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
            "utf8": "utf-8", "unicode": "utf-8"}

# Elements that never hold report content.
_DROP_TAGS = {"script", "style", "noscript", "iframe", "nav", "footer", "form", "select", "option", "button",
              "input", "textarea", "object", "embed", "svg", "head", "title", "meta", "link", "map", "canvas",
              "video", "audio", "template"}
# Elements that end a paragraph.
_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dd", "dt", "tr", "td",
               "th", "table", "thead", "tbody", "tfoot", "caption", "section", "article", "main", "aside", "header",
               "center", "blockquote", "pre", "hr", "address", "figure", "figcaption", "body", "html",
               "fieldset", "details", "summary"}
# class/id fragments of site chrome.
_CHROME_ATTR = re.compile(
    r"(?:^|[\s_\-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|position|location|dqwz|weizhi|footer|foot|bottom|"
    r"copyright|share|bdshare|fenxiang|sidebar|related|xgxx|xgwz|xglj|fontsize|font-size|"
    r"toolbar|topbar|top-bar|login|search|skip|qrcode|ewm)(?:$|[\s_\-\d])",
    re.I,
)
# Text of chrome lines (short lines only).
_CHROME_TEXT = re.compile(
    SITE_CHROME + r"|【打印】|【关闭】|打印此页|字体[:：]?\s*[【\[]?\s*大|字号[:：]?\s*[【\[]?\s*大|"
    r"ICP证|当前位置|您的位置|您现在的位置|扫一扫在手机|设为首页|加入收藏|无障碍|返回顶部|上一篇|下一篇|"
    r"相关链接|相关阅读|相关文章|浏览次数|访问量|\[\s*大\s*中\s*小\s*\]|【\s*大\s*中\s*小\s*】"
)
# What a reader of the page does not read as the text: hidden (the `hidden` attribute, inline
# display:none or visibility:hidden, Word's hidden text mso-hide:all), deleted or struck out (a
# tracked change Word exports as <del>), a footnote's mark (<sup>1</sup>, Word's footnote links).
# Read, they glue onto the figure beside them: 12 and a hidden 7 are not 127.
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all|"
                           r"text-decoration(?:-line)?\s*:[^;:]*line-through", re.I)
_SUPER_STYLE = re.compile(r"vertical-align\s*:\s*super", re.I)
_DELETED_TAGS = {"del", "s", "strike"}
# The page's own style sheet hides by class or id too (`.x{display:none}` on <span class="x">7</span>,
# a copy guard some sites put between the digits of a figure). Top-level rules of simple selectors
# only: a rule inside @media is for another screen, and a class that another rule shows again
# (`.tab.active{display:block}`, tabs) is hidden only until a click.
_CSS_SIMPLE = re.compile(r"([a-zA-Z][\w-]*)?((?:[.#][\w-]+)+)")
_CSS_SHOWN = re.compile(r"display\s*:\s*(?!none)[a-z]|visibility\s*:\s*visible", re.I)
_CSS_PART = re.compile(r"([.#])([\w-]+)")
_BRACE = re.compile(r"[{}]")
MAX_STYLE_CHARS = 500_000  # a style sheet beyond this is not a report page's: not resolved
_FOOTNOTE_LINK = re.compile(r"#_(?:ftn|edn)\d+$")
MAX_CHROME_LINE = 80  # characters; longer lines are content even when they mention 打印 or 版权
MAX_SPAN = 200  # rowspan/colspan above this are hostile or broken; clamp

# A JavaScript string literal that carries HTML (document.write / var content = "…").
_JS_STRING = re.compile(r""""((?:[^"\\]|\\.){40,})"|'((?:[^'\\]|\\.){40,})'|`((?:[^`\\]|\\.){40,})`""", re.S)
_JS_ESC = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.S)
_HTMLISH = re.compile(r"<(?:p|table|div|span|br|td|tr)\b", re.I)
# Markup of a web page's text (beyond its tables'): where there is none, the text's lines are its
# paragraphs.
_PAGE_MARKUP = re.compile(r"<(?:html|body|head|p|div|br|span|font|li|h[1-6]|section|article|main|o:p)\b", re.I)


def read_html(data: bytes, name: str = "-", *, limits: Limits | None = None) -> Document:
    return html_document(decode_html(data, name), name, limits=limits)


def html_document(text: str, name: str = "-", *, limits: Limits | None = None,
                  parts: Mapping[str, bytes] | None = None) -> Document:
    """A page's decoded text → Document (the MHTML reader hands over its main part so, and the
    pictures it carries as `parts`: their locations → their bytes)."""
    lim = limits or env_limits()
    root = parse(text, lim)
    doc = Document(name=name, kind="html")
    title = root.find(".//title")
    if title is not None and text_content(title).strip():
        doc.hints["title"] = fold_ws(text_content(title)).strip(BLANKS)
    body = root.find(".//body")
    pictures = PagePictures(lim, parts or {})
    # Markdown or text with HTML tables in it (MinerU, docling and other PDF-to-Markdown tools put
    # tables so): no markup but the tables', so its lines are its paragraphs, as in a text file.
    walker = _Walker(lim, line_breaks=not _PAGE_MARKUP.search(text), pictures=pictures)
    walker.walk(body if body is not None else root)
    walker.flush()
    if not any(isinstance(b, Grid) for b in walker.blocks) and body is not None and body.find(".//table") is not None:
        # the chrome rules took the report's tables with them (an odd class name): keep everything
        walker = _Walker(lim, drop_chrome=False, line_breaks=walker.line_breaks, pictures=pictures)
        walker.walk(body)
        walker.flush()
    doc.blocks = drop_chrome_lines(walker.blocks)
    doc.hints.update(pictures.hints())
    if not doc.blocks:
        raise ReadError("read.html.empty", "网页中没有正文内容", "the page has no content")
    return doc


def declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    m = _XML_ENC.search(head) or _CHARSET.search(head)
    if not m:
        return None
    return normal_charset(m.group(1).decode("ascii", "replace"))


def normal_charset(name: str) -> str:
    """A charset's name as Python decodes it: GB2312/GBK pages hold GB18030 characters too."""
    enc = name.strip().lower()
    return _ALIASES.get(enc, enc)


def decode_html(data: bytes, name: str = "-") -> str:
    return decode(data, name, declared=declared_charset(data))


def parse(text: str, limits: Limits) -> _Element:
    try:
        from lxml import etree
    except ImportError:  # pragma: no cover - extra not installed
        raise ReadError("read.missing_extra", "读取网页需要安装 ogi[read]（lxml）",
                        "reading HTML needs ogi[read] (lxml)") from None
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    parser = etree.HTMLParser(remove_comments=True, no_network=True)
    try:
        # plain etree elements: lxml.html's element classes cost a lookup per node; None (which
        # types-lxml does not declare) for a page of nothing but comments or blanks
        root: _Element | None = etree.fromstring(text, parser)
    except Exception as e:  # lxml raises XMLSyntaxError/ValueError on empty or broken input
        raise ReadError("read.html.broken", f"网页无法解析：{e}", f"the page cannot be parsed: {e}") from None
    # libxml2 stops descending at 256 levels and drops the rest silently: say so, not "no content"
    if any("Excessive depth" in (e.message or "") for e in parser.error_log):
        raise too_deep(limits)
    if root is None:
        raise ReadError("read.html.empty", "网页中没有正文内容", "the page has no content")
    mark_styled_hidden(root)
    return root


def mark_styled_hidden(root: _Element) -> None:
    """Give the elements the page's style sheet hides the `hidden` attribute, so `unseen` skips
    them as it skips inline display:none."""
    sheet = "".join(text_content(style) for style in root.iter("style"))
    if ("none" not in sheet and "hidden" not in sheet) or len(sheet) > MAX_STYLE_CHARS:
        return
    hidden: list[tuple[str | None, set[str], set[str]]] = []
    shown: set[str] = set()  # classes and ids some rule shows
    for selectors, declarations in style_rules(sheet):
        hides, shows = _HIDDEN_STYLE.search(declarations), _CSS_SHOWN.search(declarations)
        for selector in selectors.split(","):
            selector = selector.strip()
            if shows:
                shown.update(part for _, part in _CSS_PART.findall(selector))
            simple = _CSS_SIMPLE.fullmatch(selector)
            if hides and not shows and simple:
                parts = _CSS_PART.findall(simple.group(2))
                hidden.append(((simple.group(1) or "").lower() or None,
                               {v for k, v in parts if k == "."}, {v for k, v in parts if k == "#"}))
    hidden = [h for h in hidden if not (h[1] | h[2]) & shown]
    if not hidden:
        return
    for el in root.iter():
        classes, ident = el.get("class"), el.get("id")
        if classes is None and ident is None:
            continue
        names = set(classes.split()) if classes else set()
        tag = _tag(el)
        if any((t is None or t == tag) and cls <= names and (not ids or ident in ids) for t, cls, ids in hidden):
            el.set("hidden", "")


def style_rules(sheet: str) -> Iterator[tuple[str, str]]:
    """(selectors, declarations) of a style sheet's top-level rules, in one pass (no regular
    expression that could backtrack over a hostile sheet): comments and `<!-- -->` dropped,
    statements (`@import …;`) and at-rule blocks (`@media … { … }`) skipped."""
    text, pos = [], 0
    while (start := sheet.find("/*", pos)) >= 0:
        text.append(sheet[pos:start])
        end = sheet.find("*/", start + 2)
        pos = len(sheet) if end < 0 else end + 2
    text.append(sheet[pos:])
    sheet = "".join(text).replace("<!--", " ").replace("-->", " ")
    depth, prelude, opened = 0, "", 0
    last = 0
    for m in _BRACE.finditer(sheet):
        if m.group() == "{":
            if depth == 0:
                prelude = sheet[last:m.start()].rsplit(";", 1)[-1].strip()
                opened = m.end()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                if not prelude.startswith("@"):
                    yield prelude, sheet[opened:m.start()]
                last = m.end()


def text_content(el: _Element) -> str:
    return "".join(el.itertext())


def _is_chrome_element(el: _Element) -> bool:
    attrs = " ".join(v for k, v in el.attrib.items() if k in ("class", "id", "role"))
    if attrs and _CHROME_ATTR.search(attrs):
        return True
    return False


# A hidden element holding this much text is the page's content hidden until a script shows it
# (WeChat's articles: <div id="js_content" style="visibility: hidden">), not a hidden figure.
HIDDEN_CONTENT_CHARS = 200


def unseen(el: _Element, tag: str) -> bool:
    """Content a reader does not read as the page's text (see _HIDDEN_STYLE). A hidden element
    holding a table, or a page's worth of text, is the page's content hidden until a script shows
    it: kept."""
    style = el.get("style")
    if tag in _DELETED_TAGS or el.get("hidden") is not None or (style and _HIDDEN_STYLE.search(style)):
        return tag in _DELETED_TAGS or (next(el.iter("table"), None) is None
                                        and len(text_content(el)) < HIDDEN_CONTENT_CHARS)
    if tag == "sup" or (style and _SUPER_STYLE.search(style)):
        return NOTE_MARK.fullmatch(text_content(el)) is not None
    return tag == "a" and _FOOTNOTE_LINK.search(el.get("href") or "") is not None


def _link_share(el: _Element) -> float:
    total = len(text_content(el).strip(BLANKS))
    if total == 0:
        return 0.0
    linked = sum(len(text_content(a).strip(BLANKS)) for a in el.iter("a"))
    return linked / total


def _tag(el: _Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""  # comments, processing instructions
    return tag.lower().rsplit(":", 1)[-1] if ":" in tag else tag.lower()


# A picture the page only links to is counted unread (it may be a table) unless its declared
# width says it is an icon, a logo or a seal.
PICTURE_MIN_WIDTH_PX = 300
_WIDTH_PX = re.compile(r"(?:^|[;\s])width\s*:\s*(\d+)\s*px", re.I)
_DATA_URI = re.compile(r"data:image/[\w.+-]+;base64,(.*)", re.I | re.S)


class PagePictures:
    """The pictures of a page: those it carries (`data:` URIs; the parts of a saved web page,
    `parts`) read by OCR in their place, those it links to counted unread."""

    def __init__(self, limits: Limits, parts: Mapping[str, bytes]) -> None:
        self.limits = limits
        self.parts = parts
        self.reader: Pictures | None = None  # made at the first picture the page carries
        self.linked = 0  # pictures the page links to, large enough to hold a table
        # (The second walk of a page, keeping its chrome, meets them again: read once.)
        self.met: dict[tuple[int | None, str], list[Block]] = {}

    def blocks(self, img: _Element) -> list[Block]:
        src = (img.get("src") or "").strip()
        key = (img.sourceline, src[:200])
        if key not in self.met:
            self.met[key] = self._read(img, src)
        return self.met[key]

    def _read(self, img: _Element, src: str) -> list[Block]:
        src = src or (img.get("data-src") or "").strip()  # (WeChat's articles load pictures so)
        data = self._carried(src)
        if data is None:
            declared = img.get("width") or ""
            width = int(declared) if declared.isdigit() else (
                int(m.group(1)) if (m := _WIDTH_PX.search(img.get("style") or "")) else None)
            if src and not src.startswith("data:") and (width is None or width >= PICTURE_MIN_WIDTH_PX):
                self.linked += 1
            return []
        if self.reader is None:
            from .limits import TimeBudget
            from .scan import Pictures

            self.reader = Pictures(TimeBudget(self.limits))
        return self.reader.blocks(data, f"图片 {src[:60]} / picture {src[:60]}")

    def _carried(self, src: str) -> bytes | None:
        m = _DATA_URI.match(src)
        if m:
            try:
                return base64.b64decode(re.sub(r"\s+", "", unquote(m.group(1))), validate=False)
            except (binascii.Error, ValueError):
                return None
        if not self.parts or not src:
            return None
        for key in (src, unquote(src), *tails(unquote(src))):
            if key in self.parts:
                return self.parts[key]
        return None

    def hints(self) -> dict[str, str]:
        hints = self.reader.hints() if self.reader is not None else {}
        unread = int(hints.get("unread_pictures", "0")) + self.linked
        if unread:
            hints["unread_pictures"] = str(unread)
        return hints


def tails(location: str) -> tuple[str, ...]:
    """The last two path segments of a location, and the last (`report.files/image001.png`,
    `image001.png`): how a saved page's parts are named beside the page that shows them."""
    segments = [x for x in re.split(r"[/\\]", location.split("?")[0]) if x]
    return tuple("/".join(segments[-k:]) for k in (2, 1) if len(segments) >= k)


class _Walker:
    """Walks an element tree in document order, collecting Paragraph and Grid blocks."""

    def __init__(self, limits: Limits, drop_chrome: bool = True, line_breaks: bool = False,
                 pictures: PagePictures | None = None) -> None:
        self.limits = limits
        self.drop_chrome = drop_chrome
        self.pictures = pictures
        self.line_breaks = line_breaks  # a line break in the text ends a paragraph (text with HTML tables)
        self.blocks: list[Block] = []
        self.pieces: list[str] = []
        self.line: int | None = None

    def flush(self) -> None:
        text = fold_ws("".join(self.pieces)).strip(BLANKS)
        if text:
            self.blocks.append(Paragraph(text, line=self.line))
        self.pieces = []
        self.line = None

    def add_text(self, text: str | None, line: int | None) -> None:
        if text and self.line_breaks and "\n" in text:
            first, *rest = text.split("\n")
            self.add_text(first, line)
            for part in rest:
                self.flush()
                self.add_text(part, None)
            return
        if text:
            if self.line is None and text.strip(BLANKS):
                self.line = line
            self.pieces.append(text)

    def walk(self, el: _Element) -> None:
        tag = _tag(el)
        if tag == "script":
            self.embedded(el)
            self.add_text(el.tail, el.sourceline)
            return
        if not tag or tag in _DROP_TAGS or unseen(el, tag) or (
                self.drop_chrome and tag != "body" and _is_chrome_element(el)):
            self.add_text(el.tail, el.sourceline)
            return
        if self.drop_chrome and tag in ("ul", "ol", "dl", "table", "div") and len(el) and _link_share(el) > 0.7 \
                and len(text_content(el).strip(BLANKS)) < 2000:
            self.add_text(el.tail, el.sourceline)  # a link list: menus, related links
            return
        if tag == "table" and not any(True for _ in el.iterdescendants("table")):
            self.flush()
            grid = table_grid(el, self.limits)
            if grid is not None:
                self.blocks.append(grid)
            self.add_text(el.tail, el.sourceline)
            return
        if tag == "br":
            self.flush()
            self.add_text(el.tail, el.sourceline)
            return
        if tag == "img" and self.pictures is not None:
            pictured = self.pictures.blocks(el)
            if pictured:
                self.flush()
                self.blocks.extend(pictured)
            self.add_text(el.tail, el.sourceline)
            return
        block = tag in _BLOCK_TAGS
        if block:
            self.flush()
        self.add_text(el.text, el.sourceline)
        for child in el:
            self.walk(child)
        if block:
            self.flush()
        self.add_text(el.tail, el.sourceline)

    def embedded(self, script: _Element) -> None:
        """Report HTML carried in a JavaScript string literal, parsed where the script stands."""
        code = script.text or ""
        if not _HTMLISH.search(code):
            return
        for m in _JS_STRING.finditer(code):
            literal = next(g for g in m.groups() if g is not None)
            html = unescape_js(literal)
            if len(_HTMLISH.findall(html)) < 2:
                continue
            self.flush()
            try:
                root = parse(f"<html><body>{html}</body></html>", self.limits)
            except ReadError:
                continue
            body = root.find(".//body")
            self.walk(body if body is not None else root)
            self.flush()


def unescape_js(literal: str) -> str:
    def sub(m: re.Match[str]) -> str:
        esc = m.group(1)
        if esc[0] in "ux" and len(esc) > 1:
            return chr(int(esc[1:], 16))
        return {"n": "\n", "t": "\t", "r": "", "b": "", "f": "", "v": "", "0": "", "\n": ""}.get(esc, esc)

    return _JS_ESC.sub(sub, literal)


def cell_text(el: _Element) -> str:
    """A cell's text: inline pieces glued, `<br>`/`<p>`/`<div>` lines joined (CJK without space)."""
    if not len(el):
        return clean_cell(fold_ws(el.text or ""))
    lines: list[str] = []
    buf: list[str] = []

    def end_line() -> None:
        if buf:
            lines.append(fold_ws("".join(buf)))
            buf.clear()

    def visit(node: _Element) -> None:
        tag = _tag(node)
        if tag in _DROP_TAGS or (tag and unseen(node, tag)):
            pass
        elif tag == "br":
            end_line()
        else:
            block = tag in _BLOCK_TAGS
            if block:
                end_line()
            if node.text and tag:
                buf.append(node.text)
            for child in node:
                visit(child)
            if block:
                end_line()
        if node.tail and node is not el:
            buf.append(node.tail)

    if el.text:
        buf.append(el.text)
    for child in el:
        visit(child)
    end_line()
    return clean_cell(join_pieces(lines))


_DIGITS = re.compile(r"\d+")


def _span(el: _Element, attr: str) -> int:
    raw = el.get(attr)
    if raw is None or raw == "1":
        return 1
    m = _DIGITS.match(raw.strip())
    n = int(m.group(0)) if m else 1
    return max(1, min(n, MAX_SPAN))


def table_rows(table: _Element) -> list[_Element]:
    """The <tr> of a table in order, through thead/tbody/tfoot, not those of nested tables."""
    rows: list[_Element] = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(c for c in child if _tag(c) == "tr")
    return rows


def table_grid(table: _Element, limits: Limits) -> Grid | None:
    """rowspan/colspan resolved: text at a merged cell's origin, None where it covers."""
    grid: list[list[str | None]] = []
    taken: dict[tuple[int, int], bool] = {}
    # each span is clamped, and so is their sum: a table of many big spans is a span bomb
    budget = limits.max_grid_cells
    trs = table_rows(table)
    for r, tr in enumerate(trs):
        while len(grid) <= r:
            grid.append([])
        c = 0
        for td in tr:
            if _tag(td) not in ("td", "th"):
                continue
            while taken.get((r, c)):
                c += 1
            rs, cs = _span(td, "rowspan"), _span(td, "colspan")
            rs = min(rs, len(trs) - r)  # a rowspan past the last <tr> covers nothing
            budget -= rs * cs
            if budget < 0:
                raise too_many_cells(limits.max_grid_cells, limits)
            text = cell_text(td)
            for dr in range(rs):
                for dc in range(cs):
                    taken[(r + dr, c + dc)] = True
                    while len(grid) <= r + dr:
                        grid.append([])
                    row = grid[r + dr]
                    while len(row) <= c + dc:
                        row.append(None)
                    row[c + dc] = text if (dr, dc) == (0, 0) else None
            c += cs
    # rowspans that run past the last <tr> add phantom rows; Word ends a table with a row of empty
    # cells that fixes the columns' widths (<![if !supportMisc]><tr height=0>): neither is a row
    grid = grid[:max(len(trs), 0)]
    while grid and not any(grid[-1]):
        grid.pop()
    if not grid or not any(any(x for x in row if x) for row in grid):
        return None
    width = max(len(row) for row in grid)
    for row in grid:
        row.extend([None] * (width - len(row)))
    return Grid(grid, line=table.sourceline)


def drop_chrome_lines(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Paragraph) and len(b.text) <= MAX_CHROME_LINE and _CHROME_TEXT.search(b.text):
            continue
        out.append(b)
    return out
