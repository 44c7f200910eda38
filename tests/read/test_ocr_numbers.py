"""OCR digit confusions: read as digits only with the format's row equations behind them."""

from __future__ import annotations

from ogi.read import Grid
from ogi.read.scan import settle_numbers


def grid(*rows):
    return Grid([list(r) for r in rows])


def test_confusion_confirmed_by_the_row_equation_is_sure():
    # table 3 row: six applicant columns and 总计; "O" and "l" are OCR confusions
    g = grid(["（一）予以公开", "O", "l", "0", "0", "0", "0", "1"])
    settle_numbers(g)
    assert g.rows[0][1:] == ["0", "1", "0", "0", "0", "0", "1"]
    assert g.doubtful is None


def test_confusion_the_equation_refutes_stays_doubtful():
    g = grid(["（一）予以公开", "S", "0", "0", "0", "0", "0", "3"])  # 5 + 0… ≠ 3
    settle_numbers(g)
    assert g.rows[0][1] == "5"
    assert g.doubtful is not None and all(g.doubtful[0][1:])


def test_confusion_without_an_equation_stays_doubtful():
    g = grid(["规章", "B", "0", "0"])  # table 2: no equation within the row
    settle_numbers(g)
    assert g.rows[0][1] == "8" and g.doubtful[0][1] and not g.doubtful[0][2]


def test_table4_blocks_checked_one_by_one():
    values = ["0", "1", "0", "0", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "9"]
    g = grid(values)
    g.rows[0].insert(0, "")  # a leading blank label cell
    settle_numbers(g)
    d = g.doubtful[0]
    assert not any(d[1:11]) and all(d[11:16])


def test_low_confidence_cleared_when_the_equation_holds():
    g = grid(["二、上年结转", "2", "0", "0", "0", "0", "0", "2"])
    g.doubtful = [[False, True, False, False, False, False, False, False]]
    settle_numbers(g)
    assert g.doubtful is None


def test_blank_marks_and_labels_untouched():
    g = grid(["信息内容", "—", "/", ""], ["Sl", "无", "1", "1"])
    settle_numbers(g)
    assert g.rows[0] == ["信息内容", "—", "/", ""] and g.rows[1][0] == "Sl"
