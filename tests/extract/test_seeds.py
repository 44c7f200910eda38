"""The five real seeds: every cell and meta field as the gold files say, and their equations."""

from __future__ import annotations

import pytest

from ogi.extract import extract
from ogi.read import read_path
from tests.conftest import gold_cases

CASES = gold_cases()


@pytest.mark.parametrize(("path", "gold"), CASES, ids=[p.name[:3] for p, _ in CASES])
def test_seed_matches_gold(path, gold):
    report = extract(read_path(path))
    got = report.to_json()
    for field in ("year", "template", "published", "agency"):
        assert got["meta"][field] == gold["meta"][field], field
    wrong = {k: (got["cells"].get(k, "missing"), v) for k, v in gold["cells"].items() if got["cells"].get(k, "missing") != v}
    assert not wrong
    assert not report.missing
    assert not report.uncertain


@pytest.mark.parametrize(("path", "gold"), CASES, ids=[p.name[:3] for p, _ in CASES])
def test_seed_cells_keep_their_line(path, gold):
    report = extract(read_path(path))
    lines = path.read_text(encoding="utf-8").split("\n")
    for cell in report.cells.values():
        assert cell.source is not None and cell.source.line is not None, cell.id
        line = lines[cell.source.line - 1]
        assert cell.source.text in line, (cell.id, cell.source, line)


@pytest.mark.parametrize(("path", "gold"), CASES, ids=[p.name[:3] for p, _ in CASES])
def test_seed_satisfies_its_equations(path, gold):
    """An invariant, not a value: published zeros and the few real figures add up."""
    report = extract(read_path(path))
    for eq in report.format.equations:
        if all(c in report.cells for c in eq.left + eq.right):
            left = sum(report.value(c) or 0 for c in eq.left)
            right = sum(report.value(c) or 0 for c in eq.right)
            assert left == right, eq.id


def test_collapsed_other_row_of_003_is_a_note_not_a_hole():
    path, _ = next(c for c in CASES if c[0].name.startswith("003"))
    report = extract(read_path(path))
    assert "apply.other.natural" in report.cells
    assert "apply.other.misc.natural" not in report.cells
    assert any(n.code == "extract.collapsed_group" for n in report.notes)
    assert not report.missing


def test_sections_of_seeds():
    found = {p.name[:3]: sorted(extract(read_path(p)).sections) for p, _ in CASES}
    assert found["000"] == [1, 2, 3, 4, 5]  # no 六、其他需要报告的事项
    assert found["004"] == [1, 2, 3, 4, 5]
    assert found["002"] == [1, 2, 3, 4, 5, 6]
    assert found["003"] == [1, 2, 3, 4, 5, 6]


def test_page_scraped_twice_is_read_once():
    path, _ = next(c for c in CASES if c[0].name.startswith("000"))
    report = extract(read_path(path))
    assert "一、总体情况" not in report.sections[5].text
    assert "ICP" not in report.sections[5].text


def test_numbered_points_inside_section_five_are_not_a_second_copy():
    """Regression: 001's section 五 lists 一、建立健全… — not the page scraped again; 六 follows."""
    path, _ = next(c for c in CASES if c[0].name.startswith("001"))
    report = extract(read_path(path))
    assert sorted(report.sections) == [1, 2, 3, 4, 5, 6]
    assert "定期例会制度" in report.sections[5].text
