"""Markdown as docling exports it: a spanning cell repeated into every column it spans, so the
figure of a value cell spanning two columns (2019 table 2's 本年增/减, 采购总金额) is printed
twice. It is one figure; two different figures under such a header are not a repeat, and stay
OGI's doubt."""

from __future__ import annotations

import pytest

from ogi import synth
from ogi.extract import extract
from ogi.read import read_bytes

from . import generate as g


@pytest.mark.parametrize("fmt, seed", [("2019", 21), ("2019", 22), ("2021", 23)])
def test_figures_repeated_into_the_columns_of_their_spanning_cell_are_one(tmp_path, fmt, seed):
    spec, gold = g.spec_of_report(synth.random_report(fmt, seed, busy=0.8), tmp_path)
    text = g.markdown_docling(spec)
    assert "| 本年增/减 | 本年增/减 |" in text.decode() or fmt == "2021"
    cells = extract(read_bytes(text, "docling.md")).cells
    wrong = {c: (v, cells[c].value if c in cells else "missing") for c, v in gold["cells"].items()
             if c not in cells or cells[c].value != v or cells[c].uncertain}
    assert not wrong, wrong


def test_different_figures_under_a_repeated_header_are_no_repeat(tmp_path):
    spec, gold = g.spec_of_report(synth.random_report("2019", 21, busy=0.8), tmp_path)
    text = g.markdown_docling(spec).decode()
    fees = next(line for line in text.splitlines() if line.startswith("| 行政事业性收费 |"))
    figures = [c.strip() for c in fees.strip("|").split("|")][1:]
    assert figures[-1] == figures[-2]
    changed = fees.rsplit("|", 2)[0] + f"| {int(figures[-1]) + 7} |"
    report = extract(read_bytes(text.replace(fees, changed).encode(), "docling.md"))
    fee_cells = [c for c in gold["cells"] if c.startswith("active.fees.")]
    assert all(c not in report.cells or report.cells[c].uncertain or report.cells[c].value == gold["cells"][c]
               for c in fee_cells)
