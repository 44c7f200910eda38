"""Read the merged cells of a ruled table back from a picture of it.

The table's ruling lines are found in the bitmap (long dark runs), their positions give the base
grid, and two neighbouring base cells belong to the same printed cell when no line separates
them. The result — (row, col, rowspan, colspan) of every printed cell — is compared with the
layout: what LibreOffice actually drew, not what we asked it to draw.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

DARK = 140  # grey level below which a pixel is ink
MIN_H_RUN_MM = 6.0  # shortest horizontal line segment looked for (narrowest column is ~10 mm)
MIN_V_RUN_MM = 3.0  # shortest vertical segment (a row is ≥ 4 mm)
LINE_FILL = 0.9  # share of a segment that must be ink for a border to count
SNAP_PX = 3  # a vertical segment must start and end this close to horizontal lines


@dataclass
class Found:
    xs: list[int]
    ys: list[int]
    cells: set[tuple[int, int, int, int]]
    box: tuple[int, int, int, int]


def _runs(line: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of every run of True in a 1-D bool array, end exclusive."""
    padded = np.concatenate(([False], line, [False]))
    d = np.diff(padded.astype(np.int8))
    return list(zip(np.flatnonzero(d == 1).tolist(), np.flatnonzero(d == -1).tolist(), strict=True))


def _cluster(values: list[int], gap: int = 2) -> list[int]:
    out: list[list[int]] = []
    for v in sorted(set(values)):
        if out and v - out[-1][-1] <= gap:
            out[-1].append(v)
        else:
            out.append([v])
    return [round(sum(c) / len(c)) for c in out]


def find_cells(png: str, dpi: int) -> Found:
    ink = np.asarray(Image.open(png).convert("L")) < DARK
    px_mm = dpi / 25.4
    min_h = int(MIN_H_RUN_MM * px_mm)
    # The table: rows holding a run as long as the table is wide (top and bottom borders).
    longest = [max((e - s for s, e in _runs(row)), default=0) for row in ink]
    widest = max(longest)
    full = [y for y, n in enumerate(longest) if n >= 0.9 * widest]
    top, bottom = full[0], full[-1]
    hy: list[int] = []
    for y in range(top, bottom + 1):
        if any(e - s >= min_h for s, e in _runs(ink[y])):
            hy.append(y)
    ys = _cluster(hy)
    region = ink[top:bottom + 1]
    min_v = int(MIN_V_RUN_MM * px_mm)
    vx: list[int] = []
    near = np.zeros(region.shape[0] + 1, dtype=bool)
    for y in ys:
        near[max(0, y - top - SNAP_PX): y - top + SNAP_PX + 1] = True
    for x in range(region.shape[1]):
        for s, e in _runs(region[:, x]):
            if e - s >= min_v and near[s] and near[min(e - 1, len(near) - 1)]:
                vx.append(x)
                break
    xs = _cluster(vx)

    def border(x0: int, y0: int, x1: int, y1: int) -> bool:
        patch = ink[y0:y1 + 1, x0:x1 + 1]
        along = patch.any(axis=1) if x1 - x0 < y1 - y0 else patch.any(axis=0)
        return bool(along.mean() >= LINE_FILL)

    nr, nc = len(ys) - 1, len(xs) - 1
    parent = list(range(nr * nc))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        parent[root(a)] = root(b)

    m = SNAP_PX + 1
    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not border(xs[c + 1] - 1, ys[r] + m, xs[c + 1] + 1, ys[r + 1] - m):
                join(r * nc + c, r * nc + c + 1)
            if r + 1 < nr and not border(xs[c] + m, ys[r + 1] - 1, xs[c + 1] - m, ys[r + 1] + 1):
                join(r * nc + c, (r + 1) * nc + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(nr):
        for c in range(nc):
            groups.setdefault(root(r * nc + c), []).append((r, c))
    cells = set()
    for members in groups.values():
        rows = [r for r, _ in members]
        cols = [c for _, c in members]
        cells.add((min(rows), min(cols), max(rows) - min(rows) + 1, max(cols) - min(cols) + 1))
    return Found(xs, ys, cells, (xs[0], top, xs[-1], bottom))
