"""Fixtures for the renderer tests: the gold reports, built once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ogi.model import AnnualReport

SHARED = Path(__file__).resolve().parents[3] / "shared"
if not SHARED.exists():  # the repository checked out elsewhere
    SHARED = Path("/work/shared")
GOLD = SHARED / "gold"
SEEDS = SHARED / "seeds"
GOLD_FILES = sorted(GOLD.glob("*.json"))
SEED_IDS = [p.stem for p in GOLD_FILES]


def gold_json(stem: str) -> dict:
    return json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))


def gold_report(stem: str) -> AnnualReport:
    return AnnualReport.from_json(gold_json(stem))


@pytest.fixture(scope="session")
def gold_reports() -> dict[str, AnnualReport]:
    if not GOLD_FILES:
        pytest.skip(f"no gold files in {GOLD}")
    return {p.stem: gold_report(p.stem) for p in GOLD_FILES}


def by_shape(reports: dict[str, AnnualReport]) -> dict[str, AnnualReport]:
    """One gold report per drawing: 2019, 2021 with （六）其他处理 split, 2021 with it whole."""
    out: dict[str, AnnualReport] = {}
    for r in reports.values():
        if r.meta.template == "2019":
            key = "2019"
        elif "apply.other.natural" in r.cells:
            key = "2021-collapsed"
        else:
            key = "2021"
        out.setdefault(key, r)
    return out
