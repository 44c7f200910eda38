"""Corpus figures from verified cells (issue 10): roll-ups add up only what OGI is sure of and say
how much they left out; a misreading is never counted as an agency's arithmetic error."""

from __future__ import annotations

import random

from ogi import synth
from ogi.batch.run import run_batch
from ogi.batch.summary import indicators, totals
from ogi.synth import table_grid


def _stray_shifted(report) -> str:
    """Table 3 with a stray number in two rows and a second one elsewhere: no reading fits, so the
    cells are OGI's doubt."""
    def lines(t):
        out = []
        for n, (labels, values) in enumerate(table_grid(report, t, random.Random(0))):
            if values and t.id == "apply" and n in (5, 6):
                values = ["9", "9"] + values
            out.append("| " + " | ".join(labels + values) + " |")
        return out
    return synth._document(report, lines)


def test_summary_counts_only_sure_cells_and_never_blames_a_misreading(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    good = synth.random_report("2021", 1, busy=0.9, year=2023)
    (src / "good.md").write_text(synth.render_text(good, "markdown", 1), encoding="utf-8")
    messy = synth.random_report("2021", 2, busy=0.9, year=2023)
    (src / "messy.md").write_text(_stray_shifted(messy), encoding="utf-8")
    out = tmp_path / "out"
    run_batch(src, out, workers=1, quiet=True)
    [row] = indicators(out)
    assert row["reports"] == 2
    assert row["arithmetic_errors"] == 0  # the messy report's breaks are OGI's doubt
    assert row["unverified"] == 0.5
    assert row["rate_left_out"] == 1
    assert row["handled"] == good.value("apply.total.total")
    cell = {r["cell"]: r for r in totals(out)}
    assert all(r["left_out"] >= 0 for r in cell.values())
    assert sum(r["left_out"] for r in cell.values()) > 0
