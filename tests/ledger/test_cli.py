"""`ogi calendar`, `ogi deadline`, `ogi compose`: output, and one-line refusals with exit code 2."""

from __future__ import annotations

import json

import pytest

from ogi import formats
from ogi.cli import main

from .conftest import EXAMPLE, broken_equations


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_calendar_commands(capsys):
    code, out, _ = run(capsys, "calendar", "2026-02-14")
    assert code == 0 and "调休上班" in out and "春节" in out
    code, out, _ = run(capsys, "calendar", "add-working-days", "2026-02-10", "20")
    assert code == 0 and "2026-03-16" in out


def test_deadline_command_the_issue_example(capsys):
    code, out, _ = run(capsys, "deadline", "--received", "2026-02-10", "--channel", "online")
    assert code == 0 and "答复期限：2026-03-16" in out
    code, out, _ = run(capsys, "deadline", "--received", "2026-02-10", "--json")
    assert json.loads(out)["due"] == "2026-03-16"


def test_deadline_with_an_events_file(capsys, tmp_path):
    events = tmp_path / "events.csv"
    events.write_text("event,date,party,days,approver\n"
                      "consultation_started,2025-03-05,third_party,,\n"
                      "consultation_answered,2025-03-14,third_party,,\n"
                      "extended,2025-03-20,,10,办公室主任\n", encoding="utf-8")
    code, out, _ = run(capsys, "deadline", "--received", "2025-03-03", "--events", str(events))
    assert code == 0 and "第三十二条" in out and "办公室主任" in out


def test_unknown_year_can_be_supplied_by_a_notice(capsys, tmp_path):
    code, _, err = run(capsys, "calendar", "2027-02-08")
    assert code == 2 and "2027" in err and "calendar.E001" in err and len(err.strip().splitlines()) == 1
    notice = tmp_path / "2027.csv"
    notice.write_text("date,type,name,notice\n2027-02-08,holiday,春节,示例通知\n2027-02-06,working,春节,示例通知\n",
                      encoding="utf-8")
    code, out, _ = run(capsys, "calendar", "2027-02-06", "--notices", str(notice))
    assert code == 0 and "调休上班" in out


@pytest.mark.parametrize("argv,needle", [
    (("calendar", "2026-02-30"), "2026-02-30"),
    (("calendar", "add-working-days", "2026-02-10", "x"), "x"),
    (("deadline", "--received", "2026-02-10", "--channel", "pigeon"), "pigeon"),
    (("deadline", "--received", "yesterday"), "yesterday"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, argv, needle):
    code, out, err = run(capsys, *argv)
    assert code == 2 and needle in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_compose_writes_the_report_json(capsys, tmp_path):
    out_file = tmp_path / "r.json"
    code, _, err = run(capsys, "compose", str(EXAMPLE), "--year", "2025", "-o", str(out_file))
    assert code == 0, err
    from ogi.model import AnnualReport

    report = AnnualReport.from_json(json.loads(out_file.read_text(encoding="utf-8")))
    assert report.meta.template == "2021" and report.meta.agency == "青溪县应急管理局"
    assert set(report.cells) == set(formats.get("2021").cells)
    assert broken_equations(report) == []
    code, out, _ = run(capsys, "compose", str(EXAMPLE), "--year", "2020")
    assert code == 0 and json.loads(out)["meta"]["template"] == "2019"


def _ledger(tmp_path, data) -> str:
    path = tmp_path / "bad.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("data,needles", [
    ('{"agency": "x", "applications": [', ("bad.json", "第1行")),
    ({"agency": "x", "applications": [{"id": "A", "applicant": "natural", "events": [
        {"event": "received", "date": "2025-01-06"}, {"event": "fee_paid", "date": "2025-01-07"}]}]},
     ("bad.json", "第1条申请", "第2个事件", "ledger.E012")),
    ({"agency": "x", "applications": [{"id": "A", "applicant": "natural", "channel": "pigeon", "events": []}]},
     ("bad.json", "第1条申请", "pigeon")),
    ({"agency": "x", "applications": [{"id": "A", "applicant": "natural", "events": [
        {"event": "received", "date": "2025-13-01"}]}]}, ("第1个事件", "2025-13-01")),
    ({"agency": "x", "cases": [{"id": "c", "kind": "appeal", "filed": "2025-01-01"}]}, ("第1条案件", "appeal")),
    ({"agency": "x", "tallies": [{"kind": "licensing"}]}, ("第1条统计", "tallies[0]")),
])
def test_malformed_ledgers_are_refused_with_their_place(capsys, tmp_path, data, needles):
    code, _, err = run(capsys, "compose", _ledger(tmp_path, data), "--year", "2025")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    for needle in needles:
        assert needle in err


def test_csv_ledger_and_its_line_numbers(capsys, tmp_path):
    good = tmp_path / "apps.csv"
    good.write_text("id,applicant,channel,event,date,category\n"
                    "A1,natural,online,received,2025-03-03,\n"
                    "A1,,,decided,2025-03-10,granted\n"
                    "A2,legal,in_person,received,2025-12-30,\n", encoding="utf-8")
    code, out, _ = run(capsys, "compose", str(good), "--year", "2025", "--agency", "测试局")
    assert code == 0 and json.loads(out)["cells"]["apply.new.total"] == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("id,applicant,channel,event,date,category\nA1,natural,online,received,2025-03-03,\n"
                   "A1,,,decided,2025-03-10,granted-ish\n", encoding="utf-8")
    code, _, err = run(capsys, "compose", str(bad), "--year", "2025")
    assert code == 2 and "第3行" in err and "granted-ish" in err


def test_missing_ledger_file(capsys, tmp_path):
    code, _, err = run(capsys, "compose", str(tmp_path / "none.json"), "--year", "2025")
    assert code == 2 and "none.json" in err
