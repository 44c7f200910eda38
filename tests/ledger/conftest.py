from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ogi import formats
from ogi.ledger import Application, Event, compose
from ogi.ledger.io import load_ledger
from ogi.model import AnnualReport

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "ledger" / "ledger.json"


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def app(ident: str, applicant: str, *events: tuple) -> Application:
    """app("A1", "natural", ("received", "2025-01-06"), ("decided", "2025-01-20", {"category": "granted"}))"""
    return Application.from_events(ident, applicant, [Event(e[0], d(e[1]), e[2] if len(e) > 2 else {}) for e in events])


def broken_equations(report: AnnualReport) -> list[str]:
    fmt = formats.get(report.meta.template)
    out = []
    for eq in fmt.equations:
        left = sum(report.value(c) or 0 for c in eq.left)
        right = sum(report.value(c) or 0 for c in eq.right)
        if left != right:
            out.append(f"{eq.id}: {left} != {right}")
    return out


@pytest.fixture(scope="session")
def example_ledger():
    return load_ledger(EXAMPLE)


@pytest.fixture(scope="session")
def example_reports(example_ledger):
    return {year: compose(example_ledger, year) for year in (2023, 2024, 2025, 2026)}
