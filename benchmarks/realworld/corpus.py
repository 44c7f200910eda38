"""Build (or reuse) the corpus on disk.

    DIR/manifest.json                generator version, documents built, converters and their status
    DIR/sources/r00042.docx|pdf|html the published documents (ogi.render; the web page of sources.py)
    DIR/sources/r00042.gold.json     the gold: CELLS.md meta and cells, deviations, planted errors
    DIR/<converter>/r00042.<suffix>  what the converter made of the document
    DIR/<converter>/r00042.gold.json the same gold, beside it (a hard link where possible)

Everything is written once: a second call with the same or a smaller N only converts what is
missing. A corpus made by another GENERATOR_VERSION is deleted and built again.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from ogi import formats
from ogi.formats import normalize_label

from .cases import GENERATOR_VERSION, make_case
from .converters import CONVERTERS, DOCX, HTML, PDF
from .sources import docx_bytes, pdf_batch, web_page

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DIR = Path(os.environ.get("OGI_REALWORLD_DIR", ROOT / "benchmarks" / "_data" / "realworld"))
SOURCE_SUFFIX = {PDF: ".pdf", DOCX: ".docx", HTML: ".html"}
PDF_CHUNK = 25  # documents per LibreOffice start

Log = Callable[[str], None]


def doc_id(i: int) -> str:
    return f"r{i:05d}"


def _manifest(root: Path) -> dict:
    path = root / "manifest.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return {}


def _save_manifest(root: Path, manifest: dict) -> None:
    tmp = root / "manifest.json.tmp"
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(root / "manifest.json")


def _reset_if_stale(root: Path, log: Log) -> dict:
    manifest = _manifest(root)
    if manifest and manifest.get("generator") != GENERATOR_VERSION:
        log(f"corpus in {root} was made by generator {manifest.get('generator')}, now {GENERATOR_VERSION}: rebuilding")
        for child in root.iterdir():
            if child.is_dir() and (child.name == "sources" or child.name in CONVERTERS or child.name == "ocr-boxes"):
                shutil.rmtree(child)
        (root / "manifest.json").unlink()
        manifest = {}
    manifest.setdefault("generator", GENERATOR_VERSION)
    manifest.setdefault("converters", {})
    manifest.setdefault("failed", {})
    return manifest


def _page_texts(pdf: bytes) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def pdf_layout(pdf: bytes, fmt_id: str, collapsed: bool = False) -> dict:
    """Pages, which tables run across a page break (their first and last row labels on different
    pages), and the table rows whose label the PDF does not show at all (`missing_rows`: LibreOffice
    drops table-3 rows when the table starts at the foot of a page)."""
    pages = [normalize_label(t) for t in _page_texts(pdf)]
    text = "".join(pages)

    def page_of(word: str, after: int = 0) -> int | None:
        for i in range(after, len(pages)):
            if word in pages[i]:
                return i
        return None

    fmt = formats.get(fmt_id)
    across = []
    missing = []
    for table in fmt.tables:
        keys = []
        for r in table.rows:
            if table.id == "apply" and r.group == "other" and collapsed:
                continue
            key = r.keys[0] if r.keys else r.exact[0] if r.exact else None
            if key:
                keys.append(key)
                if key not in text:
                    missing.append(r.id)
        if len(keys) >= 2:
            a = page_of(keys[0])
            b = page_of(keys[-1], a or 0)
            if a is not None and b is not None and b > a:
                across.append(table.id)
    return {"pdf_pages": len(pages), "tables_across_pages": across, "missing_rows": missing}


def build_sources(root: Path, n: int, pdf: bool = True, log: Log = print) -> None:
    """DOCX, web page and gold for documents 0..n-1; PDFs (LibreOffice) only when `pdf`."""
    src = root / "sources"
    src.mkdir(parents=True, exist_ok=True)
    cases = {}
    made = 0
    for i in range(n):
        did = doc_id(i)
        if (src / f"{did}.gold.json").exists():
            continue
        case = cases[did] = make_case(i)
        (src / f"{did}.docx").write_bytes(docx_bytes(case.report))
        page, _body = web_page(case.report, i)
        (src / f"{did}.html").write_text(page, encoding="utf-8")
        _write_gold(src / f"{did}.gold.json", case.gold())
        made += 1
    if made:
        log(f"  sources: {made} documents made (DOCX, web page, gold)")
    if not pdf:
        return
    pending = [doc_id(i) for i in range(n) if not (src / f"{doc_id(i)}.pdf").exists()]
    for k in range(0, len(pending), PDF_CHUNK):
        chunk = [cases.get(did) or make_case(int(did[1:])) for did in pending[k:k + PDF_CHUNK]]
        t = time.time()
        pdfs = pdf_batch([c.report for c in chunk])
        for case, data in zip(chunk, pdfs, strict=True):
            (src / f"{case.doc_id}.pdf").write_bytes(data)
        log(f"  sources: {min(k + PDF_CHUNK, len(pending))}/{len(pending)} PDFs rendered "
            f"({(time.time() - t) / len(chunk):.2f} s/doc)")
    for i in range(n):
        did = doc_id(i)
        gold_path = src / f"{did}.gold.json"
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if "missing_rows" in gold.get("layout", {}):
            continue
        gold["layout"] = pdf_layout((src / f"{did}.pdf").read_bytes(), gold["meta"]["template"],
                                    "collapsed_other" in gold["deviations"])
        if gold["layout"]["missing_rows"]:
            gold = _rerender(root, i, gold, log)
        _write_gold(gold_path, gold)  # in place: the hard links beside the outputs follow


def _rerender(root: Path, i: int, gold: dict, log: Log) -> dict:
    """LibreOffice dropped table rows from this PDF: move the page break (more or fewer narrative
    paragraphs, the same values), render every source of the document again and drop what the
    converters made of the old one."""
    did = doc_id(i)
    src = root / "sources"
    lost = gold["layout"]["missing_rows"]
    for shift in (1, 2, 3, 4, 5):
        case = make_case(i, shift)
        data = pdf_batch([case.report])[0]
        layout = pdf_layout(data, case.report.meta.template, "collapsed_other" in case.deviations)
        if not layout["missing_rows"]:
            break
    (src / f"{did}.pdf").write_bytes(data)
    (src / f"{did}.docx").write_bytes(docx_bytes(case.report))
    (src / f"{did}.html").write_text(web_page(case.report, i)[0], encoding="utf-8")
    new = case.gold()
    new["layout"] = layout
    new["rerendered"] = {"shift": shift, "rows_lost_before": lost}
    assert new["cells"] == gold["cells"], "a narrative shift must not change a value"
    for d in root.iterdir():
        if d.is_dir() and d.name != "sources":
            for f in d.glob(f"{did}.*"):
                if not f.name.endswith(".gold.json"):
                    f.unlink()
    log(f"  {did}: LibreOffice dropped {len(lost)} table rows at a page break; rendered again with "
        f"narrative shift {shift} ({'complete' if not layout['missing_rows'] else 'STILL INCOMPLETE'})")
    return new


def _pdf_incomplete(root: Path, did: str) -> bool:
    gold = json.loads((root / "sources" / f"{did}.gold.json").read_text(encoding="utf-8"))
    return bool(gold.get("layout", {}).get("missing_rows"))


def _write_gold(path: Path, gold: dict) -> None:
    path.write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")


def _link(src: Path, dst: Path) -> None:
    if dst.exists():
        return
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def _convert_one(name: str, src: str, out: str) -> tuple[str, str, str | None, float]:
    t = time.time()
    try:
        CONVERTERS[name].convert(Path(src), Path(out))  # type: ignore[misc]
        return name, out, None, time.time() - t
    except Exception as e:  # a converter that fails on a document: recorded, never faked
        Path(out).unlink(missing_ok=True)
        return name, out, f"{type(e).__name__}: {e}"[:300], time.time() - t


def _niced() -> None:
    try:
        os.nice(10)
    except OSError:
        pass


def build_outputs(root: Path, n: int, names: Iterable[str], jobs: int = 2, limits: dict[str, int] | None = None,
                  log: Log = print) -> dict[str, str]:
    """Run each converter over documents 0..n-1 (fewer where `limits` says so). Returns the
    converters skipped, with the reason."""
    names = list(names)
    manifest = _reset_if_stale(root, log)
    build_sources(root, n, pdf=any(CONVERTERS[x].source == PDF and not CONVERTERS[x].available() for x in names),
                  log=log)
    skipped: dict[str, str] = {}
    tasks: list[tuple[str, Path, Path]] = []
    batch: dict[str, list[tuple[Path, Path]]] = {}
    slow: list[tuple[str, Path, Path]] = []
    for name in names:
        conv = CONVERTERS[name]
        reason = conv.available()
        if reason:
            skipped[name] = reason
            manifest["converters"][name] = {"status": "skipped", "reason": reason}
            continue
        outdir = root / name
        outdir.mkdir(exist_ok=True)
        count = min(n, (limits or {}).get(name, n))
        failed = manifest["failed"].setdefault(name, {})
        for i in range(count):
            did = doc_id(i)
            src = root / "sources" / f"{did}{SOURCE_SUFFIX[conv.source]}"
            out = outdir / f"{did}{conv.suffix}"
            _link(root / "sources" / f"{did}.gold.json", outdir / f"{did}.gold.json")
            if out.exists() or did in failed:
                continue
            if conv.source == PDF and _pdf_incomplete(root, did):
                failed[did] = "the rendered PDF lacks table rows (LibreOffice); not scored"
                continue
            if conv.batch is not None:
                batch.setdefault(name, []).append((src, out))
            elif conv.slow:
                slow.append((name, src, out))
            else:
                tasks.append((name, src, out))
        manifest["converters"][name] = {"status": "ok", "docs": count, "source": conv.source,
                                        "suffix": conv.suffix, "slow": conv.slow, "note": conv.note}
    _save_manifest(root, manifest)
    times: dict[str, list[float]] = {}

    def record(name: str, out: str, err: str | None, secs: float) -> None:
        times.setdefault(name, []).append(secs)
        if err:
            manifest["failed"][name][Path(out).name.split(".")[0]] = err
            log(f"  {name}: {Path(out).name} failed: {err}")

    for name, pairs in batch.items():
        t = time.time()
        CONVERTERS[name].batch(pairs)  # type: ignore[misc]
        for _src, out in pairs:
            if not out.exists():
                record(name, str(out), "no output", 0)
        log(f"  {name}: {len(pairs)} documents ({(time.time() - t) / len(pairs):.2f} s/doc)")
    if tasks:
        t = time.time()
        with ProcessPoolExecutor(max_workers=max(1, jobs), initializer=_niced) as pool:
            futures = [pool.submit(_convert_one, name, str(src), str(out)) for name, src, out in tasks]
            for k, fut in enumerate(as_completed(futures), 1):
                record(*fut.result())
                if k % 500 == 0:
                    log(f"  converted {k}/{len(tasks)} ({time.time() - t:.0f} s)")
        for name, secs in sorted(times.items()):
            log(f"  {name}: {len(secs)} documents ({sum(secs) / len(secs):.2f} s/doc)")
    if slow:
        # OCR uses several threads itself: one process at a time, niced.
        t = time.time()
        with ProcessPoolExecutor(max_workers=1, initializer=_niced) as pool:
            futures = [pool.submit(_convert_one, name, str(src), str(out)) for name, src, out in slow]
            for k, fut in enumerate(as_completed(futures), 1):
                record(*fut.result())
                if k % 5 == 0:
                    log(f"  slow converters: {k}/{len(slow)} ({time.time() - t:.0f} s)")
    manifest["docs"] = max(n, manifest.get("docs", 0))
    _save_manifest(root, manifest)
    return skipped


def corpus_docs(converter: str, n: int, root: Path | None = None, log: Log = lambda s: None) -> list[tuple[Path, dict]]:
    """(converter output, gold) for the first `n` documents, building whatever is missing.

    For the lead's accuracy tests: `for path, gold in corpus_docs("pdftotext-layout", 20): ...`.
    Raises RuntimeError naming the reason when the converter is not installed.
    """
    root = Path(root) if root else DEFAULT_DIR
    root.mkdir(parents=True, exist_ok=True)
    skipped = build_outputs(root, n, [converter], log=log)
    if converter in skipped:
        raise RuntimeError(f"{converter}: {skipped[converter]}")
    conv = CONVERTERS[converter]
    out = []
    for i in range(n):
        path = root / converter / f"{doc_id(i)}{conv.suffix}"
        if path.exists():
            out.append((path, json.loads((root / converter / f"{doc_id(i)}.gold.json").read_text(encoding="utf-8"))))
    return out
