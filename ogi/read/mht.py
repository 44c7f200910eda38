"""MHTML → Document: a web page saved as one file (.mht/.mhtml): Word's and WPS's 单个文件网页,
Chromium's and Edge's 网页，单个文件.

The file is a MIME multipart message (RFC 2557). Its main part is the page's HTML, quoted-printable
or base64 encoded, in the charset the part declares (Word: the system's, GB2312 on Chinese
Windows); frames are parts of their own, which the main page names by `cid:`. The message's own
headers (`Date:` is when the page was saved, `Subject:` the browser's title) are never the
report's: only the page is read, by the HTML reader, with the pictures the archive carries (a
table pasted as a picture is read by OCR where the page shows it).
"""

from __future__ import annotations

import email
import email.policy
import re
from email.message import Message
from urllib.parse import unquote

from .document import Document, ReadError
from .encoding import decode
from .html import declared_charset, html_document, normal_charset, tails
from .limits import Limits

# Frames Chromium saved as parts of their own, named in the main page by Content-ID.
_CID_FRAME = re.compile(r"""<iframe\b[^>]*?\bsrc\s*=\s*["']?cid:([^"'\s>]+)["']?[^>]*>(?:\s*</iframe>)?""", re.I)
_BODY = re.compile(r"<body\b[^>]*>(.*)</body>", re.I | re.S)
MAX_FRAME_DEPTH = 3  # a frame in a frame in a frame; deeper nesting is not a report page
MAX_FRAMES = 16  # frames read into one page: more is a hostile archive repeating one big part


def read_mht(data: bytes, name: str = "-", *, limits: Limits | None = None) -> Document:
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    pages = [part for part in message.walk() if part.get_content_type() == "text/html"]
    if not pages:
        raise ReadError("read.mht.no_page", "单个文件网页（MHT）中没有网页正文（text/html 部分）",
                        "the web archive (MHT) holds no page (no text/html part)")
    main = _main_page(message, pages)
    frames = {cid.strip("<> "): part for part in pages if (cid := part.get("Content-ID"))}
    doc = html_document(_page_text(main, frames, name, 0), name, limits=limits, parts=_pictures(message))
    doc.kind = "mht"
    return doc


def _pictures(message: Message) -> dict[str, bytes]:
    """The pictures the archive carries, by the names a page may give them: the part's location
    (whole, and its last one or two path segments, as Word's page names `report.files/image001.png`)
    and `cid:` its Content-ID (Chromium's)."""
    out: dict[str, bytes] = {}
    for part in message.walk():
        if part.get_content_maintype() != "image":
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes) or not payload:
            continue
        location = unquote(part.get("Content-Location") or "")
        cid = (part.get("Content-ID") or "").strip("<> ")
        for key in ((location, *tails(location)) if location else ()) + ((f"cid:{cid}",) if cid else ()):
            out.setdefault(key, payload)
    return out


def _main_page(message: Message, pages: list[Message]) -> Message:
    """The part Chromium names as the snapshot's location, else the first page (Word's)."""
    location = message.get("Snapshot-Content-Location")
    if location:
        for part in pages:
            if part.get("Content-Location") == location:
                return part
    return pages[0]


def _page_text(part: Message, frames: dict[str, Message], name: str, depth: int) -> str:
    payload = part.get_payload(decode=True)
    raw = payload if isinstance(payload, bytes) else b""
    if not raw.strip():
        if depth:
            return ""  # an empty frame
        raise ReadError("read.html.empty", "单个文件网页（MHT）中的网页没有内容", "the web archive's page has no content")
    charset = part.get_content_charset()
    text = decode(raw, name, declared=normal_charset(charset) if charset else declared_charset(raw))
    if depth >= MAX_FRAME_DEPTH or not frames:
        return text

    read = 0

    def inline(m: re.Match[str]) -> str:
        nonlocal read
        frame = frames.get(m.group(1))
        if frame is None or frame is part or read >= MAX_FRAMES:
            return ""
        read += 1
        body = _BODY.search(inner := _page_text(frame, frames, name, depth + 1))
        return f"<div>{body.group(1) if body else inner}</div>"

    return _CID_FRAME.sub(inline, text)
