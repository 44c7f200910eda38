"""Seeds in every form and mutations of them, shared by the property tests
(tests/hostile/test_properties.py) and the long runs (`benchmarks/fuzz.py`).

`seeds()` makes a small report in each form OGI reads — text, Markdown, HTML, DOCX, PDF, PNG,
OGI JSON — from the sample report OGI ships (`examples/sample_report.txt`) and its own writers.
`mutate(data, rng)` is one random mutation of the kinds that break parsers: bit flips, byte
runs, chunks cut, duplicated or spliced, interesting values (0, 0xFF, huge lengths), nesting
markup repeated, numbers replaced. `run_one(data)` is what every fuzzer calls: the bytes through
the same path as `ogi parse` (read, extract; OGI JSON validated), refusals being fine and
anything else a crash.
"""

from __future__ import annotations

import json
import random
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .read.limits import Limits

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sample_report.txt"
INTERESTING = (b"\x00", b"\xff", b"\x7f", b"\x80", b"-1", b"0", b"4294967295", b"99999999999999999999",
               b"NaN", b"1e400", b"true", b"null", b"\"\"", b"[]", b"{}", b"<", b">", b"&", b"\n", b"\r\n",
               b" " * 64, b"\xe3\x80\x80", b"<table>", b"<tr>", b"<td rowspan=200 colspan=200>",
               b"<w:gridSpan w:val=\"200\"/>", b"<div>" * 50, b"\xef\xbb\xbf")


def _sample_text() -> str:
    if SAMPLE.exists():
        return SAMPLE.read_text(encoding="utf-8")
    # Installed without the examples: a synthetic report in the plainest layout instead.
    from .synth import random_report, render_text

    return render_text(random_report("2021", seed=1), "lines")


@lru_cache(maxsize=1)
def seeds() -> dict[str, bytes]:
    """form → bytes of one small report in that form (forms whose writer is missing are left out)."""
    from .extract import extract
    from .read import read_bytes

    text = _sample_text()
    out: dict[str, bytes] = {"txt": text.encode("utf-8")}
    report = extract(read_bytes(out["txt"], "sample.txt"))
    out["json"] = json.dumps(report.to_json(), ensure_ascii=False).encode("utf-8")
    try:
        from .render import render

        out["md"] = render([report], "md")
        out["html"] = render([report], "html")
        out["mht"] = word_mht(out["html"])
        # a portal's API answer holding the page (ogi.read.jsonpage)
        out["jsonpage"] = json.dumps({"code": 200, "data": {"title": report.meta.title, "publishTime": "2021-01-20",
                                                            "content": out["html"].decode("utf-8")}},
                                     ensure_ascii=False).encode("utf-8")
        out["docx"] = render([report], "docx")
    except Exception:  # noqa: BLE001 - a missing extra: fewer forms
        pass
    try:
        out["pdf"] = _pdf(text)
    except Exception:  # noqa: BLE001
        pass
    try:
        out["png"] = _png(text)
    except Exception:  # noqa: BLE001
        pass
    return out


def word_mht(page: bytes, charset: str = "utf-8", pictures: dict[str, bytes] | None = None) -> bytes:
    """The page (its bytes in `charset`) saved as one file the way Word saves one (单个文件网页): a
    MIME message, Word's notice for programs that cannot show it (in the same charset), the page
    quoted-printable, its `pictures` (name → PNG) base64 in report.files/, its file list."""
    import base64
    import quopri

    boundary = "----=_NextPart_01D6F0E2.3C5A1B40"
    notice = "此文档为“单个文件网页”，也称为“Web 档案”文件。如果您看到此消息，但是您的浏览器或编辑器不支持“Web 档案”文件，请下载支持“Web 档案”的浏览器。"
    return (f'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="{boundary}"\r\n\r\n'.encode("ascii")
            + notice.encode(charset)
            + (f"\r\n\r\n--{boundary}\r\nContent-Location: file:///C:/D6F0E23C/report.htm\r\n"
               f'Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset="{charset}"\r\n\r\n'
               ).encode("ascii")
            + quopri.encodestring(page)
            + b"".join(f"\r\n\r\n--{boundary}\r\nContent-Location: file:///C:/D6F0E23C/report.files/{name}\r\n"
                       f"Content-Transfer-Encoding: base64\r\nContent-Type: image/png\r\n\r\n".encode("ascii")
                       + base64.encodebytes(png) for name, png in (pictures or {}).items())
            + (f"\r\n\r\n--{boundary}\r\nContent-Location: file:///C:/D6F0E23C/report.files/filelist.xml\r\n"
               f'Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/xml; charset="utf-8"\r\n\r\n'
               f'<xml xmlns:o=3D"urn:schemas-microsoft-com:office:office">\r\n <o:MainFile HRef=3D"../report.htm"/>\r\n'
               f"</xml>\r\n--{boundary}--\r\n").encode("ascii"))


def _pdf(text: str) -> bytes:
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    y = 800
    for line in text.splitlines()[:60]:
        c.setFont("STSong-Light", 9)
        c.drawString(30, y, line[:80])
        y -= 12
        if y < 40:
            c.showPage()
            y = 800
    c.save()
    return buf.getvalue()


def _png(text: str) -> bytes:
    import io

    from PIL import Image, ImageDraw

    img = Image.new("L", (240, 80), 255)
    d = ImageDraw.Draw(img)
    d.rectangle((5, 5, 230, 70), outline=0)
    d.text((10, 10), "2020 12 3 4 5", fill=0)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def mutate(data: bytes, rng: random.Random, others: list[bytes] | None = None) -> bytes:
    """One to four random mutations of `data`."""
    b = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        n = len(b)
        op = rng.randrange(9)
        if n == 0:
            b += rng.choice(INTERESTING)
            continue
        i = rng.randrange(n)
        if op == 0:  # bit flips
            for _ in range(rng.randint(1, 8)):
                j = rng.randrange(n)
                b[j] ^= 1 << rng.randrange(8)
        elif op == 1:  # random bytes
            b[i:i + rng.randint(1, 16)] = rng.randbytes(rng.randint(1, 16))
        elif op == 2:  # cut a chunk
            del b[i:i + rng.randint(1, max(1, n // 4))]
        elif op == 3:  # duplicate a chunk, sometimes many times
            j = min(n, i + rng.randint(1, 256))
            b[i:i] = bytes(b[i:j]) * rng.choice((1, 2, 10, 100))
        elif op == 4:  # an interesting value
            b[i:i] = rng.choice(INTERESTING) * rng.choice((1, 1, 1, 20))
        elif op == 5:  # truncate
            del b[i:]
        elif op == 6:  # replace a digit run with a big or odd number
            j = i
            while j < n and 48 <= b[j] <= 57:
                j += 1
            b[i:j] = rng.choice((b"0", b"-5", b"1e30", b"99999999999999999999", b"3.5", b"true"))
        elif op == 7 and others:  # splice with another seed
            other = rng.choice(others)
            if other:
                k = rng.randrange(len(other))
                b[i:] = other[k:k + rng.randint(1, 4096)]
        else:  # swap two chunks
            j = rng.randrange(n)
            a, c = sorted((i, j))
            b[a:c] = bytes(reversed(b[a:c]))
    return bytes(b)


def run_one(data: bytes, name: str = "fuzz", limits: Limits | None = None) -> str:
    """The bytes through `ogi parse`'s path in this process (under `limits`, the environment's
    when none are given); returns "ok" or the refusal code. Anything but an OgiError propagates:
    that is a crash."""
    from .errors import OgiError
    from .loading import reports_from_bytes

    try:
        reports_from_bytes(data, name, limits=limits)
    except OgiError as e:
        return e.code
    return "ok"
