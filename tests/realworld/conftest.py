"""The real-world corpus generator lives in benchmarks/realworld (shared with the benchmark)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.realworld import FAST, build_outputs  # noqa: E402

N_DOCS = 3


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory):
    """Three documents through every installed fast converter: (root, {skipped name: reason})."""
    root = tmp_path_factory.mktemp("realworld")
    skipped = build_outputs(root, N_DOCS, FAST, jobs=2, log=print)
    return root, skipped
