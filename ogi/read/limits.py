"""Limits for hostile or broken files, in one place.

Every refusal is a `ReadError` with a stable code (`read.too_large`, `read.zip_bomb`, …), a
Chinese and an English message; the CLI turns it into exit code 2. The defaults suit annual
reports (a few pages, a few hundred kB); `Limits` can be replaced per call or globally with
`set_limits()` (the CLI's `--max-size` and the batch runner do that), and the environment
variables `OGI_MAX_BYTES`, `OGI_MAX_PAGES` and `OGI_TIMEOUT` override the defaults.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, fields, replace

from .document import ReadError


@dataclass(frozen=True)
class Limits:
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
    # Wall-clock seconds per document (LibreOffice conversion, PDF, OCR check this between pages).
    timeout_s: float = 300.0
    # OCR rendering resolution for PDF pages without text.
    ocr_dpi: int = 200
    # LibreOffice conversion timeout (seconds), part of the document's time budget.
    soffice_timeout_s: float = 120.0


def _from_env() -> Limits:
    env = {"max_bytes": "OGI_MAX_BYTES", "max_pages": "OGI_MAX_PAGES", "timeout_s": "OGI_TIMEOUT"}
    changes: dict[str, float | int] = {}
    types = {f.name: f.type for f in fields(Limits)}
    for name, var in env.items():
        value = os.environ.get(var)
        if value:
            try:
                changes[name] = float(value) if types[name] in ("float", float) else int(value)
            except ValueError:
                pass
    return replace(Limits(), **changes)


_CURRENT = _from_env()


def get_limits() -> Limits:
    return _CURRENT


def set_limits(limits: Limits | None = None, **changes: float | int) -> Limits:
    """Replace the limits in force (all readers consult `get_limits()`); returns the old ones."""
    global _CURRENT
    old = _CURRENT
    _CURRENT = replace(limits or _CURRENT, **changes)
    return old


def check_size(data: bytes, limits: Limits | None = None) -> None:
    lim = limits or _CURRENT
    if len(data) > lim.max_bytes:
        raise ReadError(
            "read.too_large",
            f"文件过大：{len(data) / 1e6:.1f} MB，上限 {lim.max_bytes / 1e6:.1f} MB（可用 OGI_MAX_BYTES 调整）",
            f"file too large: {len(data) / 1e6:.1f} MB, limit {lim.max_bytes / 1e6:.1f} MB (set OGI_MAX_BYTES)",
        )


def check_pages(n: int, limits: Limits | None = None) -> None:
    lim = limits or _CURRENT
    if n > lim.max_pages:
        raise ReadError("read.too_many_pages", f"页数过多：{n} 页，上限 {lim.max_pages} 页",
                        f"too many pages: {n}, limit {lim.max_pages}")


def check_pixels(width: int, height: int, where: str | None = None, limits: Limits | None = None) -> None:
    lim = limits or _CURRENT
    if width <= 0 or height <= 0 or width * height > lim.max_image_pixels:
        raise ReadError("read.image_too_large",
                        f"图像尺寸异常：{width}×{height} 像素，上限 {lim.max_image_pixels} 像素",
                        f"absurd image dimensions: {width}×{height} pixels, limit {lim.max_image_pixels}",
                        where)


class Deadline:
    """The time budget of one document; readers call `check()` between pages or steps."""

    def __init__(self, limits: Limits | None = None):
        self.limits = limits or _CURRENT
        self.end = time.monotonic() + self.limits.timeout_s

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def check(self, where: str | None = None) -> None:
        if time.monotonic() > self.end:
            raise ReadError("read.timeout", f"读取超时（超过 {self.limits.timeout_s:g} 秒）",
                            f"reading timed out (more than {self.limits.timeout_s:g} s)", where)
