"""DOC and WPS (OLE2 files) → DOCX through LibreOffice headless, then the DOCX reader.

`soffice --headless --convert-to docx` runs with a private user profile per call, so parallel
conversions (the batch runner) do not fight over one profile, and under the document's time
budget. Without LibreOffice the message says which package to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .document import Document, ReadError
from .docx import read_docx
from .limits import Limits, env_limits

SOFFICE_NAMES = ("soffice", "libreoffice", "lowriter")


def find_soffice() -> str | None:
    override = os.environ.get("OGI_SOFFICE")
    if override:
        return override
    for n in SOFFICE_NAMES:
        path = shutil.which(n)
        if path:
            return path
    return None


def convert_to_docx(data: bytes, limits: Limits, suffix: str = ".doc", timeout: float | None = None) -> bytes:
    soffice = find_soffice()
    if soffice is None:
        raise ReadError(
            "read.doc.no_libreoffice",
            "读取 .doc/.wps 文件需要 LibreOffice：请安装（Debian/Ubuntu：apt-get install libreoffice-writer-nogui）"
            "，或先另存为 .docx",
            "reading .doc/.wps needs LibreOffice: install it (Debian/Ubuntu: apt-get install "
            "libreoffice-writer-nogui), or save the file as .docx first",
        )
    timeout = timeout or limits.soffice_timeout_s
    with tempfile.TemporaryDirectory(prefix="ogi-soffice-") as tmp:
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--nologo",
               "--nodefault", "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, str(src)]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False,
                                  env={**os.environ, "HOME": tmp})
        except subprocess.TimeoutExpired:
            raise ReadError("read.timeout", f"LibreOffice 转换超时（超过 {timeout:g} 秒）",
                            f"LibreOffice conversion timed out (more than {timeout:g} s)") from None
        except OSError as e:
            raise ReadError("read.doc.no_libreoffice", f"无法启动 LibreOffice：{e.strerror}",
                            f"cannot start LibreOffice: {e.strerror}") from None
        out = Path(tmp) / "input.docx"
        if not out.exists():
            detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip().splitlines()
            last = detail[-1] if detail else f"exit {proc.returncode}"
            raise ReadError("read.doc.convert_failed", f"LibreOffice 无法转换此文件（文件损坏或加密？）：{last}",
                            f"LibreOffice cannot convert this file (broken or encrypted?): {last}")
        return out.read_bytes()


def read_doc(data: bytes, name: str = "-", *, limits: Limits | None = None) -> Document:
    lim = limits or env_limits()
    suffix = Path(name).suffix.lower() if Path(name).suffix.lower() in (".doc", ".wps", ".rtf") else ".doc"
    doc = read_docx(convert_to_docx(data, lim, suffix), name, kind="doc", limits=lim)
    return doc
