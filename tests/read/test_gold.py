"""`ogi parse` gives the gold values of every cell for each seed, in every document format."""

from __future__ import annotations

import json

import pytest

from ogi.cli import main

from .conftest import FAST_VARIANTS, SEEDS


def parse_json(path, capsys) -> dict:
    code = main(["parse", str(path), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def assert_gold(report: dict, gold: dict, allow_uncertain: bool = False) -> None:
    for key in ("agency", "year", "template", "published"):
        assert report["meta"][key] == gold["meta"][key], key
    cells = report["cells"]
    uncertain = set(report.get("uncertain") or []) if allow_uncertain else set()
    wrong = {k: (v, cells.get(k, "missing")) for k, v in gold["cells"].items()
             if k not in uncertain and cells.get(k, "missing") != v}
    assert not wrong, f"cells not as in the gold file (expected, got): {wrong}"
    assert set(cells) == set(gold["cells"]), "cells the gold file does not have, or missing ones"


@pytest.mark.parametrize("variant", list(FAST_VARIANTS))
@pytest.mark.parametrize("seed", SEEDS)
def test_parse_gives_gold(corpus, seed, variant, capsys):
    assert_gold(parse_json(corpus.path(seed, variant), capsys), corpus.specs[seed].gold)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_doc_via_libreoffice_gives_gold(corpus, soffice, seed, capsys):
    path = corpus.path(seed, "doc")
    assert path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a real OLE2 .doc
    assert_gold(parse_json(path, capsys), corpus.specs[seed].gold)


@pytest.mark.slow
def test_odt_via_libreoffice_gives_gold(corpus, soffice, capsys):
    path = corpus.path(SEEDS[3], "odt")
    assert path.read_bytes()[:2] == b"PK"
    assert_gold(parse_json(path, capsys), corpus.specs[SEEDS[3]].gold)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_scan_every_cell_right_or_uncertain(corpus, seed, capsys):
    report = parse_json(corpus.path(seed, "scan"), capsys)
    assert_gold(report, corpus.specs[seed].gold, allow_uncertain=True)
    uncertain = report.get("uncertain") or []
    assert len(uncertain) <= len(corpus.specs[seed].gold["cells"]) // 10, f"too many uncertain cells: {uncertain}"
    # every section heading found: a large character's strokes are never closed into a table
    assert sorted(report["sections"], key=int) == ["1", "2", "3", "4", "5", "6"]
