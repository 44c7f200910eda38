"""Every way a report's tables reach plain text, on layouts OGI generates itself (ogi.synth):
random but consistent values, both formats, many seeds."""

from __future__ import annotations

import pytest

from ogi.extract import extract
from ogi.read import text_document
from ogi.synth import LAYOUTS, random_report, render_text

EXACT_LAYOUTS = [name for name in LAYOUTS if name != "one_line"]


@pytest.mark.parametrize("fmt", ["2019", "2021"])
@pytest.mark.parametrize("layout", EXACT_LAYOUTS)
def test_layout_reads_every_cell_exactly(layout, fmt):
    for seed in range(12):
        truth = random_report(fmt, seed)
        got = extract(text_document(render_text(truth, layout, seed)))
        assert got.meta.template == fmt
        assert got.meta.year == truth.meta.year
        assert got.meta.published == truth.meta.published
        assert not got.missing, (layout, seed)
        assert not got.uncertain, (layout, seed)
        wrong = {c: (got.value(c), truth.value(c)) for c in truth.cells if got.value(c) != truth.value(c)}
        assert not wrong, (layout, seed)


@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_one_line_glued_never_silently_wrong(fmt):
    """The whole report on one line with each row's cells glued: the equations decide the split;
    where several splits fit, the cell is uncertain and the true value is among the choices."""
    uncertain = 0
    for seed in range(40):
        truth = random_report(fmt, seed)
        got = extract(text_document(render_text(truth, "one_line", seed)))
        assert not got.missing
        for c in truth.cells:
            cell = got.cells[c]
            if cell.uncertain:
                uncertain += 1
                assert truth.value(c) == cell.value or truth.value(c) in cell.alternatives, c
            else:
                assert cell.value == truth.value(c), (seed, c)
        # Table 3 and 4 have equations enough to settle every split of these values.
        assert not [c for c in got.uncertain if not c.startswith("active.")], seed
    assert uncertain > 0  # table 2 has no equations: glued table-2 rows are often ambiguous
