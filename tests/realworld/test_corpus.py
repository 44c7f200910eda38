"""The corpus is built by the real converters, every output sits beside its gold, and the
benchmark runs end to end. (No assertion on OGI's accuracy here: see benchmarks/real_world.py.)"""

from __future__ import annotations

import json

import pytest

from benchmarks import real_world
from benchmarks.realworld import CONVERTERS, FAST, build_outputs, corpus_docs

from .conftest import N_DOCS

PURE_PYTHON = ("native-html", "crawler", "jsstring", "native-docx")


def _outputs_sit_beside_their_gold(root, name, n):
    conv = CONVERTERS[name]
    for i in range(n):
        out = root / name / f"r{i:05d}{conv.suffix}"
        assert out.exists() and out.stat().st_size > 200, f"{name}: {out.name} empty or missing"
        gold = json.loads((root / name / f"r{i:05d}.gold.json").read_text(encoding="utf-8"))
        assert gold == json.loads((root / "sources" / f"r{i:05d}.gold.json").read_text(encoding="utf-8"))
        assert gold["id"] == f"r{i:05d}" and gold["cells"]


def test_pure_python_converters_and_the_benchmark(tmp_path, capsys):
    skipped = build_outputs(tmp_path, 2, PURE_PYTHON, log=lambda s: None)
    assert skipped == {}
    for name in PURE_PYTHON:
        _outputs_sit_beside_their_gold(tmp_path, name, 2)
    text = (tmp_path / "crawler" / "r00000.txt").read_text(encoding="utf-8")
    assert text.startswith(("标题:", "网址:")) and "采集时间:" in text and "正文:" in text
    assert not any(ch in text.split("正文:", 1)[1] for ch in " \t\u3000\xa0")
    js = (tmp_path / "jsstring" / "r00000.html").read_text(encoding="utf-8")
    assert 'var content = "' in js and "\\u" in js and '\\"' in js and "width:" in js
    details = tmp_path / "details.jsonl"
    assert real_world.main(["--docs", "2", "--converters", ",".join(PURE_PYTHON), "--out", str(tmp_path),
                            "--details", str(details), "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "WRONG!" in out and "TOTAL" in out
    rows = [json.loads(line) for line in details.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 2 * len(PURE_PYTHON)
    assert {r["converter"] for r in rows} == set(PURE_PYTHON)
    assert all(r["cells"] in (186, 198, 200) for r in rows)


def test_corpus_docs_builds_on_demand_and_reuses(tmp_path):
    docs = corpus_docs("crawler", 3, root=tmp_path)
    assert [p.name for p, _ in docs] == ["r00000.txt", "r00001.txt", "r00002.txt"]
    assert all(g["id"] == p.name[:6] for p, g in docs)
    mtime = docs[0][0].stat().st_mtime_ns
    assert corpus_docs("crawler", 2, root=tmp_path)[0][0].stat().st_mtime_ns == mtime


def test_unknown_or_missing_converter_is_reported(tmp_path, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    skipped = build_outputs(tmp_path, 1, ["pdftotext"], log=lambda s: None)
    assert "pdftotext" in skipped and "poppler-utils" in skipped["pdftotext"]


@pytest.mark.slow
@pytest.mark.parametrize("name", FAST)
def test_each_installed_converter_makes_output(small_corpus, name):
    root, skipped = small_corpus
    if name in skipped:
        pytest.skip(f"{name}: {skipped[name]}")
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    assert not manifest["failed"].get(name), manifest["failed"][name]
    _outputs_sit_beside_their_gold(root, name, N_DOCS)


@pytest.mark.slow
def test_pdf_sources_record_their_layout(small_corpus):
    root, _ = small_corpus
    gold = json.loads((root / "sources" / "r00000.gold.json").read_text(encoding="utf-8"))
    assert gold["layout"]["pdf_pages"] >= 2
    assert set(gold["layout"]["tables_across_pages"]) <= {"active", "apply", "appeal"}
    for i in range(N_DOCS):  # every row the gold has is printed in the PDF
        gold = json.loads((root / "sources" / f"r{i:05d}.gold.json").read_text(encoding="utf-8"))
        assert gold["layout"]["missing_rows"] == []


@pytest.mark.slow
def test_ocr_converters(tmp_path):
    conv = CONVERTERS["ocr"]
    if conv.available():
        pytest.skip(conv.available())
    skipped = build_outputs(tmp_path, 1, ["ocr", "ocr-lines"], log=lambda s: None)
    assert skipped == {}
    lines = (tmp_path / "ocr" / "r00000.txt").read_text(encoding="utf-8").splitlines()
    joined = (tmp_path / "ocr-lines" / "r00000.txt").read_text(encoding="utf-8").splitlines()
    assert len(lines) > 100 and len(joined) < len(lines)
    assert any("政府信息公开" in x for x in lines)
