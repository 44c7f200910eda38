"""The generated corpus and its local batch output, built once per session."""

from __future__ import annotations

import pytest

from ogi.batch import run_batch

from .corpus import build


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    return root, build(root)


@pytest.fixture(scope="session")
def local_out(corpus, tmp_path_factory):
    root, _ = corpus
    out = tmp_path_factory.mktemp("out_local")
    result = run_batch(root, out, workers=2, part_size=50, quiet=True)
    return out, result
