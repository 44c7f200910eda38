"""A PDF whose tables are drawn without vertical rules (a 三线表: rules above and below only) has
no grid to find: its rows come out as lines of text. A cell printed blank there is only a gap
between figures; each figure's own box on the page says which column it stands in, as the
complete rows nearest it place theirs."""

from __future__ import annotations

import random

import pytest

from ogi import synth
from ogi.extract import extract
from ogi.read import read_bytes

from .generate import pdf_bytes, spec_of_report


@pytest.mark.parametrize("fmt, seed", [("2019", 3), ("2021", 4), ("2021", 5)])
def test_blank_cells_of_a_table_without_vertical_rules_are_placed_by_the_figures_boxes(tmp_path, fmt, seed):
    truth = synth.random_report(fmt, seed, busy=0.8)
    rng = random.Random(seed)
    blanked = rng.sample([c for c in truth.cells if c.startswith("apply.")], 6)
    for c in blanked:
        truth.set(c, None)
    spec, gold = spec_of_report(truth, tmp_path)
    doc = read_bytes(pdf_bytes(spec, "open"), "report.pdf")
    assert not [b for b in doc.blocks if hasattr(b, "rows")]  # (no grid: the rows are lines of text)
    report = extract(doc)
    wrong = {c: (v, report.cells[c].value if c in report.cells else "unread") for c, v in gold["cells"].items()
             if c not in report.cells or report.cells[c].value != v}
    assert wrong == {}
    assert [c for c in blanked if report.cells[c].uncertain] == []
    # Each figure's source is its own box on the page, inside its line's.
    src = report.cells[next(c for c in gold["cells"] if c.startswith("apply.") and gold["cells"][c])].source
    assert src is not None and src.page and src.bbox and src.bbox[2] - src.bbox[0] < 40
