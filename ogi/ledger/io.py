"""Reading ledgers, event lists and holiday notices from JSON and CSV, with located errors.

Every malformed input raises `InputError` whose `where` names the file and the record (JSON)
or the line (CSV), so the command line can print one line and exit with 2.

Ledger JSON:

    {"agency": "某县应急管理局", "kind": "department", "region": "某省某市某县",
     "holiday_notices": [{"year": 2027, "notice": "国办发明电〔2026〕…号",
                          "holidays": {"2027-01-01": "元旦"}, "working_days": {"2027-02-07": "春节"}}],
     "applications": [{"id": "2025-001", "applicant": "natural", "channel": "online", "content": "…",
                       "events": [{"event": "received", "date": "2025-01-06"},
                                  {"event": "decided", "date": "2025-01-20", "category": "granted"}]}],
     "documents": [{"id": "…", "kind": "normative", "title": "…", "issued": "2025-03-01",
                    "published": null, "repealed": null}],
     "tallies": [{"kind": "licensing", "year": 2025, "decisions": 120, "items": 35, "amount": null}],
     "cases": [{"id": "…", "kind": "review", "filed": "2025-05-01", "outcome": "upheld",
                "concluded": "2025-07-01", "application": "2025-001"}],
     "texts": {"2025": {"5": "…"}}}

Applications CSV (one line per event, the application's fields repeated or left empty after
its first line): id, applicant, channel, content, event, date, and any event fields
(category, basis, party, name, days, approver, amount, method, units).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .calendar import HolidayNotice
from .errors import InputError, LedgerError
from .events import KINDS, Event
from .ledger import AGENCY_KINDS, DEPARTMENT, Ledger
from .lifecycle import Application
from .records import Case, Document, Tally

_INT_FIELDS = ("days", "units")
_NUMBER_FIELDS = ("amount",)


def parse_date(text: Any, what: str = "日期") -> dt.date:
    if isinstance(text, dt.date):
        return text
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        raise InputError("input.E001", f"{what}「{text}」不是有效日期（应为 YYYY-MM-DD）",
                         f"{what if what.isascii() else 'date'} {text!r} is not a valid date (YYYY-MM-DD)") from None


def _opt_date(value: Any, what: str) -> dt.date | None:
    return None if value in (None, "") else parse_date(value, what)


def _number(value: Any, name: str, integer: bool) -> int | float:
    if isinstance(value, bool):
        raise InputError("input.E002", f"「{name}」应为数字：{value!r}", f"{name} must be a number: {value!r}")
    try:
        if isinstance(value, int | float):
            num = value
        else:
            text = str(value).strip()
            num = int(text) if integer or text.lstrip("-").isdigit() else float(text)
    except ValueError:
        raise InputError("input.E002", f"「{name}」应为数字：{value!r}", f"{name} must be a number: {value!r}") from None
    if integer and num != int(num):
        raise InputError("input.E002", f"「{name}」应为整数：{value!r}", f"{name} must be an integer: {value!r}")
    return int(num) if integer else num


def event_from(data: dict[str, Any]) -> Event:
    if not isinstance(data, dict):
        raise InputError("input.E003", "事件应为对象", "an event must be an object")
    kind = str(data.get("event") or data.get("kind") or "").strip()
    if kind not in KINDS:
        raise InputError("input.E004", f"未知的事件「{kind}」（可用：{'、'.join(KINDS)}）",
                         f"unknown event {kind!r} (use one of: {', '.join(KINDS)})")
    if "date" not in data:
        raise InputError("input.E005", "事件缺少日期（date）", "the event has no date")
    extra: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("event", "kind", "date") or value in (None, ""):
            continue
        if key in _INT_FIELDS:
            value = _number(value, key, True)
        elif key in _NUMBER_FIELDS:
            value = _number(value, key, False)
        extra[key] = value
    return Event(kind, parse_date(data["date"], "date"), extra)


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError("input.E006", f"无法读取文件：{exc.strerror}", f"cannot read the file: {exc.strerror}",
                         str(path)) from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("input.E007", "文件编码无法识别（应为 UTF-8 或 GB18030）",
                     "unknown text encoding (use UTF-8 or GB18030)", str(path))


def _load_json(path: Path) -> Any:
    text = _read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError("input.E008", f"JSON 格式错误（第{exc.lineno}行第{exc.colno}列）：{exc.msg}",
                         f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}", str(path)) from None


def _csv_rows(path: Path) -> Iterable[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(_read_text(path)))
    if not reader.fieldnames:
        raise InputError("input.E009", "CSV 文件为空或缺少表头", "empty CSV or no header line", str(path))
    for row in reader:
        yield reader.line_num, {k.strip(): (v or "").strip() for k, v in row.items() if k}


def _placed(err: LedgerError, path: Path, zh: str, en: str) -> InputError:
    place = f"{path} {zh} / {en}"
    return InputError(err.code, err.zh, err.en, place)


# -- events files (ogi deadline --events) ------------------------------------------------------

def load_events(path: str | Path) -> list[Event]:
    path = Path(path)
    out: list[Event] = []
    if path.suffix.lower() == ".csv":
        for line, row in _csv_rows(path):
            try:
                out.append(event_from(row))
            except LedgerError as err:
                raise _placed(err, path, f"第{line}行", f"line {line}") from None
        return out
    data = _load_json(path)
    if isinstance(data, dict):
        data = data.get("events")
    if not isinstance(data, list):
        raise InputError("input.E010", "事件文件应为事件列表（或含 events 列表的对象）",
                         "an events file is a list of events (or an object with an 'events' list)", str(path))
    for i, item in enumerate(data, 1):
        try:
            out.append(event_from(item))
        except LedgerError as err:
            raise _placed(err, path, f"第{i}个事件", f"event #{i}") from None
    return out


# -- holiday notices ----------------------------------------------------------------------------

def notice_from(data: dict[str, Any]) -> HolidayNotice:
    if not isinstance(data, dict) or "year" not in data:
        raise InputError("input.E011", "放假通知应为含 year 的对象", "a holiday notice is an object with a 'year'")

    def days(value: Any, what: str) -> dict[dt.date, str]:
        if isinstance(value, dict):
            return {parse_date(k, what): str(v) for k, v in value.items()}
        return {parse_date(k, what): "" for k in value or ()}

    return HolidayNotice(int(_number(data["year"], "year", True)), str(data.get("notice") or ""),
                         days(data.get("holidays"), "holidays"), days(data.get("working_days"), "working_days"))


def load_notices(path: str | Path) -> list[HolidayNotice]:
    """A JSON notice or list of notices, or a CSV of date,type(holiday|working),name[,notice]."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        years: dict[int, dict[str, Any]] = {}
        for line, row in _csv_rows(path):
            try:
                d = parse_date(row.get("date"), "date")
                kind = row.get("type", "")
                if kind not in ("holiday", "working", "假日", "上班"):
                    raise InputError("input.E012", f"类型「{kind}」应为 holiday/假日 或 working/上班",
                                     f"type {kind!r} must be holiday or working")
            except LedgerError as err:
                raise _placed(err, path, f"第{line}行", f"line {line}") from None
            entry = years.setdefault(d.year, {"year": d.year, "notice": row.get("notice", ""),
                                              "holidays": {}, "working_days": {}})
            key = "holidays" if kind in ("holiday", "假日") else "working_days"
            entry[key][d.isoformat()] = row.get("name", "")
        items: list[Any] = list(years.values())
    else:
        data = _load_json(path)
        items = data if isinstance(data, list) else [data]
    out = []
    for i, item in enumerate(items, 1):
        try:
            out.append(notice_from(item))
        except LedgerError as err:
            raise _placed(err, path, f"第{i}个通知", f"notice #{i}") from None
    return out


# -- ledgers ------------------------------------------------------------------------------------

def _application(data: Any) -> Application:
    if not isinstance(data, dict):
        raise InputError("input.E013", "申请记录应为对象", "an application must be an object")
    for key in ("id", "applicant", "events"):
        if key not in data:
            raise InputError("input.E014", f"申请记录缺少「{key}」", f"the application has no {key!r}")
    app = Application(str(data["id"]), str(data["applicant"]), str(data.get("channel") or "online"),
                      str(data.get("content") or ""))
    if not isinstance(data["events"], list):
        raise InputError("input.E015", "events 应为列表", "'events' must be a list")
    for j, item in enumerate(data["events"], 1):
        try:
            app.record(event_from(item))
        except LedgerError as err:
            raise InputError(err.code, err.zh, err.en, f"第{j}个事件 / event #{j}") from None
    return app


def _records(items: Any, path: Path, what: tuple[str, str], build) -> list:
    if items is None:
        return []
    if not isinstance(items, list):
        raise InputError("input.E016", f"「{what[1]}」应为列表", f"{what[1]!r} must be a list", str(path))
    out = []
    for i, item in enumerate(items, 1):
        ident = item.get("id") if isinstance(item, dict) else None
        label = f"（id={ident}）" if ident else ""
        try:
            if not isinstance(item, dict):
                raise InputError("input.E017", "记录应为对象", "a record must be an object")
            out.append(build(item))
        except LedgerError as err:
            inner = f"{err.where}" if err.where else ""
            where = f"{path} 第{i}条{what[0]}{label}{(' ' + inner) if inner else ''} / {what[1]}[{i - 1}]"
            raise InputError(err.code, err.zh, err.en, where) from None
        except (KeyError, TypeError) as exc:
            where = f"{path} 第{i}条{what[0]}{label} / {what[1]}[{i - 1}]"
            raise InputError("input.E018", f"记录缺少或写错字段：{exc}", f"missing or malformed field: {exc}",
                             where) from None
    return out


def _document(d: dict[str, Any]) -> Document:
    return Document(str(d.get("id", "")), str(d["kind"]), str(d.get("title", "")), parse_date(d["issued"], "issued"),
                    _opt_date(d.get("published"), "published"), _opt_date(d.get("repealed"), "repealed"))


def _tally(d: dict[str, Any]) -> Tally:
    def opt(name: str, integer: bool) -> Any:
        return None if d.get(name) in (None, "") else _number(d[name], name, integer)

    return Tally(str(d["kind"]), int(_number(d["year"], "year", True)), opt("decisions", True), opt("items", True),
                 opt("amount", False))


def _case(d: dict[str, Any]) -> Case:
    return Case(str(d.get("id", "")), str(d["kind"]), parse_date(d["filed"], "filed"), d.get("outcome") or None,
                _opt_date(d.get("concluded"), "concluded"), d.get("application"))


def ledger_from_json(data: Any, path: str | Path = "ledger.json") -> Ledger:
    path = Path(path)
    if not isinstance(data, dict):
        raise InputError("input.E019", "台账文件应为 JSON 对象", "a ledger file is a JSON object", str(path))
    kind = data.get("kind") or DEPARTMENT
    if kind not in AGENCY_KINDS:
        raise InputError("input.E020", f"机关类别「{kind}」应为 government 或 department",
                         f"agency kind {kind!r} must be government or department", str(path))
    texts: dict[int, dict[int, str]] = {}
    for year, secs in (data.get("texts") or {}).items():
        texts[int(year)] = {int(n): str(t) for n, t in secs.items()}
    ledger = Ledger(agency=str(data.get("agency") or path.stem), kind=kind, region=data.get("region"), texts=texts)
    ledger.notices = _records(data.get("holiday_notices"), path, ("放假通知", "holiday_notices"), notice_from)
    ledger.applications = _records(data.get("applications"), path, ("申请", "applications"), _application)
    ledger.documents = _records(data.get("documents"), path, ("文件", "documents"), _document)
    ledger.tallies = _records(data.get("tallies"), path, ("统计", "tallies"), _tally)
    ledger.cases = _records(data.get("cases"), path, ("案件", "cases"), _case)
    seen: set[str] = set()
    for i, app in enumerate(ledger.applications, 1):
        if app.id in seen:
            raise InputError("input.E021", f"申请编号「{app.id}」重复", f"duplicate application id {app.id!r}",
                             f"{path} 第{i}条申请 / applications[{i - 1}]")
        seen.add(app.id)
    return ledger


def applications_from_csv(path: str | Path) -> list[Application]:
    path = Path(path)
    apps: dict[str, Application] = {}
    for line, row in _csv_rows(path):
        try:
            ident = row.get("id", "")
            if not ident:
                raise InputError("input.E014", "缺少申请编号（id）", "no application id")
            app = apps.get(ident)
            if app is None:
                app = Application(ident, row.get("applicant", ""), row.get("channel") or "online", row.get("content", ""))
                apps[ident] = app
            fields = {k: v for k, v in row.items() if k not in ("id", "applicant", "channel", "content")}
            app.record(event_from(fields))
        except LedgerError as err:
            raise _placed(err, path, f"第{line}行", f"line {line}") from None
    return list(apps.values())


def load_ledger(path: str | Path, agency: str | None = None) -> Ledger:
    """A ledger JSON file, or a CSV of application events (then `agency` names the agency)."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return Ledger(agency=agency or path.stem, applications=applications_from_csv(path))
    ledger = ledger_from_json(_load_json(path), path)
    if agency:
        ledger.agency = agency
    return ledger
