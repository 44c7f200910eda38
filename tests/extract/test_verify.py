"""Verify before assert: a table reading is the document's only when the equations or the
table's shape support it (issue 10). Each test is named after the misreading it reproduces."""

from __future__ import annotations

import random

import pytest
from reading import EQUATION_ERRORS, errors, parse, silent_wrong

from ogi import synth
from ogi.check import check
from ogi.synth import _document, table_grid


def labels_before_numbers(report, rng) -> str:
    """A PDF converter's Markdown: table 3's row labels as loose lines, then its rows of numbers
    without labels."""
    def lines(t):
        grid = table_grid(report, t, rng)
        if t.id != "apply":
            return [c for labels, values in grid for c in labels + values]
        out = [c for labels, values in grid if not values for c in labels]
        out += [c for labels, values in grid if values for c in labels]
        return out + ["| " + " | ".join(values) + " |" for _, values in grid if values]
    return _document(report, lines)


def shifted_row(report, rng, row: int = 4) -> str:
    """One row of table 3 printed with a stray extra number before its values (a page number or a
    footnote mark the converter pulled into the row): the row and the ones after shift by one."""
    def lines(t):
        out = []
        n = 0
        for labels, values in table_grid(report, t, rng):
            if values and t.id == "apply":
                n += 1
                if n == row:
                    values = ["7"] + values
            out.append("| " + " | ".join(labels + values) + " |")
        return out
    return _document(report, lines)


@pytest.mark.parametrize("fmt", ["2019", "2021"])
@pytest.mark.parametrize("seed", range(6))
def test_labels_detached_from_numeric_rows_are_read_in_printed_order(fmt, seed):
    truth = synth.random_report(fmt, seed, busy=0.9)
    read = parse(labels_before_numbers(truth, random.Random(seed)))
    assert silent_wrong(read, truth) == []
    assert all(read.value(c) == v.value for c, v in truth.cells.items())
    assert not errors(read) & EQUATION_ERRORS


@pytest.mark.parametrize("fmt", ["2019", "2021"])
@pytest.mark.parametrize("seed", range(6))
def test_document_inconsistency_in_detached_layout_is_still_reported(fmt, seed):
    truth = synth.random_report(fmt, seed, busy=0.9)
    truth.cells["apply.granted.natural"].value += 1  # the agency's own slip
    read = parse(labels_before_numbers(truth, random.Random(seed)))
    assert silent_wrong(read, truth) == []
    assert {"apply.E101", "apply.E102"} <= errors(read)


@pytest.mark.parametrize("fmt", ["2019", "2021"])
@pytest.mark.parametrize("seed", range(6))
def test_stray_number_shifting_a_row_is_never_an_accusation(fmt, seed):
    truth = synth.random_report(fmt, seed, busy=0.9)
    read = parse(shifted_row(truth, random.Random(seed)))
    assert silent_wrong(read, truth) == []
    assert not errors(read) & EQUATION_ERRORS


def test_uncertain_cells_turn_a_broken_equation_into_ogis_doubt():
    truth = synth.random_report("2021", 3, busy=0.9)
    text = synth.render_text(truth, "markdown", 3)
    read = parse(text)
    read.cells["apply.granted.natural"].value += 5
    assert "apply.E101" in errors(read)
    read.cells["apply.granted.natural"].doubt("test")
    findings = check(read)
    assert not {f.rule for f in findings if f.severity == "error"} & EQUATION_ERRORS
    assert "parse.W504" in {f.rule for f in findings}


def labels_after_numbers(report, rng) -> str:
    """The other way round: table 3's rows of numbers first, its row labels as loose lines after."""
    def lines(t):
        grid = table_grid(report, t, rng)
        if t.id != "apply":
            return [c for labels, values in grid for c in labels + values]
        out = [c for labels, values in grid if not values for c in labels]
        out += ["| " + " | ".join(values) + " |" for _, values in grid if values]
        return out + [c for labels, values in grid if values for c in labels]
    return _document(report, lines)


@pytest.mark.parametrize("fmt", ["2019", "2021"])
@pytest.mark.parametrize("seed", range(6))
def test_labels_after_numeric_rows_are_read_in_printed_order(fmt, seed):
    truth = synth.random_report(fmt, seed, busy=0.9)
    read = parse(labels_after_numbers(truth, random.Random(seed)))
    assert silent_wrong(read, truth) == []
    assert all(read.value(c) == v.value for c, v in truth.cells.items())
    assert "extract.reread" in {n.code for n in read.notes}
    assert not errors(read) & EQUATION_ERRORS


@pytest.mark.parametrize("fmt", ["2019", "2021"])
@pytest.mark.parametrize("seed", range(4))
def test_document_inconsistency_with_labels_after_numbers_is_reported(fmt, seed):
    truth = synth.random_report(fmt, seed, busy=0.9)
    truth.cells["apply.partial.commercial"].value += 2
    read = parse(labels_after_numbers(truth, random.Random(seed)))
    assert silent_wrong(read, truth) == []
    assert {"apply.E101", "apply.E102"} <= errors(read)


def test_a_cells_alternatives_are_each_listed_once():
    # Table 4 printed on one line with its blank cells dropped (pdftotext -layout) fits hundreds
    # of readings: each cell listed the value 0 or blank once per reading (700 times over).
    from ogi.model import Cell

    cell = Cell("review.corrected", None)
    cell.doubt("r", (0, 0, None, 1, 0))
    cell.doubt("r", (1, 0, 2))
    assert cell.alternatives == (0, 1, 2)
