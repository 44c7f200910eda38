"""Limits for hostile or broken files, in one place.

Every refusal is a `ReadError` with a stable code (`read.too_large`, `read.zip_bomb`, …), a
Chinese and an English message; the CLI turns it into exit code 2. The defaults suit annual
reports (a few pages, a few hundred kB); the environment variables `OGI_MAX_BYTES`,
`OGI_MAX_PAGES`, `OGI_TIMEOUT` and `OGI_MAX_MEMORY` override them (`env_limits()`, read when a
document is read, not once at import). The limits are an argument all the way down: `read_bytes`
takes them (the environment's when none are given) and hands them to the reader and every check;
no module holds limits in force.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO, TypeVar

from .document import Document, Grid, Paragraph, ReadError


@dataclass(frozen=True)
class Limits:
    """How much one document may take: bytes, pages, pixels, time and memory."""

    # Largest input accepted, in bytes. Annual reports are rarely above 20 MB even as scans.
    max_bytes: int = 64 * 1024 * 1024
    # DOCX/ZIP: total uncompressed size and the compression ratio above which it is a zip bomb.
    max_unzipped_bytes: int = 256 * 1024 * 1024
    max_zip_ratio: float = 200.0
    zip_ratio_floor: int = 10_000_000  # the ratio only counts above this many inflated bytes
    # PDF: page count refused outright; pages read at most for text.
    max_pages: int = 500
    # Images (scans, PDF pages rendered for OCR): pixels per image.
    max_image_pixels: int = 60_000_000
    # Images: longer side / shorter side. OCR pads a long strip to a page-like shape (see
    # ScanSettings.max_aspect), so its cost grows with this ratio; a report page is about 1.4, a
    # long screenshot of a web page 10–20. A 20×2000 strip is no page: refused before OCR.
    max_image_aspect: float = 25.0
    # Wall-clock seconds per document, reading and extraction together (`ogi.guard` stops the
    # worker that runs the document; LibreOffice, PDF and OCR also check it between pages).
    timeout_s: float = 300.0
    # Memory one document may take on top of what the process already holds (bytes; the worker's
    # resident memory is watched, POSIX only). OCR of a multi-page scan peaks near 1 GB
    # (onnxruntime's models and page images), so the cap sits above it.
    max_memory: int = 2048 * 1024 * 1024
    # What a reader may hand to the extractor: blocks (paragraphs and grids), characters in one
    # paragraph or cell, cells of all grids (spans included), nesting depth of markup.
    max_blocks: int = 100_000
    max_line_chars: int = 200_000
    max_grid_cells: int = 200_000
    max_depth: int = 200
    # OCR rendering resolution for PDF pages without text.
    ocr_dpi: int = 200
    # LibreOffice conversion timeout (seconds), part of the document's time budget.
    soffice_timeout_s: float = 120.0


_Number = TypeVar("_Number", int, float)


def _env_number(var: str, parse: Callable[[str], _Number], default: _Number) -> _Number:
    """A limit from the environment: unset, unparsable, 0, negative or NaN leave the default."""
    value = os.environ.get(var)
    if not value:
        return default
    try:
        number = parse(value)
    except ValueError:
        return default
    return number if number > 0 else default  # NaN > 0 is false too


def env_limits() -> Limits:
    """The defaults, with what the environment overrides (read now, each time it is asked)."""
    return Limits(max_bytes=_env_number("OGI_MAX_BYTES", int, Limits.max_bytes),
                  max_pages=_env_number("OGI_MAX_PAGES", int, Limits.max_pages),
                  timeout_s=_env_number("OGI_TIMEOUT", float, Limits.timeout_s),
                  max_memory=_env_number("OGI_MAX_MEMORY", int, Limits.max_memory))


def too_large(size: int, lim: Limits, more: bool = False) -> ReadError:
    over = "超过 " if more else ""
    return ReadError(
        "read.too_large",
        f"文件过大：{over}{size / 1e6:.1f} MB，上限 {lim.max_bytes / 1e6:.1f} MB（可用 OGI_MAX_BYTES 调整）",
        f"file too large: {'more than ' if more else ''}{size / 1e6:.1f} MB, limit {lim.max_bytes / 1e6:.1f} MB "
        "(set OGI_MAX_BYTES)",
    )


def check_size(data: bytes, limits: Limits) -> None:
    lim = limits
    if len(data) > lim.max_bytes:
        raise too_large(len(data), lim)


def io_error(e: OSError) -> ReadError:
    """A file that cannot be opened, said in Chinese first (the system's words are English)."""
    if isinstance(e, FileNotFoundError):
        return ReadError("read.io", "文件不存在", "no such file")
    if isinstance(e, IsADirectoryError):
        return not_a_file("directory")
    if isinstance(e, PermissionError):
        return ReadError("read.io", "没有读取权限", "permission denied")
    if e.errno == errno.ELOOP:
        return ReadError("read.symlink_loop", "符号链接循环，无法打开", "a symbolic link loop: cannot open")
    if e.errno == errno.ENAMETOOLONG:
        return ReadError("read.io", "路径过长", "the path is too long")
    return ReadError("read.io", f"无法打开文件（{e.strerror}）", f"cannot open the file: {e.strerror}")


def truncated(zh_what: str, en_what: str, where: str | None = None) -> ReadError:
    """A file cut short (an interrupted download, a copy that stopped): what is missing is said."""
    return ReadError("read.truncated", f"文件不完整（下载或复制中断？）：{zh_what}",
                     f"the file is incomplete (an interrupted download or copy?): {en_what}", where)


# extension → (the kind the content should sniff as, its name in Chinese and English)
EXPECTED_KIND = {".pdf": ("pdf", "PDF", "a PDF"), ".docx": ("docx", "Word 文档（DOCX）", "a Word document (DOCX)"),
                 ".doc": ("doc", "Word 文档（DOC）", "a Word document (DOC)"),
                 ".wps": ("doc", "WPS 文档", "a WPS document"), ".rtf": ("rtf", "RTF 文档", "an RTF document"),
                 ".odt": ("docx", "OpenDocument 文档", "an OpenDocument text"),
                 ".png": ("image", "PNG 图像", "a PNG image"), ".jpg": ("image", "JPEG 图像", "a JPEG image"),
                 ".jpeg": ("image", "JPEG 图像", "a JPEG image"), ".tif": ("image", "TIFF 图像", "a TIFF image"),
                 ".tiff": ("image", "TIFF 图像", "a TIFF image")}


def wrong_type(suffix: str, head: bytes) -> ReadError:
    """The name promises a format (`.pdf`) whose signature the content lacks, and the content is
    nothing else OGI reads: said so, with the first bytes (hex) the file does start with."""
    _, zh, en = EXPECTED_KIND[suffix]
    shown = head[:8].hex(" ") or "（空）"
    return ReadError("read.wrong_type", f"文件名为 {suffix}，但内容不是 {zh}（开头字节：{shown}）",
                     f"named {suffix} but the content is not {en} (it starts with bytes {shown})")


def not_a_file(kind: str) -> ReadError:
    if kind == "directory":
        return ReadError("read.directory", "这是目录，不是文件（整个目录请用 ogi batch）",
                         "this is a directory, not a file (use ogi batch for a directory)")
    words = {"fifo": ("命名管道", "a named pipe (FIFO)"), "chr": ("字符设备", "a character device"),
             "blk": ("块设备", "a block device"), "sock": ("套接字", "a socket")}
    zh, en = words.get(kind, ("特殊文件", "a special file"))
    return ReadError("read.not_a_file", f"这是{zh}，不是普通文件，不读取", f"this is {en}, not a regular file: not read")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode):
        return "chr"
    if stat.S_ISBLK(mode):
        return "blk"
    if stat.S_ISSOCK(mode):
        return "sock"
    return "other"


def read_file(path: str | os.PathLike[str], limits: Limits) -> bytes:
    """The bytes of a regular file, the size limit checked before reading.

    Directories, FIFOs, devices (`/dev/zero`) and sockets are refused from `stat` alone: a FIFO
    is never opened, so nothing blocks. A file larger than the limit (a sparse 20 GB file too)
    is refused from its size; the read itself is capped, in case the file grows meanwhile.
    """
    lim = limits
    try:
        st = os.stat(path)
    except OSError as e:
        raise io_error(e) from None
    except ValueError:  # a NUL byte in the path
        raise ReadError("read.io", "路径无效", "invalid path") from None
    if not stat.S_ISREG(st.st_mode):
        raise not_a_file(_kind(st.st_mode))
    if st.st_size > lim.max_bytes:
        raise too_large(st.st_size, lim)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise io_error(e) from None
    try:
        st = os.fstat(fd)  # the file opened may not be the one stat saw
        if not stat.S_ISREG(st.st_mode):
            raise not_a_file(_kind(st.st_mode))
        return _read_regular(fd, st.st_size, lim)
    except OSError as e:
        raise io_error(e) from None
    finally:
        os.close(fd)


def _read_regular(fd: int, size: int, lim: Limits) -> bytes:
    """`read_capped` of an open regular file of `size` bytes, read from its descriptor: the size and
    one byte more at first (a buffered stream asked for `max_bytes + 1` makes a buffer that large
    for every file, and the batch reads thousands of small ones), then on, up to the cap, if the
    file grew meanwhile."""
    want = lim.max_bytes + 1
    chunks = []
    got = 0
    ask = min(want, size + 1)
    while got < want:
        chunk = os.read(fd, min(ask, want - got))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
        ask = 1 << 20
    data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
    if len(data) > lim.max_bytes:
        raise too_large(lim.max_bytes, lim, more=True)
    return data


def read_capped(stream: BinaryIO, limits: Limits) -> bytes:
    """At most `max_bytes` from a stream (standard input, a pipe); more is refused, not read."""
    lim = limits
    data = stream.read(lim.max_bytes + 1)
    if data is None:
        data = b""
    if len(data) > lim.max_bytes:
        raise too_large(lim.max_bytes, lim, more=True)
    return data


def check_document(doc: Document, limits: Limits) -> Document:
    """What a reader hands on stays within bounds the extractor's work can afford."""
    lim = limits
    if len(doc.blocks) > lim.max_blocks:
        raise ReadError("read.too_many_blocks", f"段落和表格过多：{len(doc.blocks)} 个，上限 {lim.max_blocks} 个",
                        f"too many paragraphs and tables: {len(doc.blocks)}, limit {lim.max_blocks}")
    cells = 0
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            if len(b.text) > lim.max_line_chars:
                raise _long_line(len(b.text), lim, b.line)
        elif isinstance(b, Grid):
            for row in b.rows:
                cells += len(row)
                for c in row:
                    if c is not None and len(c) > lim.max_line_chars:
                        raise _long_line(len(c), lim, None)
            if cells > lim.max_grid_cells:
                raise too_many_cells(cells, lim)
    return doc


def _long_line(n: int, lim: Limits, line: int | None) -> ReadError:
    return ReadError("read.line_too_long", f"一行过长：{n} 个字符，上限 {lim.max_line_chars} 个",
                     f"a line is too long: {n} characters, limit {lim.max_line_chars}",
                     f"第{line}行 / line {line}" if line else None)


def too_many_cells(n: int, lim: Limits) -> ReadError:
    return ReadError("read.span_bomb", f"表格单元格过多（含合并单元格）：超过 {lim.max_grid_cells} 个",
                     f"too many table cells (merged cells included): more than {lim.max_grid_cells}", None)


def too_deep(lim: Limits) -> ReadError:
    return ReadError("read.too_deep", f"文档嵌套过深（超过 {lim.max_depth} 层），无法读取",
                     f"the document is nested too deeply (more than {lim.max_depth} levels) to read")


def check_pages(n: int, limits: Limits) -> None:
    lim = limits
    if n > lim.max_pages:
        raise ReadError("read.too_many_pages", f"页数过多：{n} 页，上限 {lim.max_pages} 页",
                        f"too many pages: {n}, limit {lim.max_pages}")


def check_pixels(width: int, height: int, limits: Limits, where: str | None = None) -> None:
    lim = limits
    if width <= 0 or height <= 0 or width * height > lim.max_image_pixels:
        raise ReadError("read.image_too_large",
                        f"图像尺寸异常：{width}×{height} 像素，上限 {lim.max_image_pixels} 像素",
                        f"absurd image dimensions: {width}×{height} pixels, limit {lim.max_image_pixels}",
                        where)
    aspect = max(width, height) / min(width, height)
    if aspect > lim.max_image_aspect:
        raise ReadError("read.image_too_large",
                        f"图像长宽比异常：{width}×{height} 像素（{aspect:.0f}:1），上限 {lim.max_image_aspect:g}:1",
                        f"absurd image shape: {width}×{height} pixels ({aspect:.0f}:1), limit {lim.max_image_aspect:g}:1",
                        where)


class TimeBudget:
    """The time budget of one document; readers call `check()` between pages or steps."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.end = time.monotonic() + self.limits.timeout_s

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def check(self, where: str | None = None) -> None:
        if time.monotonic() > self.end:
            raise timed_out(self.limits, where)


def timed_out(lim: Limits, where: str | None = None) -> ReadError:
    return ReadError("read.timeout", f"处理超时（超过 {lim.timeout_s:g} 秒，可用 OGI_TIMEOUT 调整）",
                     f"processing timed out (more than {lim.timeout_s:g} s; set OGI_TIMEOUT)", where)
