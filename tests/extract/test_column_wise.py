"""pdftotext's default mode (no -layout, no -raw) prints tables column by column: table 2's row labels
first, then each column's header followed by that column's values, band by band. The fixtures in
data/ are real pdftotext 24.02 output of `ogi.synth.random_report(fmt, 0, busy=0.8)` rendered to
PDF by `ogi.render` (LibreOffice)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ogi import synth
from ogi.extract import extract, steps
from ogi.read import read_bytes

DATA = Path(__file__).parent / "data"


def _fixture(fmt: str) -> str:
    return (DATA / f"pdftotext-default-{fmt}-seed0.txt").read_text(encoding="utf-8")


def _wrong_unflagged(read, truth) -> dict:
    return {c: (read.value(c), x.value) for c, x in truth.cells.items()
            if c in read.cells and read.value(c) != x.value and not read.cells[c].uncertain}


@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_pdftotext_default_table2_printed_column_by_column_is_read(fmt):
    truth = synth.random_report(fmt, 0, busy=0.8)
    st = steps(read_bytes(_fixture(fmt).encode(), "pdftotext.txt"))
    read = st.report
    active = [c for c in truth.cells if c in truth.format.table("active").cells]
    assert {c: read.value(c) for c in active} == {c: truth.value(c) for c in active}
    assert not [c for c in active if read.cells[c].uncertain]
    assert "extract.column_wise" in {n.code for n in read.notes}
    assert "column by column" in st.verified["active"]
    assert _wrong_unflagged(read, truth) == {}


def _replace_run(text: str, header: str, occurrence: int, values: list[str]) -> str:
    """The values printed after the `occurrence`-th line `header` replaced by `values`."""
    lines = text.split("\n")
    at = [i for i, line in enumerate(lines) if line == header][occurrence]
    end = at + 1
    while end < len(lines) and (lines[end] == "" or lines[end].lstrip("-").replace(".", "").isdigit()):
        end += 1
    return "\n".join(lines[:at + 1] + values + [""] + lines[end:])


def test_column_wise_value_moved_by_a_blank_is_not_placed():
    """A blank cell leaves nothing in pdftotext's text, and the value beside it moves to another
    column's run: 行政许可's blank 处理决定数量 sent 其他对外管理服务事项's 0 after 行政处罚's 1 (the
    corpus document r00125). The counts of the later run fit, but its values are not its rows'."""
    truth = synth.random_report("2019", 0, busy=0.8)
    truth.set("active.licensing.decisions", None)
    truth.set("active.other_services.decisions", 0)
    truth.set("active.penalty.decisions", 1)
    truth.set("active.coercion.decisions", None)
    text = _replace_run(_fixture("2019"), "处理决定数量", 0, [])
    text = _replace_run(text, "处理决定数量", 1, ["1", "0"])
    read = extract(read_bytes(text.encode(), "pdftotext.txt"))
    assert _wrong_unflagged(read, truth) == {}
    # The bands before the column that lost its value are still read.
    assert read.value("active.normative.made") == truth.value("active.normative.made")
    assert not read.cells["active.normative.made"].uncertain


def test_column_wise_header_without_values_is_not_joined_to_the_next():
    """本年处理决定数量 printed twice in a row (行政许可 blank, then 行政处罚 and 行政强制 with one
    value between them, corpus document r00080): the lone value is not 行政许可's."""
    truth = synth.random_report("2021", 0, busy=0.8)
    truth.set("active.licensing.decisions", None)
    truth.set("active.penalty.decisions", None)
    truth.set("active.coercion.decisions", 0)
    text = _replace_run(_fixture("2021"), "本年处理决定数量", 0, [])
    text = _replace_run(text, "本年处理决定数量", 1, ["0"])
    read = extract(read_bytes(text.encode(), "pdftotext.txt"))
    assert _wrong_unflagged(read, truth) == {}


# Table 2 of benchmarks/realworld document r00013 (a rendered 2019-format report) as the document
# prints it: the gold of the corpus.
R00013_TABLE2 = {
    "rules": (0, 217, 3), "normative": (217, 0, 0), "licensing": (27, -2, 2), "other_services": (120, 1, 2),
    "penalty": (1, 1, 120), "coercion": (217, -2, 0), "fees": (3, -7), "procurement": (217, 0),
}


def test_markdown_header_cells_with_empty_cells_beside_them_are_no_column_of_values():
    """markitdown's Markdown of a PDF (benchmarks/realworld r00013): `| 信息内容 | 本年新制作数量 |  |  |
    本年新公开数量 | …` — each header followed by as many empty cells as the band has rows. Those
    blanks are the converter's grid, not a column printed as lines: no cell may become blank."""
    read = extract(read_bytes((DATA / "markitdown-pdf-r00013.md").read_bytes(), "r00013.md"))
    table = read.format.table("active")
    for row in table.rows:
        for cell, value in zip(row.cells, R00013_TABLE2[row.id], strict=True):
            got = read.cells.get(cell)
            assert got is None or got.uncertain or got.value == value, (cell, got and got.value, value)
    assert "extract.column_wise" not in {n.code for n in read.notes}
