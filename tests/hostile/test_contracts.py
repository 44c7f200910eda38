"""Input contracts: OGI JSON (CELLS.md), ledgers, events, notices, command options — each bad
input refused in the one shape, with its code and where."""

from __future__ import annotations

import json

import pytest

from ogi.cli import main
from ogi.errors import OgiError
from ogi.validate import loads, reports_from_json

GOOD = {"meta": {"agency": "某局", "year": 2020, "template": "2019", "published": "2021-01-15"},
        "cells": {"apply.new.natural": 3, "active.procurement.amount": 1.5}}

BAD_JSON = {
    "impossible_date": ('{"meta":{"published":"2021-02-30"},"cells":{}}', "json.date", "meta.published"),
    "date_not_iso": ('{"meta":{"published":"15/01/2021"},"cells":{}}', "json.date", "meta.published"),
    "year_as_string": ('{"meta":{"year":"2020"},"cells":{}}', "json.type", "meta.year"),
    "year_zero": ('{"meta":{"year":0},"cells":{}}', "json.range", "meta.year"),
    "year_bool": ('{"meta":{"year":true},"cells":{}}', "json.type", "meta.year"),
    "count_as_string": ('{"cells":{"apply.new.natural":"12"}}', "json.type", 'cells["apply.new.natural"]'),
    "count_true": ('{"cells":{"apply.new.natural":true}}', "json.type", 'cells["apply.new.natural"]'),
    "digits_4000": ('{"cells":{"apply.new.natural":' + "9" * 4000 + "}}", "json.number", "JSON"),
    "value_1e30": ('{"cells":{"apply.new.natural":1e30}}', "json.range", 'cells["apply.new.natural"]'),
    "value_1e400": ('{"cells":{"apply.new.natural":1e400}}', "json.number", "JSON"),
    "nan": ('{"cells":{"apply.new.natural":NaN}}', "json.number", "JSON"),
    "infinity": ('{"cells":{"apply.new.natural":-Infinity}}', "json.number", "JSON"),
    "unknown_cell": ('{"cells":{"apply.new.martian":1}}', "json.cell_id", 'cells["apply.new.martian"]'),
    "cells_list": ('{"cells":[1,2]}', "json.type", "cells"),
    "meta_string": ('{"meta":"x","cells":{}}', "json.type", "meta"),
    "agency_number": ('{"meta":{"agency":5},"cells":{}}', "json.type", "meta.agency"),
    "template_2020": ('{"meta":{"template":"2020"},"cells":{}}', "json.template", "meta.template"),
    "kind_word": ('{"meta":{"kind":"army"},"cells":{}}', "json.kind", "meta.kind"),
    "section_7": ('{"cells":{},"sections":{"7":{"heading":"x","text":"y"}}}', "json.section", "sections.7"),
    "section_text_number": ('{"cells":{},"sections":{"1":{"heading":"x","text":5}}}', "json.type", "sections.1.text"),
    "note_without_code": ('{"cells":{},"notes":[{"zh":"a","en":"b"}]}', "json.missing", "notes[0]"),
    "notes_object": ('{"cells":{},"notes":{"a":1}}', "json.type", "notes"),
    "provenance_bad_line": ('{"cells":{"apply.new.natural":1},"provenance":{"apply.new.natural":{"line":"x"}}}',
                            "json.type", 'provenance["apply.new.natural"].line'),
    "provenance_bbox_3": ('{"cells":{"apply.new.natural":1},"provenance":{"apply.new.natural":{"bbox":[1,2,3]}}}',
                          "json.bbox", 'provenance["apply.new.natural"].bbox'),
    "alternatives_strings": ('{"cells":{"apply.new.natural":1},"alternatives":{"apply.new.natural":["a"]}}',
                             "json.type", 'alternatives["apply.new.natural"][0]'),
    "nesting_100000": ('{"cells":{},"x":' + "[" * 100_000 + "]" * 100_000 + "}", "json.too_deep", "JSON"),
    "second_report_bad": ('[{"cells":{}},{"meta":{"year":"x"},"cells":{}}]', "json.type", "[1].meta.year"),
    "syntax": ('{"cells":', "json.syntax", "JSON"),
}


def test_good_json_is_read_back():
    (report,) = reports_from_json(loads(json.dumps(GOOD)))
    assert report.meta.year == 2020 and report.value("apply.new.natural") == 3
    assert report.meta.published.isoformat() == "2021-01-15"


@pytest.mark.parametrize("case", sorted(BAD_JSON))
def test_bad_ogi_json_is_refused_with_where(case):
    text, code, where = BAD_JSON[case]
    with pytest.raises(OgiError) as e:
        reports_from_json(loads(text))
    assert e.value.code == code and e.value.where == where, e.value.message()


@pytest.mark.parametrize("command", ["parse", "check", "render"])
@pytest.mark.parametrize("case", ["impossible_date", "count_true", "digits_4000", "nesting_100000"])
def test_bad_json_is_one_line_in_every_command(tmp_path, capsys, command, case):
    text, code, _ = BAD_JSON[case]
    f = tmp_path / "r.json"
    f.write_text(text)
    argv = [command, str(f)] + (["--to", "md"] if command == "render" else [])
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].endswith(f"[{code}]")


# -- ledgers, events, notices, options ---------------------------------------------------------------

def _run(capsys, argv):
    status = main(argv)
    err = capsys.readouterr().err.strip().splitlines()
    return status, err


EVENTS = {
    "nan_days": ('[{"event":"extended","date":"2025-01-03","days":NaN,"approver":"x"}]', "input.E023"),
    "infinite_days": ('[{"event":"extended","date":"2025-01-03","days":Infinity,"approver":"x"}]', "input.E023"),
    "days_1e400": ('[{"event":"extended","date":"2025-01-03","days":1e400,"approver":"x"}]', "input.E023"),
    "amount_list": ('[{"event":"fee_notice","date":"2025-01-03","amount":[1]}]', "input.E002"),
    "category_object": ('[{"event":"decided","date":"2025-01-03","category":{"a":1}}]', "input.E025"),
    "date_number": ('[{"event":"decided","date":20250103,"category":"granted"}]', "input.E001"),
    "deep": ("[" * 5000 + "]" * 5000, "input.E026"),
}


@pytest.mark.parametrize("case", sorted(EVENTS))
def test_bad_events_are_refused(tmp_path, capsys, case):
    text, code = EVENTS[case]
    f = tmp_path / "events.json"
    f.write_text(text)
    status, err = _run(capsys, ["deadline", "--received", "2025-01-02", "--events", str(f)])
    assert status == 2 and len(err) == 1 and err[0].endswith(f"[{code}]"), err


CONTRADICTIONS = {
    "answered_before_sent": [("correction_answered", "2025-01-03", {}), ("correction_sent", "2025-01-04", {})],
    "two_decisions": [("decided", "2025-01-03", {"category": "granted"}), ("decided", "2025-01-04", {"category": "granted"})],
    "decided_after_withdrawal": [("withdrawn", "2025-01-03", {}), ("decided", "2025-01-04", {"category": "granted"})],
}


@pytest.mark.parametrize("case", sorted(CONTRADICTIONS))
def test_deadline_and_compose_refuse_contradictions_alike(tmp_path, capsys, case):
    events = [{"event": "received", "date": "2025-01-02"}] + [{"event": k, "date": d, **x} for k, d, x in CONTRADICTIONS[case]]
    ef = tmp_path / "events.json"
    ef.write_text(json.dumps(events))
    lf = tmp_path / "ledger.json"
    lf.write_text(json.dumps({"applications": [{"id": "a", "applicant": "natural", "events": events}]}))
    s1, e1 = _run(capsys, ["deadline", "--received", "2025-01-02", "--events", str(ef)])
    s2, e2 = _run(capsys, ["compose", str(lf), "--year", "2025"])
    assert s1 == s2 == 2 and len(e1) == len(e2) == 1
    assert e1[0].rsplit("[", 1)[1] == e2[0].rsplit("[", 1)[1]  # the same code


@pytest.mark.parametrize("argv,code", [
    (["calendar", "add-working-days", "9999-12-31", "1"], "calendar.E005"),
    (["calendar", "2021-02-30"], "input.E001"),
    (["deadline", "--received", "2021-13-01"], "input.E001"),
])
def test_command_options_out_of_range(capsys, argv, code):
    status, err = _run(capsys, argv)
    assert status == 2 and len(err) == 1 and err[0].endswith(f"[{code}]"), err


@pytest.mark.parametrize("ledger,code", [
    ({"applications": []}, "input.E024"),  # with --year 10000
    ({"applications": [], "texts": {"abc": {"1": "x"}}}, "input.E002"),
    ({"applications": [], "texts": {"2025": {"9": "x"}}}, "input.E027"),
    ({"applications": [], "texts": ["x"]}, "input.E027"),
    ({"tallies": [{"kind": "licensing", "year": 99999}]}, "input.E024"),
    ({"holiday_notices": [{"year": 2027, "holidays": 5}]}, "input.E011"),
])
def test_bad_ledgers_are_refused(tmp_path, capsys, ledger, code):
    f = tmp_path / "ledger.json"
    f.write_text(json.dumps(ledger))
    year = "10000" if code == "input.E024" and "tallies" not in ledger else "2025"
    status, err = _run(capsys, ["compose", str(f), "--year", year])
    assert status == 2 and len(err) == 1 and err[0].endswith(f"[{code}]"), err


def test_a_ledger_fifo_is_refused_without_blocking(tmp_path, capsys):
    import os

    f = tmp_path / "ledger.json"
    os.mkfifo(f)
    status, err = _run(capsys, ["deadline", "--received", "2025-01-02", "--events", str(f)])
    assert status == 2 and err[0].endswith("[input.E006]")
