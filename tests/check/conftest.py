"""Fixtures of the checker tests; the report builder lives in builders.py."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["2019", "2021"])
def format_id(request: pytest.FixtureRequest) -> str:
    return request.param
