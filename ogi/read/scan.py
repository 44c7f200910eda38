"""Scans (PDF pages without a text layer, PNG/JPEG/TIFF) → blocks, by OCR.

Needs the optional extra `ogi[ocr]` (rapidocr-onnxruntime: the models ship inside the wheel,
nothing is downloaded). Steps, per page image (grayscale):

1. `ruling_edges`: table lines found by morphology (long thin runs of dark pixels), as edges;
2. the lines are erased and the page is OCR'd once (text boxes with a confidence);
3. a text box that straddles a table's vertical line is recognised again cell by cell;
4. `layout.page_blocks` rebuilds the cells from the lines and puts each box in its cell;
5. `settle_numbers`: in value cells, letters OCR confuses with digits (O/0, l/1, S/5, B/8…)
   are read as digits and the cell is marked doubtful; a doubtful cell is cleared only when the
   row equation of the format confirms it (table 3: six applicant columns = 总计; table 4:
   维持 + 纠正 + 其他 + 尚未审结 = 总计). A row whose equation fails has all its numbers marked
   doubtful: the extractor reports them uncertain rather than silently wrong.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import formats
from .document import Block, Document, Grid, Paragraph, ReadError
from .layout import BBox, Edge, Glyph, LayoutSettings, find_tables, page_blocks
from .limits import Limits, TimeBudget, check_pages, check_pixels, env_limits, truncated

if TYPE_CHECKING:  # imported when a scan is read (ogi[ocr]); rapidocr ships no type hints
    import numpy as np
    from cv2.typing import MatLike
    from numpy.typing import NDArray
    from rapidocr_onnxruntime import RapidOCR

    Gray = NDArray[np.uint8]  # a grayscale page image, 0 (black) to 255 (white)


@dataclass(frozen=True)
class ScanSettings:
    min_score: float = 0.80  # OCR confidence below which a cell is doubtful
    line_share: float = 0.025  # a ruling line is at least this share of the page width/height
    min_line_px: int = 40  # and at least this long (the share of a 200 dpi page): a stroke of 一 is not
    line_gray: int = 215  # pixels darker than this may be ruling (thin grey lines render light)
    max_line_px: int = 10  # thicker runs are shaded areas, not lines
    ink_gray: int = 160  # pixels darker than this are ink (text or lines)
    min_ink_px: int = 4  # a page with fewer ink pixels is blank: no OCR (seconds saved per page)
    # Text detection scales a page's short side up to 736 px: a 20×2000 strip would become
    # 736×73,600 px (over 2 GB). Pages taller than this ratio are padded with white on the right
    # first (rapidocr letterboxes wide ones itself), so the detector's input stays page-sized.
    max_aspect: float = 4.0
    layout: LayoutSettings = LayoutSettings(snap=6, join=12, intersection=6, min_edge=20, thin=6,
                                            space_gap=0.8, close_cuts=False)


SCAN = ScanSettings()

_CONFUSABLE = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "〇": "0", "○": "0", "l": "1", "I": "1",
                             "|": "1", "i": "1", "!": "1", "丨": "1", "S": "5", "s": "5", "B": "8", "Z": "2",
                             "z": "2", "g": "9", "q": "9", "b": "6", "G": "6", "T": "7", "，": ".", ",": "."})
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?(?:万元|万|元)?$")
_BLANK_MARKS = {"-", "—", "/", "无", "－", "／", "一"}

_ENGINE: RapidOCR | None = None
_ENGINE_LOCK = threading.Lock()


def require_ocr() -> None:
    try:
        import cv2  # noqa: F401
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        raise ReadError("read.missing_ocr", "这是扫描件（没有文字层），识别需要安装 ogi[ocr]（rapidocr-onnxruntime）",
                        "this is a scan (no text layer); OCR needs ogi[ocr] (rapidocr-onnxruntime)") from None


def engine() -> RapidOCR:
    global _ENGINE
    with _ENGINE_LOCK:
        if _ENGINE is None:
            from rapidocr_onnxruntime import RapidOCR

            _ENGINE = RapidOCR(print_verbose=False)
        return _ENGINE


def read_image(data: bytes, name: str = "-", *, limits: Limits | None = None) -> Document:
    lim = limits or env_limits()
    budget = TimeBudget(lim)
    try:
        from PIL import Image, ImageOps
    except ImportError:  # pragma: no cover - Pillow comes with ogi[ocr]
        require_ocr()
        raise

    Image.MAX_IMAGE_PIXELS = lim.max_image_pixels
    import numpy as np

    with _decoding(data):
        img = Image.open(io.BytesIO(data))
        check_pixels(img.width, img.height, lim)
        frames = getattr(img, "n_frames", 1)
    check_pages(frames, lim)  # refused past the limit, as PDFs are, never silently cut
    require_ocr()  # after the checks: a hostile image is refused without loading OCR
    blocks: list[Block] = []
    for f in range(frames):
        budget.check(f"第{f + 1}页")
        with _decoding(data, f"第{f + 1}页 / page {f + 1}" if frames > 1 else None):
            img.seek(f)
            check_pixels(img.width, img.height, lim, f"第{f + 1}页")
            frame = np.asarray(ImageOps.exif_transpose(img).convert("L"))
        blocks.extend(ocr_blocks(frame, page=f + 1, scale=1.0))
    if not blocks:
        raise ReadError("read.scan.empty", "扫描件中没有识别出文字", "no text was recognised in the scan")
    return Document(blocks, name=name, kind="scan")


# A picture in a document with text (DOCX, a web page, a PDF page) is read by OCR in place when
# it may hold a table or a paragraph: a report's tables pasted as screenshots are common. A
# document full of photographs keeps its text: past PICTURES_MAX pictures, or near the end of the
# time budget, pictures stay unread, and it is said (`Pictures.unread`).
PICTURES_MAX = 8  # pictures read by OCR in one document (a report's three tables, each over pages)
PICTURE_SECONDS = 15.0  # the time budget a picture needs left to be read (OCR takes seconds)
PICTURE_MIN_PIXELS = (300, 60)  # narrower or flatter is an icon, a rule or a line of a seal


class Pictures:
    """The pictures of one document read by OCR as they are met, counted: `read` (read in place)
    and `unread` (OCR not installed, over the count or the time budget, or a broken image)."""

    def __init__(self, budget: TimeBudget) -> None:
        self.budget = budget
        self.read = 0
        self.unread = 0

    def room(self) -> bool:
        """Whether one more picture may be read (else it is counted unread). (OCR itself is
        asked for only once a picture shows ink: a blank one needs none, nor its engine loaded.)"""
        if self.read < PICTURES_MAX and self.budget.remaining() >= PICTURE_SECONDS:
            return True
        self.unread += 1
        return False

    def blocks(self, data: bytes, where: str) -> list[Block]:
        """The blocks OCR reads in one picture file (PNG, JPEG, GIF, BMP, TIFF); a picture too
        small to hold text is no picture of the report (nothing, not counted)."""
        try:
            from PIL import Image, ImageOps
        except ImportError:  # pragma: no cover - Pillow comes with ogi[ocr]
            self.unread += 1
            return []
        import numpy as np

        try:
            with _decoding(data, where):
                img = Image.open(io.BytesIO(data))
                if img.width < PICTURE_MIN_PIXELS[0] or img.height < PICTURE_MIN_PIXELS[1]:
                    return []
                check_pixels(img.width, img.height, self.budget.limits, where)
                if not self.room():
                    return []
                gray = np.asarray(ImageOps.exif_transpose(img).convert("L"))
        except ReadError:
            self.unread += 1  # a broken or absurd picture: the document's text is still read
            return []
        if is_blank(gray):
            return []
        try:
            require_ocr()
        except ReadError:
            self.unread += 1  # OCR not installed: the document's text is still read
            return []
        blocks = ocr_blocks(gray, page=None, scale=1.0)
        self.read += 1
        self.budget.check(where)
        return blocks

    def hints(self) -> dict[str, str]:
        """What the document's hints say of its pictures (as the PDF reader says it)."""
        return {k: str(n) for k, n in (("ocr_pictures", self.read), ("unread_pictures", self.unread)) if n}


@contextmanager
def _decoding(data: bytes, where: str | None = None) -> Iterator[None]:
    """Pillow decoding the image: whatever it raises is the file's fault (Pillow's decoders raise
    OSError, ValueError, SyntaxError, struct.error, IndexError… on broken files), said as a
    broken or a truncated image."""
    from PIL import Image

    try:
        yield
    except ReadError:
        raise
    except Image.DecompressionBombError:
        raise ReadError("read.image_too_large", "图像尺寸异常（像素过多）",
                        "absurd image dimensions (too many pixels)", where) from None
    except MemoryError:
        raise
    except Exception as e:  # noqa: BLE001 - see the docstring
        cut = _image_cut(data)
        if cut:
            raise truncated(*cut, where) from None
        raise ReadError("read.image.broken", f"图像文件损坏：{type(e).__name__}：{e}",
                        f"the image is broken: {type(e).__name__}: {e}", where) from None


def _image_cut(data: bytes) -> tuple[str, str] | None:
    """What a PNG or JPEG cut short lacks at its end; None when its end is there, or when the
    file is broken before its end (then it is broken, not cut)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        pos = 8
        while pos + 8 <= len(data):  # chunks: length, type (four letters), data, CRC
            n, kind = int.from_bytes(data[pos:pos + 4], "big"), data[pos + 4:pos + 8]
            if not kind.isalpha():
                return None
            if kind == b"IEND":
                return None
            pos += 12 + n
        return "PNG 图像缺少结尾块 IEND", "the PNG image has no IEND chunk at its end"
    if data.startswith(b"\xff\xd8\xff") and not data.rstrip(b"\0").endswith(b"\xff\xd9"):
        return "JPEG 图像缺少结尾标记 FFD9", "the JPEG image has no FFD9 marker at its end"
    return None


def ruling_edges(gray: Gray, settings: ScanSettings = SCAN, page_side: int = 0) -> tuple[list[Edge], MatLike]:
    """Table lines as edges (pixel coordinates) and the mask of their pixels. A line is at least
    `line_share` of the page's shorter side (`page_side` pixels when `gray` is a part of a page,
    a picture on it: the part's own side would take a character's stroke for a line)."""
    import cv2
    import numpy as np

    h, w = gray.shape
    dark = (gray < settings.line_gray).astype(np.uint8) * 255
    # (An image smaller than a page, a screenshot, still has lines longer than a character's
    # strokes: at least `min_line_px`.)
    hlen = vlen = max(settings.min_line_px, int((page_side or min(w, h)) * settings.line_share))
    horiz = cv2.morphologyEx(dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (hlen, 1)))
    vert = cv2.morphologyEx(dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, vlen)))
    from .layout import edge

    edges: list[Edge] = []
    for mask, orient in ((horiz, "h"), (vert, "v")):
        n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        for i in range(1, n):
            x, y, bw, bh = (int(v) for v in stats[i][:4])
            if (bh if orient == "h" else bw) > settings.max_line_px:
                continue  # a shaded area
            if orient == "h":
                edges.append(edge(float(x), y + bh / 2, float(x + bw), y + bh / 2, "h"))
            else:
                edges.append(edge(x + bw / 2, float(y), x + bw / 2, float(y + bh), "v"))
    lines = cv2.dilate(cv2.bitwise_or(horiz, vert), np.ones((3, 3), np.uint8))
    return edges, lines


def _recognise(crop: Gray) -> tuple[str, float]:
    import numpy as np

    if crop.size == 0 or (crop < 160).sum() < 4:
        return "", 1.0
    pad = np.pad(crop, 8, constant_values=255)
    res, _ = engine()(pad, use_det=False, use_cls=False, use_rec=True)
    if not res:
        return "", 0.0
    text, score = res[0][0], float(res[0][1])
    return text, score


def bounded_aspect(gray: Gray, settings: ScanSettings = SCAN) -> Gray:
    """`gray` padded with white on the right to at most `max_aspect` (height / width); boxes
    found in the padded image are where they were in the original."""
    import numpy as np

    h, w = gray.shape[:2]
    if w == 0 or h <= w * settings.max_aspect:
        return gray
    return np.pad(gray, ((0, 0), (0, int(np.ceil(h / settings.max_aspect)) - w)), constant_values=255)


def ocr_glyphs(gray: Gray, edges: list[Edge], settings: ScanSettings = SCAN) -> list[Glyph]:
    # pages are upright; the angle classifier costs a third
    res, _ = engine()(bounded_aspect(gray, settings), use_cls=False)
    glyphs: list[Glyph] = []
    vlines = sorted(e["x0"] for e in edges if e["orientation"] == "v" and e["bottom"] - e["top"] > 20)
    for box, text, score in res or []:
        xs = [p[0] for p in box]
        ys = [p[1] for p in box]
        x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
        cuts = [x for x in vlines if x0 + 4 < x < x1 - 4 and any(
            e["orientation"] == "v" and abs(e["x0"] - x) < 1 and e["top"] <= bottom and e["bottom"] >= top
            for e in edges)]
        if not cuts:
            glyphs.append(Glyph(text, x0, top, x1, bottom, float(score)))
            continue
        # the box straddles table lines: recognise each piece on its own
        bounds = [x0, *cuts, x1]
        for a, b in zip(bounds, bounds[1:], strict=False):
            crop = gray[int(max(0, top)):int(bottom) + 1, int(max(0, a + 3)):int(max(a + 4, b - 3))]
            t, s = _recognise(crop)
            if t:
                glyphs.append(Glyph(t, a, top, b, bottom, s))
    return glyphs


def ocr_blocks(gray: Gray, page: int | None, scale: float, settings: ScanSettings = SCAN,
               page_side: int = 0) -> list[Block]:
    """Blocks of one page image (or of a picture on a page whose shorter side is `page_side`
    pixels at this scale); boxes are given back in PDF points (pixels / scale). A blank page (no
    ink) has no text: it is not OCR'd (text detection costs seconds per page)."""
    if is_blank(gray, settings):
        return []
    edges, lines = ruling_edges(gray, settings, page_side)
    # only lines that make tables are ruling: a long stroke of a large character is not erased
    pad = int(settings.layout.snap) + 2
    boxes = []
    for cells in find_tables(edges, settings.layout):
        x0, top = min(c[0] for c in cells) - pad, min(c[1] for c in cells) - pad
        x1, bottom = max(c[2] for c in cells) + pad, max(c[3] for c in cells) + pad
        boxes.append((x0, top, x1, bottom))
    edges = [e for e in edges if any(b[0] <= e["x0"] and e["x1"] <= b[2] and b[1] <= e["top"]
                                     and e["bottom"] <= b[3] for b in boxes)]
    clean = gray.copy()
    for x0, top, x1, bottom in boxes:
        y0, y1, xa, xb = max(0, int(top)), int(bottom) + 1, max(0, int(x0)), int(x1) + 1
        region = clean[y0:y1, xa:xb]
        region[lines[y0:y1, xa:xb] > 0] = 255
    glyphs = ocr_glyphs(clean, edges, settings)
    blocks = page_blocks(glyphs, edges, page, settings.layout, doubt_below=settings.min_score)
    for b in blocks:
        if isinstance(b, Grid):
            fill_missed_cells(b, clean, settings)
            settle_numbers(b)
            if b.boxes:
                b.boxes = [[_scaled(bb, scale) if bb else None for bb in row] for row in b.boxes]
        elif isinstance(b, Paragraph) and b.bbox:
            b.bbox = _scaled(b.bbox, scale)
    return blocks


def _scaled(bb: BBox, scale: float) -> BBox:
    """A box in pixels given back in PDF points."""
    x0, top, x1, bottom = bb
    return x0 / scale, top / scale, x1 / scale, bottom / scale


def is_blank(gray: Gray, settings: ScanSettings = SCAN) -> bool:
    """No ink on the page image: fewer than `min_ink_px` pixels darker than `ink_gray`."""
    return gray.size == 0 or int((gray < settings.ink_gray).sum()) < settings.min_ink_px


def fill_missed_cells(grid: Grid, clean: Gray, settings: ScanSettings = SCAN, inset: int = 4) -> None:
    """Cells the page-wide detection left empty although they hold ink (a lone digit in a wide
    cell is easily missed) are recognised on their own; what stays unsure is marked doubtful."""
    if not grid.boxes:
        return
    n_cols = len(grid.rows[0]) if grid.rows else 0
    doubt = grid.doubtful or [[False] * n_cols for _ in grid.rows]
    for r, row in enumerate(grid.rows):
        for c, text in enumerate(row):
            bb = grid.boxes[r][c]
            if text != "" or bb is None:
                continue
            x0, top, x1, bottom = (int(round(v)) for v in bb)
            crop = clean[top + inset:bottom - inset, x0 + inset:x1 - inset]
            if crop.size == 0 or (crop < 128).sum() < 6:
                continue  # really blank
            found, score = _recognise(_trim(crop))
            row[c] = found.strip()
            if not row[c] or score < settings.min_score:
                doubt[r][c] = True
    grid.doubtful = doubt if any(any(x) for x in doubt) else None


def _trim(crop: Gray) -> Gray:
    """The crop cut to its ink, so recognition sees one line of text."""
    import numpy as np

    ys, xs = np.nonzero(crop < 160)
    if len(ys) == 0:
        return crop
    return crop[max(0, ys.min() - 2):ys.max() + 3, max(0, xs.min() - 2):xs.max() + 3]


def _number(text: str) -> float | None:
    t = text.replace(" ", "")
    if not _NUMBER.match(t):
        return None
    return float(re.sub(r"[万元]", "", t))


def settle_numbers(grid: Grid) -> None:
    """Digit confusions read as digits (doubtful), then the row equations decide what is sure."""
    n_rows, n_cols = len(grid.rows), len(grid.rows[0]) if grid.rows else 0
    doubt = grid.doubtful or [[False] * n_cols for _ in range(n_rows)]
    for r, row in enumerate(grid.rows):
        values: list[tuple[int, float]] = []
        for c, text in enumerate(row):
            if text is None or c == 0:
                continue
            t = text.replace(" ", "")
            if not t or t in _BLANK_MARKS:
                continue
            if _number(t) is None:
                fixed = t.translate(_CONFUSABLE)
                if _number(fixed) is not None and any(ch.isdigit() for ch in t) | (len(t) <= 3):
                    row[c] = fixed
                    doubt[r][c] = True
                    t = fixed
            v = _number(t)
            if v is not None:
                values.append((c, v))
        _confirm_row(values, doubt[r])
    grid.doubtful = doubt if any(any(x) for x in doubt) else None


def _confirm_row(values: list[tuple[int, float]], doubt_row: list[bool]) -> None:
    """A row the formats say adds up on its own (`formats.row_sums`: table 4's blocks of
    outcomes and their 总计, table 3's applicant columns and their 总计) is confirmed or doubted
    by its sums: a row of exactly a blocked width by its blocks, else the widest row sum whose
    width the row's last figures reach."""
    groups: list[tuple[list[tuple[int, float]], tuple[int, float]]] = []
    shapes = formats.row_sums()
    exact = next((sums for width, sums in shapes if len(sums) > 1 and width == len(values)), None)
    if exact is not None:
        groups = [([values[i] for i in parts], values[t]) for parts, t in exact]
    else:
        tail = next(((width, sums) for width, sums in shapes if len(sums) == 1 and len(values) >= width), None)
        if tail is not None:
            width, ((parts, t),) = tail
            row = values[-width:]
            groups = [([row[i] for i in parts], row[t])]
    for shown, total in groups:
        g = shown + [total]
        if abs(sum(v for _, v in shown) - total[1]) < 1e-6:
            for c, _ in g:
                doubt_row[c] = False
        else:
            for c, _ in g:
                doubt_row[c] = True
