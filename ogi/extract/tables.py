"""Step 2–4 of the table extraction: token stream → runs → anchored rows → cells.

- `runs()`: consecutive LABEL tokens become one label run, consecutive values one value run.
- `find_tables()`: where each of the three tables starts in the run list.
- `anchor_rows()`: label runs matched to the format's rows (keys from ogi/formats), in table
  order; a merged group label (（三）不予公开) anchors the first row of its group.
- `fill()`: the values between two anchors belong to the rows between them, in order; rows
  whose label cell is blank get theirs by position; glued digits are split by the equations.

Every step is a plain function over plain data, so `ogi parse --debug` can show what each saw.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ..formats import (
    AMOUNT,
    APPEALS,
    APPLICATIONS,
    ARTICLE20,
    CHANGE,
    COUNT,
    HEADER_SEPARATOR,
    CellId,
    Equation,
    Format,
    Row,
    RowGroup,
    Table,
    normalize_label,
)
from ..formats.base import ABSENT, dice, equation_holds
from ..model import AnnualReport, Cell, Note, Number, Source
from .columns import (
    ColumnPositions,
    column_positions,
    pdf_line,
    place_by_columns,
    place_by_lines,
    reference_columns,
    ruler_spans,
    spaced_row,
    unit_unsettled,
)
from .settings import DEFAULT, ExtractSettings
from .split import Piece, RowEquation, piece_value, split_tokens
from .tokens import LABEL, NULL, NUM, Token, cell_tokens, in_grid, is_note


@dataclass(slots=True)
class Run:
    """Consecutive tokens of one kind: label text, or values (figures and blank marks)."""

    is_label: bool
    tokens: list[Token]
    norm: str = ""  # normalised label text after the run's last sentence (label runs)
    last_norm: str = ""  # normalised text of the last label token

    @property
    def text(self) -> str:
        return "".join(t.text for t in self.tokens)


def runs(tokens: list[Token]) -> list[Run]:
    out: list[Run] = []
    current: list[Token] = []
    in_label = None
    for tok in tokens:
        is_label = tok.kind == LABEL
        if is_label is in_label:
            current.append(tok)
        else:
            current = [tok]
            in_label = is_label
            out.append(Run(is_label, current))
    for r in out:
        if r.is_label:
            last = r.tokens[-1].text
            text = last if len(r.tokens) == 1 else "".join([t.text for t in r.tokens])
            # Narrative text without figures runs straight into the labels after it; labels
            # never hold a full stop, so only what follows the last sentence is matched.
            if "。" in text or "！" in text or "？" in text:
                text = text[max(text.rfind("。"), text.rfind("！"), text.rfind("？")) + 1:]
            r.norm = normalize_label(text)
            r.last_norm = r.norm if text is last else normalize_label(last)
    return out


@dataclass(slots=True)
class Anchor:
    """A table row found at a label run: where a segment of the table's values starts."""

    row: int  # index into table.rows
    run: int  # index into the run list
    soft: bool = False  # anchored by a group label, not the row's own label
    group: RowGroup | None = None
    fuzzy: bool = False  # anchored by a label that only resembles the row's (no key matched)


@dataclass(slots=True)
class Segment:
    """Rows of a table and the value tokens found for them between two anchors."""

    rows: list[Row]
    values: list[Token]
    anchor: Anchor
    solutions: list[list[Piece]] = field(default_factory=list)
    last: bool = False  # the table's last segment: what follows may be narrative, not cells
    # The reading fits the table's shape: every row up to the next anchor got exactly its cells
    # from the values between the anchors (set by `read_table`; see verify.py).
    clean: bool = False
    stray: Token | None = None  # a value left out of the row because only that fits its equation
    # Label text printed among the values (the number of values before each such label): a
    # column-wise reading or headers between the numbers. Allowed only at `row_breaks`.
    breaks: list[int] = field(default_factory=list)
    row_breaks: tuple[int, ...] = ()
    listed: bool = False  # the last of several row labels printed one after another
    placed: bool = False  # values placed under their header's columns by position (columns.py)
    padded: bool = False  # a converter's empty padding cells left out (`_without_padding`)
    guessed: bool = False  # placed under the header's words, no complete row to confirm it
    blanks_placed: bool = False  # fewer separate figures than cells: blanks placed by the equations
    lost: list[CellId] = field(default_factory=list)  # cells whose figures the text lost (`_lost_figures`)
    blanks_printed: bool = False  # the table prints its blank cells: glued digits hide none
    anchor_line: int | None = None  # the line of the label run that anchors the segment (its last token's)
    # The anchoring run's tokens, of which `_label_line` finds the row's own label: where a row
    # printed one cell a line starts its cells (worked out only for such a row).
    label_tokens: Sequence[Token] = ()
    # Figures standing on their own lines after the table's values and before the next section
    # (table 4): the rest of a row split across a page, or digits wrapped within their cells.
    leftover: Sequence[Token] = ()
    # Where each leftover stands in the row, when its line prints every cell of the row (a
    # Markdown row `||||||||4||4||||||`, its blank cells printed empty); None otherwise.
    leftover_at: tuple[int, ...] | None = None
    # A figure a converter cut in two at a wrapped header's column break
    # (`_split_at_wrapped_header`): its position among the row's cells and its first part's value.
    joined: tuple[int, Number | None] | None = None

    def words_among(self, upto: int | None = None) -> bool:
        """Label text stands among the first `upto` values (all of them by default) elsewhere than
        between the rows the segment prints (`row_breaks`): their order is not the rows'."""
        n = len(self.values) if upto is None else upto
        return any(0 < b < n and b not in self.row_breaks for b in self.breaks)


# ---------------------------------------------------------------------------------------------
# Where the tables are


def find_tables(rs: list[Run], fmt: Format) -> dict[str, tuple[int, int]]:
    """Run-index ranges [start, end) of tables 2, 3 and 4 (only those found).

    Table 2 starts at 第二十条第（一）项 (else 信息内容, else its first rows); table 3 at its
    header (申请人情况, 自然人…) or its first row; table 4 at 行政复议/行政诉讼 after table 3.
    The first occurrence wins, so a page scraped twice is read once.
    """
    active, apply, appeal = fmt.by_role(ARTICLE20), fmt.by_role(APPLICATIONS), fmt.by_role(APPEALS)
    labels = [(i, r.norm) for i, r in enumerate(rs) if r.is_label]

    def first(pred: Callable[[str], bool], start: int = 0) -> int | None:
        for i, norm in labels:
            if i >= start and pred(norm):
                return i
        return None

    t2 = first(lambda n: any(k in n for k in active.groups[0].keys))
    if t2 is None:
        weak = active.header_keys + active.rows[0].keys + active.rows[0].exact + active.rows[1].keys
        t2 = first(lambda n: any(k in n for k in weak))
    after = t2 or 0
    # Table 3 starts at its header (two of 申请人情况, 自然人, 商业企业…); narrative text may
    # mention 本年新收 too, so its first row's label only counts when no header is found.
    header = _any_of(apply.header_keys)  # (labels without any of the words are passed over at once)
    t3 = first(lambda n: header.search(n) is not None and sum(k in n for k in apply.header_keys) >= 2, after)
    if t3 is None:
        t3 = first(lambda n: any(k in n for k in apply.flow_row("new").keys + apply.flow_row("carried_over").keys),
                   after)
    if t2 is not None and t3 is not None and t2 > t3:
        t2 = None
    t4_from = t3 if t3 is not None else (t2 if t2 is not None else 0)
    t4 = None
    last_keys = apply.rows[-1].keys  # (the last row printed: 结转下年度)
    appeal_header = _any_of(appeal.header_keys)
    for i, norm in labels:
        if i <= t4_from or appeal_header.search(norm) is None:
            continue
        at = min((p for k in appeal.header_keys if (p := norm.find(k)) >= 0), default=-1)
        # Table 3's last row label may share the run (labels printed after table 3's numbers, then
        # table 4's headers): table 4 begins only after it.
        if at >= 0 and all(norm.rfind(k) < at for k in last_keys):
            t4 = i
            break
    out: dict[str, tuple[int, int]] = {}
    ends = sorted(x for x in (t2, t3, t4) if x is not None) + [len(rs)]
    for table, start in ((active, t2), (apply, t3), (appeal, t4)):
        if start is not None:
            out[table.id] = (start, next(e for e in ends if e > start))
    # Tables 2 and 4 end at a later section's heading (table 3 ends where table 4 starts).
    for table in (active, appeal):
        if table.id in out:
            out[table.id] = (out[table.id][0], _end_at_later_section(rs, *out[table.id],
                                                                     fmt.later_section_keys(table.number)))
    return out


def _end_at_later_section(rs: list[Run], start: int, end: int, later_sections: tuple[str, ...]) -> int:
    """A table ends at the heading of a later section (三、收到和处理…, 五、存在的主要问题…) once
    figures came before it: the figures after it are never the table's (table 3's first cells, a
    date, the next year's plans), even where text printed column by column puts them straight
    after the table's last label, or a converter drew them into a table of its own. (A heading
    before any figure leaves the zone whole: the labels of some layouts come before their values.)"""
    figures = False
    for i in range(start, end):
        r = rs[i]
        if not r.is_label:
            figures = figures or any(t.kind == NUM for t in r.tokens)
        elif figures and any(k in normalize_label(t.text) for t in r.tokens for k in later_sections):
            return i  # (a token of its own: the heading may run on into its narrative)
    return end


def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """An expression that finds any of the words (`re` keeps it compiled)."""
    return re.compile("|".join(map(re.escape, words)))


def detect_format(rs: list[Run], zones: dict[str, tuple[int, int]], formats: tuple[Format, ...]) -> Format | None:
    """The format whose signature headers the document prints most (ties: None)."""
    lo = min((z[0] for z in zones.values()), default=0)
    hi = max((z[1] for z in zones.values()), default=len(rs))
    text = "".join(r.norm for r in rs[lo:hi] if r.is_label)
    scores = [(sum(k in text for k in f.signature), f) for f in formats]
    scores.sort(key=lambda s: -s[0])
    if not scores or scores[0][0] == 0 or (len(scores) > 1 and scores[0][0] == scores[1][0]):
        return None
    return scores[0][1]


# ---------------------------------------------------------------------------------------------
# Anchors


# The rows a label run anchors depend only on its text, the table and the cursor: the same in
# every report of a format, whose labels the State Council fixed. Each table keeps the answers it
# gave (with the default settings, for runs as short as labels), so a corpus works each label out
# once; the table itself is held beside them, so that its id cannot be taken by another table
# while they are kept.
_MATCHED: dict[int, tuple[Table, dict[tuple[str, str, int, bool], tuple[tuple[int, bool, RowGroup | None, bool], ...]]]] = {}
MAX_MATCHED = 10_000  # answers kept per table (then forgotten, and kept anew)
MATCHED_LENGTH = 80  # longer label runs are narrative, different in every report: not kept


def match_run(run: Run, table: Table, cursor: int, settings: ExtractSettings,
              followed_by_values: bool) -> list[Anchor]:
    """Rows (at or after `cursor`) whose labels occur in this label run, in printed order."""
    if settings is not DEFAULT or len(run.norm) > MATCHED_LENGTH:
        return _match_run(run.norm, run.last_norm, table, cursor, settings, followed_by_values)
    kept = _MATCHED.get(id(table))
    if kept is None or kept[0] is not table:
        kept = _MATCHED[id(table)] = (table, {})
    answers = kept[1]
    key = (run.norm, run.last_norm, cursor, followed_by_values)
    answer = answers.get(key)
    if answer is None:
        anchors = _match_run(run.norm, run.last_norm, table, cursor, settings, followed_by_values)
        if len(answers) >= MAX_MATCHED:
            answers.clear()
        answers[key] = tuple((a.row, a.soft, a.group, a.fuzzy) for a in anchors)
        return anchors
    return [Anchor(row, 0, soft, group, fuzzy) for row, soft, group, fuzzy in answer]


def _match_run(norm: str, last_norm: str, table: Table, cursor: int, settings: ExtractSettings,
               followed_by_values: bool) -> list[Anchor]:
    """`match_run` worked out (what it keeps)."""
    header = None  # table 3's header (two of its header words) in the run: looked at when needed
    found: list[tuple[int, int, bool, RowGroup | None]] = []  # (position, row, soft, group)
    rows = table.rows
    find = norm.find
    for k, keys, exact in table.row_keys[cursor:]:
        for key in keys:
            pos = find(key)
            if pos >= 0:
                found.append((pos, k, False, None))
                break
        else:
            if exact and k < cursor + settings.exact_lookahead:
                if header is None:
                    header = _is_header(norm, table)
                if not header and (norm in exact or last_norm in exact):
                    found.append((len(norm) - len(last_norm), k, False, None))
    for group, first_row in table.group_starts:
        if first_row < cursor:
            continue
        for key in group.keys:
            pos = find(key)
            if pos >= 0:
                found.append((pos, first_row, True, group))
                break
    if not found:
        if not followed_by_values or len(norm) > 60 or (_is_header(norm, table) if header is None else header):
            return []
        best = max(
            ((dice(norm, normalize_label(rows[k].label)), k) for k in range(cursor, min(len(rows), cursor + settings.fuzzy_lookahead))),
            default=(0.0, -1),
        )
        if best[0] < settings.fuzzy_threshold:
            return []
        return [Anchor(best[1], 0, False, None, fuzzy=True)]
    if len(found) == 1:
        _, k, soft, named = found[0]
        return [Anchor(k, 0, soft, named)]
    found.sort(key=lambda f: (f[0], f[1], f[2]))
    anchors: list[Anchor] = []
    last = -1
    for _, k, soft, named in found:
        if k < last or (k == last and soft):
            continue
        if anchors and anchors[-1].row == k:
            if anchors[-1].soft and not soft:
                anchors[-1] = Anchor(k, 0, False, None)
            continue
        anchors.append(Anchor(k, 0, soft, named))
        last = k
    return anchors


def _is_header(norm: str, table: Table) -> bool:
    """Table 3's header (two of its header words) in a label."""
    return table.role == APPLICATIONS and sum(k in norm for k in table.header_keys) >= 2


def anchor_rows(rs: list[Run], start: int, end: int, table: Table,
                settings: ExtractSettings = DEFAULT) -> list[Anchor]:
    anchors: list[Anchor] = []
    cursor = 0
    # Once every row is anchored no label after can anchor one (unless a zero threshold lets
    # `match_run`'s fuzzy search take no row at all).
    rows = len(table.rows) if settings.fuzzy_threshold > 0 else len(table.rows) + 1
    for i in range(start, end):
        run = rs[i]
        if not run.is_label:
            continue
        if cursor >= rows:
            break
        followed = i + 1 < end and not rs[i + 1].is_label
        for a in match_run(run, table, cursor, settings, followed):
            a.run = i
            # A group label (a merged cell, often with blank cells beside it) followed by its
            # first row's own label: the row's label is the anchor.
            if anchors and anchors[-1].row == a.row and anchors[-1].soft and not a.soft:
                if _values_between(rs, anchors[-1].run, i, blanks=False) == 0:
                    anchors[-1] = a
                    cursor = a.row + 1
                    continue
            anchors.append(a)
            # A group label does not use up its first row: that row's own label may follow.
            cursor = a.row if a.soft else a.row + 1
    return anchors


def _values_between(rs: list[Run], a: int, b: int, blanks: bool = True) -> int:
    return sum(1 for r in rs[a + 1:b] if not r.is_label for t in r.tokens if blanks or t.kind != NULL)


# ---------------------------------------------------------------------------------------------
# Values


def segments(rs: list[Run], end: int, table: Table, anchors: list[Anchor], blanks: bool = True) -> list[Segment]:
    """`blanks`: the table may print blank cells (False when the caller knows it prints none)."""
    out = []
    # (Header lines only decide about blanks: without one among the values, no look.)
    blanks = blanks and bool(anchors) and any(t.kind == NULL for r in rs[anchors[0].run + 1:end] if not r.is_label
                                              for t in r.tokens)
    for n, a in enumerate(anchors):
        nxt = anchors[n + 1] if n + 1 < len(anchors) else None
        stop_run = nxt.run if nxt else end
        stop_row = nxt.row if nxt else len(table.rows)
        values: list[Token] = []
        breaks: list[int] = []
        anchor_line = rs[a.run].tokens[-1].line
        # Two anchors in one run (labels without values between): the first gets nothing.
        if not (nxt and nxt.run == a.run):
            between = rs[a.run + 1:stop_run]
            header_lines = _header_lines(between, anchor_line) if blanks and any(
                t.kind == NULL for r in between if not r.is_label for t in r.tokens) else ()
            for r in between:
                if r.is_label:
                    if values and not is_note(r.text):
                        breaks.append(len(values))
                elif header_lines:
                    values.extend(t for t in r.tokens if t.kind != NULL or t.line not in header_lines)
                else:
                    values.extend(r.tokens)
        out.append(Segment(list(table.rows[a.row:stop_row]), values, a, last=nxt is None, breaks=breaks,
                           anchor_line=anchor_line, label_tokens=rs[a.run].tokens))
    return out


def _label_line(seg: Segment, row: Row) -> int | None:
    """The line of the anchoring run's last token that belongs to the row's label. Text after it
    on lines of its own (a lone `*`, 未统计 or （空） where a figure would stand) is skipped: taken
    for the label's line, it would move every figure of a row printed one cell a line into the
    cell before its own."""
    tokens, group = seg.label_tokens, seg.anchor.group
    if not tokens:
        return seg.anchor_line
    if len(tokens) > 1:
        label = normalize_label(row.label) + (normalize_label(group.label) if group else "")
        keys = row.keys + row.exact + (group.keys if group else ())
        for tok in reversed(tokens):
            text = normalize_label(tok.text)
            if text and (text in label or any(k in text for k in keys)):
                return tok.line
    return tokens[-1].line


def _header_lines(rs: list[Run], anchor_line: int | None) -> set[int]:
    """Lines, other than the anchor's, that print words and blanks but no figure: a header row's
    empty cells (`| | 维持 | 纠正 | |`), whose blanks are no row's cells."""
    words: set[int] = set()
    figures: set[int] = set()
    for r in rs:
        for t in r.tokens:
            if t.line is not None:
                (words if t.kind == LABEL else figures if t.kind == NUM else set()).add(t.line)
    return words - figures - {anchor_line}


def labels_then_values(segs: list[Segment]) -> list[Segment]:
    """Row labels printed one after another, then the values of all those rows (a converter that
    put a table's label column before its numbers): consecutive segments without values merge
    with the next one when its values are exactly as many as the merged rows' cells."""
    out: list[Segment] = []
    i = 0
    while i < len(segs):
        j = i
        # (Blank cells printed after a label are the row's values: only a label with nothing
        # after it is part of a list.)
        while j < len(segs) and not segs[j].values and not segs[j].last:
            j += 1
        if j > i and j < len(segs):
            rows = [r for s in segs[i:j + 1] for r in s.rows]
            values = segs[j].values
            width = sum(len(r.cells) for r in rows)
            contiguous = not any(0 < b < width for b in segs[j].breaks)
            opening = segs[i].anchor
            if contiguous and len(_trim(values, width)) == width and not (
                    opening.soft and opening.group and opening.group.collapsible):
                # The tail of a longer list whose values did not fit it: which of the list's rows
                # the values belong to is not known (处罚 行政强制 收费 · 3 13 may be 处罚 and 强制).
                out.append(Segment(rows, values, segs[i].anchor, last=segs[j].last, breaks=segs[j].breaks,
                                   listed=segs[i].listed))
                i = j + 1
                continue
            # Not mergeable: unless the values after the list are exactly the last row's (the
            # rows before it printed blank), they are not known to be the last label's alone.
            own = len(segs[j].rows[0].cells) if segs[j].rows else 0
            first_chunk = min([b for b in segs[j].breaks if b > 0] + [len(values)])
            same_line = bool(values) and values[0].line is not None and values[0].line == segs[j].anchor_line
            if not same_line or first_chunk != own or (len(segs[j].rows) > 1 and len(_trim(values, own)) != own):
                segs[j].listed = True
                for k in range(i, j):
                    segs[k].listed = True
        out.append(segs[i])
        i += 1
    return out


def _equation_positions(fmt: Format, cells: list[CellId]) -> tuple[RowEquation, ...]:
    """The format's equations among these cells, as positions in the list."""
    return fmt.equation_positions(tuple(cells))


def solve(seg: Segment, fmt: Format, settings: ExtractSettings, lines: Mapping[int, str] | None = None,
          columns: ColumnPositions | None = None, one_per_line: bool = False) -> tuple[list[CellId], list[Piece]] | None:
    """Cells of the segment and one piece per cell, or None when nothing fits.

    Sets `seg.solutions` when glued digits had to be split. `lines` (line number → text) lets a
    row of space-aligned text place its values under its header's columns (columns.py).
    """
    if not seg.rows:
        return None
    if columns and not lines and _fewer_figures(seg):
        # A PDF's table drawn without vertical rules: each figure's box says its column, as the
        # complete rows nearest it place theirs.
        row = seg.rows[0]
        vals = _trim(seg.values, len(row.cells))
        reference = reference_columns(columns, row, pdf_line(vals))
        placed = place_by_columns(row, vals, {}, reference) if reference is not None else None
        if placed is not None:
            seg.placed = True
            return list(row.cells), placed
    if lines and _fewer_figures(seg):
        # Fewer figures than cells: the layout may say where the blanks are.
        row = seg.rows[0]
        by_lines = place_by_lines(len(row.cells), _trim(seg.values, len(row.cells)), _label_line(seg, row), lines) \
            if one_per_line else None
        eqs = _equation_positions(fmt, list(row.cells))
        if by_lines is not None and eqs and _fits([piece_value(p) for p in by_lines], eqs):
            # Only where the row's equations hold on it: an empty line a converter added would
            # shift every figure after it.
            seg.placed = True
            return list(row.cells), by_lines
        if by_lines is not None and not eqs:
            # A row no equation checks (table 2): the empty lines are still the likeliest place of
            # its blanks (better than splitting a figure into the blanks' cells), but the reading
            # is a guess: its cells are in doubt.
            seg.placed = seg.guessed = True
            return list(row.cells), by_lines
        vals = _trim(seg.values, len(row.cells))
        if spaced_row(row, vals, lines):  # (else no layout places the values: no look for one)
            reference = reference_columns(columns or {}, row, vals[0].line)
            ruler = ruler_spans(len(row.cells), vals[0].line if vals else None, lines)
            placed = place_by_columns(row, vals, lines, reference, ruler)
            if placed is not None:
                seg.placed = True
                # Under the header's words only: converters centre or right-align values away from
                # their header, so such a placement is a guess no other row confirmed.
                seg.guessed = not ruler and (reference is None or len(reference.means) != len(row.cells)
                                             or unit_unsettled(row, vals, lines, reference, placed))
                return list(row.cells), placed
    group = seg.anchor.group
    if seg.anchor.soft and group and group.collapsible:
        width = len(group.collapsed_cells)
        vals = _trim(seg.values, width)
        if len(vals) == width or len([t for t in vals if t.kind == NUM]) < width:
            cells = list(group.collapsed_cells)
            pieces = _direct_or_split(seg, vals, cells, fmt, settings, _row_equations(
                fmt.folded_equations(frozenset({group.id})), cells))
            if pieces is not None:
                return cells, pieces
    cells = list(seg.rows[0].cells) if len(seg.rows) == 1 else [c for r in seg.rows for c in r.cells]
    vals = _trim(seg.values, len(cells))
    joined = _split_at_wrapped_header(seg, vals, cells, fmt, lines)
    if joined is not None:
        return cells, joined
    padded = _without_padding(vals, len(cells))
    if padded is not None:
        seg.padded = True
        return cells, [_whole(t) for t in padded]
    pieces = _one_extra_per_row(seg, vals, fmt) or _one_stray_value(seg, vals, cells, fmt)
    if pieces is not None:
        return cells, pieces
    pieces = _direct_or_split(seg, vals, cells, fmt, settings)
    if pieces is not None:
        return cells, pieces
    lost = _lost_figures(vals, cells, fmt)
    if lost is not None:
        kept, pieces, seg.lost = lost
        return kept, pieces
    # Not enough values for every row up to the next anchor: give the anchored row its values
    # if it can have them, and leave the others missing.
    first = list(seg.rows[0].cells)
    vals = _trim(seg.values, len(first))
    if len(vals) >= len(first):
        return first, [_whole(t) for t in vals[:len(first)]]
    seg.solutions = []
    pieces = _direct_or_split(seg, vals, first, fmt, settings)
    if pieces is not None:
        return first, pieces
    return None


def _fewer_figures(seg: Segment, blanks: bool = True) -> bool:
    """A one-row segment with fewer figures than its row has cells (`blanks`: its values may hold
    blanks, else all are figures)."""
    if len(seg.rows) != 1:
        return False
    if not blanks:
        return len(seg.values) < len(seg.rows[0].cells)
    return sum(1 for t in seg.values if t.kind == NUM) < len(seg.rows[0].cells)


def _one_extra_per_row(seg: Segment, vals: list[Token], fmt: Format) -> list[Piece] | None:
    """Rows printed with one cell too many each (a blank label column carrying a placeholder):
    settled only when, in every row, all the ways of leaving one value out that satisfy the
    row's equations give the same values. Otherwise None, and the extra values are a note."""
    if len(seg.rows) < 2:
        return None
    widths = [len(r.cells) for r in seg.rows]
    if len(vals) != sum(widths) + len(widths) or any(t.kind != NUM for t in vals):
        return None
    taken: list[Token] = []
    at = 0
    for row, width in zip(seg.rows, widths, strict=True):
        chunk = vals[at:at + width + 1]
        at += width + 1
        eqs = _equation_positions(fmt, list(row.cells))
        if not eqs:
            return None
        kept: dict[tuple[int, ...], list[Token]] = {}
        for skip in range(width + 1):
            rest = chunk[:skip] + chunk[skip + 1:]
            values = [int(t.text) for t in rest if t.plain]
            if len(values) != len(rest):
                return None  # (a sign, a unit or decimals: not a plain count)
            if all(sum(values[i] for i in left) == sum(values[i] for i in right) for left, right in eqs):
                kept.setdefault(tuple(values), rest)
        if len(kept) != 1:
            return None
        taken.extend(next(iter(kept.values())))
    seg.values = taken  # the placeholders are not values
    return [_whole(t) for t in taken]


def _one_stray_value(seg: Segment, vals: list[Token], cells: list[CellId], fmt: Format) -> list[Piece] | None:
    """One value too many before the next label (a page number, a footnote mark or a header digit
    pulled into the row): settled only when exactly one way of leaving one value out makes every
    equation among the segment's cells hold, and leaving out the last (the surplus a wider
    reading would carry on) does not. Otherwise None: the surplus is a note."""
    width = len(cells)
    if seg.last or len(vals) != width + 1 or any(t.kind != NUM or not t.plain for t in vals):
        return None
    eqs = _equation_positions(fmt, cells)
    if not eqs:
        return None
    kept: dict[tuple[int, ...], tuple[int, list[Token]]] = {}
    for skip in range(width + 1):
        rest = vals[:skip] + vals[skip + 1:]
        values = [int(t.text) for t in rest]
        if all(sum(values[i] for i in left) == sum(values[i] for i in right) for left, right in eqs):
            kept.setdefault(tuple(values), (skip, rest))
    if len(kept) != 1:
        return None
    skip, rest = next(iter(kept.values()))
    if skip == width:
        return None  # the plain reading already fits: the surplus is what follows, not a stray
    seg.stray = vals[skip]
    seg.values = rest
    return [_whole(t) for t in rest]


def _split_at_wrapped_header(seg: Segment, vals: list[Token], cells: list[CellId], fmt: Format,
                             lines: Mapping[int, str] | None) -> list[Piece] | None:
    """`|行政事业性收费|5|-1|85|` under `|信息内容|上一年项目数量|本年|增/减|`: a converter that takes
    its columns from a header wrapping a label into two cells (本年 / 增/减, 采购 / 总金额) cuts the
    figure under it at the same place (−185 as `-1` and `85`, −7 as `-` and `7`, 1.5 as `1` and
    `.5`, 24 as `2` and `4`). Joined into one figure where the row has exactly one value too many,
    and exactly one column's header label is split between the very two Markdown cells its figure
    is; the joined cell is in doubt (`seg.joined`, REASON_SPLIT_FIGURE). Otherwise None."""
    if len(seg.rows) != 1 or not lines or len(vals) != len(cells) + 1:
        return None
    line = vals[0].line
    if line is None or any(t.line != line or t.col is None for t in vals):
        return None  # (a Markdown row is one line)
    text = lines.get(line, "")
    if not text.lstrip().startswith("|"):
        return None
    parts = text.split("|")
    found: tuple[int, Token] | None = None
    for i in range(len(cells)):
        head, tail = vals[i], vals[i + 1]
        k = text[:head.col].count("|")
        if text[:tail.col].count("|") != k + 1 or k + 1 >= len(parts):
            continue  # not in two neighbouring Markdown cells
        figure = list(cell_tokens(parts[k].strip() + parts[k + 1].strip(), line=line, col=head.col, page=head.page))
        if len(figure) != 1 or figure[0].kind != NUM or not _header_split_at(
                lines, line, k, normalize_label(seg.rows[0].columns[i].label)):
            continue
        if found is not None:
            return None  # two places it could be: not told
        found = (i, figure[0])
    if found is None:
        return None
    i, joined = found
    head = vals[i]
    first = None if head.kind == NULL else to_value(_whole(head), fmt.kind_of(cells[i]))
    seg.values = vals[:i] + [joined] + vals[i + 2:]
    seg.joined = (i, first)
    return [_whole(t) for t in seg.values]


def _header_split_at(lines: Mapping[int, str], line: int, k: int, label: str) -> bool:
    """A line of the Markdown table above `line` whose cells k and k+1, neither empty, together
    print `label` (normalised): the header wraps that label into two cells."""
    for n in range(line - 1, max(-1, line - 40), -1):
        text = lines.get(n, "")
        if not text.lstrip().startswith("|"):
            return False  # the table ends above here
        parts = text.split("|")
        if k + 1 < len(parts) and normalize_label(parts[k]) and normalize_label(parts[k + 1]) and \
                normalize_label(parts[k] + parts[k + 1]) == label:
            return True
    return False


def _blank_alternatives(seg: Segment, cells: list[CellId], fmt: Format, settings: ExtractSettings,
                        stated: Mapping[CellId, int], report: AnnualReport,
                        last_year: LastYearRule = ()) -> tuple[list[CellId], list[CellId]]:
    """Cells whose value changes when the row's digits are read with one blank cell among them
    (every place a blank could stand, every split of the digits into the other cells that agrees
    with what the narrative states); then the same, leaving out the readings that the previous
    year's 现行有效 contradicts (a blank counted as none)."""
    vals = _trim(seg.values, len(cells))
    width = len(cells)
    signed = [fmt.kind_of(c) == CHANGE for c in cells]
    chosen = [to_value(p, fmt.kind_of(c)) if p else None for c, p in zip(cells, seg.solutions[0], strict=True)]
    changed: set[CellId] = set()
    changed_by_agreeing: set[CellId] = set()
    splits: dict[tuple[bool, ...], list[list[Piece]]] = {}  # (the same split for the same signs)
    for blank in range(width):
        rest = signed[:blank] + signed[blank + 1:]
        sols = splits.get(key := tuple(rest))
        if sols is None:
            sols = splits[key] = split_tokens(vals, width - 1, (), settings.max_split_solutions, settings.max_digits,
                                              rest)
        for sol in sols:
            values = list(map(piece_value, sol))
            values.insert(blank, None)
            if any(c in stated and stated[c] != v for c, v in zip(cells, values, strict=True)):
                continue
            moved = [c for c, v, w in zip(cells, values, chosen, strict=True) if v != w]
            changed.update(moved)
            if not last_year or _fits_last_year({c: v or 0 for c, v in zip(cells, values, strict=True)},
                                                last_year, report) is not False:
                changed_by_agreeing.update(moved)
    return [c for c in cells if c in changed], [c for c in cells if c in changed_by_agreeing]


def _without_padding(vals: list[Token], width: int) -> list[Token] | None:
    """A row printed on one line with more cells than it has, blank ones among them, and exactly
    as many numbers as it has cells: the blanks are a converter's invented columns
    (`| 政府集中采购 | | 0 | | | 1.5 | |`), the numbers the row's cells. With fewer numbers than
    cells the blanks' places cannot be told from the padding: None (the row stays irregular)."""
    if len(vals) <= width or not any(t.kind == NULL for t in vals):
        return None
    if any(t.kind == NULL and t.text for t in vals):
        return None  # a printed mark (`-`) is no padding: perhaps a minus split from its number
    nums = [t for t in vals if t.kind == NUM]
    if len(nums) != width or len({t.line for t in vals}) != 1 or nums[0].line is None:
        return None
    return nums


def _blanks_misplaceable(seg: Segment, width: int, loose_grid: bool = False) -> bool:
    """More cells on the row's line than the row has, blanks among them, and fewer figures than
    cells: a converter's padding cells and the row's own blank ones look alike, so which cells are
    blank cannot be told (`| 政府集中采购 | | 27 | | | |` is 27 and a blank, or a blank and 27).
    In a table whose grid a converter did not keep (`loose_grid`), any printed blank is such."""
    if seg.padded or seg.placed:
        return False
    # (The line of the row's figures: a converter may print the row's label, and only blank
    # cells beside it, on a line of its own above them.)
    first = next((t.line for t in seg.values if t.kind == NUM and t.line is not None),
                 next((t.line for t in seg.values if t.line is not None), None))
    if first is None:
        return False
    own = [t for t in seg.values if t.line == first]
    if not any(t.kind == NULL for t in own):
        return False
    return loose_grid or (len(own) > width and sum(1 for t in own if t.kind == NUM) < width)


# A Markdown cell holding two figures (`| 0 0 |`): the converter drew its own columns.
_TWO_IN_ONE_CELL = re.compile(r"\|\s*[-\d.,]+\s+[-\d.,]+\s*\|")


def _loose_grid(rs: list[Run], zone: tuple[int, int], lines: Mapping[int, str] | None) -> bool:
    """The table's Markdown grid is not the table's: some cell holds two figures, so the empty
    cells beside the figures are no evidence of where the table's blank cells are."""
    if not lines:
        return False
    seen = {t.line for r in rs[zone[0]:zone[1]] if not r.is_label for t in r.tokens if t.line is not None}
    return any("|" in (text := lines.get(n, "")) and _TWO_IN_ONE_CELL.search(text) for n in seen)


def _trim(values: list[Token], width: int) -> list[Token]:
    """The values without surplus blanks: trailing ones, then leading ones (the empty cells a
    merged label column leaves after the label when a converter splits it: `| 四、结转… | | | 0 |…`)."""
    vals = list(values)
    if len(vals) <= width:
        return vals
    while len(vals) > width and vals[-1].kind == NULL:
        vals.pop()
    while len(vals) > width and vals[0].kind == NULL:
        vals.pop(0)
    return vals


def _whole(tok: Token) -> Piece:
    if tok.kind == NULL:
        return None
    point = tok.text.find(".")  # the integer digits: up to the decimal point
    return tok, 0, len(tok.text) if point < 0 else point


def _row_equations(equations: Sequence[tuple[tuple[CellId, ...], tuple[CellId, ...]]],
                   cells: list[CellId]) -> list[RowEquation]:
    """Of (left, right) cell equations, those among `cells`, as positions in the list."""
    index = {c: i for i, c in enumerate(cells)}
    return [(tuple(index[x] for x in left), tuple(index[x] for x in right)) for left, right in equations
            if all(x in index for x in left + right)]


def _direct_or_split(seg: Segment, vals: list[Token], cells: list[CellId], fmt: Format,
                     settings: ExtractSettings, eqs: Sequence[RowEquation] | None = None) -> list[Piece] | None:
    width = len(cells)
    if len(vals) >= width:
        return [_whole(t) for t in vals[:width]]
    if eqs is None:
        eqs = _equation_positions(fmt, cells)
    placed = _blank_placements(vals, width, eqs)
    sols: list[list[Piece]]
    glued = any(t.kind == NUM and len(t.text.split(".")[0]) > 1 for t in vals)
    if not glued:
        sols = []
    else:
        signed = [fmt.kind_of(c) == CHANGE for c in cells]
        sols = split_tokens(vals, width, eqs, settings.max_split_solutions, settings.max_digits, signed)
    if glued and eqs and not placed and width <= MAX_PLACED_WIDTH and not seg.blanks_printed:
        # Glued digits of a text that drops blank cells (a crawler's flattening): the digits may
        # also be one value fewer with a blank among them, where the row's equations allow it
        # (or only so: no split into every cell fits).
        seen = {tuple(map(piece_value, sol)) for sol in sols}
        for sol in _glued_with_a_blank(vals, width, eqs, fmt, cells, settings):
            key = tuple(map(piece_value, sol))
            if key not in seen:
                seen.add(key)
                sols.append(sol)
                seg.blanks_placed = True
    if placed:
        # Separate figures, fewer than the cells: blank cells the text did not print, or glued
        # digits. Every reading the row's own equations allow is kept; the equations across rows
        # choose among them (`_settle_ambiguous`), and what they leave open is uncertain.
        seen = {tuple(map(piece_value, sol)) for sol in sols}
        sols = sols + [sol for sol in placed if tuple(map(piece_value, sol)) not in seen]
        seg.blanks_placed = True
    if not sols:
        return None
    seg.solutions = sols
    return sols[0]


# Rows up to this many cells get their unprinted blanks placed by the equations (table 3's seven
# columns; table 4's fifteen cells have only one equation per cell, which cannot place them).
MAX_PLACED_WIDTH = 8


def _glued_with_a_blank(vals: list[Token], width: int, eqs: Sequence[RowEquation], fmt: Format,
                        cells: list[CellId], settings: ExtractSettings) -> list[list[Piece]]:
    """Splits of the row's digits into one value fewer than its cells, with a blank put at each
    place the row's equations allow (the blank counts 0)."""
    out: list[list[Piece]] = []
    signed = tuple([fmt.kind_of(c) == CHANGE for c in cells])
    nonzero = any(t.text.strip("0.") for t in vals)  # a character other than 0 and the point
    # Blanks in different places often leave the same equations on the other cells (any part of
    # a row's sum): their splits are the same, found once.
    splits: dict[tuple[tuple[RowEquation, ...], tuple[bool, ...]], list[list[Piece]]] = {}
    for blank, reduced, rest, is_total in _blank_shapes(tuple(eqs), signed):
        if is_total and nonzero:
            continue  # the blank is a total: its parts must all be 0, and these digits are not
        key = (reduced, rest)
        sols = splits.get(key)
        if sols is None:
            sols = splits[key] = split_tokens(vals, width - 1, reduced, settings.max_split_solutions,
                                              settings.max_digits, rest)
        for sol in sols:
            out.append(sol[:blank] + [None] + sol[blank:])
    return out


@functools.lru_cache(maxsize=1024)
def _blank_shapes(eqs: tuple[RowEquation, ...], signed: tuple[bool, ...]) -> tuple[
        tuple[int, tuple[RowEquation, ...], tuple[bool, ...], bool], ...]:
    """For each place a blank may take in a row of these equations and signs: the equations on
    the other cells (positions after the blank moved up one), their signs, and whether the blank
    is a total with no signed cell beside it (its parts must then all be 0). The same for every
    row of one shape: worked out once (a report printed as one line asks for it on every row)."""
    out = []
    for blank in range(len(signed)):
        reduced: tuple[RowEquation, ...] = tuple(
            (tuple([i - (i > blank) for i in left if i != blank]), tuple([i - (i > blank) for i in right if i != blank]))
            for left, right in eqs)
        rest = signed[:blank] + signed[blank + 1:]
        out.append((blank, reduced, rest, not any(rest) and any(not (left and right) for left, right in reduced)))
    return tuple(out)


def _blank_placements(vals: list[Token], width: int, eqs: Sequence[RowEquation]) -> list[list[Piece]]:
    """Each way to put the row's separate figures, in order, into `width` cells with blanks in the
    others, that the row's own equations allow (a blank counts 0)."""
    if not eqs or width > MAX_PLACED_WIDTH or len(vals) < 2 or any(t.kind != NUM for t in vals):
        return []
    pieces = [_whole(t) for t in vals]
    numbers = [piece_value(p) or 0 for p in pieces]
    out: list[list[Piece]] = []
    for spots in itertools.combinations(range(width), len(vals)):
        row: list[Piece] = [None] * width
        value: list[Number] = [0] * width
        for k, at in enumerate(spots):
            row[at] = pieces[k]
            value[at] = numbers[k]
        if _fits(value, eqs):
            out.append(row)
    return out


def _lost_figures(vals: list[Token], cells: list[CellId], fmt: Format) -> tuple[
        list[CellId], list[Piece], list[CellId]] | None:
    """A row printing one or two separate figures fewer than its cells, which neither blank cells
    nor glued digits explain: figures an OCR or a converter lost (table 4's last figure). Where
    exactly one placement of the printed figures, in order, lets every equation of the row hold
    with the lost cells at values ≥ 0, and an equation without a lost cell confirms it, the figures
    are read there: (cells read, their pieces, the cells lost). The lost cells are left unread
    (what the document prints there the text does not say); the cells beside them in an equation
    are OGI's doubt (`_beside`)."""
    width = len(cells)
    lost = width - len(vals)
    if not 1 <= lost <= 2 or any(t.kind != NUM or t.sign for t in vals) or \
            any(fmt.kind_of(c) == CHANGE for c in cells):
        return None
    eqs = _equation_positions(fmt, cells)
    if not eqs:
        return None
    values = [piece_value(_whole(t)) or 0 for t in vals]
    found: tuple[int, ...] | None = None
    for gaps in itertools.combinations(range(width), lost):
        row: list[Number | None] = []
        it = iter(values)
        for i in range(width):
            row.append(None if i in gaps else next(it))
        if _solvable(row, eqs):
            if found is not None:
                return None  # two placements fit: the text does not say which cells were lost
            found = gaps
    if found is None or all(set(found) & {*left, *right} for left, right in eqs):
        return None  # (no equation without a lost cell: nothing confirms the placement)
    return [c for k, c in enumerate(cells) if k not in found], [_whole(t) for t in vals], [cells[k] for k in found]


def _beside(fmt: Format, cells: list[CellId], lost: list[CellId]) -> list[CellId]:
    """The row's cells that share an equation with a lost one: no equation checks them (a blank
    dropped there and the document's own slip would read the same)."""
    at = {cells.index(c) for c in lost}
    beside = {i for left, right in _equation_positions(fmt, cells) if at & {*left, *right} for i in (*left, *right)}
    return [c for i, c in enumerate(cells) if i in beside - at]


def _solvable(row: Sequence[Number | None], eqs: Sequence[RowEquation]) -> bool:
    """The row's equations can hold with its unknown cells (None) at values ≥ 0, each unknown
    that an equation settles alone at one value for every such equation."""
    settled: dict[int, Number] = {}
    for left, right in eqs:
        unknown = [i for i in left + right if row[i] is None]
        gap = sum(row[i] or 0 for i in right) - sum(row[i] or 0 for i in left)  # what the left lacks
        if not unknown:
            if gap != 0:
                return False
        elif all(i in left for i in unknown) or all(i in right for i in unknown):
            need = gap if unknown[0] in left else -gap
            if need < 0:
                return False
            if len(unknown) == 1 and settled.setdefault(unknown[0], need) != need:
                return False
    return True


def _fits(values: Sequence[Number | None], eqs: Sequence[RowEquation]) -> bool:
    """The row's equations (as positions) hold on these values, a blank counting 0."""
    return all(sum(values[i] or 0 for i in left) == sum(values[i] or 0 for i in right) for left, right in eqs)


# ---------------------------------------------------------------------------------------------
# Putting values into the report


def _amount_unit(rs: list[Run], anchor_run: int, start: int) -> str:
    """The unit a table-2 amount column states in its header: "万元", "元" or ""."""
    for i in range(anchor_run, max(start, anchor_run - 4) - 1, -1):
        r = rs[i]
        if r.is_label and "元" in r.norm:
            return "万元" if "万元" in r.norm else "元"
    return ""


def to_value(piece: Piece, kind: str, header_unit: str = "") -> Number | None:
    if piece is not None and piece[0].plain and kind != AMOUNT:
        return int(piece[0].text[piece[1]:piece[2]])  # plain digits: no unit or decimals to weigh
    value = piece_value(piece)
    if value is None or piece is None:
        return None
    tok, _, end = piece
    unit = tok.unit if end >= len(tok.text.split(".")[0]) else ""
    if kind == AMOUNT:
        if unit == "元" or (not unit and header_unit == "元"):
            value = round(value / 10000, 6)
    elif unit in ("万", "万元"):
        value = value * 10000
    if isinstance(value, float) and value.is_integer() and kind == COUNT and "." not in tok.text:
        value = int(value)
    return value


REASON_AMBIGUOUS_SPLIT = ("连写数字有多种符合勾稽关系的拆分 / glued digits split more than one way that fits the "
                          "equations")
# More digits than any count or amount in 万元 has (the JSON contract caps values at 10^12).
MAX_VALUE_DIGITS = 12
REASON_BLANKS_PLACED = ("该行数值少于单元格（空白格未印出），按勾稽关系定位后仍有多种可能 / fewer figures than cells (blank "
                        "cells not printed); the equations leave more than one place for them")
REASON_WRAPPED = ("表格行后另有数字，可能是该单元格折行到下一页的末位 / figures after the table's row may be this "
                  "cell's digits wrapped onto the next page")
REASON_LEFTOVER = ("表格行后另有无法归位的数字，读法未能确认 / figures after the table's row fit nowhere: the reading "
                   "is not confirmed")
REASON_SPLIT_FIGURE = ("数值在表头折行处被拆入两个单元格，已合并 / a figure cut in two at a wrapped header's "
                       "column break: joined")
REASON_LISTED = ("该行标签后紧接下一行标签，其后只印一行数值：数值属于哪一行无法确定，另一行按空白读出 / this row's label is "
                 "followed by the next row's, then one row's values: which row they belong to cannot be told; the "
                 "other row is read as blank")
REASON_BESIDE_LOST = ("与一个未能读出（转换时丢失）的数值同属一个勾稽关系，无法核实 / shares its equation with a figure "
                      "the text lost: no equation checks it")
REASON_ABSURD = ("数字位数超出任何计数或金额，不作为数值 / more digits than any count or amount: not taken as a value")
REASON_NO_VALUES = ("该行标签后没有任何数值：按空白读出，但也可能是转换时丢失 / no value after the row's label: read as "
                    "blank, but the values may have been lost in conversion")
REASON_BLANK_SPLIT = ("数值少于单元格，按连写数字拆分；可能有空白单元格未印出，且无勾稽关系可核实 / fewer values than cells, "
                      "split as glued digits; a blank cell may not have been printed, and no equation confirms it")
REASON_UNCLEAR_FIGURE = ("原文此处的数字不清楚（OCR 把握不大、形近字如〇或 O 读作 0、单元格内折行的数字），按最可能的读法读出 / the "
                         "figure is unclear in the text (the OCR was unsure, a lookalike such as 〇 or O read as 0, a "
                         "figure broken over lines in its cell): read the likeliest way")


def _plain_row(seg: Segment, blanks: bool = True) -> bool:
    """One row (not a collapsible group printed as one) followed by exactly as many figures as it
    has cells, and nothing else (`blanks`: the values may hold blanks, else all are figures)."""
    group = seg.anchor.group
    return len(seg.rows) == 1 and len(seg.values) == len(seg.rows[0].cells) and not (
        seg.anchor.soft and group and group.collapsible) and (not blanks or all(t.kind == NUM for t in seg.values))


def _taken(seg: Segment, pieces: list[Piece]) -> int:
    """How many of the segment's tokens its cells took: up to the last one a piece uses."""
    used = {id(p[0]) for p in pieces if p}
    return next((k + 1 for k in range(len(seg.values) - 1, -1, -1) if id(seg.values[k]) in used), 0)


def _surplus(seg: Segment, cells: list[CellId], pieces: list[Piece], fmt: Format, loose: bool) -> list[Token]:
    """The figures left over after the cells took theirs; sets `seg.clean` (see Segment)."""
    # The tokens the cells took (a glued token gives several cells; leading blanks a
    # converter's label columns left are trimmed): figures after them are surplus.
    took = _taken(seg, pieces)
    if seg.padded or seg.solutions:
        extra = []
    elif seg.last:
        # What follows the table's last row may be narrative; but numbers beyond the row's
        # cells on the row's own line, or straight after its figures in text with no word between
        # (printed a figure a line, column by column), are the row's surplus. (A grid's next row
        # is looked at by `_continued_below`.)
        first = next((t.line for t in seg.values if t.line is not None), None)
        words = next((b for b in sorted(seg.breaks) if b >= took), len(seg.values))
        extra = [t for k, t in enumerate(seg.values[took:], took)
                 if t.kind == NUM and ((k < words and not in_grid(t)) or (first is not None and t.line == first))]
    else:
        extra = [t for t in seg.values[took:] if t.kind == NUM]
    group = seg.anchor.group
    whole = [c for r in seg.rows for c in r.cells]
    interleaved = seg.words_among(took)
    # Blank cells left out before the row's figures (a label column's span) or among them
    # (padding) are only safe to leave out where an equation confirms the row (table 3); in
    # table 2 a blank put there by the document looks the same (|政府集中采购||12|0.4|).
    skipped = seg.padded or sum(t.kind == NULL for t in seg.values[:took]) > sum(p is None for p in pieces)
    unconfirmed = skipped and not _equation_positions(fmt, cells)
    # (`_blanks_misplaceable` needs a printed blank among the values.)
    seg.clean = (not extra and not seg.anchor.fuzzy and not interleaved and not seg.listed and not unconfirmed
                 and not (seg.blanks_printed and _blanks_misplaceable(seg, len(cells), loose)) and not seg.guessed
                 and not seg.blanks_placed
                 and (cells == whole or bool(seg.lost and cells == [c for c in whole if c not in seg.lost])
                      or bool(seg.anchor.soft and group and cells == list(group.collapsed_cells))))
    return extra


def read_table(rs: list[Run], zone: tuple[int, int], table: Table, fmt: Format, report: AnnualReport,
               settings: ExtractSettings = DEFAULT, stated: Mapping[CellId, int] | None = None,
               lines: Mapping[int, str] | None = None, last_year: Mapping[CellId, Number] | None = None,
               ocr_text: Callable[[], bool] = lambda: False) -> list[Segment]:
    """The table's cells into `report`; `stated` are figures the narrative gives for some cells and
    `last_year` the cells the previous year's report gives surely: both only choose among the
    glued-digit splits the equations leave open. `ocr_text()`: the text is an OCR's (its spacing
    places nothing)."""
    start, end = zone
    # A table that prints its blank cells (`-`, `/`, an empty Markdown cell) has none unprinted.
    blanks_printed = any(t.kind == NULL for r in rs[start:end] if not r.is_label for t in r.tokens)
    if table.role == APPEALS:
        segs = _appeal_segments(rs, start, end, table, fmt.later_section_keys(table.number))
    else:
        # The run that opens the next table may begin with this table's last row label (label
        # text runs on from one table into the next header when the row prints no value).
        reach = end + 1 if end < len(rs) and rs[end].is_label else end
        segs = labels_then_values(segments(rs, reach, table, anchor_rows(rs, start, reach, table, settings),
                                           blanks_printed))
    pending: list[tuple[Segment, list[CellId]]] = []
    # (cells, cells a blank could move, those when last year's 现行有效 has its say)
    blank_split: list[tuple[list[CellId], list[CellId], list[CellId]]] = []
    last_year_rule = _last_year_rule(fmt, last_year or {})
    blank_rows: list[tuple[int, Segment]] = []  # (where in `segs`, the segment)
    # The layout is looked at only for rows that print fewer figures than cells (`solve`); most
    # tables have no such row.
    columns: ColumnPositions
    if any(_fewer_figures(seg, blanks_printed) for seg in segs):
        # (The complete rows of text lines, or of a PDF's lines drawn without vertical rules.)
        columns = column_positions(segs, lines or {}, ocr_text())
        # (Table 4's one row has no other row to show it: the document's other tables' figures
        # on consecutive lines do.)
        one_per_line = bool(lines) and _one_cell_per_line(rs) and (
            table.role == APPEALS or any(_cell_a_line(seg) for seg in segs))
    else:
        columns, one_per_line = {}, False
    # (Without a printed blank no row's blanks can be misplaced, whatever the grid.)
    loose = blanks_printed and _loose_grid(rs, zone, lines)
    kinds = fmt._kinds
    active = table.role == ARTICLE20
    stacked = False  # a row's digits stacked around its line (`_stacked_figures`)
    for at, seg in enumerate(segs):
        seg.blanks_printed = blanks_printed
        if _plain_row(seg, blanks_printed):
            # The commonest row: its own label, then exactly its figures. `solve` takes them whole
            # and nothing below finds them irregular but a label among them (same cells, less work).
            cells = list(seg.rows[0].cells)
            pieces: list[Piece] | None = None  # (each figure whole: `_whole`)
            extra: list[Token] = []
            took = len(cells)
            seg.clean = not seg.anchor.fuzzy and not seg.listed and not seg.words_among(took)
        else:
            result = solve(seg, fmt, settings, lines, columns, one_per_line)
            if result is None and not seg.values:
                blank_rows.append((at, seg))
            if result is None:
                continue
            cells, pieces = result
            extra = _surplus(seg, cells, pieces, fmt, loose)
            if seg.last and not extra and not seg.solutions and not seg.padded:
                seg.leftover, seg.leftover_at = _continued_below(seg, pieces, rs[start:end])
                seg.clean = seg.clean and not seg.leftover
        if _stacked_figures(seg):
            seg.clean = False
            stacked = True
        if active and seg.clean and seg.values and _heading_after_label(seg, table, rs[seg.anchor.run]):
            seg.clean = False
        unit = _amount_unit(rs, seg.anchor.run, start) if active else ""
        out = report.cells
        if pieces is None:
            for cell, tok in zip(cells, seg.values, strict=True):
                if tok.plain and kinds[cell] != AMOUNT and len(tok.text) <= MAX_VALUE_DIGITS:
                    # The commonest cell: a plain count printed whole (as `_put_cell` puts it).
                    out[cell] = Cell(cell, int(tok.text), Source(tok.line, tok.col, tok.page, None, None, None, None,
                                                                 tok.text))
                else:
                    _put_cell(out, cell, _whole(tok), kinds[cell], unit, seg)
        else:
            for cell, piece in zip(cells, pieces, strict=True):
                if piece is not None and (tok := piece[0]).plain and kinds[cell] != AMOUNT and \
                        piece[2] - piece[1] <= MAX_VALUE_DIGITS:
                    # A piece of plain digits, the commonest of a glued row (as `_put_cell` puts it).
                    a, b = piece[1], piece[2]
                    digits = tok.text if a == 0 and b == len(tok.text) else tok.text[a:b]
                    out[cell] = Cell(cell, int(digits), Source(tok.line, None if tok.col is None else tok.col + a,
                                                               tok.page, None, None, None, None, digits))
                else:
                    _put_cell(out, cell, piece, kinds[cell], unit, seg)
        if seg.leftover:
            _wrapped_digits(seg, cells, fmt, report)
        if seg.joined is not None:
            k, first_part = seg.joined
            joined = report.cells[cells[k]]
            joined.doubt(REASON_SPLIT_FIGURE, (first_part,))
            report.notes.append(Note(
                "extract.split_figure",
                f"「{seg.rows[0].label}」的数值被表头折行拆入两个单元格，已合并（存疑）",
                f"a figure in row {seg.rows[0].id} was cut in two at the header's column break: joined (in doubt)",
                (joined.id,), joined.source,
            ))
        if len(seg.solutions) > 1 or seg.blanks_placed:
            pending.append((seg, cells))
        if seg.solutions and not _equation_positions(fmt, cells):
            # The digits split into the cells, but no equation confirms it and the same digits
            # may also fit one value fewer: a blank cell the text did not print (行政许可 1 ␣ 13
            # → "1 13") would read the same. Cells such a reading changes are OGI's doubt.
            blank_split.append((cells, *_blank_alternatives(seg, cells, fmt, settings, stated if stated is not None else {},
                                                            report, last_year_rule)))
        if seg.lost:
            for c in _beside(fmt, [c for r in seg.rows for c in r.cells], seg.lost):
                report.cells[c].doubt(REASON_BESIDE_LOST)
            names = "、".join("·".join(fmt.label_of(c)) for c in seg.lost)
            report.notes.append(Note(
                "extract.lost_values",
                f"「{seg.rows[0].label}」印出的数值比单元格少{len(seg.lost)}个，按勾稽关系只有一种放法："
                f"缺的是{names}，未能读出",
                f"{len(seg.lost)} figures fewer than cells in row {seg.rows[0].id}; the equations place the rest one "
                f"way only: {', '.join(seg.lost)} not read",
                tuple(seg.lost), _piece_source(pieces[0], seg) if pieces else None,
            ))
        if seg.stray is not None:
            report.notes.append(Note(
                "extract.stray_value",
                f"「{seg.rows[0].label}」一行多出数值{seg.stray.raw}，去掉它后该行合计成立（且只有这一种去法），未计入",
                f"one value too many in row {seg.rows[0].id}: {seg.stray.raw} left out, the only way the row adds up",
                tuple(cells), seg.stray.source(),
            ))
        if extra:
            # More values than the rows up to the next label have cells: something is out of
            # place (a stray number, a split cell); the checker's equations will show where.
            report.notes.append(Note(
                "extract.extra_values",
                f"「{seg.rows[0].label}」至下一行标签之间多出 {len(extra)} 个数值，未计入：{' '.join(t.raw for t in extra[:8])}",
                f"{len(extra)} more values than cells before the next row label; not used",
                tuple(cells), extra[0].source(),
            ))
        if seg.anchor.soft and seg.anchor.group and seg.anchor.group.collapsible and cells == list(
                seg.anchor.group.collapsed_cells) and pieces is not None:  # (a plain row is never a group)
            report.notes.append(Note(
                "extract.collapsed_group",
                f"{seg.anchor.group.label}按一行填报，未分项列出",
                f"{seg.anchor.group.label} is printed as one row, without its sub-rows",
                tuple(cells), _piece_source(pieces[0], seg),
            ))
    if stacked:
        # Where the text stacks digits around rows, figures on a line of their own between two
        # labels, fewer than the row's cells, may be the row above's or the one below's stacked
        # digits: such a row is unsure.
        for seg in segs:
            nums = [t for t in seg.values if t.kind == NUM and not in_grid(t) and t.line is not None]
            if seg.clean and nums and len(nums) < sum(len(r.cells) for r in seg.rows) and \
                    all(t.line != seg.anchor_line for t in nums):
                seg.clean = False
    if pending:
        _settle_ambiguous(pending, fmt, report, stated if stated is not None else {}, last_year_rule)
    for cells, movable, movable_by_agreeing in blank_split:
        # The previous year's 现行有效 rules a blank out only when the split read agrees with it.
        agrees = bool(last_year_rule) and _fits_last_year(
            {c: report.cells[c].value for c in cells}, last_year_rule, report) is True
        for cell in movable_by_agreeing if agrees else movable:
            report.cells[cell].doubt(REASON_BLANK_SPLIT)
    for at, seg in blank_rows:
        # A row label followed by no value at all: a row printed blank, or values a converter
        # lost. Blank (null) is what the text shows; OGI does not vouch for it. Followed by the
        # next row's label and one row's values (`listed`), the values may as well be this row's:
        # each cell has the value of the next row's cell in its column as the alternative.
        # (Only when the next row took its cells from the values after it: in a table printed
        # column by column every label stands before all the values, and no row of it is known
        # blank.)
        taker = segs[at + 1] if seg.listed and at + 1 < len(segs) else None
        for row in seg.rows[:1]:
            width = len(row.cells)
            taken = taker.rows[0].cells if taker and taker.values and len(taker.rows) == 1 and \
                len(taker.rows[0].cells) == width and all(c in report.cells for c in taker.rows[0].cells) else ()
            if seg.listed and not taken:
                continue
            for k, cell in enumerate(row.cells):
                if cell not in report.cells:
                    report.cells[cell] = Cell(cell, None)
                    alternative = report.cells.get(taken[k]) if taken else None
                    report.cells[cell].doubt(REASON_LISTED if taken else REASON_NO_VALUES,
                                             (alternative.value,) if alternative else ())
                    if alternative:
                        alternative.doubt(REASON_LISTED, (None,))
    return segs


MAX_WRAPPED = 6  # leftover figures tried as wrapped digits (C(15, 6) placements at most)


def _heading_after_label(seg: Segment, table: Table, run: Run) -> bool:
    """The row's values follow a heading of table 2 (第二十条第（八）项) printed after the row's own
    label: text printed column by column, the labels of several blocks first, their values after
    (a value there may be any block's: the 现行有效 figure a page break moved, read as 收费金额)."""
    row = seg.rows[0]
    at = max((run.norm.rfind(k) for k in row.keys + row.exact), default=-1)
    return at >= 0 and any(run.norm.find(k, at) > at for g in table.groups for k in g.keys)


def _stacked_figures(seg: Segment) -> bool:
    """A row of space-aligned text whose figures stand on several lines, one of them under the
    row's line of figures rather than after it: cells too narrow for their figures wrapped them
    digit by digit above and below the row's line (pdftotext -layout: `2` / `0 0 0 0 0` / `7` for
    27 … 27). Their order in the text is not the row's, even when it happens to add up
    (0+0+0+0+0+7 = 7). A row printed one figure a line, run on at the start of the next line, or
    whose last figures went on to the next line right of the others keeps its order."""
    nums = [t for t in seg.values if t.kind == NUM and not in_grid(t) and t.line is not None and t.col is not None]
    lines = {t.line for t in nums}
    if len(lines) < 2 or len(lines) == len(nums):
        return False
    end = _label_end(seg)
    if end is None:
        return False
    counts = Counter(t.line for t in nums)
    main = seg.anchor_line if seg.anchor_line in counts else max(counts, key=lambda n: counts[n])
    last = max(t.col for t in nums if t.line == main and t.col is not None)
    return any(t.line != main and t.col is not None and end < t.col < last for t in nums)


def _continued_below(seg: Segment, pieces: list[Piece], zone: Sequence[Run]) -> tuple[list[Token], tuple[int, ...] | None]:
    """The figures a table's last row leaves below itself before the next table: the digits its
    narrow cells wrapped, on a line of their own or, the row split at a page break, in a grid row
    of the next page whose label cell is empty (`217` printed `21` / `7`). They go to
    `_wrapped_digits` as table 4's do; with each one's cell when its grid column tells it. Anything
    else (a figure beside words, a row with its own label) is no part of the row."""
    took = _taken(seg, pieces)
    row, rest = seg.values[:took], seg.values[took:]
    below = [t for t in rest if t.kind == NUM]
    if not below or not row or len(below) > MAX_WRAPPED or any(not t.text.isdigit() or t.sign or t.unit
                                                             for t in below):
        return [], None
    if all(in_grid(t) for t in row) and all(in_grid(t) for t in below):
        places = {_place(t) for t in row}
        if len({_place(t) for t in below}) != 1 or _place(below[0]) in places:
            return [], None
        # Each figure under the cell whose box (or grid column) it stands in; the lines of one
        # cell (`0` over `24`, the rest of 1024) are one figure's digits.
        under: dict[int, list[Token]] = {}
        for t in below:
            k = next((k for k, p in enumerate(pieces) if p and _same_column(p[0], t)), None)
            if k is None:
                return below, None
            under.setdefault(k, []).append(t)
        joined = [ts[0] if len(ts) == 1 else Token(NUM, "".join(t.text for t in ts), ts[0].line, ts[0].col,
                                                    ts[0].page, ts[0].block, ts[0].row, ts[0].column, ts[0].bbox)
                  for ts in under.values()]
        return joined, tuple(under)
    # In text: the row on a line of its own (not a figure a line, where the next figures are the
    # next cells'), the digits on lines of their own below it, right of where its label ends.
    lines = {t.line for t in row if t.kind == NUM}
    end = _label_end(seg)
    if len(lines) != 1 or sum(t.kind == NUM for t in row) < 2 or end is None:
        return [], None
    line = lines.pop()
    worded = _worded_lines(zone)
    if line is None or any(in_grid(t) or t.line is None or t.line <= line or t.line in worded or t.col is None
                           or t.col <= end for t in below):
        return [], None
    return below, None


def _label_end(seg: Segment) -> int | None:
    """The column where the row's label ends on its line of text (None outside text)."""
    label = next((t for t in reversed(seg.label_tokens) if t.line == seg.anchor_line and t.col is not None), None)
    return None if label is None or label.col is None else label.col + len(label.text)


def _same_column(a: Token, b: Token) -> bool:
    """Two grid tokens stand in one column: their boxes overlap across, else the same grid column."""
    if a.bbox is not None and b.bbox is not None:
        return min(a.bbox[2], b.bbox[2]) - max(a.bbox[0], b.bbox[0]) > 0
    return a.column is not None and a.column == b.column


def _wrapped_digits(seg: Segment, cells: list[CellId], fmt: Format, report: AnnualReport) -> None:
    """Figures left after table 4's row (`Segment.leftover`) are digits the row's cells wrapped
    onto the next page until shown otherwise: each is tried as the end of a cell, in the row's
    order, and kept where the equations still hold. One such placement: the joined values, in
    doubt (the printed parts as the alternative); several: the cells any of them joins are in
    doubt, each with its joined value; none: every cell of the row is in doubt (OGI cannot tell
    where those figures belong)."""
    out = report.cells
    read = [out[c].value if c in out else None for c in cells]
    digits = [t.text for t in seg.leftover]
    eqs = _equation_positions(fmt, cells)
    fits: list[dict[int, int]] = []
    # Only a row printed on one line (or one grid row) is known in its order: figures of a row
    # spread over lines (102 above the row, 4 below it: a wrapped cell vertically centred) may
    # stand anywhere in it.
    below = {_place(t) for t in seg.leftover}  # (where the row continued below itself, `_continued_below`)
    one_line = len({_place(t) for t in seg.values if t.kind == NUM} - below) == 1
    if one_line and len(digits) <= MAX_WRAPPED and all(d.isascii() and d.isdigit() for d in digits):
        open_cells = [i for i, v in enumerate(read) if isinstance(v, int) and v > 0]
        placements = ([seg.leftover_at] if seg.leftover_at is not None and set(seg.leftover_at) <= set(open_cells)
                      else [] if seg.leftover_at is not None else itertools.combinations(open_cells, len(digits)))
        for where in placements:
            joined = dict(zip(where, (int(f"{read[i]}{d}") for i, d in zip(where, digits, strict=True)), strict=True))
            if _fits([joined.get(i, v) for i, v in enumerate(read)], eqs):
                fits.append(joined)
    shown = " ".join(t.raw for t in seg.leftover[:8])
    if len(fits) == 1:
        for i, v in fits[0].items():
            cell = out[cells[i]]
            printed = cell.value
            cell.value = v
            cell.doubt(REASON_WRAPPED, (printed,))
        code, zh, en = ("extract.wrapped_digits", f"表格行后另有数字 {shown}，只有一种拼法合乎其位置和勾稽关系：单元格内折行的末位，已拼接（存疑）",
                        f"figures {shown} after the table's row fit only as the wrapped ends of cells: joined (in doubt)")
    elif fits:
        for joined in fits:
            for i, v in joined.items():
                out[cells[i]].doubt(REASON_WRAPPED, (v,))
        code, zh, en = ("extract.wrapped_digits", f"表格行后另有数字 {shown}，可能是单元格内折行的末位，有多种拼法，相关单元格存疑",
                        f"figures {shown} after the table's row may be wrapped ends of cells, joined more than one way")
    else:
        for c in cells:
            if c in out:
                out[c].doubt(REASON_LEFTOVER)
        code, zh, en = ("extract.leftover_values", f"表格行后另有数字 {shown}，无法归位，该表各单元格存疑",
                        f"figures {shown} after the table's row fit nowhere: the table's cells are in doubt")
    report.notes.append(Note(code, zh, en, tuple(cells), seg.leftover[0].source()))


def _put_cell(out: dict[CellId, Cell], cell: CellId, piece: Piece, kind: str, unit: str, seg: Segment) -> None:
    """The cell's value and source from its piece of the row's tokens."""
    if piece is None:  # a blank
        out[cell] = Cell(cell, None, _piece_source(piece, seg), False)
        return
    tok, a, b = piece
    if b - a > MAX_VALUE_DIGITS:
        # No count or amount has this many digits: a mangled document, never a value.
        out[cell] = Cell(cell, None, _piece_source(piece, seg))
        out[cell].doubt(REASON_ABSURD)
        return
    if tok.plain and kind != AMOUNT:
        # A plain count printed whole, or a piece of glued digits: `to_value` and `_piece_source`
        # give the same, read off directly.
        if a == 0 and b == len(tok.text):
            out[cell] = Cell(cell, int(tok.text), Source(tok.line, tok.col, tok.page, None, None, None, None, tok.text))
        else:
            digits = tok.text[a:b]
            out[cell] = Cell(cell, int(digits), Source(tok.line, None if tok.col is None else tok.col + a, tok.page,
                                                       None, None, None, None, digits))
        return
    out[cell] = Cell(cell, to_value(piece, kind, unit), _piece_source(piece, seg))
    if tok.doubtful:
        out[cell].doubt(REASON_UNCLEAR_FIGURE)


def _piece_source(piece: Piece, seg: Segment) -> Source | None:
    if piece is None:
        tok = next((t for t in seg.values if t.kind == NULL), None)
        return tok.source("") if tok else None
    tok, start, end = piece
    if start == 0 and end == len(tok.text) and not tok.sign and not tok.unit and tok._at is None:
        return Source(tok.line, tok.col, tok.page, None, None, None, None, tok.text)  # a plain count
    whole = len(tok.text.split(".")[0])
    text = tok.text[start:] + tok.unit if end >= whole else tok.text[start:end]
    if tok.sign and start == 0:
        text = tok.sign + text
    if tok._at is None:  # (`tok.source` without the grid's place)
        return Source(tok.line, None if tok.col is None else tok.col + start, tok.page, None, None, None, None, text)
    return tok.source(text=text, offset=start)


# One reading of a glued row: each of its cells' values.
Split = dict[CellId, Number | None]
# (现行有效, 本年制发, 本年废止, last year's 现行有效) for each cross-year triple of the format.
LastYearRule = tuple[tuple[CellId, CellId, CellId, Number], ...]


def _settle_ambiguous(pending: list[tuple[Segment, list[CellId]]], fmt: Format, report: AnnualReport,
                      stated: Mapping[CellId, int], last_year: LastYearRule) -> None:
    """Choose among the splits of glued rows with the equations across rows (columns of table 3).

    Segments linked by an equation are settled together: combinations that satisfy every
    equation whose cells are all known are kept. A cell whose value differs between kept
    combinations is uncertain, with the other values listed. Never a silent guess.
    """
    options: list[list[Split]] = [
        [{c: to_value(p, fmt.kind_of(c)) for c, p in zip(cells, sol, strict=True)} for sol in seg.solutions]
        for seg, cells in pending]
    cell_seg = {c: n for n, (_, cells) in enumerate(pending) for c in cells}
    # Union the segments that share an equation.
    parent = list(range(len(pending)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    touched = {e.id for c in cell_seg for e in fmt.equations_by_cell.get(c, ())}
    eqs = [e for e in fmt.equations if e.id in touched]
    for e in eqs:
        segs = {cell_seg[c] for c in e.left + e.right if c in cell_seg}
        first = root(segs.pop())
        for other in segs:
            parent[root(other)] = first
    components: dict[int, list[int]] = {}
    for n in range(len(pending)):
        components.setdefault(root(n), []).append(n)
    for members in components.values():
        mine = {c for n in members for c in pending[n][1]}
        _settle_component(members, pending, options, [e for e in eqs if mine & set(e.left + e.right)], report,
                          stated, last_year)


_MAX_COMBINATIONS = 20000


def _glued_text(seg: Segment) -> str:
    """The row's digits as printed (the tokens its splits cut), for a note to quote."""
    tokens = {id(p[0]): p[0] for sol in seg.solutions for p in sol if p is not None}
    return " ".join(t.text for t in tokens.values())


def _last_year_rule(fmt: Format, last_year: Mapping[CellId, Number]) -> LastYearRule:
    """(现行有效, 本年制发, 本年废止, last year's 现行有效) for each of the format's cross-year triples
    whose previous figure the previous year's report gives (2021 format, 表二: last year's 现行有效 +
    本年制发 − 本年废止 = this year's 现行有效)."""
    return tuple((in_force, issued, repealed, last_year[in_force])
                 for in_force, issued, repealed in fmt.cross_year if last_year.get(in_force) is not None)


def _fits_last_year(choice: Split, rule: LastYearRule, report: AnnualReport) -> bool | None:
    """Whether a split agrees with last year's 现行有效 on every triple it sets a cell of; None when
    a triple it touches cannot be worked out (a blank, a cell not read)."""
    fits = True
    for in_force, issued, repealed, before in rule:
        if not (in_force in choice or issued in choice or repealed in choice):
            continue
        values: list[Number] = []
        for c in (in_force, issued, repealed):
            v = choice[c] if c in choice else (report.cells[c].value if c in report.cells else None)
            if v is None:
                return None
            values.append(v)
        fits = fits and values[0] == before + values[1] - values[2]
    return fits


def _settle_component(members: list[int], pending: list[tuple[Segment, list[CellId]]], options: list[list[Split]],
                      eqs: list[Equation], report: AnnualReport, stated: Mapping[CellId, int],
                      last_year: LastYearRule = ()) -> None:
    sizes = [len(options[n]) for n in members]
    total = 1
    for size in sizes:
        total *= size
    if total <= _MAX_COMBINATIONS:
        kept = _kept_combinations([options[n] for n in members], eqs, report)
        valid = [[options[n].index(combo[i]) for combo in kept] for i, n in enumerate(members)] if kept else None
    else:
        valid = _valid_options([options[n] for n in members], eqs, report)
    for i, n in enumerate(members):
        seg, cells = pending[n]
        choices = [options[n][k] for k in dict.fromkeys(valid[i])] if valid else options[n]
        # (The narrative is read only for rows whose figures it can state.)
        told = [ch for ch in choices if all(ch[c] == v for c, v in stated.items() if c in ch)] if any(
            c in stated for c in cells) else []
        if told and len(told) < len(choices):
            choices = told
            src = report.cells[cells[0]].source
            report.notes.append(Note(
                "extract.settled_by_text",
                f"连写数字「{_glued_text(seg)}」的拆分由正文所述数字确定",
                "glued digits split the one way that agrees with the figures the narrative states",
                tuple(cells), src,
            ))
        if len(choices) > 1 and last_year:
            # Revisions can muddle the identity (DESIGN.md: a warning in the checker), so it settles
            # a split only when it can be worked out for every split left and exactly one agrees.
            verdicts = [_fits_last_year(ch, last_year, report) for ch in choices]
            if None not in verdicts and verdicts.count(True) == 1:
                choices = [choices[verdicts.index(True)]]
                src = report.cells[cells[0]].source
                report.notes.append(Note(
                    "extract.settled_by_last_year",
                    f"连写数字「{_glued_text(seg)}」的拆分由上年报告的现行有效件数确定"
                    "（上年现行有效＋本年制发－本年废止＝本年现行有效）",
                    "glued digits split the one way that agrees with the previous year's report "
                    "(last year's in force + issued - repealed = in force)",
                    tuple(cells), src,
                ))
        chosen = choices[0]
        pieces = seg.solutions[options[n].index(chosen)]
        doubtful = []
        for c, piece in zip(cells, pieces, strict=True):
            alternatives = tuple(sorted({ch[c] for ch in choices if ch[c] != chosen[c]},
                                        key=lambda v: (v is None, v or 0)))
            cell = report.cells[c]
            cell.value = chosen[c]
            cell.source = _piece_source(piece, seg)
            if alternatives:
                cell.doubt(REASON_BLANKS_PLACED if seg.blanks_placed else REASON_AMBIGUOUS_SPLIT, alternatives)
                doubtful.append(c)
        if doubtful:
            src = report.cells[doubtful[0]].source
            report.notes.append(Note(
                "extract.ambiguous_split",
                f"连写数字「{src.text if src else ''}」有多种符合勾稽关系的拆分，相关单元格存疑",
                "glued digits split more than one way that fits the equations; the cells are uncertain",
                tuple(doubtful), src,
            ))


def _kept_combinations(options: list[list[Split]], eqs: list[Equation],
                       report: AnnualReport) -> list[tuple[Split, ...]]:
    """The combinations of one reading per segment (in `itertools.product` order) on which every
    equation holds or cannot decide (the readings merged in order, later ones winning; other cells
    as read so far). Each equation is tried as soon as every segment that sets one of its cells
    has its reading chosen, so a combination that breaks a row's own equation is not completed
    for each reading of the rows after it: the same combinations, without trying every one."""
    last: dict[CellId, int] = {}  # cell → the last segment whose readings set it (its value in the merge)
    for i, opts in enumerate(options):
        for opt in opts:
            for c in opt:
                last[c] = i
    at_depth: list[list[Equation]] = [[] for _ in options]
    for e in eqs:
        at_depth[max((last[c] for c in e.left + e.right if c in last), default=0)].append(e)
    combo: list[Split] = [{} for _ in options]
    cells = report.cells

    def value(c: CellId) -> object:
        i = last.get(c)
        if i is not None:
            return combo[i][c]
        cell = cells.get(c)
        return ABSENT if cell is None else cell.value

    kept: list[tuple[Split, ...]] = []

    def walk(i: int) -> None:
        if i == len(options):
            kept.append(tuple(combo))
            return
        for opt in options[i]:
            combo[i] = opt
            if all(equation_holds(e.left, e.right, value) is not False for e in at_depth[i]):
                walk(i + 1)

    walk(0)
    return kept


# How many partial sums the settling may hold per step before it gives up (all stays uncertain).
_MAX_STATES = 100_000


def _valid_options(options: list[list[Split]], eqs: list[Equation], report: AnnualReport) -> list[list[int]] | None:
    """For each segment, its readings that belong to at least one combination satisfying every
    equation the cells decide, without trying every combination: the equations are linear, so a
    forward pass keeps the partial sums reachable after each segment and a backward pass the sums
    still needed; a reading is valid when it joins the two. None when nothing fits or the sums
    grow past `_MAX_STATES`."""
    mine = {c for opts in options for c in opts[0]}
    decidable: list[tuple[Equation, Number]] = []  # (equation, its constant part from cells read elsewhere)
    for e in eqs:
        const: Number = 0
        for sign, side in ((1, e.left), (-1, e.right)):
            for c in side:
                if c in mine:
                    continue
                cell = report.cells.get(c)
                if cell is None:
                    break
                const += sign * (cell.value or 0)
            else:
                continue
            break
        else:
            decidable.append((e, const))
    if not decidable:
        return [list(range(len(opts))) for opts in options]

    def contribution(opt: Split) -> tuple[float, ...]:
        return tuple(round(sum((opt.get(c) or 0) for c in e.left if c in opt)
                           - sum((opt.get(c) or 0) for c in e.right if c in opt), 6) for e, _ in decidable)

    contrib = [[contribution(o) for o in opts] for opts in options]
    forward = [{tuple(round(k, 6) for _, k in decidable)}]
    for row in contrib:
        nxt = {tuple(round(a + b, 6) for a, b in zip(f, c, strict=True)) for f in forward[-1] for c in set(row)}
        if len(nxt) > _MAX_STATES:
            return None
        forward.append(nxt)
    zero = tuple(0.0 for _ in decidable)
    if not any(all(abs(x) < 1e-6 for x in f) for f in forward[-1]):
        return None
    backward = [{zero}]
    for row in reversed(contrib):
        prev = {tuple(round(a - b, 6) for a, b in zip(need, c, strict=True)) for need in backward[0] for c in set(row)}
        if len(prev) > _MAX_STATES:
            return None
        backward.insert(0, prev)
    out = []
    for i, row in enumerate(contrib):
        need = backward[i + 1]
        out.append([k for k, c in enumerate(row)
                    if any(tuple(round(a + b, 6) for a, b in zip(f, c, strict=True)) in need for f in forward[i])])
    return out if all(out) else None


def _one_cell_per_line(rs: list[Run]) -> bool:
    """The document prints one cell per line with nothing between (so an empty line is a blank
    cell, not a separator): somewhere four figures stand on four consecutive lines."""
    streak = 0
    last: int | None = None
    for r in rs:
        if r.is_label:
            continue
        for t in r.tokens:
            if t.kind != NUM or t.line is None:
                continue
            streak = streak + 1 if last is not None and t.line == last + 1 else 0
            last = t.line
            if streak >= 3:
                return True
    return False


def _cell_a_line(seg: Segment) -> bool:
    """A complete row printed a cell a line: its figures on the lines right after its label, one
    each (LibreOffice's text export). Text whose figures merely stand on lines of their own
    (pdftotext printing column by column, with empty lines for spacing) has no such row, and
    there an empty line is no blank cell."""
    if len(seg.rows) != 1 or not seg.values:
        return False
    width = len(seg.rows[0].cells)
    first = _label_line(seg, seg.rows[0])
    vals = seg.values[:width]
    return first is not None and len(vals) == width and all(
        t.kind == NUM and t.line == first + 1 + k for k, t in enumerate(vals))


def _in_sentences(values: list[Token], rs: list[Run]) -> bool:
    """Some of the figures share a line with words (a sentence of the narrative)."""
    worded = _worded_lines(rs)
    return any(t.line is None or t.line in worded for t in values)


def _worded_lines(rs: Sequence[Run]) -> set[int]:
    """The lines that hold words (label tokens)."""
    return {t.line for r in rs if r.is_label for t in r.tokens if t.line is not None}


def _capacity(values: list[Token]) -> int:
    """How many cells these value tokens can fill at most (glued digits split to the last)."""
    return sum(1 if t.kind == NULL else len(t.text.split(".")[0]) for t in values)


_SPECKS = 3  # figures on a header's lines fewer than this are specks, not the row's values


def _appeal_segments(rs: list[Run], start: int, end: int, table: Table,
                     later_sections: tuple[str, ...] = ()) -> list[Segment]:
    """Table 4 is one printed row of fifteen values after its headers (sometimes three rows of
    five with the group names between them): the first fifteen values after the header."""
    row = table.rows[0]
    width = len(row.cells)
    words = set(table.header_keys)
    for col in row.columns:
        words.update(normalize_label(x.split(HEADER_SEPARATOR)[-1]) for x in (col.label,) + col.aliases)
    values: list[Token] = []
    breaks: list[int] = []
    header_lines: set[int] | None = None  # (looked for at the first blank: only blanks need them)
    last_header: int | None = None  # the line of the last header word before the values
    # A figure in a header cell (`1行政复议`: OCR's speck, a footnote's mark) is no value of the row.
    header_cells = {(t.block, t.row, t.column) for r in rs[start:end] if r.is_label for t in r.tokens
                    if in_grid(t) and any(k in normalize_label(t.text) for k in words)}
    header_word_lines: set[int] = set()  # the lines that print the table's header words
    stop, full = end, False
    for i in range(start, end):
        r = rs[i]
        stop = i + 1
        if header_cells and not r.is_label and any((t.block, t.row, t.column) in header_cells for t in r.tokens):
            r = Run(False, [t for t in r.tokens if (t.block, t.row, t.column) not in header_cells])
            if not r.tokens:
                continue
        if r.is_label:
            headed = any(k in r.norm for k in words)
            if headed:
                header_word_lines.update(t.line for t in r.tokens if t.line is not None)
            if not values:
                last_header = r.tokens[-1].line
            # Blank cells beside merged header cells are not values; nor a figure or two printed on
            # the header's own lines before more of its words (`和2 | 总计`: an OCR's reading of a
            # header cell).
            if all(t.kind == NULL for t in values) or (
                    headed and len(values) < _SPECKS and all(t.line in header_word_lines for t in values)):
                values = []
                breaks = []
            elif values:
                breaks.append(len(values))
            # Group names between rows of five are headers; any other label ends the table —
            # unless too few values came before it: then they were figures in the narrative
            # (被申请行政复议2件。) and the table is still to come.
            sentence = _is_sentence(r)
            if values and later_sections and any(k in r.norm for k in later_sections):
                break  # the next section's heading: what follows is narrative, never the table
            if values and (sentence or not any(k in r.norm for k in words)):
                # Figures on lines of their own are the table's row, however few (blank cells
                # left as spaces); figures inside sentences were the narrative's.
                if _capacity(values) >= width or not _in_sentences(values, rs[start:end]):
                    break
                values = []
                breaks = []
            continue
        if any(t.kind == NULL for t in r.tokens):
            if header_lines is None:
                header_lines = _header_lines(rs[start:end], None)
            values.extend(t for t in r.tokens if t.kind != NULL or t.line not in header_lines)
        else:
            values.extend(r.tokens)
        if sum(1 for t in values if t.kind != NULL) >= width and len(values) >= width:
            full = True  # the row's values are all here: what follows up to the next section is looked at
            break
    # Blank cells trailing the last header row.
    while len(values) > width and values[0].kind == NULL:
        values.pop(0)
    if not values:
        return []
    # Three rows of five with the group names between them: labels after every fifth value are
    # the table's own layout, not a sign of a scrambled reading.
    blocks = tuple(range(5, width, 5))
    leftover: list[Token] = []
    at: tuple[int, ...] | None = None
    if full:
        # A run that went on past the row onto later lines (a grid's next row: the row's rest
        # on the next page, under a header dropped as repeated) is looked at with what follows.
        rest = _past_the_row(values, width)
        if rest:
            values = values[:len(values) - len(rest)]
        leftover, at = _after_the_row([Run(False, rest), *rs[stop:end]] if rest else rs[stop:end],
                                      later_sections, width)
    return [Segment([row], values, Anchor(0, start), breaks=sorted({*breaks, *_uneven_lines(values)}),
                    row_breaks=blocks, anchor_line=last_header, leftover=leftover, leftover_at=at)]


def _place(t: Token) -> tuple[int | None, int | None]:
    """Where a token stands as a row of print: its grid row, or its line of text."""
    return (t.block, t.row) if in_grid(t) else (None, t.line)


def _is_sentence(r: Run) -> bool:
    return any(p in r.text for p in "，。；！？")


def _uneven_lines(values: list[Token]) -> list[int]:
    """Where the row's figures go on to another line, when its first and last lines both hold
    fewer of them than a line between (102 alone above the row, 4 alone below it: a wrapped cell
    printed centred beside the others). Such a row's printed order is not its columns' order:
    these places count as breaks in it, so the reading is not vouched for. One line, a figure a
    line, rows of five, or a row that runs on to a second line keep their order."""
    if len(values) < 3 or values[0].line == values[-1].line:
        return []  # (the commonest row: one line)
    counts: dict[int, int] = {}  # figures per line, in printed order
    for t in values:
        if t.kind == NUM and not in_grid(t) and t.line is not None:
            counts[t.line] = counts.get(t.line, 0) + 1
    per_line = list(counts.values())
    if len(per_line) < 3 or max(per_line[1:-1]) <= max(per_line[0], per_line[-1]):
        return []
    return [k for k in range(1, len(values)) if values[k].line != values[k - 1].line]


def _past_the_row(values: list[Token], width: int) -> list[Token]:
    """The tokens after the row's `width`-th figure that stand on later lines (or grid rows) than it."""
    if len(values) <= width:
        return []
    seen = 0
    for k, t in enumerate(values):
        seen += t.kind != NULL
        if seen == width:
            line = t.line
            if in_grid(t):
                later = next((j for j in range(k + 1, len(values)) if _place(values[j]) != _place(t)), None)
            else:
                later = None if line is None else next(
                    (j for j in range(k + 1, len(values)) if (values[j].line or 0) > line), None)
            return values[later:] if later is not None else []
    return []


def _after_the_row(rs: Sequence[Run], later_sections: tuple[str, ...],
                   width: int) -> tuple[list[Token], tuple[int, ...] | None]:
    """Figures on lines of their own after table 4's row, up to the next section or sentence:
    what a row split across a page leaves on the next one (its header printed again, then the
    digits that wrapped within their cells: 102 / 4 for 1024); and where they stand in the row
    when their one line prints all `width` cells, blanks included."""
    out: list[Token] = []
    at: list[int] | None = []
    worded: set[int] | None = None
    for r in rs:
        if r.is_label:
            if _is_sentence(r) or any(k in r.norm for k in later_sections):
                break
            continue
        if not any(t.kind == NUM for t in r.tokens):
            continue
        if worded is None:
            worded = _worded_lines(rs)
        own = [t for t in r.tokens if in_grid(t) or (t.line is not None and t.line not in worded)]
        nums = [t for t in own if t.kind == NUM]
        if not nums:
            continue
        if at is not None and not out and len(own) == width and len({t.line for t in own}) == 1:
            at = [k for k, t in enumerate(own) if t.kind == NUM]
        else:
            at = None
        out.extend(nums)
    return out, (tuple(at) if at is not None and out else None)
