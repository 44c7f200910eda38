"""A test corpus with known values and planted errors, in several document formats.

Text in every layout of ogi.synth, HTML and DOCX rendered by ogi.render (PDF in the slow
tests), garbage files, a duplicate, and year-over-year chains whose agency names are written at
different lengths (呼和浩特市赛罕区应急管理局 / 赛罕区应急管理局).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ogi.model import AnnualReport
from ogi.synth import LAYOUTS, random_report, render_text

EQUATION = "equation"  # one cell changed: an equation of table 3 breaks
LATE = "late"  # published after the deadline
WRONG_FORMAT = "wrong_format"  # the 2019 format used for a 2022 report
PLANTS = (EQUATION, LATE, WRONG_FORMAT)
BROKEN_CELL = "apply.granted.natural"
CHAIN = ("呼和浩特市新城区应急管理局", "新城区应急管理局", "内蒙古自治区呼和浩特市新城区应急管理局")
CHAIN_KEY = "新城区应急管理局"


@dataclass
class Case:
    rel: str  # report_id
    report: AnnualReport | None  # None: garbage
    plant: str | None = None
    tags: set[str] = field(default_factory=set)


def plant(report: AnnualReport, kind: str) -> AnnualReport:
    m = report.meta
    if kind == EQUATION:
        report.set(BROKEN_CELL, (report.value(BROKEN_CELL) or 0) + 7)
    elif kind == LATE:
        m.published = dt.date(m.year + 1, 7, 1)
    return report


def follow_on(prev: AnnualReport, report: AnnualReport) -> AnnualReport:
    """Make this year's 上年结转 equal last year's 结转下年度, keeping every equation."""
    cols = ("natural", "commercial", "research", "nonprofit", "legal", "other_org")
    for col in cols:
        target = prev.value(f"apply.carried_forward.{col}") or 0
        d = target - (report.value(f"apply.carried_over.{col}") or 0)
        new = (report.value(f"apply.new.{col}") or 0) - d
        fwd = report.value(f"apply.carried_forward.{col}") or 0
        if new < 0:
            fwd, new = fwd - new, 0
        report.set(f"apply.carried_over.{col}", target)
        report.set(f"apply.new.{col}", new)
        report.set(f"apply.carried_forward.{col}", fwd)
    for row in ("new", "carried_over", "carried_forward"):
        report.set(f"apply.{row}.total", sum(report.value(f"apply.{row}.{c}") or 0 for c in cols))
    return report


def build(root: Path, n_text: int = 240, n_html: int = 24, n_docx: int = 12, pdf: int = 0) -> list[Case]:
    from ogi.render import render

    root.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []
    layouts = sorted(LAYOUTS)
    for i in range(n_text + n_html + n_docx + pdf):
        fmt = "2019" if i % 3 == 0 else "2021"
        kind = PLANTS[(i // 10) % 3] if i % 10 == 7 else None
        year = 2022 if kind == WRONG_FORMAT else None
        report = plant(random_report("2019" if kind == WRONG_FORMAT else fmt, seed=1000 + i,
                                     busy=0.2 + (i % 5) / 10, year=year), kind) if kind else \
            random_report(fmt, seed=1000 + i, busy=0.2 + (i % 5) / 10)
        if i < n_text:
            layout = layouts[i % len(layouts)]
            rel = f"text/{layout}/{i:04d}.txt"
            data = render_text(report, layout, seed=i).encode()
        else:
            ext = "html" if i < n_text + n_html else "docx" if i < n_text + n_html + n_docx else "pdf"
            rel = f"{ext}/{i:04d}.{ext}"
            data = render([report], ext)
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
        cases.append(Case(rel, report, kind, {rel.split("/")[1] if rel.startswith("text/") else rel.split("/")[0]}))

    # A chain across three years, the agency named at three lengths, in three formats; the
    # 2022→2023 step carries over correctly, the 2021→2022 step does not (independent values).
    r21 = random_report("2021", seed=7, year=2021, agency=CHAIN[0], busy=0.9)
    r22 = random_report("2021", seed=8, year=2022, agency=CHAIN[1], busy=0.9)
    r23 = follow_on(r22, random_report("2021", seed=9, year=2023, agency=CHAIN[2], busy=0.9))
    for rel, report, data in (
        ("chain/xincheng_2021.html", r21, lambda r: render([r], "html")),
        ("chain/xincheng_2022.txt", r22, lambda r: render_text(r, "pipes", seed=1).encode()),
        ("chain/xincheng_2023.docx", r23, lambda r: render([r], "docx")),
        ("chain/xincheng_2023_copy.txt", r23, lambda r: render_text(r, "lines", seed=2).encode()),
    ):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data(report))
        cases.append(Case(rel, report, None, {"chain"}))

    # Garbage: random bytes, an empty file, a PDF that is not one, a text that is no report.
    garbage = {"bad/random.bin": bytes(range(256)) * 8, "bad/empty.txt": b"",
               "bad/broken.pdf": b"%PDF-1.7\n% broken\n", "bad/zip.docx": b"PK\x03\x04not a zip at all"}
    for rel, data in garbage.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
        cases.append(Case(rel, None, None, {"garbage"}))
    return cases
