"""Shared fixtures: where the seeds and gold values live (../shared, beside the checkout)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"


def gold_cases() -> list[tuple[Path, dict]]:
    out = []
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        out.append((SEEDS / gold["source"], gold))
    return out


@pytest.fixture(scope="session")
def seeds() -> list[tuple[Path, dict]]:
    cases = gold_cases()
    assert cases, f"no gold files under {GOLD}"
    return cases
