"""A format that exists only in the tests runs the whole pipeline (issue 11).

`f2027.FORMAT` is registered the way the built-in formats are (`ogi.formats.registered`, undone
after the module) and, with no file of `ogi` knowing it: synthesised (ogi.synth), rendered to
DOCX, PDF, HTML and Markdown (ogi.render) and read back (ogi.read + ogi.extract) to the same
cells, checked (ogi.check: its equations hold, a planted error is found), composed from a
ledger (ogi.ledger.compose) and batched (ogi.batch). Its extra row, block and renamed column are
asserted to have come through each step, so a layer that names the built-in formats' tables,
rows or columns fails here.
"""

from __future__ import annotations

import datetime as dt

import pyarrow.dataset as ds
import pytest

from ogi import formats, synth
from ogi.batch import run_batch
from ogi.check import check
from ogi.extract import extract
from ogi.formats import APPEALS, APPLICATIONS, ARTICLE20
from ogi.ledger import Application, Case, Event, Ledger, compose
from ogi.model import AnnualReport
from ogi.read import read_bytes
from ogi.render import render
from ogi.render.layout import grids
from ogi.render.pdf import find_soffice, render_pdfs

from . import f2027

FMT = f2027.FORMAT
SEEDS = (1, 2, 3)
ARITHMETIC = ("apply.E101", "apply.E102", "appeal.E101", "table.E100")


@pytest.fixture(scope="module", autouse=True)
def registered():
    with formats.registered(FMT):
        yield
    assert "2027" not in {f.id for f in formats.all_formats()}


def _report(seed: int) -> AnnualReport:
    # Busy enough that the new row and block hold figures other than 0 in some reports.
    return synth.random_report(FMT, seed=seed, busy=0.9)


def _values(report: AnnualReport) -> dict[str, object]:
    return {c: cell.value for c, cell in report.cells.items()}


def _new_cells() -> tuple[str, ...]:
    """The cells only the 2027 format has: its new table-3 row and its new table-4 block."""
    apply, appeal = FMT.by_role(APPLICATIONS), FMT.by_role(APPEALS)
    return apply.row("not_processed.analysis").cells + appeal.blocks[-1].cells


def test_registered_like_a_built_in_format():
    assert formats.get("2027") is FMT and formats.for_year(2027) is FMT and formats.for_year(2026).id == "2021"
    assert len(FMT.by_role(APPLICATIONS).rows) == len(formats.get("2021").by_role(APPLICATIONS).rows) + 1
    assert len(FMT.by_role(APPEALS).blocks) == 4 and len(FMT.by_role(APPEALS).rows[0].cells) == 20
    assert f2027.RESEARCH_LABEL in [c.label for c in FMT.by_role(APPLICATIONS).columns]
    # A scan confirms a printed table-4 row of twenty figures by its four blocks.
    assert (20, tuple(((i, i + 1, i + 2, i + 3), i + 4) for i in (0, 5, 10, 15))) in formats.row_sums()


def test_synth_fills_every_cell_and_every_equation_holds():
    for seed in SEEDS:
        r = _report(seed)
        assert r.meta.template == "2027" and r.meta.year >= 2027
        assert set(r.cells) == set(FMT.cells)
        assert not [f.rule for f in check(r) if f.rule in ARITHMETIC]
    assert any(any(_report(s).value(c) for c in _new_cells()) for s in SEEDS)


def test_the_layout_grid_has_the_new_row_block_and_column():
    by_id = {g.table.id: g for g in grids(_report(1))}
    apply, appeal = by_id[f2027.REQUESTS], by_id[f2027.REMEDIES]
    texts = {c.text for c in apply.cells}
    assert f2027.NEW_ROW_LABEL in texts and f2027.RESEARCH_LABEL in texts and "科研机构" not in texts
    assert {c.cell for c in appeal.cells if c.cell} == set(FMT.by_role(APPEALS).rows[0].cells)
    assert "申请再审" in {c.text for c in appeal.cells} and appeal.n_cols == 20


@pytest.mark.parametrize("to", ["docx", "html", "md"])
def test_rendered_and_read_back_to_the_same_cells(to):
    for seed in SEEDS:
        r = _report(seed)
        back = extract(read_bytes(render([r], to), f"r.{to}"))
        assert back.meta.template == "2027", (to, seed)
        assert _values(back) == _values(r), (to, seed)
        assert not back.uncertain and not back.missing


@pytest.mark.slow
def test_pdf_read_back_to_the_same_cells():
    if find_soffice() is None:
        pytest.skip("needs LibreOffice (soffice)")
    reports = [_report(s) for s in SEEDS]
    for r, pdf in zip(reports, render_pdfs(reports), strict=True):
        back = extract(read_bytes(pdf, "r.pdf"))
        assert back.meta.template == "2027"
        assert _values(back) == _values(r)


@pytest.mark.parametrize("layout", sorted(set(synth.LAYOUTS) - {"one_line"}))
def test_plain_text_layouts_read_back(layout):
    r = _report(2)
    back = extract(read_bytes(synth.render_text(r, layout, seed=2).encode(), "r.txt"))
    assert back.meta.template == "2027"
    assert _values(back) == _values(r), layout


def test_check_finds_a_planted_error_in_the_new_row_and_block():
    r = _report(3)
    assert not [f for f in check(r) if f.rule in ARITHMETIC]
    apply, appeal = FMT.by_role(APPLICATIONS), FMT.by_role(APPEALS)
    row = apply.row("not_processed.analysis")
    r.set(row.cells[0], (r.value(row.cells[0]) or 0) + 1)  # 自然人 of the new row, one too many
    block = appeal.blocks[-1]
    r.set(block.total, (r.value(block.total) or 0) + 1)  # 申请再审's 总计, one too many
    found = [f for f in check(r) if f.rule in ARITHMETIC]
    assert {"apply.E101", "apply.E102", "appeal.E101"} <= {f.rule for f in found}
    assert any(row.cells[0] in f.cells for f in found if f.rule == "apply.E102")
    assert any(block.total in f.cells for f in found if f.rule == "appeal.E101")


def _ledger() -> Ledger:
    def app(ident: str, applicant: str, *events: tuple) -> Application:
        return Application.from_events(ident, applicant, [
            Event(kind, dt.date.fromisoformat(day), dict(data[0]) if data else {}) for kind, day, *data in events])

    return Ledger("测试县应急管理局", applications=[
        app("a1", "natural", ("received", "2027-03-01"), ("decided", "2027-03-10", {"category": "granted"})),
        app("a2", "research", ("received", "2027-04-01"), ("decided", "2027-04-20", {"category": "denied.process", "basis": "第十六条第二款"})),
        app("a3", "commercial", ("received", "2027-12-28")),
        app("a4", "natural", ("received", "2026-12-30"), ("withdrawn", "2027-01-05")),
    ], cases=[Case("c1", "review", dt.date(2027, 5, 1), outcome="upheld", concluded=dt.date(2027, 6, 1))])


def test_composed_from_a_ledger():
    r = compose(_ledger(), 2027)
    assert r.meta.template == "2027" and set(r.cells) == set(FMT.cells)
    assert not [f.rule for f in check(r) if f.rule in ARITHMETIC]
    apply = FMT.by_role(APPLICATIONS)
    total = apply.total_cell
    assert r.value(total(apply.flow_row("new"))) == 3 and r.value(total(apply.flow_row("carried_over"))) == 1
    assert r.value(total(apply.flow_row("carried_forward"))) == 1 and r.value(total(apply.flow_row("total"))) == 3
    research = [c.id for c in apply.columns].index("research")
    assert r.value(apply.row("denied.process").cells[research]) == 1
    assert all(r.value(c) == 0 for c in _new_cells())  # nothing the ledger records falls in them
    review = FMT.by_role(APPEALS).blocks[0]
    assert r.value(review.cell("upheld")) == 1 and r.value(review.total) == 1
    assert all(r.value(c) is not None for c in FMT.by_role(ARTICLE20).cells)
    # And what compose writes reads back.
    back = extract(read_bytes(render([r], "docx"), "r.docx"))
    assert _values(back) == _values(r)


def test_batch_of_a_folder(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    reports = {}
    for seed in SEEDS:
        r = _report(seed)
        reports[f"r{seed}.docx"] = r
        (src / f"r{seed}.docx").write_bytes(render([r], "docx"))
    r = _report(9)
    reports["r9.md"] = r
    (src / "r9.md").write_bytes(render([r], "md"))
    result = run_batch(src, tmp_path / "out", workers=1, quiet=True)
    assert result.processed == len(reports) and result.errors == 0
    rows = ds.dataset(tmp_path / "out" / "reports", format="parquet").to_table().to_pylist()
    assert {row["report_id"]: row["template"] for row in rows} == dict.fromkeys(reports, "2027")
    cells = ds.dataset(tmp_path / "out" / "cells", format="parquet").to_table().to_pylist()
    got = {(c["report_id"], c["cell"]): c["value"] for c in cells}
    for name, rep in reports.items():
        for cid, cell in rep.cells.items():
            assert got[(name, cid)] == (None if cell.value is None else float(cell.value)), (name, cid)
