"""`ogi render`: inputs (documents, OGI JSON), outputs, and one-line refusals with exit code 2."""

from __future__ import annotations

import json

import pytest

from ogi.cli import main

from .conftest import GOLD, GOLD_FILES, SEEDS


def test_json_in_markdown_out(capsysbinary):
    assert main(["render", str(GOLD_FILES[0]), "--to", "md"]) == 0
    out = capsysbinary.readouterr().out.decode()
    assert out.startswith("# ") and "## 三、收到和处理政府信息公开申请情况" in out


def test_a_seed_document_in(tmp_path):
    seed = sorted(SEEDS.glob("*.txt"))[0]
    out = tmp_path / "r.json"
    assert main(["render", str(seed), "--to", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    gold = json.loads((GOLD / f"{seed.stem}.json").read_text(encoding="utf-8"))
    assert data["cells"] == gold["cells"]
    assert data["meta"]["source"] == seed.name


def test_many_reports_into_one_xlsx(tmp_path):
    out = tmp_path / "all.xlsx"
    assert main(["render", *map(str, GOLD_FILES), "--to", "xlsx", "-o", str(out)]) == 0
    from openpyxl import load_workbook

    ws = load_workbook(out, read_only=True).worksheets[0]
    assert sum(1 for _ in ws.iter_rows()) == 1 + len(GOLD_FILES)


def test_many_reports_into_a_directory(tmp_path):
    assert main(["render", *map(str, GOLD_FILES), "--to", "docx", "-o", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f"{p.stem}.docx" for p in GOLD_FILES)


def test_many_reports_need_a_directory(capsys):
    assert main(["render", *map(str, GOLD_FILES[:2]), "--to", "html"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "需要用 -o 指定目录" in err and err.rstrip().endswith("[render.need_output_dir]")


def test_an_output_that_cannot_be_written_is_one_line_with_its_code(capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["render", str(GOLD_FILES[0]), "--to", "html", "-o", str(blocker / "out.html")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "无法写入" in err and err.rstrip().endswith("[render.io]")


def test_unreadable_input_is_one_line(capsys, tmp_path):
    assert main(["render", str(tmp_path / "nope.docx"), "--to", "md"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nope.docx" in err and "[read.io]" in err


def test_json_without_a_report_is_refused(capsys, tmp_path):
    p = tmp_path / "x.json"
    p.write_text('{"hello": 1}', encoding="utf-8")
    assert main(["render", str(p), "--to", "md"]) == 2
    assert "JSON 中没有报告" in capsys.readouterr().err


def test_pdf_without_libreoffice_says_so(capsys, monkeypatch):
    import ogi.render.pdf as pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    assert main(["render", str(GOLD_FILES[0]), "--to", "pdf", "-o", "/dev/null"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("未找到 LibreOffice（soffice）") and "LibreOffice (soffice) not found" in err
    assert "[render.pdf.no_libreoffice]" in err


@pytest.mark.parametrize("to", ["docx", "pdf", "xlsx"])
def test_binary_forms_are_not_written_to_a_terminal(capsys, monkeypatch, to):
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    import ogi.render.pdf as pdf

    monkeypatch.setattr(pdf, "render_pdf", lambda r, style=None: b"%PDF-")
    assert main(["render", str(GOLD_FILES[0]), "--to", to]) == 2
    assert "-o" in capsys.readouterr().err
