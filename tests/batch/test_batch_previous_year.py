"""`ogi batch` settles glued table-2 digits by the previous year's report, as `ogi check` does
(issue 10): the linking step reads such a report again with last year's and replaces its rows."""

from __future__ import annotations

from pathlib import Path

import pyarrow.dataset as ds

from ogi import synth
from ogi.batch import link_corpus, run_batch
from ogi.model import SectionText

AGENCY = "某县应急管理局"
NORMATIVE = {"issued": 6, "repealed": 2, "in_force": 40}  # printed glued as 6240 on one line


def _corpus(root: Path, last_in_force: int | None = 36) -> None:
    """2023 printed on one line (its 行政规范性文件 row reads 6240, several splits) and, unless
    `last_in_force` is None, 2022 printed one value per line with 现行有效 `last_in_force`."""
    this = synth.random_report("2021", 11, busy=0.6, year=2023)
    this.meta.agency = AGENCY
    for c, v in NORMATIVE.items():
        this.set(f"active.normative.{c}", v)
    this.sections[2] = SectionText(2, "二、主动公开政府信息情况", "本年度主动公开政府信息共计120条。")
    (root / "2023.txt").write_text(synth.render_text(this, "one_line", 11), encoding="utf-8")
    if last_in_force is not None:
        last = synth.random_report("2021", 12, busy=0.6, year=2022)
        last.meta.agency = AGENCY
        last.set("active.normative.in_force", last_in_force)
        (root / "2022.txt").write_text(synth.render_text(last, "lines", 12), encoding="utf-8")


def _cells(out: Path, rid: str) -> dict[str, dict]:
    t = ds.dataset(out / "cells", format="parquet").to_table(filter=ds.field("report_id") == rid)
    rows = t.to_pylist()
    assert len({r["cell"] for r in rows}) == len(rows)  # no cell written twice
    return {r["cell"]: r for r in rows}


def _reports(out: Path) -> list[dict]:
    return ds.dataset(out / "reports", format="parquet").to_table().to_pylist()


def test_batch_settles_glued_table2_digits_by_the_previous_years_report(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    _corpus(src)
    run_batch(src, out, quiet=True, link=False)  # read once, years not yet paired
    assert _cells(out, "2023.txt")["active.normative.in_force"]["uncertain"]
    unsure = {r["report_id"]: r["n_uncertain"] for r in _reports(out)}["2023.txt"]
    link_corpus(out)
    cells = _cells(out, "2023.txt")
    for c, v in NORMATIVE.items():
        row = cells[f"active.normative.{c}"]
        assert (row["value"], row["uncertain"]) == (v, False), c
    reports = {r["report_id"]: r for r in _reports(out)}
    assert len(_reports(out)) == 2 and reports["2023.txt"]["n_uncertain"] == unsure - 3
    findings = ds.dataset(out / "findings", format="parquet").to_table(
        filter=ds.field("report_id") == "2023.txt").to_pylist()
    assert len(findings) == len({(f["rule"], f["zh"]) for f in findings})  # the old findings are gone
    # a second run redoes nothing and changes nothing
    before = sorted((r["cell"], r["value"], r["uncertain"]) for r in _cells(out, "2023.txt").values())
    again = run_batch(src, out, quiet=True)
    assert again.processed == 0 and again.skipped == 2
    assert sorted((r["cell"], r["value"], r["uncertain"]) for r in _cells(out, "2023.txt").values()) == before


def test_batch_without_a_fitting_previous_year_leaves_the_split_uncertain(tmp_path):
    for name, last in (("alone", None), ("disagrees", 5000)):
        src, out = tmp_path / name / "in", tmp_path / name / "out"
        src.mkdir(parents=True)
        _corpus(src, last)
        run_batch(src, out, quiet=True)
        assert _cells(out, "2023.txt")["active.normative.in_force"]["uncertain"], name
