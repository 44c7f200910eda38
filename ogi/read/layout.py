"""Positioned text → blocks: the part PDFs and scans share.

Input is what a page shows: `Glyph`s (a character from a PDF text layer, or a box of text from
OCR) and ruling `Edge`s (PDF path objects, or lines found in a scan image). Steps:

1. `find_tables`: edges → cells → tables, with pdfplumber's lattice algorithm
   (`merge_edges → edges_to_intersections → intersections_to_cells → cells_to_tables`);
2. `table_grid`: a table's cells → a Grid: the distinct cell borders make the grid lines, a
   merged cell covers several positions (text at its origin, `None` elsewhere); the glyphs in a
   cell are grouped into lines and the lines joined like wrapped labels (a vertical header printed
   one character per line becomes one label);
3. `text_lines`: glyphs outside tables → lines (Paragraph blocks) in reading order.

Tolerances are `LayoutSettings`, in the units of the input (PDF points, or pixels of a scan).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Literal, TypedDict, cast

from .document import Block, Grid, Paragraph
from .textutil import clean_cell, join_pieces

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom
_HAS_DIGIT = re.compile(r"\d")


class Edge(TypedDict):
    """A ruling line, in the shape of pdfplumber's edge objects (its table finder reads these keys)."""

    x0: float
    x1: float
    top: float
    bottom: float
    width: float
    height: float
    orientation: Literal["h", "v"]
    object_type: str


@dataclass(frozen=True)
class LayoutSettings:
    snap: float = 3.0  # edges closer than this are one line
    join: float = 3.0  # collinear segments with gaps below this are one line
    intersection: float = 3.0
    min_edge: float = 4.0  # shorter path segments are not ruling lines
    thin: float = 3.0  # a rectangle thinner than this is a line
    min_rows: int = 1  # a table's last row alone at the top of a page is still a table
    min_cols: int = 2
    space_gap: float = 0.6  # gap (in glyph heights) between glyphs of one line that reads as a space
    line_overlap: float = 0.5  # vertical overlap (share of glyph height) that puts two glyphs on one line
    # Close tables a page break cut without a rule (`close_cuts`): for vector ruling (PDFs); in a
    # scan, the strokes of large characters are lines too and would be closed into tables.
    close_cuts: bool = True
    # The most a table cell's inner margin takes on either side (Word's default is 0.19 cm, 5.4 pt):
    # a number whose next digit would not have fit beside it within the margins wrapped.
    cell_padding: float = 7.2


PDF_SETTINGS = LayoutSettings()


@dataclass(slots=True)
class Glyph:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    score: float = 1.0  # OCR confidence; 1 for a text layer
    space_before: bool = False  # the text layer has a space character right before this glyph

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Line:
    glyphs: list[Glyph]

    @property
    def bbox(self) -> BBox:
        return (min(g.x0 for g in self.glyphs), min(g.top for g in self.glyphs),
                max(g.x1 for g in self.glyphs), max(g.bottom for g in self.glyphs))

    def text(self, settings: LayoutSettings = PDF_SETTINGS) -> str:
        return self._compose(settings, None)

    def text_and_extents(self, settings: LayoutSettings = PDF_SETTINGS) -> tuple[str, array[float]]:
        """The line's text and each character's horizontal extent on the page, x0 and x1 of
        character i at 2i and 2i + 1 (a space: the gap it stands for)."""
        xs = array("d")
        return self._compose(settings, xs), xs

    def _compose(self, settings: LayoutSettings, xs: array[float] | None) -> str:
        """The line's text, a space where its glyphs stand apart; each character's extent added to
        `xs` when given (the same characters as the text: spaces at its ends left out)."""
        out: list[str] = []
        prev: Glyph | None = None
        for g in self.glyphs:
            if prev is not None:
                h = max(1e-6, min(g.bottom - g.top, prev.bottom - prev.top))
                if (g.space_before or g.x0 - prev.x1 > settings.space_gap * h) and out and not out[-1].endswith(" ") \
                        and g.text[:1] != " ":
                    out.append(" ")
                    if xs is not None:
                        xs.append(prev.x1)
                        xs.append(g.x0)
            out.append(g.text)
            if xs is not None:
                for _ in g.text:  # (a glyph may print more than one character: a ligature)
                    xs.append(g.x0)
                    xs.append(g.x1)
            prev = g
        text = "".join(out)
        if xs is None:
            return text.strip()
        stripped = text.rstrip()
        del xs[2 * len(stripped):]
        start = len(stripped) - len(stripped.lstrip())
        del xs[:2 * start]
        return stripped[start:]

    @property
    def score(self) -> float:
        return min((g.score for g in self.glyphs), default=1.0)


def edge(x0: float, top: float, x1: float, bottom: float, orientation: Literal["h", "v"]) -> Edge:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
            "orientation": orientation, "object_type": "line"}


def edges_from_rect(x0: float, top: float, x1: float, bottom: float, settings: LayoutSettings) -> list[Edge]:
    """A path's bounding box as ruling edges: a thin box is one line, a larger one four."""
    w, h = x1 - x0, bottom - top
    if w <= settings.thin and h >= settings.min_edge:
        x = (x0 + x1) / 2
        return [edge(x, top, x, bottom, "v")]
    if h <= settings.thin and w >= settings.min_edge:
        y = (top + bottom) / 2
        return [edge(x0, y, x1, y, "h")]
    if w >= settings.min_edge and h >= settings.min_edge:
        return [edge(x0, top, x1, top, "h"), edge(x0, bottom, x1, bottom, "h"),
                edge(x0, top, x0, bottom, "v"), edge(x1, top, x1, bottom, "v")]
    return []


def find_tables(edges: list[Edge], settings: LayoutSettings = PDF_SETTINGS,
                cuts: list[tuple[str, float]] | None = None) -> list[list[BBox]]:
    """Ruling edges → tables, each a list of cell boxes (pdfplumber's lattice algorithm). A table
    a page break cut without a rule is closed where its column lines end (`close_cuts`); each
    such closing line is added to `cuts` as ("bottom" or "top", y)."""
    if len(edges) < 4:
        return []
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    # pdfplumber types its objects as plain dicts (T_obj); an Edge is one, with its keys named
    plain = cast(list[dict[str, Any]], edges)
    merged = merge_edges(plain, settings.snap, settings.snap, settings.join, settings.join)
    merged = [e for e in merged if (e["x1"] - e["x0"] if e["orientation"] == "h" else e["bottom"] - e["top"])
              >= settings.min_edge]
    closing = close_cuts(cast(list[Edge], merged), settings) if settings.close_cuts else []
    if cuts is not None:
        cuts.extend((side, e["top"]) for side, e in closing)
    merged += cast(list[dict[str, Any]], [e for _, e in closing])
    inter = edges_to_intersections(merged, settings.intersection, settings.intersection)
    cells = intersections_to_cells(inter)
    return [t for t in cells_to_tables(cells) if len(t) >= max(2, settings.min_rows * settings.min_cols)]


MIN_CUT_COLUMNS = 3  # column lines that must run on past a table's last (or first) rule together
LONG_SIDE = 4  # in `min_edge`s: the least length of a merged cell's side that crosses no rule


def close_cuts(edges: list[Edge], settings: LayoutSettings) -> list[tuple[str, Edge]]:
    """Closing rules for tables a page break cut: where at least `MIN_CUT_COLUMNS` column lines
    run on past the last rule each crosses and end together (the page's bottom margin), a rule is
    drawn where they end; so too where they start together above the first rule each crosses (the
    top of the next page; a merged cell's lines cross their first rule further down). A browser printing a web page splits a row across pages this way,
    without a rule at the cut: the row's two parts are then cells, joined by `join_pages`."""
    hs = [e for e in edges if e["orientation"] == "h"]
    vs = [e for e in edges if e["orientation"] == "v"]
    if not hs or len(vs) < MIN_CUT_COLUMNS:
        return []
    tol = settings.snap
    long_side = LONG_SIDE * settings.min_edge
    out: list[tuple[str, Edge]] = []
    for side in ("bottom", "top"):
        open_ends: list[tuple[float, Edge, bool]] = []  # (end, line, crosses a rule)
        for v in vs:
            x = v["x0"]
            crossed = [h["top"] for h in hs if h["x0"] - tol <= x <= h["x1"] + tol
                       and v["top"] - tol <= h["top"] <= v["bottom"] + tol]
            end = v["bottom"] if side == "bottom" else v["top"]
            if crossed:
                rule = max(crossed) if side == "bottom" else min(crossed)
                if abs(end - rule) > settings.min_edge:
                    open_ends.append((end, v, True))
            elif v["bottom"] - v["top"] >= long_side:
                # A long line that crosses no rule at all: a merged cell's side across the whole
                # page (a character's stroke in a scan is short, and crosses no rule either).
                open_ends.append((end, v, False))
        groups: list[list[tuple[Edge, bool]]] = []  # lines whose ends lie within the snap of the one before
        last: float | None = None
        for end, v, ruled in sorted(open_ends, key=lambda p: p[0]):
            if last is None or end - last > tol:
                groups.append([])
            groups[-1].append((v, ruled))
            last = end
        for group in groups:
            # (the table's own column lines must be there: lines crossing no rule only join them)
            if sum(ruled for _, ruled in group) >= MIN_CUT_COLUMNS:
                lines = [v for v, _ in group]
                y = sum(v["bottom"] if side == "bottom" else v["top"] for v in lines) / len(lines)
                out.append((side, edge(min(v["x0"] for v in lines), y, max(v["x0"] for v in lines), y, "h")))
                continue
            for v, ruled in group:
                if not ruled:
                    end = v["bottom"] if side == "bottom" else v["top"]
                    out.extend(("bridge", e) for e in _bridge(v, end, hs, tol))
    return out


def _bridge(v: Edge, end: float, hs: list[Edge], tol: float) -> list[Edge]:
    """A merged cell's side that crosses no rule, ending beside the table's first or last rule
    (the break left its end undrawn): that rule drawn on to it, so the merged cell is closed."""
    x = v["x0"]
    if any(abs(h["top"] - end) <= tol and h["x0"] - tol <= x <= h["x1"] + tol for h in hs):
        return []
    level = [h for h in hs if abs(h["top"] - end) <= tol]
    right = min((h for h in level if h["x0"] > x), key=lambda h: h["x0"], default=None)
    left = max((h for h in level if h["x1"] < x), key=lambda h: h["x1"], default=None)
    if right is not None:
        return [edge(x, right["top"], right["x0"], right["top"], "h")]
    if left is not None:
        return [edge(left["x1"], left["top"], x, left["top"], "h")]
    return []


def group_lines(glyphs: list[Glyph], settings: LayoutSettings = PDF_SETTINGS) -> list[Line]:
    """Glyphs → lines top to bottom, each left to right."""
    lines: list[tuple[float, float, list[Glyph]]] = []  # (top, bottom, glyphs)
    for g in sorted(glyphs, key=lambda g: (g.top, g.x0)):
        h = max(1e-6, g.bottom - g.top)
        if lines:
            top, bottom, members = lines[-1]
            overlap = min(bottom, g.bottom) - max(top, g.top)
            if overlap >= settings.line_overlap * min(h, bottom - top):
                members.append(g)
                lines[-1] = (min(top, g.top), max(bottom, g.bottom), members)
                continue
        lines.append((g.top, g.bottom, [g]))
    return [Line(sorted(m, key=lambda g: g.x0)) for _, _, m in lines]


def _index(bounds: list[float], value: float, tol: float) -> int:
    """Index of the boundary nearest `value`."""
    i = bisect_right(bounds, value + tol) - 1
    return max(0, min(i, len(bounds) - 1))


def _bounds(values: list[float], tol: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


@dataclass
class TableResult:
    grid: Grid
    bbox: BBox
    used: set[int]  # indices of the glyphs placed in the table


def table_grid(cells: list[BBox], glyphs: list[Glyph], settings: LayoutSettings = PDF_SETTINGS,
               page: int | None = None, doubt_below: float | None = None) -> TableResult | None:
    """Cells of one table + the page's glyphs → Grid (merged cells at their origin, None where covered)."""
    tol = settings.snap
    # A cell thinner than the snap (two rules a hair apart) has no row or column of its own.
    cells = [c for c in cells if c[2] - c[0] > tol and c[3] - c[1] > tol]
    if not cells:
        return None
    xs = _bounds([c[0] for c in cells] + [c[2] for c in cells], tol)
    ys = _bounds([c[1] for c in cells] + [c[3] for c in cells], tol)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < settings.min_rows or n_cols < settings.min_cols:
        return None
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    origin: dict[tuple[int, int], int] = {}  # grid position -> cell index
    spans: list[tuple[int, int, int, int]] = []
    for k, (x0, top, x1, bottom) in enumerate(cells):
        r0, r1 = _index(ys, top, tol), _index(ys, bottom, tol)
        c0, c1 = _index(xs, x0, tol), _index(xs, x1, tol)
        r1, c1 = max(r1, r0 + 1), max(c1, c0 + 1)
        spans.append((r0, c0, r1, c1))
        for r in range(r0, r1):
            for c in range(c0, c1):
                origin.setdefault((r, c), k)
    members: dict[int, list[Glyph]] = {}
    used: set[int] = set()
    for i, g in enumerate(glyphs):
        if not (bbox[0] - tol <= g.cx <= bbox[2] + tol and bbox[1] - tol <= g.cy <= bbox[3] + tol):
            continue
        used.add(i)
        r = min(max(bisect_right(ys, g.cy) - 1, 0), n_rows - 1)
        c = min(max(bisect_right(xs, g.cx) - 1, 0), n_cols - 1)
        owner = origin.get((r, c))
        if owner is not None:
            members.setdefault(owner, []).append(g)
    rows: list[list[str | None]] = [[None] * n_cols for _ in range(n_rows)]
    boxes: list[list[BBox | None]] = [[None] * n_cols for _ in range(n_rows)]
    doubtful = [[False] * n_cols for _ in range(n_rows)]
    any_doubt = False
    for k, (r0, c0, _r1, _c1) in enumerate(spans):
        if rows[r0][c0] is not None:
            continue  # two cells claim one origin (overlapping rectangles): keep the first
        lines = group_lines(members.get(k, []), settings)
        rows[r0][c0] = clean_cell(join_pieces(_unwrap_numbers(lines, cells[k], settings)))
        boxes[r0][c0] = cells[k]
        if doubt_below is not None and lines and min(ln.score for ln in lines) < doubt_below:
            doubtful[r0][c0] = True
            any_doubt = True
    # positions no cell covers (a missing border) stay None; rows with no origin at all are dropped
    keep = [r for r in range(n_rows) if any(x is not None for x in rows[r])]
    grid = Grid([rows[r] for r in keep], page=page, boxes=[boxes[r] for r in keep],
                doubtful=[doubtful[r] for r in keep] if any_doubt else None,
                row_pages=[page] * len(keep) if page is not None else None)
    return TableResult(grid, bbox, used)


_WRAPPED_HEAD = re.compile(r"[1-9][0-9]*")


def _unwrap_numbers(lines: list[Line], cell: BBox, settings: LayoutSettings) -> list[str]:
    """The texts of a cell's lines, a number wrapped within the cell put back together: `102` over
    `4` in a column too narrow for 1024 is one value, where the next line's first digit would not
    have fit on the line before within the cell's margins. Two figures a missing rule put in one
    cell stand apart (their lines are short) and stay two."""
    out: list[str] = []
    prev: Line | None = None
    for ln in lines:
        text = ln.text(settings)
        if prev is not None and out and _WRAPPED_HEAD.fullmatch(out[-1]) and text.isascii() and text.isdigit():
            x0, _, x1, _ = prev.bbox
            first = ln.glyphs[0]
            if (x1 - x0) + (first.x1 - first.x0) > (cell[2] - cell[0]) - 2 * settings.cell_padding:
                out[-1] += text
                prev = ln
                continue
        out.append(text)
        prev = ln
    return out


def page_blocks(glyphs: list[Glyph], edges: list[Edge], page: int | None,
                settings: LayoutSettings = PDF_SETTINGS, doubt_below: float | None = None) -> list[Block]:
    """All blocks of one page in reading order: tables where the ruling says so, lines elsewhere."""
    results = []
    used: set[int] = set()
    cuts: list[tuple[str, float]] = []
    for cells in find_tables(edges, settings, cuts):
        res = table_grid(cells, glyphs, settings, page, doubt_below)
        if res is not None:
            x0, top, x1, bottom = res.bbox
            res.grid.cut_bottom = any(side == "bottom" and abs(y - bottom) <= settings.snap for side, y in cuts)
            res.grid.cut_top = any(side == "top" and abs(y - top) <= settings.snap for side, y in cuts)
            results.append(res)
            used |= res.used
    rest = [g for i, g in enumerate(glyphs) if i not in used]
    placed: list[tuple[float, Block]] = [(r.bbox[1], r.grid) for r in results]
    for line in group_lines(rest, settings):
        text = line.text(settings)
        if text:
            bb = line.bbox
            # (Where each character stands matters for figures set apart by gaps: a table's row.)
            xs = line.text_and_extents(settings)[1] if " " in text and _HAS_DIGIT.search(text) else None
            placed.append((bb[1], Paragraph(text, page=page, bbox=bb, xs=xs)))
    placed.sort(key=lambda t: t[0])
    return [b for _, b in placed]


def column_bounds(grid: Grid, tol: float) -> list[float]:
    xs = [v for row in grid.boxes or [] for bb in row if bb for v in (bb[0], bb[2])]
    return _bounds(xs, tol)


def regrid(grid: Grid, xs: list[float], tol: float) -> Grid:
    """The same table over finer column bounds `xs` (a table continued on another page may show
    column lines its first part does not): each cell moves to the column its box starts at."""
    if not grid.boxes:
        return grid
    n = len(xs) - 1
    rows: list[list[str | None]] = []
    boxes: list[list[BBox | None]] = []
    doubt: list[list[bool]] = []
    for r, row in enumerate(grid.rows):
        new_row: list[str | None] = [None] * n
        new_boxes: list[BBox | None] = [None] * n
        new_doubt = [False] * n
        for c, text in enumerate(row):
            bb = grid.boxes[r][c]
            if text is None or bb is None:
                continue
            k = _index(xs, bb[0], tol)
            if k < n:
                new_row[k], new_boxes[k] = text, bb
                new_doubt[k] = bool(grid.doubtful and grid.doubtful[r][c])
        rows.append(new_row)
        boxes.append(new_boxes)
        doubt.append(new_doubt)
    return Grid(rows, line=grid.line, page=grid.page, boxes=boxes,
                doubtful=doubt if grid.doubtful else None, row_pages=grid.row_pages)


def same_columns(a: Grid, b: Grid, tol: float) -> list[float] | None:
    """Column bounds of two table parts joined, when they are one table (same left and right
    edge); else None."""
    xa, xb = column_bounds(a, tol), column_bounds(b, tol)
    if len(xa) < 2 or len(xb) < 2:
        return None
    if abs(xa[0] - xb[0]) > tol or abs(xa[-1] - xb[-1]) > tol:
        return None
    return _bounds(xa + xb, tol)
