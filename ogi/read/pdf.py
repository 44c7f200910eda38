"""PDF → Document. Pages with a text layer are read from it; pages without one are OCR'd.

Per page, with pypdfium2 (fast, in C):

- triage: characters in the text layer? ruling lines among the path objects?
- text layer: each character with its (loose, font-based) box;
- ruling lines: path objects' boxes as edges (thin boxes are lines, others rectangles);

then `layout.page_blocks` finds the tables with pdfplumber's lattice algorithm and rebuilds the
cells (merged cells, labels wrapped over lines, vertical headers one character per line), and
the rest of the text becomes lines. Across pages: page headers and footers (page numbers, lines
repeated at the top or bottom of most pages) are dropped, and a table continued on the next page
is joined to its first part (a repeated header row is dropped), with `row_pages` saying where
each row was printed.

Refused: encrypted PDFs, broken files pdfium cannot repair, more pages than the limit, the time
budget exceeded.
"""

from __future__ import annotations

import re
from collections import Counter
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

from .document import Block, Document, Grid, Paragraph, ReadError
from .layout import PDF_SETTINGS, Edge, Glyph, edge, edges_from_rect, page_blocks, regrid, same_columns
from .limits import Limits, TimeBudget, check_pages, env_limits, truncated
from .scan import Pictures
from .textutil import join_pieces

if TYPE_CHECKING:  # imported when a PDF is read (ogi[read]); pypdfium2 ships no type hints
    from pypdfium2 import PdfDocument, PdfPage

    from .scan import Gray

# Lines at the top or bottom of a page (share of the page height) that may be headers/footers.
MARGIN_SHARE = 0.1
_PAGE_NO = re.compile(r"^[\s\-—–－·•]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[\s\-—–－·•]*$"
                      r"|^[\s\-—–－]*Page\s+\d+(?:\s+of\s+\d+)?[\s\-—–－]*$", re.I)


def _pdfium() -> tuple[ModuleType, ModuleType]:
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw
    except ImportError:  # pragma: no cover
        raise ReadError("read.missing_extra", "读取 PDF 需要安装 ogi[read]（pypdfium2、pdfplumber）",
                        "reading PDF needs ogi[read] (pypdfium2, pdfplumber)") from None
    return pdfium, raw


def open_pdf(data: bytes) -> PdfDocument:
    pdfium, _ = _pdfium()
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == 4 or "password" in str(e).lower():
            raise ReadError("read.pdf.encrypted", "PDF 已加密（需要密码），无法读取",
                            "the PDF is encrypted (needs a password) and cannot be read") from None
        if b"%%EOF" not in data[-2048:]:  # every complete PDF ends with it; pdfium could not repair
            raise truncated("PDF 缺少结尾标记 %%EOF，无法修复", "the PDF has no %%EOF at its end and cannot be "
                            "repaired") from None
        raise ReadError("read.pdf.broken", f"PDF 文件损坏，无法修复：{e}",
                        f"the PDF is broken beyond repair: {e}") from None


# A page whose text layer gives this share of its characters from fonts without a Unicode map
# (no ToUnicode, a subset font's private codes: the text copies out as 乱码, digits included) is
# read as a scan: its text layer says nothing reliable, its image does.
GARBLED_SHARE = 0.05
UNMAPPED = "\ufffd"  # a character whose font gives no Unicode for it (`page_glyphs`)


def garbled(glyphs: list[Glyph]) -> bool:
    """The text layer is 乱码 (GARBLED_SHARE)."""
    return sum(g.text == UNMAPPED for g in glyphs) > GARBLED_SHARE * len(glyphs)


def page_glyphs(page: PdfPage, height: float, raw: ModuleType) -> list[Glyph]:
    """The text layer's characters with their loose (font-based, so one line shares a height)
    boxes, in top-based coordinates; a space sets `space_before` on the next glyph; a character
    whose font gives no Unicode for it is UNMAPPED (its code is no character: never a digit)."""
    import ctypes

    tp = page.get_textpage()
    try:
        n = tp.count_chars()
        rect = raw.FS_RECTF()
        ref = ctypes.byref(rect)
        get_box, handle = raw.FPDFText_GetLooseCharBox, tp.raw
        # all characters in one call: one UTF-16 unit per character index (+ the terminator)
        buf = ctypes.create_string_buffer(2 * (n + 1))
        got = raw.FPDFText_GetText(handle, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
        units = buf.raw[:2 * max(0, got - 1)].decode("utf-16-le", "surrogatepass")
        if len(units) != n:  # fall back to one call per character
            units = "".join(chr(raw.FPDFText_GetUnicode(handle, i)) for i in range(n))
        glyphs = []
        space = False
        for i, ch in enumerate(units):
            if not ch.strip() or ch in "\ufffe\uffff" or "\ud800" <= ch <= "\udfff":
                space = ch == " " or ch == "\u3000"
                continue
            if not get_box(handle, i, ref) or rect.right <= rect.left:
                continue
            if raw.FPDFText_HasUnicodeMapError(handle, i) == 1:
                ch = UNMAPPED
            glyphs.append(Glyph(ch, rect.left, height - rect.top, rect.right, height - rect.bottom,
                                space_before=space))
            space = False
        return glyphs
    finally:
        tp.close()


def page_edges(page: PdfPage, width: float, height: float, raw: ModuleType) -> list[Edge]:
    """Ruling lines: the horizontal and vertical segments of the page's path objects (a grid
    stroked as one path, rectangles, thin filled bars), in top-based page coordinates."""
    import ctypes

    edges: list[Edge] = []
    area = width * height
    x, y = ctypes.c_float(), ctypes.c_float()
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=1):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) > 0.8 * area:
            continue  # page frame or background
        if right - left <= PDF_SETTINGS.thin or top - bottom <= PDF_SETTINGS.thin:
            edges.extend(edges_from_rect(left, height - top, right, height - bottom, PDF_SETTINGS))
            continue
        m = obj.get_matrix()
        a, b, c, d, e, f = m.a, m.b, m.c, m.d, m.e, m.f
        n = raw.FPDFPath_CountSegments(obj.raw)
        start = prev = None
        for k in range(n):
            seg = raw.FPDFPath_GetPathSegment(obj.raw, k)
            raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
            pt = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                start = prev = pt
                continue
            if kind == raw.FPDF_SEGMENT_LINETO and prev is not None:
                _segment(edges, prev, pt, height)
            prev = pt
            if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                _segment(edges, pt, start, height)
                prev = start
    return edges


def _segment(edges: list[Edge], p: tuple[float, float], q: tuple[float, float], height: float) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y1 - y0) < 1 and abs(x1 - x0) >= PDF_SETTINGS.min_edge:
        y = height - (y0 + y1) / 2
        edges.append(edge(min(x0, x1), y, max(x0, x1), y, "h"))
    elif abs(x1 - x0) < 1 and abs(y1 - y0) >= PDF_SETTINGS.min_edge:
        xx = (x0 + x1) / 2
        edges.append(edge(xx, height - max(y0, y1), xx, height - min(y0, y1), "v"))


def read_pdf(data: bytes, name: str = "-", *, limits: Limits | None = None) -> Document:
    lim = limits or env_limits()
    pdfium, raw = _pdfium()
    budget = TimeBudget(lim)
    pdf = open_pdf(data)
    try:
        n = len(pdf)
        check_pages(n, lim)
        if n == 0:
            raise ReadError("read.pdf.empty", "PDF 没有页面", "the PDF has no pages")
        pages: list[list[Block]] = []
        heights: list[float] = []
        scanned = garbled_pages = 0
        pictures = Pictures(budget)
        for i in range(n):
            budget.check(f"第{i + 1}页")
            try:
                page = pdf[i]
            except pdfium.PdfiumError as e:
                raise _broken_page(i + 1, e) from None
            try:
                width, height = page.get_size()
                glyphs = page_glyphs(page, height, raw)
                if garbled(glyphs):
                    garbled_pages += 1
                    scanned += 1
                    pages.append(_ocr_garbled_page(page, i + 1, budget))
                elif not glyphs:
                    scanned += 1
                    pages.append(_ocr_page(page, i + 1, budget))
                else:
                    edges = page_edges(page, width, height, raw)
                    blocks = page_blocks(glyphs, edges, i + 1, PDF_SETTINGS)
                    try:
                        regions = picture_regions(page, width, height, glyphs, raw)
                    except Exception:  # a picture pdfium cannot describe: the text is still read
                        regions = []
                        pictures.unread += 1
                    for region in regions:
                        if not pictures.room():  # (counted unread: see scan.Pictures)
                            continue
                        try:
                            pictured = _ocr_picture(page, region, i + 1, budget)
                        except ReadError as e:
                            if e.code != "read.missing_ocr":
                                raise
                            pictures.unread += 1  # OCR not installed: the text layer is still read
                            continue
                        blocks = _in_reading_order(blocks, pictured, region.box[1])
                        pictures.read += 1
                    pages.append(blocks)
                heights.append(height)
            except pdfium.PdfiumError as e:  # its text layer or its rendering fails
                raise _broken_page(i + 1, e) from None
            finally:
                page.close()
        meta = _metadata(pdf)
    finally:
        pdf.close()
    blocks = join_pages(drop_headers_footers(pages, heights))
    if not any(blocks):
        raise ReadError("read.pdf.empty", "PDF 中没有文字", "the PDF has no text")
    doc = Document(blocks, name=name, kind="scan" if scanned == n else "pdf", hints=meta)
    if scanned and scanned < n:
        doc.hints["scanned_pages"] = str(scanned)
    if garbled_pages:
        doc.hints["garbled_pages"] = str(garbled_pages)
    doc.hints.update(pictures.hints())
    return doc


# A picture on a page with a text layer is read by OCR when it is large enough to hold a table or
# a paragraph (a table pasted as a screenshot, common in published reports; a scanned page whose
# only text is a stamped header or page number) and the layer's text covers next to nothing of it
# (a searchable scan's own page image carries its text layer: that is read instead).
PICTURE_MIN_WIDTH_SHARE = 0.3  # of the page width
PICTURE_MIN_AREA_SHARE = 0.04  # of the page area
PICTURE_MAX_TEXT_SHARE = 0.02  # of the picture's area, covered by the text layer's characters


class Picture(NamedTuple):
    box: tuple[float, float, float, float]  # (left, top, right, bottom) in top-based points
    pixels_wide: int  # the image's own width in pixels


def picture_regions(page: PdfPage, width: float, height: float, glyphs: list[Glyph],
                    raw: ModuleType) -> list[Picture]:
    """The page's pictures to read by OCR, top to bottom."""
    out = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        left, right = max(0.0, left), min(width, right)
        top_tb, bottom_tb = max(0.0, height - top), min(height, height - bottom)
        w, h = right - left, bottom_tb - top_tb
        if w < PICTURE_MIN_WIDTH_SHARE * width or w * h < PICTURE_MIN_AREA_SHARE * width * height:
            continue
        covered = sum((g.x1 - g.x0) * (g.bottom - g.top) for g in glyphs
                      if left <= (g.x0 + g.x1) / 2 <= right and top_tb <= (g.top + g.bottom) / 2 <= bottom_tb)
        if covered <= PICTURE_MAX_TEXT_SHARE * w * h:
            try:
                pixels_wide = int(obj.get_px_size()[0])
            except Exception:  # pragma: no cover - an image pdfium cannot size: at the OCR's own dpi
                pixels_wide = 0
            out.append(Picture((left, top_tb, right, bottom_tb), pixels_wide or int(w * 200 / 72)))
    return sorted(out, key=lambda p: p.box[1])


def _ocr_picture(page: PdfPage, picture: Picture, number: int, budget: TimeBudget) -> list[Block]:
    """The blocks OCR reads in one picture of a page, in the page's coordinates."""
    left, _, right, _ = picture.box
    # At the picture's own resolution, so that its pixels are not resampled once more (a small
    # print's strokes blur), within what the OCR reads well.
    scale = min(max(picture.pixels_wide / (right - left), 150 / 72), 300 / 72)
    return _ocr_area(page, number, budget, scale, picture.box)


def _top(block: Block) -> float | None:
    if isinstance(block, Paragraph):
        return block.bbox[1] if block.bbox else None
    tops = [bb[1] for row in block.boxes or () for bb in row if bb is not None]
    return min(tops) if tops else None


def _in_reading_order(blocks: list[Block], pictured: list[Block], top: float) -> list[Block]:
    """The picture's blocks put among the page's at the picture's height."""
    at = next((k for k, b in enumerate(blocks) if (t := _top(b)) is not None and t > top), len(blocks))
    return blocks[:at] + pictured + blocks[at:]


def _broken_page(number: int, e: Exception) -> ReadError:
    return ReadError("read.pdf.broken", f"PDF 第{number}页损坏，无法读取：{e}",
                     f"page {number} of the PDF is broken and cannot be read: {e}", f"第{number}页 / page {number}")


def _metadata(pdf: PdfDocument) -> dict[str, str]:
    hints: dict[str, str] = {}
    try:
        meta = pdf.get_metadata_dict(skip_empty=True)
    except Exception:  # pragma: no cover - broken info dictionary
        return hints
    if meta.get("Title"):
        hints["title"] = meta["Title"]
    m = re.match(r"D?:?(\d{4})(\d{2})(\d{2})", meta.get("CreationDate", ""))
    if m:
        hints["created"] = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return hints


def _ocr_page(page: PdfPage, number: int, budget: TimeBudget) -> list[Block]:
    return _ocr_area(page, number, budget, budget.limits.ocr_dpi / 72)


def _ocr_garbled_page(page: PdfPage, number: int, budget: TimeBudget) -> list[Block]:
    """A page whose text layer is 乱码 (GARBLED_SHARE), read from its image."""
    try:
        return _ocr_page(page, number, budget)
    except ReadError as e:
        if e.code != "read.missing_ocr":
            raise
        raise ReadError("read.pdf.garbled", f"PDF 第{number}页的文字层是乱码（字体缺少 Unicode 映射），需按图像识别：请安装 ogi[ocr]",
                        f"the text layer of the PDF's page {number} is garbled (fonts without a Unicode map) and must be "
                        "read from its image: install ogi[ocr]") from None


def _ocr_area(page: PdfPage, number: int, budget: TimeBudget, scale: float,
              box: tuple[float, float, float, float] | None = None) -> list[Block]:
    """The blocks OCR reads on a page rendered at `scale`, or in a box of it (left, top, right,
    bottom in top-based points: a picture), in the page's coordinates."""
    from .limits import check_pixels
    from .scan import is_blank, ocr_blocks, require_ocr

    width, height = page.get_size()
    left, top, right, bottom = box or (0.0, 0.0, width, height)
    where = f"第{number}页" if box is None else f"第{number}页的图片"
    check_pixels(int((right - left) * scale), int((bottom - top) * scale), budget.limits, where)
    bitmap = page.render(scale=scale, grayscale=True, crop=(left, height - bottom, width - right, top))
    image: Gray = bitmap.to_numpy().copy()
    bitmap.close()
    if image.ndim == 3:
        image = image[:, :, 0]
    if is_blank(image):
        return []  # nothing printed there: no OCR needed (nor installed)
    require_ocr()
    # (A picture's ruling is measured against its page: see `scan.ruling_edges`.)
    blocks = ocr_blocks(image, page=number, scale=scale, page_side=int(min(width, height) * scale) if box else 0)
    budget.check(f"第{number}页")
    if box:  # (the picture's own coordinates → the page's)
        for b in blocks:
            if isinstance(b, Paragraph) and b.bbox:
                x0, y0, x1, y1 = b.bbox
                b.bbox = (x0 + left, y0 + top, x1 + left, y1 + top)
            elif isinstance(b, Grid) and b.boxes:
                b.boxes = [[None if bb is None else (bb[0] + left, bb[1] + top, bb[2] + left, bb[3] + top)
                            for bb in row] for row in b.boxes]
    return blocks


def _margin_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip())


def drop_headers_footers(pages: list[list[Block]], heights: list[float]) -> list[list[Block]]:
    """Drop page numbers and lines repeated in the top/bottom margin of most pages."""
    n = len(pages)
    counts: Counter[str] = Counter()
    for blocks, h in zip(pages, heights, strict=True):
        seen: set[str] = set()
        for b in blocks:
            if isinstance(b, Paragraph) and b.bbox and (b.bbox[3] < h * MARGIN_SHARE or b.bbox[1] > h * (1 - MARGIN_SHARE)):
                seen.add(_margin_key(b.text))
        counts.update(seen)
    repeated = {k for k, c in counts.items() if n >= 2 and c >= max(2, (n + 1) // 2)}
    out: list[list[Block]] = []
    for blocks, h in zip(pages, heights, strict=True):
        kept: list[Block] = []
        for b in blocks:
            if isinstance(b, Paragraph) and b.bbox:
                in_margin = b.bbox[3] < h * MARGIN_SHARE or b.bbox[1] > h * (1 - MARGIN_SHARE)
                if in_margin and (_PAGE_NO.match(b.text) or _margin_key(b.text) in repeated):
                    continue
            kept.append(b)
        out.append(kept)
    return out


def _width(grid: Grid) -> int:
    return len(grid.rows[0]) if grid.rows else 0


def join_pages(pages: list[list[Block]], tol: float = PDF_SETTINGS.snap) -> list[Block]:
    """Concatenate pages; a table that ends one page and goes on at the top of the next (same
    left and right edges) is one table: columns aligned over both parts, the header rows the
    continuation repeats dropped, a merged label cut by the page break kept merged."""
    blocks: list[Block] = []
    for page in pages:
        prev, head = (blocks[-1], page[0]) if blocks and page else (None, None)
        if isinstance(prev, Grid) and isinstance(head, Grid):
            xs = same_columns(prev, head, tol)
            if xs is not None:
                first, cont = regrid(prev, xs, tol), regrid(head, xs, tol)
                skip = 0
                while skip < len(cont.rows) and skip < len(first.rows) and cont.rows[skip] == first.rows[skip]:
                    skip += 1
                if skip < len(cont.rows):
                    for c, text in enumerate(cont.rows[skip]):
                        if text:
                            break  # (only the row's leading label columns: a blank among values is a value)
                        if text == "" and first.rows[-1][c] is None:
                            cont.rows[skip][c] = None  # the rest of a merged cell cut by the page break
                    if prev.cut_bottom and _rest_of_row(first.rows[-1], cont.rows[skip]):
                        # (after the header rows the next page repeats, if any)
                        _join_cut_row(first.rows[-1], cont.rows[skip])
                        skip += 1
                _extend(first, cont, skip)
                first.cut_top, first.cut_bottom = prev.cut_top, head.cut_bottom
                blocks[-1] = first
                blocks.extend(page[1:])
                continue
        blocks.extend(page)
    return blocks


def _is_figure(text: str | None) -> bool:
    return text is not None and text.isascii() and text.replace(".", "", 1).lstrip("-").isdigit()


def _rest_of_row(last: list[str | None], rest: list[str | None]) -> bool:
    """The first row on the next page is the rest of the row the page break cut: it has text, and
    no figure stands above or below any text of the other part (a row of its own, under a header
    row whose bottom rule the break left out, has its figures under the header's words)."""
    return any(rest) and len(last) == len(rest) and not any(
        (_is_figure(a) and b) or (_is_figure(b) and a) for a, b in zip(last, rest, strict=True))


def _join_cut_row(last: list[str | None], rest: list[str | None]) -> None:
    """A row the page break cut without a rule (`Grid.cut_bottom`): its part on the next page is
    put into its cells on this one, a label's lines joined, a cell printed only below the cut
    taken from there."""
    for c, text in enumerate(rest):
        if text:
            before = last[c]
            last[c] = join_pieces([before, text]) if before else text


def _extend(first: Grid, cont: Grid, skip: int) -> None:
    n_first = len(first.rows)
    first.rows.extend(cont.rows[skip:])
    if first.boxes is not None or cont.boxes is not None:
        first.boxes = (first.boxes or [[None] * _width(first)] * n_first) + \
            (cont.boxes or [[None] * _width(cont)] * len(cont.rows))[skip:]
    if first.doubtful is not None or cont.doubtful is not None:
        first.doubtful = (first.doubtful or [[False] * _width(first) for _ in range(n_first)]) + \
            (cont.doubtful or [[False] * _width(cont) for _ in range(len(cont.rows))])[skip:]
    first.row_pages = (first.row_pages or [first.page or 0] * n_first) + \
        (cont.row_pages or [cont.page or 0] * len(cont.rows))[skip:]
