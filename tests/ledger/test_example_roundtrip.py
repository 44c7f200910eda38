"""The issue's acceptance path: `ogi compose` + `ogi render --to docx` → a report `ogi check` passes."""

from __future__ import annotations

import pytest

from ogi.cli import main

from .conftest import EXAMPLE


@pytest.mark.parametrize("year,published", [(2024, "2025-01-22"), (2025, "2026-01-20")])
def test_compose_render_check(tmp_path, capsys, year, published):
    pytest.importorskip("docx")
    report, docx = tmp_path / f"r{year}.json", tmp_path / f"r{year}.docx"
    assert main(["compose", str(EXAMPLE), "--year", str(year), "--published", published, "-o", str(report)]) == 0
    assert main(["render", "--to", "docx", "-o", str(docx), str(report)]) == 0
    code = main(["check", str(docx)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "错误0" in out
