"""DOCX → Document, straight from `word/document.xml` with lxml (python-docx is ten times slower
and hides the merge markup we need).

- body order: paragraphs and tables as they stand, content controls (`w:sdt`) opened;
- a paragraph is one block per line (`w:br` starts a new one); runs glue without spaces,
  `w:tab` becomes a tab (the extractor knows tab-indented cells); deleted revisions are skipped;
- tables: `w:gridSpan` (colspan), `w:vMerge` (restart/continue = rowspan), `w:gridBefore`/
  `w:gridAfter`; a cell's paragraphs are joined like wrapped lines (no space inside Chinese);
- a table with tables inside is a layout table: its cells are read in order as blocks;
- a picture large enough to hold a table (a table pasted as a screenshot) is read by OCR where it
  stands (`scan.Pictures`), when ogi[ocr] is installed; else it is counted unread.

The zip is checked before it is inflated: total size and compression ratio (zip bombs).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .document import Block, Document, Grid, Paragraph, ReadError
from .limits import Limits, TimeBudget, env_limits, too_deep, too_many_cells, truncated
from .textutil import BLANKS, NOTE_MARK, clean_cell, join_pieces

if TYPE_CHECKING:  # lxml is imported when a DOCX is read (ogi[read]); OCR when it has a picture
    from lxml.etree import _Element

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_T, _TAB, _BR, _CR, _P, _TBL, _TR, _TC = (W + x for x in ("t", "tab", "br", "cr", "p", "tbl", "tr", "tc"))
# w:moveFrom holds moved text where it stood before a tracked move (it stands at w:moveTo now).
_SKIP = {W + "delText", W + "instrText", W + "pPr", W + "rPr", W + "tblPr", W + "tblGrid", W + "trPr",
         W + "tcPr", W + "sectPr", MC + "Fallback", W + "footnoteReference", W + "endnoteReference",
         W + "commentReference", W + "moveFrom"}
_CONTAINERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag", W + "ins", W + "hyperlink",
               W + "fldSimple", MC + "AlternateContent", MC + "Choice"}


_R, _RPR = W + "r", W + "rPr"
# A run's properties that keep its text out of what a reader reads as the text: hidden text
# (w:vanish), struck out (w:strike, w:dstrike); a superscript that is a footnote's mark. Read, they
# glue onto the figure beside them: 12 and a hidden 7 are not 127.
_UNSEEN_PROPS = {W + "vanish", W + "strike", W + "dstrike"}
_OFF = {"0", "false", "off"}

_EOCD = b"PK\x05\x06"  # a zip's end of central directory record

# Pictures: DrawingML (w:drawing … a:blip r:embed, its size in wp:extent) and VML (w:pict …
# v:imagedata r:id, its size in the shape's style), each naming its file by a relationship.
_DRAWING, _PICT = W + "drawing", W + "pict"
_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_EXTENT = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent"
_VML_IMAGE, _VML_SHAPE = "{urn:schemas-microsoft-com:vml}imagedata", "{urn:schemas-microsoft-com:vml}shape"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
EMU_PER_CM = 360000
# Smaller pictures as printed are a seal, a logo or a QR code, not a table (a seal is about 4 cm).
PICTURE_MIN_CM = (6.0, 25.0)  # width (cm), area (cm²)
_VML_SIZE = re.compile(r"(width|height)\s*:\s*([\d.]+)\s*(pt|cm|mm|in|px)", re.I)
_CM_PER = {"pt": 2.54 / 72, "cm": 1.0, "mm": 0.1, "in": 2.54, "px": 2.54 / 96}


class _OpenDocument(Exception):
    """The zip is an OpenDocument text (.odt, newer .wps exports): LibreOffice converts it."""


def read_docx(data: bytes, name: str = "-", kind: str = "docx", *, limits: Limits | None = None) -> Document:
    lim = limits or env_limits()
    try:
        xml = docx_xml(data, lim)
    except _OpenDocument:
        from .office import convert_to_docx

        return read_docx(convert_to_docx(data, lim, ".odt"), name, kind="odt", limits=lim)
    try:
        from lxml import etree
    except ImportError:  # pragma: no cover
        raise ReadError("read.missing_extra", "读取 Word 文档需要安装 ogi[read]（lxml）",
                        "reading Word files needs ogi[read] (lxml)") from None
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as e:
        if "Excessive depth" in str(e) or "nested too deep" in str(e):
            raise too_deep(lim) from None
        raise ReadError("read.docx.broken", f"Word 文档内容损坏：{e}", f"the Word document is broken: {e}") from None
    body = root.find(W + "body")
    if body is None:
        raise ReadError("read.docx.broken", "Word 文档没有正文", "the Word document has no body")
    doc = Document(name=name, kind=kind)
    pictures = _DocxPictures(data, lim) if b"blip" in xml or b"imagedata" in xml else None
    doc.blocks = list(body_blocks(body, lim, pictures))
    if pictures is not None:
        doc.hints.update(pictures.reader.hints())
    if not doc.blocks:
        raise ReadError("read.docx.empty", "Word 文档没有内容", "the Word document is empty")
    return doc


def docx_xml(data: bytes, limits: Limits) -> bytes:
    """word/document.xml, after the zip-bomb checks."""
    lim = limits
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as e:
        # NotImplementedError: a directory entry asks for a zip version Python does not know
        if _zip_cut(data):
            raise truncated("Word 文档（zip）缺少结尾的文件目录", "the Word document (a zip) has no central directory at "
                            "its end") from None
        raise ReadError("read.docx.broken", f"不是有效的 Word 文档（zip 损坏）：{e}",
                        f"not a valid Word document (broken zip): {e}") from None
    with z:
        infos = z.infolist()
        total = sum(i.file_size for i in infos)
        packed = sum(i.compress_size for i in infos) or 1
        if total > lim.max_unzipped_bytes or (total / packed > lim.max_zip_ratio and total > lim.zip_ratio_floor):
            raise ReadError("read.zip_bomb",
                            f"压缩包解压后过大（{total / 1e6:.0f} MB，压缩比 {total / packed:.0f}），疑为压缩炸弹",
                            f"the archive inflates too much ({total / 1e6:.0f} MB, ratio {total / packed:.0f}): "
                            "a zip bomb?")
        names = {i.filename for i in infos}
        if "word/document.xml" not in names and "content.xml" in names and "mimetype" in names \
                and _member(z, z.getinfo("mimetype")).startswith(b"application/vnd.oasis.opendocument.text"):
            raise _OpenDocument
        if "word/document.xml" not in names:
            hint = ("这是 Excel 或 PowerPoint 文件" if any(n.startswith(("xl/", "ppt/")) for n in names)
                    else "缺少 word/document.xml")
            raise ReadError("read.docx.not_word", f"不是 Word 文档：{hint}",
                            "not a Word document: no word/document.xml")
        info = z.getinfo("word/document.xml")
        if info.file_size > lim.max_unzipped_bytes:
            raise ReadError("read.zip_bomb", "Word 正文解压后过大，疑为压缩炸弹",
                            "the Word body inflates too much: a zip bomb?")
        return _member(z, info)


def _zip_cut(data: bytes) -> bool:
    """A zip cut short: its members' local headers follow one another up to the end of the data
    (or to a central directory that never ends), and the end-of-directory record written last is
    missing. Garbage after a zip signature is broken, not cut."""
    if _EOCD in data[-(1 << 16) - 22:]:
        return False
    pos = 0
    while data[pos:pos + 4] == b"PK\x03\x04":
        if pos + 30 > len(data):
            return True
        flags = int.from_bytes(data[pos + 6:pos + 8], "little")
        size = int.from_bytes(data[pos + 18:pos + 22], "little")
        n_name = int.from_bytes(data[pos + 26:pos + 28], "little")
        n_extra = int.from_bytes(data[pos + 28:pos + 30], "little")
        if flags & 0x8 or n_name == 0:  # sizes in a data descriptor after the data; or no name
            return flags & 0x8 != 0 and n_name > 0
        pos += 30 + n_name + n_extra + size
    return pos >= len(data) or data[pos:pos + 4] == b"PK\x01\x02"


def _member(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """One member of the zip, inflated; encryption and broken data refused by name."""
    if info.flag_bits & 0x1:
        raise ReadError("read.docx.encrypted", "Word 文档已加密（需要密码），无法读取",
                        "the Word document is encrypted (needs a password) and cannot be read", info.filename)
    try:
        return z.read(info)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, ValueError, zlib.error) as e:
        # ValueError: a member offset before the start of the file ("negative seek value")
        raise ReadError("read.docx.broken", f"Word 文档中的 {info.filename} 解压失败，数据损坏：{e}",
                        f"{info.filename} in the Word document does not inflate, its data is broken: {e}",
                        info.filename) from None


def body_blocks(parent: _Element, limits: Limits, pictures: _DocxPictures | None = None) -> Iterator[Block]:
    """Paragraph and Grid blocks of a body (or a layout table's cell) in document order; the
    paragraph's pictures read after its text (`pictures`: None when the document has none)."""
    for el in parent:
        tag = el.tag
        if tag == _P:
            for line in paragraph_lines(el):
                if line.strip(BLANKS):
                    yield Paragraph(line.rstrip(BLANKS))
            if pictures is not None:
                yield from pictures.in_paragraph(el)
        elif tag == _TBL:
            yield from table_blocks(el, limits, pictures)
        elif tag in _CONTAINERS:
            yield from body_blocks(el, limits, pictures)


class _DocxPictures:
    """The document's pictures, read by OCR where they stand (`reader`: scan.Pictures, its time
    budget counted from the document's reading); the zip's relationships read at the first one."""

    def __init__(self, data: bytes, limits: Limits) -> None:
        from .scan import Pictures

        self.data = data
        self.targets: dict[str, str] | None = None  # relationship id → zip member
        self.reader = Pictures(TimeBudget(limits))

    def in_paragraph(self, p: _Element) -> Iterator[Block]:
        for el in p.iter(_DRAWING, _PICT):
            if any(a.tag == MC + "Fallback" for a in el.iterancestors()):
                continue  # the same picture again, for older readers
            if el.tag == _DRAWING:
                image, extent = el.find(f".//{_BLIP}"), el.find(f".//{_EXTENT}")
                rid = image.get(_REL + "embed") if image is not None else None
                size = _extent_cm(extent) if extent is not None else None
            else:
                image, shape = el.find(f".//{_VML_IMAGE}"), el.find(f".//{_VML_SHAPE}")
                rid = image.get(_REL + "id") if image is not None else None
                size = _vml_size(shape.get("style", "")) if shape is not None else None
            if rid is None or (size is not None and (size[0] < PICTURE_MIN_CM[0]
                                                     or size[0] * size[1] < PICTURE_MIN_CM[1])):
                continue
            yield from self.read(rid)

    def read(self, rid: str) -> Iterator[Block]:
        if self.targets is None:
            self.targets = self._relationships()
        member = self.targets.get(rid)
        if member is None:
            return
        with zipfile.ZipFile(io.BytesIO(self.data)) as z:
            try:
                image = _member(z, z.getinfo(member))
            except (KeyError, ReadError):
                self.reader.unread += 1  # named but not in the file, or broken: the text is still read
                return
        yield from self.reader.blocks(image, f"图片 {member} / picture {member}")

    def _relationships(self) -> dict[str, str]:
        from lxml import etree

        with zipfile.ZipFile(io.BytesIO(self.data)) as z:
            try:
                rels = _member(z, z.getinfo("word/_rels/document.xml.rels"))
                root = etree.fromstring(rels, etree.XMLParser(resolve_entities=False, no_network=True))
            except (KeyError, ReadError, etree.XMLSyntaxError):
                return {}
        return {r.get("Id", ""): posixpath.normpath(posixpath.join("word", r.get("Target", "")))
                for r in root.iter(_RELS) if r.get("TargetMode") != "External"}


def _extent_cm(extent: _Element) -> tuple[float, float] | None:
    """A DrawingML picture's width and height in cm (wp:extent, in EMU)."""
    try:
        return int(extent.get("cx", "")) / EMU_PER_CM, int(extent.get("cy", "")) / EMU_PER_CM
    except ValueError:
        return None


def _vml_size(style: str) -> tuple[float, float] | None:
    """A VML shape's width and height in cm, from its style (`width:415.5pt;height:300pt`)."""
    found = {k.lower(): float(v) * _CM_PER[u.lower()] for k, v, u in _VML_SIZE.findall(style)}
    return (found["width"], found["height"]) if len(found) == 2 else None


def paragraph_lines(p: _Element) -> list[str]:
    lines: list[str] = []
    buf: list[str] = []

    def visit(node: _Element) -> None:
        for child in node:
            tag = child.tag
            if tag == _T:
                if child.text:
                    buf.append(child.text)
            elif tag == _TAB:
                buf.append("\t")
            elif tag == _BR or tag == _CR:
                if child.get(W + "type") != "page" or tag == _CR:
                    lines.append("".join(buf))
                    buf.clear()
            elif tag in _SKIP or not isinstance(tag, str) or (tag == _R and _unseen_run(child)):
                continue
            elif tag == W + "txbxContent":
                for sub in child.iter(_P):
                    lines.append("".join(buf))
                    buf.clear()
                    lines.extend(paragraph_lines(sub))
            else:
                visit(child)

    visit(p)
    lines.append("".join(buf))
    return lines


def _unseen_run(run: _Element) -> bool:
    """A run whose text a reader does not read as the text (see _UNSEEN_PROPS)."""
    props = run.find(_RPR)
    if props is None:
        return False
    for prop in props:
        if prop.get(W + "val", "1").lower() in _OFF:
            continue
        if prop.tag in _UNSEEN_PROPS or (prop.tag == W + "vertAlign" and prop.get(W + "val") == "superscript"
                                         and NOTE_MARK.fullmatch("".join(t.text or "" for t in run.iter(_T)))):
            return True
    return False


def _val(el: _Element, path: str) -> str | None:
    found = el.find(path)
    if found is None:
        return None
    return found.get(W + "val", "")


_TCPR, _GRIDSPAN, _VMERGE = W + "tcPr", W + "gridSpan", W + "vMerge"


def _cell_props(tc: _Element) -> tuple[str | None, str | None]:
    """A cell's `w:gridSpan` and `w:vMerge` values (None when absent; a bare vMerge is ""), read
    by walking the children: an ElementPath `find` per property costs 8 µs a cell, seconds for
    a table of 100,000 merged cells."""
    span: str | None = None
    vmerge: str | None = None
    for pr in tc:
        if pr.tag == _TCPR:
            for el in pr:
                if el.tag == _GRIDSPAN:
                    span = el.get(W + "val", "")
                elif el.tag == _VMERGE:
                    vmerge = el.get(W + "val", "")
            break
    return span, vmerge


def _int(value: str | None, default: int) -> int:
    try:
        return max(0, min(int(value), 200)) if value not in (None, "") else default
    except ValueError:
        return default


def _cells(tr: _Element) -> Iterator[_Element]:
    for el in tr:
        if el.tag == _TC:
            yield el
        elif el.tag in _CONTAINERS:  # cells inside content controls
            yield from _cells(el)


def _rows(tbl: _Element) -> Iterator[_Element]:
    for el in tbl:
        if el.tag == _TR:
            yield el
        elif el.tag in _CONTAINERS:
            yield from _rows(el)


def table_blocks(tbl: _Element, limits: Limits, pictures: _DocxPictures | None = None) -> Iterator[Block]:
    if tbl.find(f".//{_TC}//{_TBL}") is not None:
        # a layout table: read its cells in order
        for tr in _rows(tbl):
            for tc in _cells(tr):
                yield from body_blocks(tc, limits, pictures)
        return
    grid = table_grid(tbl, limits)
    if grid is not None:
        yield grid
    if pictures is not None:  # a picture put in a table's cell (a frame around it): read after the table
        for p in tbl.iter(_P):
            yield from pictures.in_paragraph(p)


def cell_text(tc: _Element) -> str:
    pieces: list[str] = []
    for el in tc:
        if el.tag == _P:
            pieces.extend(paragraph_lines(el))
        elif el.tag in _CONTAINERS:
            pieces.append(cell_text(el))
    return clean_cell(join_pieces([p.replace("\t", " ") for p in pieces]))


def table_grid(tbl: _Element, limits: Limits) -> Grid | None:
    grid: list[list[str | None]] = []
    # column -> row index of the vMerge origin that is still open
    open_merge: dict[int, int] = {}
    # each gridSpan is clamped, and so is the grid's size: many wide spans are a span bomb
    budget = limits.max_grid_cells
    for tr in _rows(tbl):
        row: list[str | None] = []
        before = _int(_val(tr, f"{W}trPr/{W}gridBefore"), 0)
        row.extend([None] * before)
        for tc in _cells(tr):
            span_val, vmerge = _cell_props(tc)
            span = _int(span_val, 1) or 1
            budget -= span
            if budget < 0:
                raise too_many_cells(limits.max_grid_cells, limits)
            col = len(row)
            if vmerge is not None and vmerge != "restart" and col in open_merge:
                row.extend([None] * span)  # covered by the cell above
                continue
            text = cell_text(tc)
            row.append(text)
            row.extend([None] * (span - 1))
            if vmerge == "restart":
                open_merge[col] = len(grid)
            else:
                open_merge.pop(col, None)
        budget -= before
        grid.append(row)
    if not grid or not any(any(x for x in r if x) for r in grid):
        return None
    width = max(len(r) for r in grid)
    for r in grid:
        r.extend([None] * (width - len(r)))
    return Grid(grid)
