"""Broken files get a code that says what is wrong, not the catch-all `read.failed`.

Found by mutating the seeds (`ogi.fuzzing`): a DOCX whose deflate data is corrupt raised
`zlib.error` and a PDF page pdfium cannot load raised `PdfiumError` — both ended as `read.failed`
with the library's words. Files cut short (an interrupted download), an encrypted DOCX member
and garbage named `.pdf` are said as such. Every file here is a real one, built on the spot.
"""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from ogi.fuzzing import seeds
from ogi.read import ReadError, read_bytes


def _code(data: bytes, name: str) -> ReadError:
    with pytest.raises(ReadError) as e:
        read_bytes(data, name)
    return e.value


def _docx(xml: bytes = b"<w:document/>") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        z.writestr("word/document.xml", xml * 200)
    return buf.getvalue()


def _member_data_offset(data: bytes, name: str) -> int:
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    n_name, n_extra = struct.unpack("<HH", data[info.header_offset + 26:info.header_offset + 30])
    return info.header_offset + 30 + n_name + n_extra


def test_docx_with_corrupt_deflate_data_is_docx_broken():
    data = bytearray(_docx())
    at = _member_data_offset(bytes(data), "word/document.xml")
    data[at:at + 4] = b"\xff\xff\xff\xff"  # a deflate block of the reserved type: zlib.error
    e = _code(bytes(data), "report.docx")
    assert e.code == "read.docx.broken"
    assert e.where == "word/document.xml" and "解压失败" in e.zh


def test_docx_whose_directory_points_before_the_file_is_docx_broken():
    """Found by benchmarks/fuzz.py: a central directory offset past its real place makes every
    member's offset negative, and zipfile raised `ValueError: negative seek value`."""
    data = bytearray(_docx())
    end = bytes(data).rindex(b"PK\x05\x06")
    offset = struct.unpack("<I", data[end + 16:end + 20])[0]
    data[end + 16:end + 20] = struct.pack("<I", offset + 5000)
    e = _code(bytes(data), "report.docx")
    assert e.code == "read.docx.broken" and "seek" in e.en


def test_docx_asking_for_an_unknown_zip_version_is_docx_broken():
    """Found by benchmarks/fuzz.py: "version needed to extract" 8.4 in the central directory,
    and zipfile raised `NotImplementedError: zip file version 8.4` while opening it."""
    data = bytearray(_docx())
    central = bytes(data).rindex(b"PK\x01\x02")
    data[central + 6:central + 8] = struct.pack("<H", 84)
    e = _code(bytes(data), "report.docx")
    assert e.code == "read.docx.broken" and "8.4" in e.en


def test_docx_with_an_encrypted_member_is_docx_encrypted():
    data = bytearray(_docx())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    flags = info.flag_bits | 0x1
    data[info.header_offset + 6:info.header_offset + 8] = struct.pack("<H", flags)  # local header
    central = bytes(data).rindex(b"PK\x01\x02")  # word/document.xml's entry: the last one
    data[central + 8:central + 10] = struct.pack("<H", flags)
    assert _code(bytes(data), "report.docx").code == "read.docx.encrypted"


def test_docx_cut_short_is_truncated():
    data = _docx()
    e = _code(data[: len(data) * 2 // 3], "report.docx")
    assert e.code == "read.truncated" and "zip" in e.zh


def _pdf_with_a_broken_page() -> bytes:
    """Two pages, the second a reference to the number 42 (pdfium: "Failed to load page")."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"42"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def test_pdf_page_that_fails_to_load_names_the_page():
    pytest.importorskip("pypdfium2")
    e = _code(_pdf_with_a_broken_page(), "report.pdf")
    assert e.code == "read.pdf.broken"
    assert e.where and "第2页" in e.where and "第2页" in e.zh


def test_pdf_cut_short_is_truncated():
    pytest.importorskip("pypdfium2")
    data = seeds()["pdf"]
    e = _code(data[: len(data) // 2], "report.pdf")
    assert e.code == "read.truncated" and "%%EOF" in e.zh


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_image_cut_short_is_truncated(fmt):
    pytest.importorskip("rapidocr_onnxruntime")
    from PIL import Image, ImageDraw

    img = Image.new("L", (400, 300), 255)
    ImageDraw.Draw(img).text((20, 20), "2020 12 3 4 5", fill=0)
    buf = io.BytesIO()
    img.save(buf, fmt)
    data = buf.getvalue()
    e = _code(data[: len(data) // 2], f"scan.{fmt.lower()}")
    assert e.code == "read.truncated"


@pytest.mark.parametrize("name", ["report.pdf", "report.docx", "scan.png"])
def test_garbage_named_as_a_document_is_wrong_type(name):
    garbage = bytes(range(256)) * 8
    e = _code(garbage, name)
    assert e.code == "read.wrong_type"
    assert name[name.rindex("."):] in e.zh and "00 01 02" in e.zh


def test_garbage_with_no_promise_in_its_name_stays_binary():
    assert _code(bytes(range(256)) * 8, "download").code == "read.binary"


def test_the_refusal_is_one_line_naming_the_file(tmp_path, capsys):
    from ogi.cli import main

    data = _docx()
    p = tmp_path / "年报.docx"
    p.write_bytes(data[: len(data) // 2])
    assert main(["parse", str(p)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"{p}: 文件不完整") and err[0].endswith("[read.truncated]")
