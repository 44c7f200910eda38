"""The hostile set, built on the fly (nothing large is stored in the repository).

Each builder writes one file (or special file) into a folder and returns its path; `CASES` maps
a case name to (builder, the refusal code expected, or None when the file must be read).
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from ogi.read.docx import W

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample_report.txt"
DOCX_NS = W[1:-1]


def _docx(body_xml: bytes, prolog: bytes = b"") -> bytes:
    xml = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + prolog
           + b'<w:document xmlns:w="' + DOCX_NS.encode() + b'"><w:body>' + body_xml + b"</w:body></w:document>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


def _write(folder: Path, name: str, data: bytes) -> Path:
    p = folder / name
    p.write_bytes(data)
    return p


def zip_bomb(folder: Path) -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        z.writestr("word/document.xml", b" " * 300_000_000)  # 300 MB of spaces in ~300 kB
    return _write(folder, "zip_bomb.docx", buf.getvalue())


def billion_laughs(folder: Path) -> Path:
    ents = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    prolog = b"<!DOCTYPE w:document [" + ents + b"]>"
    body = b"<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>"
    return _write(folder, "billion_laughs.docx", _docx(body, prolog))


def nested_html(folder: Path) -> Path:
    return _write(folder, "nested.html", b"<html><body>" + b"<div>" * 100_000 + b"x" + b"</div>" * 100_000 + b"</body></html>")


def nested_docx(folder: Path) -> Path:
    body = b"<w:sdt><w:sdtContent>" * 100_000 + b"<w:p/>" + b"</w:sdtContent></w:sdt>" * 100_000
    return _write(folder, "nested.docx", _docx(body))


def span_bomb_html(folder: Path) -> Path:
    row = b"<tr>" + b'<td rowspan="200" colspan="200">1</td>' * 20 + b"</tr>"
    return _write(folder, "span_bomb.html", b"<html><body><table>" + row * 50 + b"</table></body></html>")


def grid_span_bomb(folder: Path) -> Path:
    tc = (b'<w:tc><w:tcPr><w:gridSpan w:val="200"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>')
    body = b"<w:tbl>" + (b"<w:tr>" + tc * 50 + b"</w:tr>") * 400 + b"</w:tbl>"
    return _write(folder, "grid_span_bomb.docx", _docx(body))


def vmerge_bomb(folder: Path) -> Path:
    """A table just under the cell budget whose every cell below the first row is merged upward
    (`w:vMerge`): 2,000 rows × 90 columns of cells that say nothing."""
    first = b"<w:tr>" + b'<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>' * 90 \
        + b"</w:tr>"
    rest = b"<w:tr>" + b"<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>" * 90 + b"</w:tr>"
    return _write(folder, "vmerge_bomb.docx", _docx(b"<w:tbl>" + first + rest * 1999 + b"</w:tbl>"))


def span_merge_bomb_html(folder: Path) -> Path:
    """rowspan and colspan within each cap, just under the cells budget: the grid is built and
    read in bounds, not refused."""
    row = b"<tr>" + b'<td rowspan="400" colspan="5">1</td>' * 90 + b"</tr>"
    return _write(folder, "span_merge.html", b"<html><body><table>" + row + b"</table></body></html>")


def billion_laughs_html(folder: Path) -> Path:
    ents = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    return _write(folder, "laughs.html", b'<?xml version="1.0"?><!DOCTYPE html [' + ents
                  + b"]><html><body><p>&lol9;</p></body></html>")


def many_pages_pdf(folder: Path) -> Path:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(5000):
        pdf.new_page(595, 842)
    p = folder / "pages_5000.pdf"
    pdf.save(str(p))
    pdf.close()
    return p


def sparse_20gb(folder: Path) -> Path:
    p = folder / "sparse.txt"
    with open(p, "wb") as f:
        f.truncate(20 * 1024**3)
    return p


def dev_zero(folder: Path) -> Path:
    return Path("/dev/zero")


def fifo(folder: Path) -> Path:
    p = folder / "pipe.txt"
    os.mkfifo(p)
    return p


def absurd_image(folder: Path) -> Path:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", 200_000, 200_000, 8, 0, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b"")
    return _write(folder, "absurd.png", png)


def thin_strip_image(folder: Path) -> Path:
    """A 20×2000 PNG with ink: OCR's detector scales the short side up to 736 px (2 GB)."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (20, 2000), 255)
    draw = ImageDraw.Draw(img)
    for y in range(0, 2000, 40):
        draw.text((2, y), "1", fill=0)
    p = folder / "strip.png"
    img.save(p)
    return p


def many_frame_tiff(folder: Path) -> Path:
    from PIL import Image

    frames = [Image.new("1", (1, 1), 1) for _ in range(2000)]
    p = folder / "frames.tiff"
    frames[0].save(p, save_all=True, append_images=frames[1:])
    return p


def symlink_loop(folder: Path) -> Path:
    a, b = folder / "loop_a", folder / "loop_b"
    a.symlink_to(b)
    b.symlink_to(a)
    return a


def directory(folder: Path) -> Path:
    d = folder / "a_folder"
    d.mkdir()
    return d


def long_spaces(folder: Path) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    return _write(folder, "spaces.txt", (text[:2000] + " " * 100_000 + text[2000:]).encode())


def _around_sample(run: str) -> bytes:
    text = SAMPLE.read_text(encoding="utf-8")
    return (text[:2000] + run + text[2000:]).encode()


def long_ideographic_spaces(folder: Path) -> Path:
    return _write(folder, "ideographic.txt", _around_sample("\u3000" * 100_000))


def long_newlines(folder: Path) -> Path:
    return _write(folder, "newlines.txt", _around_sample("\n" * 100_000))


def long_tabs_and_nbsp(folder: Path) -> Path:
    return _write(folder, "tabs.txt", _around_sample("\t\u00a0" * 50_000))


def long_spaces_in_a_table_row(folder: Path) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    i = text.index("本年新收")
    return _write(folder, "row_spaces.txt", (text[:i + 4] + " " * 100_000 + text[i + 4:]).encode())


def one_line_45mb(folder: Path) -> Path:
    return _write(folder, "one_line.txt", ("本年新收政府信息公开申请数量 12 " * 1_800_000).encode()[:45_000_000])


CASES = {
    "zip_bomb": (zip_bomb, "read.zip_bomb"),
    "billion_laughs": (billion_laughs, "read.docx.broken"),  # libxml2 refuses the amplification
    "nested_html_100000": (nested_html, "read.too_deep"),
    "nested_docx_100000": (nested_docx, "read.too_deep"),
    "span_bomb_html": (span_bomb_html, "read.span_bomb"),
    "grid_span_bomb_docx": (grid_span_bomb, "read.span_bomb"),
    "pdf_5000_pages": (many_pages_pdf, "read.too_many_pages"),
    "sparse_20gb": (sparse_20gb, "read.too_large"),
    "dev_zero": (dev_zero, "read.not_a_file"),
    "fifo": (fifo, "read.not_a_file"),
    "absurd_image": (absurd_image, "read.image_too_large"),
    "tiff_2000_frames": (many_frame_tiff, "read.too_many_pages"),
    "symlink_loop": (symlink_loop, "read.symlink_loop"),
    "directory": (directory, "read.directory"),
    "spaces_100000": (long_spaces, None),
    "one_line_45mb": (one_line_45mb, "read.line_too_long"),
    "vmerge_bomb_docx": (vmerge_bomb, "extract.not_report"),
    "span_merge_bomb_html": (span_merge_bomb_html, "extract.not_report"),
    "billion_laughs_html": (billion_laughs_html, "extract.not_report"),
    "thin_strip_image": (thin_strip_image, "read.image_too_large"),
    "ideographic_spaces_100000": (long_ideographic_spaces, None),
    "newlines_100000": (long_newlines, "read.too_many_blocks"),  # each line is a paragraph
    "tabs_nbsp_100000": (long_tabs_and_nbsp, None),
    "spaces_in_a_row_100000": (long_spaces_in_a_table_row, None),
}
