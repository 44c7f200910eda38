"""The formats as data: the cell counts of CELLS.md, ids unique, equations over real cells."""

from __future__ import annotations

import re

import pytest

from ogi import formats
from tests.conftest import SHARED


def test_cell_counts_match_the_contract():
    assert [len(t.cells) for t in formats.get("2019").tables] == [22, 161, 15]
    assert [len(t.cells) for t in formats.get("2021").tables] == [10, 175, 15]


@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_cell_ids_unique_and_equations_use_them(fid):
    fmt = formats.get(fid)
    assert len(set(fmt.cells)) == len(fmt.cells)
    cells = set(fmt.cells)
    for eq in fmt.equations:
        assert set(eq.left + eq.right) <= cells, eq.id


def test_every_row_and_column_id_is_in_cells_md():
    spec = (SHARED / "spec" / "CELLS.md").read_text(encoding="utf-8")
    ids = set(re.findall(r"`([a-z_.]+)`", spec))
    for fmt in formats.all_formats():
        for table in fmt.tables:
            for row in table.rows:
                for cell in row.cells:
                    parts = cell.split(".")
                    assert parts[-1] in ids, cell
                    if table.id == "apply":
                        assert ".".join(parts[1:-1]) in ids, cell


def test_format_for_year():
    assert formats.for_year(2019).id == "2019"
    assert formats.for_year(2020).id == "2019"
    assert formats.for_year(2021).id == "2021"
    assert formats.for_year(2030).id == "2021"


def test_normalize_label_folds_widths_spaces_and_brackets():
    assert formats.normalize_label("(三) 不 予 公 开") == formats.normalize_label("（三）不予公开") == "三不予公开"
    assert formats.normalize_label("本年新\n制作数量") == "本年新制作数量"
