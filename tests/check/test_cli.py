"""`ogi check`: exit codes, text and JSON output, --previous."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ogi.cli import main
from ogi.commands.check import pick_previous
from ogi.synth import random_report, render_text

from .builders import build_report

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def seed(prefix: str) -> str:
    paths = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not paths:
        pytest.skip(f"seed {prefix} not available")
    return str(paths[0])


def test_clean_report_exits_0(capsys):
    assert main(["check", seed("002")]) == 0
    out = capsys.readouterr().out
    assert "narrative.I802" in out and "通过" in out


def test_error_exits_1_and_shows_numbers_and_lines(capsys):
    assert main(["check", seed("003")]) == 1
    out = capsys.readouterr().out
    assert "错误 format.E202" in out
    assert "（六）其他处理·自然人 = 0" in out and "〔第260行〕" in out  # the cell, its value, its line


def test_broken_table_cell_shows_both_sides(tmp_path, capsys):
    report = random_report("2021", seed=3, busy=0.9)
    text = render_text(report, "lines", seed=3)
    lines = text.split("\n")
    # one cell per line: the 总计 of row 一 (new applications) is the seventh line after its label
    i = next(n for n, line in enumerate(lines) if line.startswith("一、本年新收"))
    j = i + 7
    old = lines[j]
    assert old.isdigit(), old
    lines[j] = str(int(old) + 1)
    path = tmp_path / "broken.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "apply.E102" in out and "左边" in out and f"〔第{j + 1}行〕" in out


def test_unreadable_input_exits_2(tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    assert main(["check", str(missing)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(str(missing))


def test_unreadable_input_does_not_stop_the_others(tmp_path, capsys):
    assert main(["check", "--format", "json", str(tmp_path / "nope.txt"), seed("002")]) == 2
    data = json.loads(capsys.readouterr().out)
    assert [d["file"] for d in data] == [seed("002")]


def test_json(capsys):
    assert main(["check", "--format", "json", seed("003")]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["meta"]["year"] == 2021
    rules = [f["rule"] for f in data["findings"]]
    assert "format.E202" in rules
    f = next(f for f in data["findings"] if f["rule"] == "format.E202")
    assert f["severity"] == "error" and f["location"]["line"] and f["cells"]
    assert set(data["profile"]["points"]) == {"completeness", "timeliness", "consistency", "concreteness"}


def test_level_hides_info(capsys):
    main(["check", "--level", "warning", seed("002")])
    assert "提示" not in capsys.readouterr().out.split("质量评分")[0]


def test_previous_of_another_agency(capsys):
    assert main(["check", "--format", "json", "--previous", seed("000"), seed("002")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [f["rule"] for f in data["findings"] if f["rule"].startswith("cross.")] == ["cross.W903"]


def test_previous_directory_without_a_match(capsys):
    assert main(["check", "--format", "json", "--previous", str(SEEDS), seed("002")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["previous"] is None


def test_reports_given_together_pair_up(tmp_path, capsys):
    this = random_report("2021", seed=5, year=2021, agency="南山区司法局")
    last = random_report("2019", seed=6, year=2020, agency="南山区司法局")
    (tmp_path / "2021.txt").write_text(render_text(this, "lines", 1), encoding="utf-8")
    (tmp_path / "2020.txt").write_text(render_text(last, "lines", 2), encoding="utf-8")
    main(["check", "--format", "json", str(tmp_path / "2021.txt"), str(tmp_path / "2020.txt")])
    data = json.loads(capsys.readouterr().out)
    assert data[0]["previous"]["year"] == 2020 and data[1]["previous"] is None
    cross = {f["rule"] for f in data[0]["findings"] if f["rule"].startswith("cross.")}
    carried_equal = all(this.value(f"apply.carried_over.{c}") == last.value(f"apply.carried_forward.{c}")
                        for c in ("natural", "commercial", "research", "nonprofit", "legal", "other_org", "total"))
    assert cross == ({"cross.I904"} if carried_equal else {"cross.E901"})


def test_pick_previous():
    this = build_report("2021")
    same = build_report("2019", year=2020)
    other = build_report("2019", year=2020)
    other.meta.agency = "别的局"
    assert pick_previous(this, [other, same]) is same
    assert pick_previous(this, [other]) is None
    same.meta.agency = None
    assert pick_previous(this, [same]) is same


def test_previous_as_parse_json(tmp_path, capsys):
    """--previous takes OGI's own JSON (the output of `ogi parse --format json`) as well."""
    this = build_report("2021", year=2021)
    last = build_report("2019", year=2020)
    last.meta.agency = None
    for c in ("natural", "commercial", "research", "nonprofit", "legal", "other_org", "total"):
        last.set(f"apply.carried_forward.{c}", this.value(f"apply.carried_over.{c}"))
    last.set("apply.carried_forward.natural", this.value("apply.carried_over.natural") + 1)
    (tmp_path / "last.json").write_text(json.dumps(last.to_json(), ensure_ascii=False), encoding="utf-8")
    (tmp_path / "this.json").write_text(json.dumps(this.to_json(), ensure_ascii=False), encoding="utf-8")
    assert main(["check", "--format", "json", "--previous", str(tmp_path / "last.json"),
                 str(tmp_path / "this.json")]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [(f["rule"], f["cells"]) for f in data["findings"] if f["severity"] != "info"] == [
        ("cross.E901", ["apply.carried_over.natural"])]


def test_previous_years_report_settles_glued_table2_digits(tmp_path, capsys):
    """`ogi parse --previous` and `ogi check` with last year's report: 6240 in the 行政规范性文件 row
    splits several ways; last year's 现行有效 36 leaves 6 | 2 | 40 alone (issue 10)."""
    from ogi.model import SectionText

    this = random_report("2021", seed=11, busy=0.6, year=2023, agency="余杭区自然资源和规划局")
    for c, v in (("issued", 6), ("repealed", 2), ("in_force", 40)):
        this.set(f"active.normative.{c}", v)
    this.sections[2] = SectionText(2, "二、主动公开政府信息情况", "本年度主动公开政府信息共计120条。")
    last = random_report("2021", seed=12, year=2022, agency="余杭区自然资源和规划局")
    last.set("active.normative.in_force", 36)
    (tmp_path / "2023.txt").write_text(render_text(this, "one_line", 11), encoding="utf-8")
    (tmp_path / "2022.txt").write_text(render_text(last, "lines", 2), encoding="utf-8")
    cells = [f"active.normative.{c}" for c in ("issued", "repealed", "in_force")]

    assert main(["parse", str(tmp_path / "2023.txt")]) == 0
    alone = json.loads(capsys.readouterr().out)
    assert set(cells) & set(alone["uncertain"])
    assert main(["parse", "--previous", str(tmp_path / "2022.txt"), str(tmp_path / "2023.txt")]) == 0
    settled = json.loads(capsys.readouterr().out)
    assert [settled["cells"][c] for c in cells] == [6, 2, 40]
    assert not set(cells) & set(settled["uncertain"])

    main(["check", "--format", "json", str(tmp_path / "2023.txt"), str(tmp_path / "2022.txt")])
    checked = json.loads(capsys.readouterr().out)[0]
    assert checked["previous"]["year"] == 2022
    doubts = {c for f in checked["findings"] if f["rule"] == "parse.W502" for c in f["cells"]}
    assert not set(cells) & doubts
    notes = [f for f in checked["findings"] if f["rule"] == "parse.W503" and set(f["cells"]) == set(cells)]
    assert [n["evidence"]["code"] for n in notes] == ["extract.settled_by_last_year"]
    assert "「6240」" in notes[0]["zh"]
