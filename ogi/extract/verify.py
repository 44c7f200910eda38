"""Step 5: verify a table's reading before OGI gives it as the document's.

The anchored reading (labels → rows → values) is accepted as the document's when the format's
equations hold, or when it breaks them but is sure: every row got exactly its cells from the
values printed after its own label, or a second, independent reading (the table's values taken
in printed order) gives the very same cells. Only then is a broken equation the document's own
inconsistency, for `ogi check` to report against it.

Otherwise the misreadings a converter typically causes (labels detached from their rows, a row
or a column shifted by one, a blank taken as a cell, stray numbers before or after the table)
are undone by reading the table's values in printed order: when exactly one such reading makes
every equation hold, it replaces the anchored one (note `extract.reread`). When none does, the
cells of the broken equations are uncertain, with the reason and the other reading's values as
alternatives: OGI's doubt, never an accusation.

Table 2 has no equations; its cells are only as sure as the shape of their row's reading.

In text another tool's OCR made (`tokens.ocr_made`: it reads a table's zeros and rules as letters)
a broken equation is never the document's: a figure the OCR misread breaks it just so. Its
cells are OGI's doubt, and so are digits run together there that a row's equation split.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..formats import APPEALS, HEADER_SEPARATOR, CellId, Format, Row, Table, normalize_label
from ..formats.base import ABSENT, AMOUNT, CHANGE, equation_holds, equation_holds_in
from ..model import AnnualReport, Cell, Note, Number
from .tables import MAX_VALUE_DIGITS, Run, Segment, to_value
from .tokens import NULL, NUM, Token, is_page_furniture

if TYPE_CHECKING:
    from .colwise import ColumnReading

Equation = tuple[tuple[CellId, ...], tuple[CellId, ...]]

REASON_SHAPE = ("该行数值个数与表格不符，按位置读出，未能用勾稽关系核实 / the row's values do not fit its cells; "
                "read by position, not verified by an equation")
REASON_BROKEN = ("读出的数值使勾稽关系不成立，且读取过程不规整，可能是OGI读错 / the values read break an equation "
                 "and the reading was irregular: possibly OGI's misreading")
REASON_LEFT_OUT = ("按位置重读时略去了表格行间印出的数值（可能是折行的数字），读法未能确认 / re-read in printed "
                   "order leaving out figures printed among the table's rows (perhaps a wrapped number)")
REASON_OCR_GLUED = ("OCR 文本中连写的数字（可能混入表格线），按本行勾稽关系拆分，未能确认 / digits run together in "
                    "an OCR's text (table rules among them) split by the row's equation: not confirmed")
REASON_OCR_BROKEN = ("OCR 文本中的数值使勾稽关系不成立，可能是 OCR 认错了数字 / in an OCR's text the values break an "
                     "equation: possibly a figure the OCR misread")
REASON_OCR_AMOUNT = ("OCR 文本中的金额没有小数点，OCR 可能漏读了小数点 / an amount without a decimal point in an OCR's "
                     "text: the OCR may have lost the point")
REASON_OCR_UNCONFIRMED = ("OCR 文本中的数值，未能由勾稽关系（行与列）核实 / a figure in an OCR's text that the "
                          "equations (its row's and its column's) do not confirm")
REASON_AMBIGUOUS = ("按位置重读有多种读法都符合勾稽关系 / reading the values in printed order fits the "
                    "equations in more than one way")


@dataclass
class Reading:
    """A candidate reading of one table: each cell's value and the token it came from."""

    how: str
    cells: dict[CellId, tuple[Number | None, Token]]
    exact: bool = False  # the table printed exactly as many values as it has cells
    # Figures left out of the window stand among the window's own lines: not strays before or
    # after the table but parts of it (a number wrapped in a narrow column: 102 above, 4 below).
    interleaved: bool = False


def _counts(fmt: Format) -> Callable[[CellId], bool]:
    """Whether a cell is a count, never negative (本年增/减 may be)."""
    return lambda c: fmt.kind_of(c) != CHANGE


def holds(eq: Equation, value: Callable[[CellId], object]) -> bool | None:
    return equation_holds(eq[0], eq[1], value)


def exceeds(eq: Equation, values: Mapping[CellId, object], counts: Callable[[CellId], bool]) -> bool:
    """An equation of counts (never negative) that no value of its unread cells can mend: one side
    read whole, and the other side's cells read so far already add up to more (a misread 90191
    among the parts of a column whose 总计 reads 482)."""
    sides = []
    for side in eq:
        known: int | float = 0
        whole = True
        for c in side:
            v = values.get(c, ABSENT)
            if v is ABSENT:
                whole = False
            elif isinstance(v, int | float):
                known += v
        sides.append((known, whole))
    (left, left_whole), (right, right_whole) = sides
    if left_whole == right_whole or not all(counts(c) for c in eq[0] + eq[1]):
        return False  # both read whole (equation_holds decides), or neither: nothing bounds it
    return right > left if left_whole else left > right


def table_equations(fmt: Format, table: Table, collapsed: frozenset[str]) -> tuple[Equation, ...]:
    return fmt.table_equations(table.id, collapsed)


def collapsed_groups(table: Table, report: AnnualReport) -> frozenset[str]:
    return frozenset(g.id for g in table.groups if g.collapsible and any(c in report.cells for c in g.collapsed_cells))


def positional_readings(fmt: Format, table: Table, values: list[Token]) -> list[tuple[frozenset[str], Reading]]:
    """The table's values taken in printed order, for each way the table may be printed (with a
    collapsible group split or as one row): the whole run when it has exactly as many values as
    the table has cells, else the first and the last window of that many (stray figures before
    or after the table); and the same without the blanks (an empty cell taken as one)."""
    out: list[tuple[frozenset[str], Reading]] = []
    variants = [g.id for g in table.groups if g.collapsible]
    shapes: list[frozenset[str]] = [frozenset()] + [frozenset({g}) for g in variants]
    numbers = [t for t in values if t.kind == NUM]
    for collapsed in shapes:
        order = fmt.collapsed_order(table.id, collapsed)
        n = len(order)
        for toks, how in ((values, "按位置"), (numbers, "按位置（略去空白）")):
            if len(toks) < n:
                continue
            windows = [toks[:n]] if len(toks) == n else [toks[:n], toks[-n:]]
            for window in windows:
                if any(t.kind == NUM and (not _whole_number(t) or len(t.text.split(".")[0]) > MAX_VALUE_DIGITS)
                       for t in window):
                    continue
                cells = {c: (None if t.kind == NULL else to_value((t, 0, len(t.text.split(".")[0])),
                                                                  fmt.kind_of(c)), t)
                         for c, t in zip(order, window, strict=True)}
                out.append((collapsed, Reading(how, cells, exact=len(toks) == n,
                                               interleaved=_interleaved(window, toks))))
        out.extend((collapsed, reading) for reading in _blanks_placed(fmt, order, numbers))
    return out


MAX_PLACED_BLANKS = 4  # blank cells a converter dropped without a trace, placed back by the equations
MAX_PLACEMENTS = 2000  # ways of placing them tried (C(15, 4) = 1365 for table 4; one blank in table 3)


def _blanks_placed(fmt: Format, order: tuple[CellId, ...], numbers: list[Token]) -> list[Reading]:
    """The figures in printed order with the few blank cells they lack put back at every
    place (a converter that drops empty cells, or draws its own grid, leaves no trace of where
    they were: `| 0 0 |`, a blank column gone). Only readings the equations pick out are of use,
    and their blanks stay OGI's doubt (`_doubt_blank_reading`)."""
    n, missing = len(order), len(order) - len(numbers)
    if not 0 < missing <= MAX_PLACED_BLANKS or math.comb(n, missing) > MAX_PLACEMENTS or not numbers:
        return []
    if any(not _whole_number(t) or len(t.text.split(".")[0]) > MAX_VALUE_DIGITS for t in numbers):
        return []
    out = []
    for where in itertools.combinations(range(n), missing):
        cells: dict[CellId, tuple[Number | None, Token]] = {}
        k = 0
        for i, c in enumerate(order):
            if i in where:
                near = numbers[min(k, len(numbers) - 1)]
                cells[c] = (None, Token(NULL, "", near.line, near.col, near.page))
            else:
                t = numbers[k]
                cells[c] = (to_value((t, 0, len(t.text.split(".")[0])), fmt.kind_of(c)), t)
                k += 1
        out.append(Reading("按位置（补回空白）", cells))
    return out


def _interleaved(window: list[Token], toks: list[Token]) -> bool:
    lines = [t.line for t in window if t.line is not None]
    if not lines or len(window) == len(toks):
        return False
    kept = {id(t) for t in window}
    lo, hi = min(lines), max(lines)
    return any(t.kind == NUM and id(t) not in kept and t.line is not None and lo - 1 <= t.line <= hi + 1
               for t in toks)


def _figures(rs: list[Run], zone: tuple[int, int]) -> list[Token]:
    """The table's value tokens in printed order, without the blanks of lines that print no
    figure: a header's empty cells (a converter's padding) are not a row printed blank."""
    values = [t for r in rs[zone[0]:zone[1]] if not r.is_label for t in r.tokens]
    with_figures = {t.line for t in values if t.kind == NUM}
    return [t for t in values if t.kind == NUM or t.line is None or t.line in with_figures]


def _whole_number(t: Token) -> bool:
    return t.kind == NUM and (t.text.replace(".", "", 1).isdigit())


def verify_table(fmt: Format, table: Table, report: AnnualReport, segments: list[Segment],
                 rs: list[Run], zone: tuple[int, int], ocr_text: Callable[[], bool] = lambda: False) -> str:
    """Verify one table's reading in place; returns what was decided, for `ogi parse --debug`."""
    collapsed = collapsed_groups(table, report)
    order = fmt.collapsed_order(table.id, collapsed)
    cells = report.cells
    eqs = table_equations(fmt, table, collapsed)
    present = [c for c in order if c in cells]
    if not present and not eqs:
        return "nothing read"
    shape_ok = len(present) == len(order) and all(s.clean for s in segments)
    if not eqs:
        if not shape_ok:
            _doubt_unclean(table, report, segments)
            # (Imported here: few documents print a table column by column.)
            from .colwise import column_reading

            by_column = column_reading(rs, zone, table)
            if by_column is not None:
                _adopt_columns(fmt, table, report, by_column)
                return (f"no equations; rows did not fit their cells; read column by column "
                        f"({'; '.join(by_column.steps)}): {by_column.bands_read} of {by_column.bands} bands")
            return "no equations; rows whose values did not fit their cells are uncertain"
        return "no equations; every row read exactly"

    now = {c: cells[c].value for c in present}
    # (An equation with unread cells decides nothing, unless its read parts already exceed it.)
    verdicts = [equation_holds_in(eq[0], eq[1], now) for eq in eqs]
    counts = _counts(fmt)
    bounded = [eq for eq, v in zip(eqs, verdicts, strict=True) if v is None and exceeds(eq, now, counts)]
    broken = [eq for eq, v in zip(eqs, verdicts, strict=True) if v is False] + bounded
    # Rows filled by position (several rows between two labels) are only as sure as their own
    # rows' equations: one that breaks makes the whole run of rows irregular.
    broken_cells = {c for eq in broken for c in eq[0] + eq[1]}
    for seg in segments:
        if seg.clean and len(seg.rows) > 1:
            for row in seg.rows:
                mine = set(row.cells)
                if any(set(eq[0] + eq[1]) <= mine for eq in broken if mine & broken_cells):
                    seg.clean = False
                    break
    shape_ok = shape_ok and all(s.clean for s in segments)
    if present and not broken and len(present) == len(order):
        doubted = _doubt_blank_places(report, segments) + _doubt_unpinned(report, segments, eqs)
        return f"all {len(eqs)} equations hold" + (f"; {doubted} blank or zero cells of irregular rows uncertain"
                                                   if doubted else "")
    values = _figures(rs, zone)
    if table.role == APPEALS and segments and segments[0].values:
        # (Table 4's row starts where its segment does: a header's speck before it is no value.)
        first = segments[0].values[0]
        values = values[next((k for k, t in enumerate(values) if t is first), 0):]
    candidates = positional_readings(fmt, table, values)
    fitting: list[tuple[frozenset[str], Reading]] = []
    seen: set[frozenset[tuple[CellId, Number | None]]] = set()  # the fitting readings' cells, each once
    for shape, reading in candidates:
        eqs_r = table_equations(fmt, table, shape)
        value = _values_of(reading)
        if all(holds(eq, value) for eq in eqs_r):
            # (A set, not a comparison with each reading kept: a row of zeros whose blanks a
            # converter dropped fits at every one of a thousand places.)
            same = _cells_of(reading)
            if same not in seen:
                seen.add(same)
                fitting.append((shape, reading))
    tried = (f"{len(broken)} of {len(eqs)} equations broken, {len(present)}/{len(order)} cells read; "
             f"{len(candidates)} readings in printed order tried ({_hows(candidates)}), "
             f"{len(fitting)} fit")
    if len(fitting) == 1:
        sure = _sure_cells(report, segments)
        _adopt(fmt, table, report, *fitting[0])
        doubted = _doubt_blank_reading(report, fitting[0][1], sure)
        if fitting[0][1].interleaved:
            for c in fitting[0][1].cells:
                report.cells[c].doubt(REASON_LEFT_OUT)
            return tried + f"; re-read {fitting[0][1].how}, but figures among its rows were left out: uncertain"
        return tried + f"; re-read {fitting[0][1].how}" + (f"; {doubted} blank or zero cells uncertain" if doubted else "")
    if len(fitting) > 1:
        _adopt(fmt, table, report, *fitting[0])
        for c in fitting[0][1].cells:
            others = tuple(r.cells[c][0] for _, r in fitting[1:] if c in r.cells)
            if any(o != cells[c].value for o in others):
                cells[c].doubt(REASON_AMBIGUOUS, others)
        return tried + "; ambiguous: differing cells uncertain"
    # No reading satisfies the equations. The anchored reading is the document's when it is sure:
    # every row read exactly, or the values in printed order give the very same cells.
    # (A one-row table's printed order is its anchored reading: no second opinion there; nor
    # that of rows filled by position from one run of values, or of text whose words stand
    # among a row's figures (printed column by column): there the two are one reading.)
    scrambled = any(seg.words_among() for seg in segments)
    positional = any(not seg.clean and len(seg.rows) > 1 for seg in segments)
    agrees = bool(present) and len(table.rows) > 1 and not scrambled and not positional and any(
        s == collapsed and all(c in r.cells and r.cells[c][0] == cells[c].value for c in present)
        for s, r in candidates)
    if ((shape_ok and present) or agrees) and not bounded and not ocr_text():
        return tried + ("; every row read exactly" if shape_ok else "; the printed order gives the same cells") + \
            ": the document's own inconsistency"
    # The table printed exactly its number of values and, read in that order, breaks only
    # equations that one cell explains: the document's own slip, read with certainty.
    # (Not in an OCR's text: there a figure the OCR misread breaks equations just so.)
    # (Nor where words stand among a row's figures other than between its printed rows: text
    # printed column by column, whose order is not the row's.)
    exact = [(shape, reading) for shape, reading in candidates if reading.exact] if not ocr_text() and not scrambled \
        else []
    for shape, reading in exact:
        eqs_r = table_equations(fmt, table, shape)
        value = _values_of(reading)
        off = [eq for eq in eqs_r if not holds(eq, value)]
        if off and len(off) <= 2 and set.intersection(*(set(eq[0] + eq[1]) for eq in off)):
            _adopt(fmt, table, report, shape, reading, fits=False)
            return tried + f"; exact printed order breaks {len(off)} equations one cell explains: the document's"
    alternative = next((r for s, r in candidates if s == collapsed), None)
    # The suspects of a broken equation are its cells read irregularly; cells of rows read exactly
    # (their own row's equation holding) stay sure unless no suspect explains the break.
    # (Digits printed glued and split by OGI with the row's equation are OGI's inference.)
    irregular = {c for seg in segments if not seg.clean or seg.solutions for r in seg.rows for c in r.cells}
    reason = REASON_OCR_BROKEN if ocr_text() else REASON_BROKEN
    for eq in broken:
        read = [c for c in eq[0] + eq[1] if c in cells]
        for c in [c for c in read if c in irregular] or read:
            alt = (alternative.cells[c][0],) if alternative and c in alternative.cells else ()
            cells[c].doubt(reason, alt)
    _doubt_unclean(table, report, segments)
    return tried + f"; {sum(1 for c in cells.values() if c.uncertain)} cells uncertain (OGI's doubt)"


def _hows(candidates: list[tuple[frozenset[str], Reading]]) -> str:
    """The kinds of reading tried, each once, with how many of it (`--debug`)."""
    counts = Counter(r.how for _, r in candidates)
    return ", ".join(how if n == 1 else f"{how} ×{n}" for how, n in counts.items())


def _values_of(reading: Reading) -> Callable[[CellId], object]:
    """A cell's value in the reading, ABSENT where the reading has no such cell."""
    cells = reading.cells
    return lambda c: cells[c][0] if c in cells else ABSENT


def _cells_of(reading: Reading) -> frozenset[tuple[CellId, Number | None]]:
    """The reading's cells and values: two readings giving the same are the same reading."""
    return frozenset((c, v) for c, (v, _) in reading.cells.items())


def _adopt(fmt: Format, table: Table, report: AnnualReport, collapsed: frozenset[str], reading: Reading,
           fits: bool = True) -> None:
    """Replace the table's cells by a reading: one that makes every equation hold (`fits`), or the
    exact printed order whose few broken equations are the document's own slip."""
    changed = [c for c, (v, _) in reading.cells.items()
               if c not in report.cells or report.cells[c].value != v]
    for c in table.all_cells:
        if c not in reading.cells:
            report.cells.pop(c, None)
    for c, (value, tok) in reading.cells.items():
        old = report.cells.get(c)
        if old is not None and old.value == value and not old.uncertain:
            continue
        report.cells[c] = Cell(c, value, tok.source(), False)
    if changed:
        report.notes.append(Note(
            "extract.reread",
            f"「{table.title}」按标签读出的数值不符合勾稽关系，改为{reading.how}读取"
            f"（{'所有勾稽关系成立' if fits else '数值个数与单元格数恰好相等，其余不符为文档本身所致'}），"
            f"{len(changed)}个单元格因此改变",
            f"table {table.id}: the values read by row label break the equations; read in printed order "
            f"instead ({'every equation holds' if fits else 'exactly as many values as cells; what still breaks is the document'}), "
            f"{len(changed)} cells changed",
            tuple(changed[:40]),
        ))


def _adopt_columns(fmt: Format, table: Table, report: AnnualReport, reading: ColumnReading) -> None:
    """The cells of the bands read column by column replace the anchored reading's (whose rows did
    not fit): each column's header named it and its values were exactly one per row."""
    changed = []
    for c, tok in reading.cells.items():
        value = None if tok.kind == NULL else to_value((tok, 0, len(tok.text.split(".")[0])), fmt.kind_of(c),
                                                       reading.units[c])
        old = report.cells.get(c)
        if old is None or old.value != value or old.uncertain:
            changed.append(c)
        report.cells[c] = Cell(c, value, tok.source(), False)
    if changed:
        report.notes.append(Note(
            "extract.column_wise",
            f"「{table.title}」按列印出（每列表头后是该列各行的数值），按列读出{len(reading.cells)}个单元格",
            f"table {table.id} is printed column by column (each column's header, then its values row by "
            f"row); {len(reading.cells)} cells read so",
            tuple(changed[:40]),
        ))


REASON_BLANK_PLACE = ("该行印出的空白格与数值个数同表格不符，空白与0的位置勾稽关系无法核实 / the row's blanks do not "
                      "match its cells; where a blank and where a 0 stands no equation can tell")


def _blank_places_unsure(seg: Segment, report: AnnualReport) -> bool:
    """The irregular row has blanks: printed among its values, or cells its figures did not reach.
    Equations count a blank as 0, so they cannot tell where the blank and where the 0 stands."""
    return any(t.kind == NULL for t in seg.values) or any(
        (cell := report.cells.get(c)) is not None and cell.value is None for r in seg.rows for c in r.cells)


def _doubt_blank_places(report: AnnualReport, segments: list[Segment]) -> int:
    """Blank and zero cells of irregular rows: the equations hold whichever of them is blank."""
    n = 0
    for seg in segments:
        if seg.clean or not _blank_places_unsure(seg, report):
            continue
        for row in seg.rows:
            for c in row.cells:
                cell = report.cells.get(c)
                if cell is not None and cell.value in (None, 0) and not cell.uncertain:
                    cell.doubt(REASON_BLANK_PLACE, (0 if cell.value is None else None,))
                    n += 1
    return n


REASON_UNPINNED = ("该行读取不规整；勾稽关系只核实了合计，未能核实各数值所在的列 / the row was read irregularly; "
                   "its equation confirms the sum, not which column each value stands in")


def _doubt_unpinned(report: AnnualReport, segments: list[Segment], eqs: tuple[Equation, ...]) -> int:
    """Cells of irregular rows that only one equation holds: a sum does not say where its
    addends stand (table 4's 102 … 102 read into 维持 and 总计 fits as well as into 其他 and 总计).
    A cell also in a second equation (table 3: its row and its column) is placed by both."""
    if all(seg.clean for seg in segments):
        return 0
    count: dict[CellId, int] = {}
    for eq in eqs:
        for c in eq[0] + eq[1]:
            count[c] = count.get(c, 0) + 1
    n = 0
    for seg in segments:
        if seg.clean:
            continue
        for row in seg.rows:
            for c in row.cells:
                cell = report.cells.get(c)
                if cell is not None and not cell.uncertain and count.get(c, 0) < 2:
                    cell.doubt(REASON_UNPINNED)
                    n += 1
    return n


def _sure_cells(report: AnnualReport, segments: list[Segment]) -> dict[CellId, object]:
    return {c: report.cells[c].value for seg in segments if seg.clean for r in seg.rows for c in r.cells
            if c in report.cells and not report.cells[c].uncertain}


def _doubt_blank_reading(report: AnnualReport, reading: Reading, sure: dict[CellId, object]) -> int:
    """A reading in printed order that placed blanks: which cells are blank and which 0 is not
    something the equations confirm, unless a row read exactly gave the same."""
    if not any(tok.kind == NULL for _, tok in reading.cells.values()):
        return 0
    n = 0
    for c, (value, _) in reading.cells.items():
        cell = report.cells.get(c)
        if value in (None, 0) and cell is not None and not cell.uncertain and sure.get(c, ABSENT) != value:
            cell.doubt(REASON_BLANK_PLACE, (0 if value is None else None,))
            n += 1
    return n


def _doubt_unclean(table: Table, report: AnnualReport, segments: list[Segment]) -> None:
    """Cells of rows whose values did not fit their cells, where no equation confirms them (table 2
    has none), are OGI's doubt."""
    for seg in segments:
        if seg.clean:
            continue
        for row in seg.rows:
            for c in row.cells:
                if c in report.cells:
                    report.cells[c].doubt(REASON_SHAPE)


def _doubt_unconfirmed(fmt: Format, table: Table, report: AnnualReport) -> None:
    """In an OCR's text a cell is sure only where the equations vouch for it: each one it sits in
    (two at most: its row's and its column's) read whole and holding. An OCR that drops a digit
    from a row's figure and from its total alike (13 and 16 read 3 and 6) keeps the row's equation."""
    collapsed = collapsed_groups(table, report)
    eqs = table_equations(fmt, table, collapsed)
    if not eqs:
        return
    cells = report.cells
    now = {c: cells[c].value for c in fmt.collapsed_order(table.id, collapsed) if c in cells}
    sits: Counter[CellId] = Counter()
    vouches: Counter[CellId] = Counter()
    for left, right in eqs:
        holds_now = equation_holds_in(left, right, now) is True
        for c in left + right:
            sits[c] += 1
            vouches[c] += holds_now
    for c in now:
        if not cells[c].uncertain and vouches[c] < min(2, sits[c]):
            cells[c].doubt(REASON_OCR_UNCONFIRMED)


def verify(fmt: Format, report: AnnualReport, segments: dict[str, list[Segment]], rs: list[Run],
           zones: dict[str, tuple[int, int]], ocr_text: Callable[[], bool] = lambda: False) -> dict[str, str]:
    """Verify every table read; returns what was decided per table (for `--debug`). `ocr_text()`:
    the text is an OCR's, which misreads figures (asked only where a verdict depends on it)."""
    decided: dict[str, str] = {
        table.id: verify_table(fmt, table, report, segments.get(table.id, []), rs, zones[table.id], ocr_text)
        for table in fmt.tables if table.id in zones}
    if ocr_text():
        _doubt_ocr_readings(fmt, report, segments, zones)
    return decided


def _doubt_ocr_readings(fmt: Format, report: AnnualReport, segments: dict[str, list[Segment]],
                        zones: dict[str, tuple[int, int]]) -> None:
    """What an OCR's text prints that nothing but its own word vouches for."""
    for table in fmt.tables:
        if table.id in zones:
            _doubt_unconfirmed(fmt, table, report)
    for cell in report.cells.values():
        # An OCR drops a decimal point as readily as a speck (1.5 read 15): an amount printed
        # without one is the OCR's reading, not surely the document's.
        if fmt.kind_of(cell.id) == AMOUNT and cell.value and cell.source is not None \
                and cell.source.text is not None and "." not in cell.source.text:
            cell.doubt(REASON_OCR_AMOUNT)
    # An OCR runs a row's zeros and rules together (0901901090191): the row's equation picks a
    # split of an OCR's digits, not of the document's.
    for segs in segments.values():
        for seg in segs:
            for c in (c for row in seg.rows for c in row.cells) if seg.solutions else ():
                if c in report.cells:
                    report.cells[c].doubt(REASON_OCR_GLUED)


_UNPLACED = ("extract.extra_values", "extract.leftover_values")  # notes of values no cell took


def mark_unread(fmt: Format, report: AnnualReport, rs: list[Run], zones: dict[str, tuple[int, int]],
                lines: Sequence[tuple[str, int | None, int | None]] = (),
                ocr_text: Callable[[], bool] = lambda: False, pictures_unread: bool = False) -> None:
    """Cells missing from a row whose label the document prints are OGI's failure to read them
    (`report.unread`), not the document's omission; so are a row's that stood where the table
    crosses a page (`lines`: the text's (text, line, page), page numbers among them), which a
    converter may have dropped; a row whose words are nowhere in its table otherwise is absent
    from the document (format.E203 in `ogi check`) — unless the text is an OCR's, whose garbled
    words say nothing of what the document lacks: there every missing cell is unread. A table not
    found in a document with pictures OGI could not read (`pictures_unread`) may be one of them:
    its cells are unread too."""
    missing = set(report.missing)
    if not missing:
        report.unread = []  # (nothing missing: nothing unread)
        return
    if ocr_text():
        report.unread = list(report.missing)
        return
    unread: list[CellId] = []
    marks: list[int] | None = None  # lines a row may have been lost at (`_lost_there`)
    # A row's words anywhere in the document: converters move labels away from their table.
    text = "".join(r.norm for r in rs if r.is_label)
    for table in fmt.tables:
        if table.id not in zones:
            # No table found, but its words are printed (two of its row or header words): OGI
            # could not read it, which is not the same as a report without the table.
            words = {k for r in table.rows for k in r.keys} | set(table.header_keys) | {
                normalize_label(c.label.split(HEADER_SEPARATOR)[-1]) for r in table.rows for c in r.columns}
            if pictures_unread or sum(1 for w in words if len(w) >= 3 and w in text) >= 2:
                unread.extend(c for c in table.cells if c in missing)
            continue
        # A collapsible group printed as one row OGI could not read (its label printed, its
        # sub-rows' words not): the sub-rows are OGI's failure to read, not rows the report lacks.
        groups_unread = {g.id for g in table.groups if g.collapsible and any(k in text for k in g.keys)
                         and not any(c in report.cells for c in g.collapsed_cells)
                         and not any(k in text for r in table.rows if r.group == g.id for k in r.keys)}
        # A group's label printed with figures after it and none of its rows read (their labels not
        # printed: blank label cells, or run together once the line breaks were lost): the figures
        # are the rows' that OGI could not place. (Exactly one row's figures after the label is the
        # group printed as one row: its rows are missing from the document.)
        start, end = zones[table.id]
        for g in table.groups:
            rows = [r for r in table.rows if r.group == g.id]
            if not rows or any(c in report.cells for r in rows for c in r.cells):
                continue
            for i in range(start, min(end, len(rs) - 1)):
                if rs[i].is_label and not rs[i + 1].is_label and any(k in rs[i].norm for k in g.keys):
                    if len(rs[i + 1].tokens) != len(rows[0].cells):
                        groups_unread.add(g.id)
                    break
        # Values OGI found in the table and could not place (a row's surplus, figures left over):
        # rows whose labels the text does not print (blank label cells, or lost with the line
        # breaks) may be theirs, so those rows are OGI's failure to read, not rows the report lacks.
        cells = set(table.all_cells)
        unplaced = any(n.code in _UNPLACED and cells.intersection(n.cells) for n in report.notes)
        for at, row in enumerate(table.rows):
            absent = [c for c in row.cells if c in missing]
            if not absent:
                continue
            printed = any(k in text for k in row.keys) if row.keys else True
            printed = printed or row.group in groups_unread or unplaced
            lacking = not printed and len(absent) == len(row.cells)  # the document's omission, unless…
            if lacking:
                if marks is None:  # (looked for once, and only for a row the document would lack)
                    read_lines = {c.source.line for c in report.cells.values() if c.source is not None}
                    marks = [line for text, line, _ in lines if line is not None and (
                        is_page_furniture(text) or (line not in read_lines and len(_FIGURES.findall(text)) >= 2))]
                lacking = not _lost_there(table, at, report, marks)
            if not lacking:
                unread.extend(absent)
    report.unread = unread


# Figures on a line (two or more, no read cell's: a row whose label an OCR garbled past matching).
_FIGURES = re.compile(r"(?<![\d.])\d+(?![\d.])")


def _lost_there(table: Table, at: int, report: AnnualReport, marks: list[int]) -> bool:
    """Whether the table's row `at` would stand where OGI lost it: a page number, or figures no
    read cell came from (on one of the lines `marks`), printed between the text lines of the rows read before and
    after it (none read before it: in the two lines before the next). pymupdf4llm's Markdown of a table
    a page cuts has lost the row there; Tesseract garbles a label (`一 人 \\开申请数量 1095 | 1255 0`)."""
    def lines_of(rows: Sequence[Row]) -> list[int]:
        """The text lines of the cells of the first of `rows` read from text lines."""
        for row in rows:
            found = [s.line for c in row.cells
                     if (cell := report.cells.get(c)) is not None and (s := cell.source) is not None
                     and s.line is not None]
            if found:
                return found
        return []

    after = lines_of(table.rows[at + 1:])
    before = (lines_of(table.rows[at - 1::-1]) if at else []) or ([min(after) - 3] if after else [])
    return bool(before and after) and any(max(before) < line < min(after) for line in marks)
