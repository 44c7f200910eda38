"""DOCX → PDF through LibreOffice headless (`soffice --convert-to pdf`).

The DOCX is the one `docx.render_docx` writes, with every official font that is not installed
swapped for its Linux fallback first (LibreOffice would otherwise fall back to a Latin font and
print boxes). Several documents convert in one LibreOffice start (`docx_to_pdf([...])`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from ..model import AnnualReport
from .docx import render_docx
from .errors import RenderError
from .style import OFFICIAL, Font, Style

# Where to look for LibreOffice, in order; OGI_SOFFICE overrides.
SOFFICE_NAMES = ("soffice", "libreoffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice",
                 "/opt/libreoffice/program/soffice")
CONVERT_TIMEOUT_S = 180

_lock = threading.Lock()
_profile: str | None = None


def find_soffice() -> str | None:
    override = os.environ.get("OGI_SOFFICE")
    for name in ((override,) if override else ()) + SOFFICE_NAMES:
        path = shutil.which(name) or (name if os.path.isfile(name) and os.access(name, os.X_OK) else None)
        if path:
            return path
    return None


def missing_soffice() -> RenderError:
    return RenderError(
        "render.pdf.no_libreoffice",
        "未找到 LibreOffice（soffice），无法生成 PDF：请安装 LibreOffice（如 apt-get install libreoffice-writer-nogui），"
        "或用 OGI_SOFFICE 指定 soffice 的路径",
        "LibreOffice (soffice) not found, cannot write PDF: install LibreOffice (e.g. apt-get install "
        "libreoffice-writer-nogui) or point OGI_SOFFICE at soffice",
    )


@lru_cache(maxsize=1)
def installed_fonts() -> frozenset[str]:
    """Font family names fontconfig knows (empty when fc-list is not there)."""
    fc = shutil.which("fc-list")
    if not fc:
        return frozenset()
    try:
        out = subprocess.run([fc, ":", "family"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(name.strip() for line in out.splitlines() for name in line.split(","))


def resolved_style(style: Style = OFFICIAL) -> Style:
    """`style` with each font that is not installed replaced by its fallback."""
    have = installed_fonts()

    def pick(f: Font) -> Font:
        return f if f.name in have else Font(f.fallback, f.fallback, (), f.generic)

    title = pick(style.title_font)
    return replace(style, title_font=title, body_font=pick(style.body_font), heading_font=pick(style.heading_font),
                   table_font=pick(style.table_font),
                   latin_font=style.latin_font if style.latin_font in have else style.body_font.fallback,
                   title_bold=style.title_bold if title.name == style.title_font.name else style.fallback_title_bold,
                   fonts_resolved=True)


def docx_to_pdf(documents: Sequence[bytes]) -> list[bytes]:
    """Convert DOCX files (bytes) to PDF with one LibreOffice run."""
    soffice = find_soffice()
    if soffice is None:
        raise missing_soffice()
    global _profile
    with _lock, tempfile.TemporaryDirectory(prefix="ogi-render-") as tmp:
        if _profile is None:
            _profile = tempfile.mkdtemp(prefix="ogi-lo-profile-")
        src = Path(tmp)
        names = []
        for i, data in enumerate(documents):
            p = src / f"report{i:05d}.docx"
            p.write_bytes(data)
            names.append(p)
        out = src / "pdf"
        cmd = [soffice, f"-env:UserInstallation={Path(_profile).as_uri()}", "--headless", "--norestore",
               "--nologo", "--convert-to", "pdf", "--outdir", str(out), *map(str, names)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=CONVERT_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise RenderError("render.pdf.timeout", f"LibreOffice 转换 PDF 超时（{CONVERT_TIMEOUT_S} 秒）",
                              f"LibreOffice took longer than {CONVERT_TIMEOUT_S} s to convert") from None
        results = []
        for p in names:
            pdf = out / (p.stem + ".pdf")
            if not pdf.exists():
                detail = (proc.stderr or proc.stdout).strip().splitlines()
                tail = detail[-1] if detail else f"exit {proc.returncode}"
                raise RenderError("render.pdf.failed", f"LibreOffice 未能生成 PDF：{tail}",
                                  f"LibreOffice did not produce a PDF: {tail}")
            results.append(pdf.read_bytes())
        return results


def render_pdfs(reports: Sequence[AnnualReport], style: Style = OFFICIAL) -> list[bytes]:
    if find_soffice() is None:
        raise missing_soffice()
    fonts = resolved_style(style)
    return docx_to_pdf([render_docx(r, fonts) for r in reports])


def render_pdf(report: AnnualReport, style: Style = OFFICIAL) -> bytes:
    return render_pdfs([report], style)[0]
