"""The table grids: every cell once, every label from ogi.formats, merges where the notice puts them."""

from __future__ import annotations

import pytest

from ogi import formats
from ogi.formats import APPLY_NOTE
from ogi.model import AnnualReport
from ogi.render.layout import (
    HEAD,
    LABEL,
    VALUE,
    TableGrid,
    format_value,
    grid,
    grids,
)

from .conftest import by_shape


def _report(template: str, collapsed: bool = False) -> AnnualReport:
    fmt = formats.get(template)
    r = AnnualReport()
    r.meta.template = template
    r.meta.year = fmt.first_year
    r.meta.agency = "测试县应急管理局"
    for cid in fmt.cells:
        r.set(cid, 0)
    if collapsed:
        table = fmt.table("apply")
        group = next(g for g in table.groups if g.collapsible)
        for row in table.rows:
            if row.group == group.id:
                for cid in row.cells:
                    del r.cells[cid]
        for cid in group.collapsed_cells:
            r.set(cid, 0)
    return r


SHAPES = [("2019", False), ("2021", False), ("2021", True)]


def _find(g: TableGrid, text: str) -> tuple[int, int, int, int]:
    hits = [(c.row, c.col, c.rowspan, c.colspan) for c in g.cells if c.text == text and c.role != VALUE]
    assert len(hits) == 1, (text, hits)
    return hits[0]


@pytest.mark.parametrize("template,collapsed", SHAPES)
def test_every_position_is_covered_exactly_once(template, collapsed):
    for g in grids(_report(template, collapsed)):
        seen: dict[tuple[int, int], int] = {}
        for c in g.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    seen[(r, k)] = seen.get((r, k), 0) + 1
        assert set(seen) == {(r, k) for r in range(g.n_rows) for k in range(g.n_cols)}, g.table.id
        assert set(seen.values()) == {1}, g.table.id
        assert abs(sum(g.widths) - 1) < 1e-9
        assert [(c.row, c.col) for c in g.cells] == sorted((c.row, c.col) for c in g.cells)  # row-major
        assert len(g.widths) == g.n_cols


@pytest.mark.parametrize("template,collapsed", SHAPES)
def test_every_cell_of_the_report_is_drawn_once(template, collapsed):
    r = _report(template, collapsed)
    drawn = [c.cell for g in grids(r) for c in g.cells if c.role == VALUE]
    assert len(drawn) == len(set(drawn))
    assert set(drawn) == set(r.cells)


@pytest.mark.parametrize("template,collapsed", SHAPES)
def test_labels_come_from_the_format(template, collapsed):
    """No row label is invented by the renderer: each is a Row.label or a RowGroup.label."""
    fmt = formats.get(template)
    known = {r.label for t in fmt.tables for r in t.rows} | {g.label for t in fmt.tables for g in t.groups}
    for g in grids(_report(template, collapsed)):
        for c in g.cells:
            if c.role == LABEL:
                assert c.text in known, c.text


@pytest.mark.parametrize("template,collapsed", SHAPES)
def test_table3_header_as_in_the_notice(template, collapsed):
    g = grid(formats.get(template).table("apply"), _report(template, collapsed))
    assert g.header_rows == 3 and g.label_cols == 3 and g.n_cols == 10
    assert _find(g, APPLY_NOTE) == (0, 0, 3, 3)
    assert _find(g, "申请人情况") == (0, 3, 1, 7)
    assert _find(g, "自然人") == (1, 3, 2, 1)
    assert _find(g, "法人或其他组织") == (1, 4, 1, 5)
    assert _find(g, "总计") == (1, 9, 2, 1)
    assert [c.text for c in g.cells if c.row == 2 and c.role == HEAD] == ["商业企业", "科研机构", "社会公益组织",
                                                                          "法律服务机构", "其他"]


@pytest.mark.parametrize("template,collapsed", SHAPES)
def test_table3_row_groups_as_in_the_notice(template, collapsed):
    fmt = formats.get(template)
    g = grid(fmt.table("apply"), _report(template, collapsed))
    split_other = template == "2021" and not collapsed
    n_result = 2 + 8 + 3 + 5 + (3 if split_other else 1) + 1
    assert _find(g, "一、本年新收政府信息公开申请数量") == (3, 0, 1, 3)
    assert _find(g, "二、上年结转政府信息公开申请数量") == (4, 0, 1, 3)
    assert _find(g, "三、本年度办理结果") == (5, 0, n_result, 1)
    assert _find(g, "（一）予以公开") == (5, 1, 1, 2)
    assert _find(g, "（三）不予公开") == (7, 1, 8, 1)
    assert _find(g, "1.属于国家秘密") == (7, 2, 1, 1)
    assert _find(g, "（四）无法提供") == (15, 1, 3, 1)
    assert _find(g, "（五）不予处理") == (18, 1, 5, 1)
    if split_other:
        assert _find(g, "（六）其他处理") == (23, 1, 3, 1)
        assert _find(g, "3.其他")[1:] == (2, 1, 1)
    else:
        assert _find(g, "（六）其他处理") == (23, 1, 1, 2)
    assert _find(g, "（七）总计") == (5 + n_result - 1, 1, 1, 2)
    assert _find(g, "四、结转下年度继续办理") == (5 + n_result, 0, 1, 3)


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_table4_header_as_in_the_notice(template):
    g = grid(formats.get(template).table("appeal"), _report(template))
    assert (g.header_rows, g.n_rows, g.n_cols, g.label_cols) == (3, 4, 15, 0)
    assert _find(g, "行政复议") == (0, 0, 1, 5)
    assert _find(g, "行政诉讼") == (0, 5, 1, 10)
    assert _find(g, "未经复议直接起诉") == (1, 5, 1, 5)
    assert _find(g, "复议后起诉") == (1, 10, 1, 5)
    review = [(c.row, c.col, c.rowspan) for c in g.cells if c.role == HEAD and c.col < 5 and c.row > 0]
    assert review == [(1, k, 2) for k in range(5)]  # 结果维持 … 总计 of 行政复议 span two header rows
    assert [c.cell for c in g.cells if c.role == VALUE] == list(formats.get(template).table("appeal").cells)


def test_table2_blocks_2019():
    g = grid(formats.get("2019").table("active"), _report("2019"))
    assert g.n_cols == 4
    assert _find(g, "第二十条第（一）项") == (0, 0, 1, 4)
    assert _find(g, "第二十条第（九）项")[2:] == (1, 4)
    fees = [c for c in g.cells if c.cell and c.cell.startswith("active.fees.")]
    assert [(c.col, c.colspan) for c in fees] == [(1, 1), (2, 2)]  # 本年增/减 spans the rest
    assert sum(1 for c in g.cells if c.text == "信息内容") == 5


def test_table2_blocks_2021():
    g = grid(formats.get("2021").table("active"), _report("2021"))
    assert _find(g, "第二十条第（八）项") == (_find(g, "第二十条第（八）项")[0], 0, 1, 4)
    fee = next(c for c in g.cells if c.cell == "active.fees.amount")
    assert (fee.col, fee.colspan) == (1, 3)
    assert _find(g, "本年收费金额（单位：万元）")[2:] == (1, 3)


def test_null_is_blank_and_zero_is_zero():
    assert format_value(None) == ""
    assert format_value(0) == "0"
    assert format_value(0.0) == "0"
    assert format_value(24.0) == "24"
    assert format_value(1.25) == "1.25"
    assert format_value(-3) == "-3"
    r = _report("2021")
    r.set("apply.new.natural", None)
    cells = {c.cell: c.text for g in grids(r) for c in g.cells if c.role == VALUE}
    assert cells["apply.new.natural"] == "" and cells["apply.new.commercial"] == "0"


def test_a_cell_the_report_lacks_is_drawn_blank():
    r = _report("2019")
    del r.cells["review.total"]
    cells = {c.cell: c.text for g in grids(r) for c in g.cells if c.role == VALUE}
    assert cells["review.total"] == ""


def test_gold_reports_have_every_gold_cell_in_the_grid(gold_reports):
    for stem, r in gold_reports.items():
        drawn = {c.cell: c.text for g in grids(r) for c in g.cells if c.role == VALUE}
        for cid, cell in r.cells.items():
            assert drawn[cid] == format_value(cell.value), (stem, cid)


def test_the_gold_set_has_all_three_drawings(gold_reports):
    assert set(by_shape(gold_reports)) == {"2019", "2021", "2021-collapsed"}
