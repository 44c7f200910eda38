"""The converters the wild uses, each run for real on the documents (never imitated).

A converter takes one source document (`pdf`, `docx` or the web page `html`) and writes what the
tool outputs. `available()` returns None when the tool is there, else the reason it is skipped
(printed, never faked). Python tools are the `realworld` extra of pyproject.toml; command-line
tools are Debian packages (poppler-utils, pandoc, libreoffice-writer-nogui).

Hand-written converters (`crawler`, `jsstring`) imitate no tool: they are what a scraper stores
(the page's text with every tag and whitespace gone, plus its own field lines) and what a site
serves when it injects the report from a JavaScript string; both are documented forms of the
pages OGI is given.
"""

from __future__ import annotations

import importlib.util
import json
import random
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PDF, DOCX, HTML = "pdf", "docx", "html"


@dataclass(frozen=True)
class Converter:
    name: str
    source: str  # PDF, DOCX or HTML
    suffix: str  # of the output file
    convert: Callable[[Path, Path], None] | None  # one document; None for batch-only converters
    needs: tuple[str, ...] = ()  # Python modules or "cmd:<program>"
    slow: bool = False
    batch: Callable[[list[tuple[Path, Path]]], None] | None = None  # many documents in one run
    note: str = ""

    def available(self) -> str | None:
        for need in self.needs:
            if need.startswith("cmd:"):
                if shutil.which(need[4:]) is None:
                    return f"command {need[4:]} not found (Debian: {DEBIAN.get(need[4:], '?')})"
            elif importlib.util.find_spec(need) is None:
                return f"Python module {need} not installed (pip install -e '.[realworld]')"
        return None


DEBIAN = {"pdftotext": "poppler-utils", "pdftoppm": "poppler-utils", "pandoc": "pandoc",
          "soffice": "libreoffice-writer-nogui", "chromium": "chromium",
          "tesseract": "tesseract-ocr tesseract-ocr-chi-sim"}


def _run(cmd: list[str], timeout: float = 120) -> None:
    subprocess.run(cmd, check=True, capture_output=True, timeout=timeout)


# -- identity: the document as published, read by OGI's own readers --------------------------------

def _copy(src: Path, out: Path) -> None:
    shutil.copyfile(src, out)


# -- poppler -------------------------------------------------------------------------------------

def _pdftotext(*flags: str) -> Callable[[Path, Path], None]:
    def convert(src: Path, out: Path) -> None:
        _run(["pdftotext", "-enc", "UTF-8", *flags, str(src), str(out)])
    return convert


# -- markitdown, pymupdf4llm ---------------------------------------------------------------------

_MARKITDOWN = None


def _markitdown(src: Path, out: Path) -> None:
    global _MARKITDOWN
    if _MARKITDOWN is None:
        from markitdown import MarkItDown

        _MARKITDOWN = MarkItDown(enable_plugins=False)
    out.write_text(_MARKITDOWN.convert(str(src)).text_content, encoding="utf-8")


def _pymupdf4llm(src: Path, out: Path) -> None:
    import pymupdf4llm

    out.write_text(pymupdf4llm.to_markdown(str(src)), encoding="utf-8")


# -- HTML → text ----------------------------------------------------------------------------------

def _html2text(src: Path, out: Path) -> None:
    import html2text

    out.write_text(html2text.html2text(src.read_text(encoding="utf-8")), encoding="utf-8")


def _trafilatura(src: Path, out: Path) -> None:
    import trafilatura

    text = trafilatura.extract(src.read_text(encoding="utf-8"), include_tables=True)
    out.write_text(text or "", encoding="utf-8")


# -- DOCX → text ----------------------------------------------------------------------------------

def _pandoc(to: str) -> Callable[[Path, Path], None]:
    def convert(src: Path, out: Path) -> None:
        _run(["pandoc", "-f", "docx", "-t", to, str(src), "-o", str(out)])
    return convert


def _mammoth(kind: str) -> Callable[[Path, Path], None]:
    def convert(src: Path, out: Path) -> None:
        import mammoth

        with open(src, "rb") as f:
            result = mammoth.convert_to_html(f) if kind == "html" else mammoth.convert_to_markdown(f)
        out.write_text(result.value, encoding="utf-8")
    return convert


def _soffice_batch(target: str, suffix: str) -> Callable[[list[tuple[Path, Path]]], None]:
    """LibreOffice's export (`soffice --headless --convert-to TARGET`), many files per start."""
    def convert(pairs: list[tuple[Path, Path]]) -> None:
        with tempfile.TemporaryDirectory(prefix="ogi-rw-lo-") as tmp:
            profile = Path(tmp) / "profile"
            outdir = Path(tmp) / "out"
            for i in range(0, len(pairs), 40):
                chunk = pairs[i:i + 40]
                _run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                      "--convert-to", target, "--outdir", str(outdir), *[str(s) for s, _ in chunk]], timeout=600)
                for src, out in chunk:
                    made = outdir / (src.stem + suffix)
                    if made.exists():
                        shutil.move(made, out)
    return convert


soffice_txt_batch = _soffice_batch("txt:Text (encoded):UTF8", ".txt")
# Writer's "save as web page" (HTML (StarWriter)): the DOCX as a saved Word page, LibreOffice's way.
soffice_html_batch = _soffice_batch("html:HTML (StarWriter)", ".html")


def _soffice_txt(src: Path, out: Path) -> None:
    soffice_txt_batch([(src, out)])


def _soffice_html(src: Path, out: Path) -> None:
    soffice_html_batch([(src, out)])


# -- OCR: page images through rapidocr --------------------------------------------------------------

_OCR = None


def ocr_boxes(src: Path, dpi: int = 200) -> list[list[dict]]:
    """Per page, rapidocr's boxes in its own order: {"box": [[x, y] * 4], "text", "score"}."""
    global _OCR
    if _OCR is None:
        from rapidocr_onnxruntime import RapidOCR

        _OCR = RapidOCR()
    pages = []
    with tempfile.TemporaryDirectory(prefix="ogi-rw-ocr-") as tmp:
        _run(["pdftoppm", "-r", str(dpi), "-png", str(src), f"{tmp}/page"], timeout=300)
        for png in sorted(Path(tmp).glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
            result, _ = _OCR(str(png))
            pages.append([{"box": [[round(float(x)), round(float(y))] for x, y in box], "text": text,
                           "score": round(float(score), 3)} for box, text, score in (result or [])])
    return pages


def _boxes_cached(src: Path, out: Path) -> list[list[dict]]:
    cache = out.parent.parent / "ocr-boxes" / (src.stem + ".json")
    if cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    pages = ocr_boxes(src)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(pages, ensure_ascii=False), encoding="utf-8")
    return pages


def ocr_text(pages: list[list[dict]]) -> str:
    """One box per line, in the order rapidocr returns them (what its demo and most pipelines print)."""
    return "\n".join(b["text"] for page in pages for b in page) + "\n"


def ocr_line_text(pages: list[list[dict]]) -> str:
    """Boxes grouped into visual lines (centres within half a box height), left to right, joined by
    a space: the text form of line-based OCR tools."""
    out = []
    for page in pages:
        boxes = sorted(page, key=lambda b: (b["box"][0][1] + b["box"][2][1]) / 2)
        lines: list[list[dict]] = []
        for b in boxes:
            cy = (b["box"][0][1] + b["box"][2][1]) / 2
            h = max(1, b["box"][2][1] - b["box"][0][1])
            if lines:
                last = lines[-1][-1]
                ly = (last["box"][0][1] + last["box"][2][1]) / 2
                if abs(cy - ly) < h / 2:
                    lines[-1].append(b)
                    continue
            lines.append([b])
        for line in lines:
            out.append(" ".join(b["text"] for b in sorted(line, key=lambda b: b["box"][0][0])))
    return "\n".join(out) + "\n"


def _ocr(src: Path, out: Path) -> None:
    out.write_text(ocr_text(_boxes_cached(src, out)), encoding="utf-8")


def _ocr_lines(src: Path, out: Path) -> None:
    out.write_text(ocr_line_text(_boxes_cached(src, out)), encoding="utf-8")


def _tesseract(*flags: str) -> Callable[[Path, Path], None]:
    """A second OCR engine with errors of its own: pdftoppm 200 dpi → Tesseract (chi_sim; its
    default page segmentation, or `--psm 6`, one block of text: tables kept row by row, as
    pipelines that OCR forms set it), the pages' text one after another, as Tesseract prints it."""
    def convert(src: Path, out: Path) -> None:
        with tempfile.TemporaryDirectory(prefix="ogi-rw-tess-") as tmp:
            _run(["pdftoppm", "-r", "200", "-gray", "-png", str(src), f"{tmp}/page"], timeout=300)
            text = []
            for png in sorted(Path(tmp).glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
                done = subprocess.run(["tesseract", str(png), "-", "-l", "chi_sim", *flags], check=True,
                                      capture_output=True, timeout=300,
                                      env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"})
                text.append(done.stdout.decode("utf-8", "replace"))
        out.write_text("".join(text), encoding="utf-8")
    return convert


# -- what scrapers store ---------------------------------------------------------------------------

def _page_fields(page: str) -> dict[str, str]:
    title = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    info = re.search(r'<div class="info">(.*?)</div>', page, re.S)
    text = re.sub(r"<[^>]+>", "", info.group(1)) if info else ""
    date = re.search(r"发布日期：(\S+)", text)
    source = re.search(r"来源：(\S+)", text)
    return {"title": title.group(1) if title else "", "date": date.group(1) if date else "",
            "source": source.group(1) if source else ""}


def _article(page: str) -> str:
    m = re.search(r'<div class="TRS_Editor" id="zoom">(.*)</div>\s*<div class="share">', page, re.S)
    return m.group(1) if m else page


def flatten(html: str, split_blocks: bool) -> str:
    """The text of an HTML fragment the way a scraper keeps it: tags stripped, all whitespace
    (also &nbsp;) removed, so table cells run together; with `split_blocks`, each paragraph and
    each table on a line of its own, else everything on one line."""
    import html as htmllib

    if split_blocks:
        html = re.sub(r"</p>|</table>|<br\s*/?>", "\n", html)
    text = htmllib.unescape(re.sub(r"<[^>]+>", "", html))
    lines = [re.sub(r"\s+", "", line) for line in text.split("\n")]
    return "\n".join(x for x in lines if x)


def _crawler(src: Path, out: Path) -> None:
    page = src.read_text(encoding="utf-8")
    rng = random.Random(src.stem)
    f = _page_fields(page)
    body = flatten(_article(page), split_blocks=rng.random() < 0.5)
    stamp = f"2024-05-{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    head = [f"标题:{f['title']}", f"发布日期:{f['date']}", f"来源:{f['source']}", f"采集时间:{stamp}"]
    if rng.random() < 0.3:  # the URL line many crawlers keep
        head.insert(0, f"网址:http://www.example.gov.cn/zwgk/ndbg/{src.stem}.html")
    out.write_text("\n".join(head) + "\n正文:" + body + "\n", encoding="utf-8")


def _jsstring(src: Path, out: Path) -> None:
    """The report injected by a script: `var content = "<table style=\\"width:57px\\">…";`."""
    page = src.read_text(encoding="utf-8")
    rng = random.Random("js" + src.stem)
    body = _article(page)
    body = re.sub(r"(</p>|</tr>|<table[^>]*>|</table>)", r"\1\n", body)
    literal = json.dumps(body, ensure_ascii=True)  # \" \n \uXXXX
    if rng.random() < 0.5:
        literal = literal.replace("</", "<\\/")
    f = _page_fields(page)
    title = json.dumps(f["title"], ensure_ascii=False)
    js = (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + f["title"] + "</title>\n"
        "<script type=\"text/javascript\" src=\"/js/jquery.min.js\"></script></head>\n<body>\n"
        "<div class=\"top\"><a href=\"/\">首页</a> | <a href=\"/zwgk/\">政务公开</a></div>\n"
        "<div class=\"article\"><div class=\"tit\" id=\"title\"></div><div class=\"info\" id=\"info\"></div>"
        "<div id=\"zoom\"></div></div>\n"
        "<script type=\"text/javascript\">\n"
        f"var title = {title};\n"
        f"var pubDate = \"{f['date']}\";\n"
        f"var content = {literal};\n"
        "document.getElementById(\"title\").innerHTML = title;\n"
        "document.getElementById(\"info\").innerHTML = \"发布日期：\" + pubDate;\n"
        "document.getElementById(\"zoom\").innerHTML = content;\n"
        "</script>\n<div class=\"footer\">主办单位：政府办公室 ICP备10000440号</div>\n</body></html>\n"
    )
    out.write_text(js, encoding="utf-8")


def scan_pdf(text_pdf: bytes, dpi: int = 200) -> bytes:
    """The PDF printed and scanned: each page a grayscale image at `dpi`, no text layer; OGI reads
    it with its own OCR (rapidocr, ruling found in the image)."""
    import io

    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(text_pdf)
    try:
        images = []
        for i in range(len(pdf)):
            page = pdf[i]
            images.append(page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L"))
            page.close()
    finally:
        pdf.close()
    buf = io.BytesIO()
    images[0].save(buf, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return buf.getvalue()


def _scan(src: Path, out: Path) -> None:
    out.write_bytes(scan_pdf(src.read_bytes()))


CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync")


def _chromium_pdf(src: Path, out: Path) -> None:
    """The web page printed to PDF by a browser (Debian's chromium, no header or footer): a second
    PDF generator, whose tables split a row across pages without a rule at the cut."""
    with tempfile.TemporaryDirectory(prefix="ogi-rw-chromium-") as profile:
        _run([shutil.which("chromium") or "chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
              "--no-pdf-header-footer", f"--print-to-pdf={out}", src.resolve().as_uri()])
    if not out.exists():
        raise RuntimeError(f"chromium printed no PDF for {src}")


def chromium_mhtml_batch(pairs: list[tuple[Path, Path]]) -> None:
    """The web page saved as one file by a browser (Chromium's 网页，单个文件, .mhtml): the page
    and its parts in a MIME message, quoted-printable, with the browser's save time in `Date:`.
    Driven by Playwright over the DevTools protocol (Page.captureSnapshot, what "Save as" runs)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                    args=list(CHROMIUM_FLAGS))
        try:
            page = browser.new_page()
            cdp = page.context.new_cdp_session(page)
            for src, out in pairs:
                page.goto(src.resolve().as_uri())
                out.write_text(cdp.send("Page.captureSnapshot", {"format": "mhtml"})["data"], encoding="utf-8",
                               newline="")
        finally:
            browser.close()


def _chromium_mhtml(src: Path, out: Path) -> None:
    chromium_mhtml_batch([(src, out)])


CONVERTERS: dict[str, Converter] = {c.name: c for c in (
    Converter("native-pdf", PDF, ".pdf", _copy, note="the PDF itself (OGI's PDF reader)"),
    Converter("native-docx", DOCX, ".docx", _copy, note="the DOCX itself (OGI's DOCX reader)"),
    Converter("native-html", HTML, ".html", _copy, note="the web page itself (OGI's HTML reader)"),
    Converter("chromium-pdf", HTML, ".pdf", _chromium_pdf, ("cmd:chromium",),
              note="the web page printed to PDF by chromium (OGI's PDF reader)"),
    Converter("chromium-mhtml", HTML, ".mhtml", _chromium_mhtml, ("playwright", "cmd:chromium"),
              batch=chromium_mhtml_batch, note="the web page saved as one file by chromium (MHTML)"),
    Converter("pdftotext", PDF, ".txt", _pdftotext(), ("cmd:pdftotext",)),
    Converter("pdftotext-layout", PDF, ".txt", _pdftotext("-layout"), ("cmd:pdftotext",)),
    Converter("pdftotext-raw", PDF, ".txt", _pdftotext("-raw"), ("cmd:pdftotext",)),
    Converter("markitdown-pdf", PDF, ".md", _markitdown, ("markitdown", "pdfminer")),
    Converter("markitdown-docx", DOCX, ".md", _markitdown, ("markitdown", "mammoth")),
    Converter("markitdown-html", HTML, ".md", _markitdown, ("markitdown", "markdownify")),
    Converter("pymupdf4llm", PDF, ".md", _pymupdf4llm, ("pymupdf4llm", "pymupdf")),
    Converter("html2text", HTML, ".md", _html2text, ("html2text",)),
    Converter("trafilatura", HTML, ".txt", _trafilatura, ("trafilatura",)),
    Converter("pandoc-md", DOCX, ".md", _pandoc("markdown"), ("cmd:pandoc",)),
    Converter("pandoc-plain", DOCX, ".txt", _pandoc("plain"), ("cmd:pandoc",)),
    Converter("mammoth-html", DOCX, ".html", _mammoth("html"), ("mammoth",)),
    Converter("mammoth-md", DOCX, ".md", _mammoth("md"), ("mammoth",)),
    Converter("soffice-txt", DOCX, ".txt", _soffice_txt, ("cmd:soffice",), batch=soffice_txt_batch),
    Converter("soffice-html", DOCX, ".html", _soffice_html, ("cmd:soffice",), batch=soffice_html_batch,
              note="the DOCX saved as a web page by LibreOffice"),
    Converter("crawler", HTML, ".txt", _crawler, note="tags stripped, whitespace removed, crawler field lines"),
    Converter("jsstring", HTML, ".html", _jsstring, note="report HTML inside a JavaScript string"),
    Converter("scan", PDF, ".pdf", _scan, ("pypdfium2", "rapidocr_onnxruntime"), slow=True,
              note="the PDF's pages as 200 dpi images (a scan), read by OGI's own OCR"),
    Converter("ocr", PDF, ".txt", _ocr, ("rapidocr_onnxruntime", "cmd:pdftoppm"), slow=True,
              note="pdftoppm 200 dpi → rapidocr, one box per line"),
    Converter("tesseract", PDF, ".txt", _tesseract(), ("cmd:tesseract", "cmd:pdftoppm"), slow=True,
              note="pdftoppm 200 dpi → Tesseract chi_sim, its page text"),
    Converter("tesseract-block", PDF, ".txt", _tesseract("--psm", "6"), ("cmd:tesseract", "cmd:pdftoppm"),
              slow=True, note="the same, Tesseract reading each page as one block (--psm 6)"),
    Converter("ocr-lines", PDF, ".txt", _ocr_lines, ("rapidocr_onnxruntime", "cmd:pdftoppm"), slow=True,
              note="the same OCR boxes grouped into visual lines"),
)}

FAST = tuple(n for n, c in CONVERTERS.items() if not c.slow)
