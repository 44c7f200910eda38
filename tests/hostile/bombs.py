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
}
