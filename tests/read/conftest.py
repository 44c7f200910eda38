"""Session fixtures: every seed report generated once per format (expensive ones lazily)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from . import generate as g

SEEDS = [p.stem for p in g.gold_files()]
# Extensions deliberately not matching the content for some variants: the reader is picked by
# magic bytes, not by file name.
FAST_VARIANTS = {
    "html_plain": ".html",
    "html_word": ".htm",
    "html_gbk": ".txt",
    "html_script": ".html",
    "mht_word": ".mht",
    "docx": ".docx",
    "pdf_grid": ".pdf",
    "pdf_shaded": ".bin",
    "pdf_landscape": ".pdf",
    "pdf_open": ".pdf",
}
# Variants whose tables are ruled grids (a 三线表 has no vertical lines to rebuild cells from).
GRID_VARIANTS = [v for v in FAST_VARIANTS if v != "pdf_open"]
# One table style per seed for the scans, so every style is scanned at least once.
SCAN_STYLE = {seed: g.PDF_STYLES[i % 3] for i, seed in enumerate(SEEDS)}


class Corpus:
    def __init__(self, root: Path):
        self.root = root
        self.specs = {p.stem: g.build_spec(p) for p in g.gold_files()}
        self._cache: dict[tuple[str, str], Path] = {}

    def path(self, seed: str, variant: str) -> Path:
        key = (seed, variant)
        if key not in self._cache:
            spec = self.specs[seed]
            if variant in g.HTML_WRITERS:
                data = g.HTML_WRITERS[variant](spec)
            elif variant == "docx":
                data = g.docx_bytes(spec)
            elif variant.startswith("pdf_"):
                data = g.pdf_bytes(spec, variant[4:])
            elif variant in ("doc", "odt"):
                data = g.doc_bytes(spec, self.root, variant)
            elif variant == "scan":
                data = g.scan_pdf_bytes(g.pdf_bytes(spec, SCAN_STYLE[seed]))
            else:
                raise KeyError(variant)
            ext = FAST_VARIANTS.get(variant, {"doc": ".doc", "odt": ".odt", "scan": ".pdf"}.get(variant, ".bin"))
            path = self.root / f"{seed}.{variant}{ext}"
            path.write_bytes(data)
            self._cache[key] = path
        return self._cache[key]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Corpus:
    return Corpus(tmp_path_factory.mktemp("read-corpus"))


@pytest.fixture(scope="session")
def soffice() -> str:
    path = shutil.which("soffice")
    if path is None:
        pytest.fail("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    return path
