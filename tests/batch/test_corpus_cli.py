"""ogi corpus summary/coverage and ogi batch on the command line; agency names."""

from __future__ import annotations

import csv

from ogi.batch import normalise_agency, resolve
from ogi.cli import main

from .corpus import CHAIN


def test_agency_names_normalise_to_one_key():
    assert {normalise_agency(n) for n in CHAIN} == {"新城区应急管理局"}
    assert normalise_agency("奉化区市场监督管理局") == "奉化区市场监督管理局"
    assert normalise_agency("呼和浩特市人民政府") == "呼和浩特市人民政府"
    keys = ["赛罕区应急管理局", "区应急管理局", "区司法局", "东城区司法局", "南山区司法局"]
    mapping = resolve(keys)
    assert mapping["区应急管理局"] == "赛罕区应急管理局"
    assert mapping["区司法局"] == "区司法局"  # two agencies fit: never guessed


def test_batch_refuses_a_missing_directory(tmp_path, capsys):
    assert main(["batch", str(tmp_path / "nope"), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "输入目录" in err


def test_summary_and_coverage(local_out, tmp_path, capsys):
    out, _ = local_out
    target = tmp_path / "s.csv"
    assert main(["corpus", "summary", str(out), "--by", "year", "-o", str(target)]) == 0
    printed = capsys.readouterr().out
    assert "指标" in printed  # labels wrap in a narrow terminal; the CSV has them whole
    rows = list(csv.DictReader(target.open(encoding="utf-8-sig")))
    late = [r for r in rows if r["key"] == "late" and float(r["value"] or 0) > 0]
    assert late  # the planted late reports show up
    assert any(r["kind"] == "total" and r["key"] == "apply.granted.total" for r in rows)
    agencies = tmp_path / "agencies.txt"
    agencies.write_text("呼和浩特市新城区应急管理局\n新城区教育局\n", encoding="utf-8")
    assert main(["corpus", "coverage", str(out), "--agencies", str(agencies), "--year", "2023",
                 "-o", str(tmp_path / "c.csv")]) == 0
    cov = {r["agency"]: r for r in csv.DictReader((tmp_path / "c.csv").open(encoding="utf-8-sig"))}
    assert cov["呼和浩特市新城区应急管理局"]["has_report"] == "True"
    assert cov["新城区教育局"]["has_report"] == "False"
    assert main(["corpus", "summary", str(tmp_path)]) == 2
