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
import math
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from ..model import AGENCY_KINDS, DEPARTMENT
from .calendar import HolidayNotice
from .errors import InputError, LedgerError
from .events import KINDS, Event
from .ledger import Ledger
from .lifecycle import Application
from .records import Case, RegulatoryDocument, Tally

T = TypeVar("T")

_INT_FIELDS = ("days", "units")
_NUMBER_FIELDS = ("amount",)
# Largest magnitude of a number in a ledger (days, units, yuan, counts) and the years accepted.
MAX_NUMBER = 10**12
YEARS = range(1990, 2101)
MAX_DEPTH = 32  # nesting of a ledger's JSON (it needs 5)
MAX_FILE_BYTES = 256 * 1024 * 1024
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def iso_date(text: Any, what: str = "日期") -> dt.date:
    if isinstance(text, dt.date):
        return text
    shown = text if isinstance(text, str) else json.dumps(text, default=str)
    try:
        if not isinstance(text, str) or not _ISO_DATE.match(text.strip()):
            raise ValueError(shown)
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        text = shown[:40]
        raise InputError("input.E001", f"{what}「{text}」不是有效日期（应为 YYYY-MM-DD）",
                         f"{what if what.isascii() else 'date'} {text!r} is not a valid date (YYYY-MM-DD)") from None


def _opt_date(value: Any, what: str) -> dt.date | None:
    return None if value in (None, "") else iso_date(value, what)


def _number(value: Any, name: str, integer: bool) -> int | float:
    shown = repr(value)[:40]
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InputError("input.E002", f"「{name}」应为数字：{shown}", f"{name} must be a number: {shown}")
    try:
        if isinstance(value, int | float):
            num = value
        else:
            text = value.strip()
            if len(text) > 40:
                raise ValueError(text)
            num = int(text) if integer or text.lstrip("-").isdigit() else float(text)
    except ValueError:
        raise InputError("input.E002", f"「{name}」应为数字：{shown}", f"{name} must be a number: {shown}") from None
    if isinstance(num, float) and not math.isfinite(num) or abs(num) > MAX_NUMBER:
        raise InputError("input.E023", f"「{name}」超出范围：{shown}", f"{name} is out of range: {shown}")
    if integer and num != int(num):
        raise InputError("input.E002", f"「{name}」应为整数：{shown}", f"{name} must be an integer: {shown}")
    return int(num) if integer else num


def check_year(value: Any, what: str = "year") -> int:
    """A report or notice year: an integer in YEARS (`--year 10000` is refused, not a traceback)."""
    year = int(_number(value, what, True))
    if year not in YEARS:
        raise InputError("input.E024", f"年度「{year}」超出范围（{YEARS.start}–{YEARS.stop - 1}）",
                         f"year {year} is out of range ({YEARS.start}–{YEARS.stop - 1})")
    return year


def _text(value: Any, key: str) -> str:
    """An event field given as text (or a plain number); lists, objects and booleans are refused."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputError("input.E025", f"事件字段「{key}」应为文字或数字", f"event field {key!r} must be text or a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError("input.E023", f"事件字段「{key}」不是有限数", f"event field {key!r} is not a finite number")
    return value if isinstance(value, str) else str(value)


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
        if not isinstance(key, str):
            continue
        if key in _INT_FIELDS:
            value = _number(value, key, True)
        elif key in _NUMBER_FIELDS:
            value = _number(value, key, False)
        else:
            value = _text(value, key)
        extra[key] = value
    return Event(kind, iso_date(data["date"], "date"), extra)


def _read_text(path: Path) -> str:
    from ..read.document import ReadError
    from ..read.limits import Limits, read_file

    try:  # the size checked before reading; FIFOs, devices and directories refused unopened
        raw = read_file(path, Limits(max_bytes=MAX_FILE_BYTES))
    except ReadError as exc:
        raise InputError("input.E006", f"无法读取文件：{exc.zh}", f"cannot read the file: {exc.en}", str(path)) from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("input.E007", "文件编码无法识别（应为 UTF-8 或 GB18030）",
                     "unknown text encoding (use UTF-8 or GB18030)", str(path))


def _not_finite(text: str) -> Any:
    raise InputError("input.E023", f"数字「{text[:40]}」不是有限数或超出范围", f"the number {text[:40]} is not finite or out of range")


def _json_float(text: str) -> float:
    value = float(text)
    return value if math.isfinite(value) else _not_finite(text)


def _json_int(text: str) -> int:
    return int(text) if len(text) <= 20 else _not_finite(text)


def _load_json(path: Path) -> Any:
    from ..validate import nesting_depth

    text = _read_text(path)
    if nesting_depth(text) > MAX_DEPTH:
        raise InputError("input.E026", f"JSON 嵌套过深（超过 {MAX_DEPTH} 层）",
                         f"the JSON is nested too deeply (more than {MAX_DEPTH} levels)", str(path))
    try:
        return json.loads(text, parse_constant=_not_finite, parse_float=_json_float, parse_int=_json_int)
    except InputError as exc:
        raise exc.located(str(path)) from None
    except json.JSONDecodeError as exc:
        raise InputError("input.E008", f"JSON 格式错误（第{exc.lineno}行第{exc.colno}列）：{exc.msg}",
                         f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}", str(path)) from None
    except (ValueError, RecursionError) as exc:
        raise InputError("input.E008", f"JSON 格式错误：{exc}", f"malformed JSON: {exc}", str(path)) from None


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
            return {iso_date(k, what): str(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return {iso_date(k, what): "" for k in value}
        if value in (None, ""):
            return {}
        raise InputError("input.E011", f"「{what}」应为日期列表或“日期: 名称”对象",
                         f"{what!r} must be a list of dates or an object of date: name")

    year = check_year(data["year"], "year")
    return HolidayNotice(year, str(data.get("notice") or ""), days(data.get("holidays"), "holidays"),
                         days(data.get("working_days"), "working_days"))


def load_notices(path: str | Path) -> list[HolidayNotice]:
    """A JSON notice or list of notices, or a CSV of date,type(holiday|working),name[,notice]."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        years: dict[int, dict[str, Any]] = {}
        for line, row in _csv_rows(path):
            try:
                d = iso_date(row.get("date"), "date")
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


def _records(items: Any, path: Path, what: tuple[str, str], build: Callable[[dict[str, Any]], T]) -> list[T]:
    if items is None:
        return []
    if not isinstance(items, list):
        raise InputError("input.E016", f"「{what[1]}」应为列表", f"{what[1]!r} must be a list", str(path))
    out: list[T] = []
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


def _document(d: dict[str, Any]) -> RegulatoryDocument:
    return RegulatoryDocument(str(d.get("id", "")), str(d["kind"]), str(d.get("title", "")), iso_date(d["issued"], "issued"),
                    _opt_date(d.get("published"), "published"), _opt_date(d.get("repealed"), "repealed"))


def _tally(d: dict[str, Any]) -> Tally:
    def opt(name: str, integer: bool) -> Any:
        return None if d.get(name) in (None, "") else _number(d[name], name, integer)

    return Tally(str(d["kind"]), check_year(d["year"], "year"), opt("decisions", True), opt("items", True),
                 opt("amount", False))


def _case(d: dict[str, Any]) -> Case:
    return Case(str(d.get("id", "")), str(d["kind"]), iso_date(d["filed"], "filed"), d.get("outcome") or None,
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
    raw_texts = data.get("texts") or {}
    if not isinstance(raw_texts, dict):
        raise InputError("input.E027", "texts 应为“年度: {章节号: 文字}”对象", "'texts' must be an object of year: {section: text}",
                         f"{path} texts")
    for year, secs in raw_texts.items():
        where = f"{path} texts[{str(year)[:20]!r}]"
        try:
            y = check_year(year, "texts")
        except InputError as err:
            raise err.located(where) from None
        if not isinstance(secs, dict):
            raise InputError("input.E027", "每个年度的 texts 应为“章节号: 文字”对象",
                             "each year's texts must be an object of section: text", where)
        texts[y] = {}
        for n, t in secs.items():
            if n not in ("1", "2", "3", "4", "5", "6") or not isinstance(t, str):
                raise InputError("input.E027", "章节号应为 1 至 6，内容应为文字", "a section is 1 to 6 and its text a string",
                                 f"{where}[{str(n)[:10]!r}]")
            texts[y][int(n)] = t
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
