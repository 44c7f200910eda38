"""The desk's data in and out: the 台账 as XLSX/CSV, the JSON ledger `ogi compose` reads, and an
agency's existing spreadsheet imported through a column mapping (dry run first, then one
transaction). Every application is checked by `ogi.ledger` exactly as if typed at the desk.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ogi.ledger import LedgerError, deadlines, lifecycle, outcomes
from ogi.ledger import events as ev
from ogi.ledger.io import ledger_from_json

from .. import permissions
from ..audit.services import record as audit
from .models import Appeal, Application, Event
from .services import DeskError, ledger_application, project, snapshot

LEDGER_COLUMNS = [("number", "申请编号"), ("agency", "受理机关"), ("received", "收到申请日期"), ("channel", "申请渠道"),
                  ("applicant_type", "申请人类型"), ("applicant_name", "申请人"), ("content", "所需信息"),
                  ("state", "状态"), ("due", "答复期限"), ("closed", "办结日期"), ("category", "办理结果")]


def ledger_rows(qs):
    states = {k: v[0] for k, v in lifecycle.STATE_WORDS.items()}
    for a in qs.select_related("agency").iterator(chunk_size=2000):
        yield [a.number, a.agency.name, a.received, deadlines.CHANNELS.get(a.channel, (a.channel,))[0],
               lifecycle.APPLICANT_WORDS.get(a.applicant_type, a.applicant_type), a.applicant_name, a.content,
               states.get(a.state, a.state), a.due or "", a.closed or "",
               outcomes.label(a.category) if a.category else ""]


def export_csv(qs) -> bytes:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow([c[1] for c in LEDGER_COLUMNS])
    for row in ledger_rows(qs):
        w.writerow([x.isoformat() if isinstance(x, dt.date) else x for x in row])
    return out.getvalue().encode("utf-8-sig")


def export_xlsx(qs) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("依申请公开台账")
    ws.append([c[1] for c in LEDGER_COLUMNS])
    for row in ledger_rows(qs):
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def export_ledger(agency) -> dict[str, Any]:
    """The agency's ledger in the JSON `ogi compose` reads (`ogi.ledger.io`)."""
    apps = []
    numbers = {}
    for a in Application.objects.filter(agency=agency).order_by("received", "id").prefetch_related("events"):
        numbers[a.pk] = a.number
        apps.append({"id": a.number, "applicant": a.applicant_type, "channel": a.channel, "content": a.content,
                     "events": [{"event": e.kind, "date": e.date.isoformat(), **e.data} for e in a.events.all()]})
    cases = [{"id": f"{numbers.get(c.application_id, '')}-{c.pk}", "kind": c.kind, "filed": c.filed.isoformat(),
              "outcome": c.outcome or None, "concluded": c.concluded.isoformat() if c.concluded else None,
              "application": numbers.get(c.application_id)}
             for c in Appeal.objects.filter(application__agency=agency).order_by("filed", "id")]
    return {"agency": agency.name, "kind": agency.kind, "region": agency.region.full_name(),
            "applications": apps, "cases": cases}


def _create(actor, agency, number: str, fields: dict[str, Any], events: list[ev.Event]) -> Application:
    app = Application(agency=agency, number=number, **fields)
    led = ledger_application(app, events)
    project(app, led)
    app.submitted = app.received
    app.save()
    Event.objects.bulk_create([Event(application=app, seq=i, kind=e.kind, date=e.date, data=dict(e.data), user=actor)
                               for i, e in enumerate(events, 1)])
    audit(actor, "application.import", app, None, snapshot(app), agency)
    return app


def import_ledger(actor, agency, raw: bytes) -> int:
    """Import a JSON ledger into `agency`, all or nothing; returns the number of applications."""
    if not permissions.can(actor, "case.import", agency):
        raise PermissionDenied
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DeskError("import.E001", f"不是有效的 JSON 台账：{err}", f"not a valid JSON ledger: {err}") from None
    try:
        ledger = ledger_from_json(data, "ledger.json")
    except LedgerError as err:
        raise DeskError(err.code, f"{err.where}：{err.zh}" if err.where else err.zh, err.en) from None
    numbers = [a.id for a in ledger.applications]
    taken = set(Application.objects.filter(agency=agency, number__in=numbers).values_list("number", flat=True))
    if taken:
        raise DeskError("import.E002", f"申请编号已存在：{'、'.join(sorted(taken)[:10])}",
                        f"application numbers already used: {', '.join(sorted(taken)[:10])}")
    raw_apps = {str(a.get("id")): a for a in data.get("applications") or []}
    with transaction.atomic():
        for a in ledger.applications:
            content = str(raw_apps.get(a.id, {}).get("content") or "")
            _create(actor, agency, a.id, {"channel": a.channel, "applicant_type": a.applicant,
                                          "applicant_name": "（导入）", "content": content or "（导入）"}, a.events)
    return len(ledger.applications)


# -- spreadsheets with their own column names ---------------------------------------------------

TARGETS = [
    ("number", "申请编号", True, ("编号", "申请编号", "序号", "登记号")),
    ("received", "收到申请日期", True, ("收到申请日期", "收到日期", "受理日期", "申请日期", "登记日期")),
    ("applicant_type", "申请人类型", True, ("申请人类型", "申请人类别", "类型")),
    ("applicant_name", "申请人", True, ("申请人", "申请人姓名", "姓名或名称", "申请人名称")),
    ("channel", "申请渠道", False, ("申请渠道", "渠道", "申请方式", "提交方式")),
    ("content", "所需信息", False, ("所需信息", "申请内容", "申请公开内容", "内容描述")),
    ("closed", "办结日期", False, ("办结日期", "答复日期", "办结时间")),
    ("category", "办理结果", False, ("办理结果", "答复结果", "处理结果", "结果")),
]
_APPLICANT_BY_WORD = {v: k for k, v in lifecycle.APPLICANT_WORDS.items()} | {"法人或其他组织": "other_org", "个人": "natural",
                                                                            "公民": "natural", "企业": "commercial"}


def _category_of(text: str) -> str | None:
    text = text.strip()
    if text in lifecycle.CATEGORIES:
        return text
    for c in lifecycle.CATEGORIES:
        label = outcomes.label(c)
        tail = re.sub(r"^[（(]?[一二三四五六七八九\d]+[)）.、]?", "", label.split("·")[-1].strip())
        core = tail.split("（")[0]
        if text in (label, tail, core) or (core and text == core.removeprefix("属于")):
            return c
    return None


def read_table(name: str, raw: bytes) -> tuple[list[str], list[list[str]]]:
    """Header and rows of an uploaded CSV or XLSX (type judged by content, not by name)."""
    if raw[:2] == b"PK":
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
            raise DeskError("import.E010", f"无法读取 XLSX 文件：{err}", f"cannot read the XLSX file: {err}") from None
        ws = wb.worksheets[0]
        grid = [["" if v is None else (v.date().isoformat() if isinstance(v, dt.datetime) else
                                       v.isoformat() if isinstance(v, dt.date) else str(v)).strip() for v in row]
                for row in ws.iter_rows(values_only=True)]
    else:
        for enc in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise DeskError("import.E011", "文件编码无法识别（应为 UTF-8 或 GB18030 的 CSV，或 XLSX）",
                            "unknown encoding (CSV in UTF-8 or GB18030, or XLSX)")
        if "\x00" in text:
            raise DeskError("import.E012", "不是 CSV 或 XLSX 文件", "not a CSV or XLSX file")
        grid = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]
    grid = [r for r in grid if any(r)]
    if not grid:
        raise DeskError("import.E013", "表格为空", "the sheet is empty")
    return grid[0], grid[1:]


def guess_mapping(header: list[str]) -> dict[str, str]:
    out = {}
    for key, _label, _req, aliases in TARGETS:
        for h in header:
            if h in aliases:
                out[key] = h
                break
    return out


@dataclass
class Plan:
    good: list[tuple[int, str, dict[str, Any], list[ev.Event]]] = field(default_factory=list)
    bad: list[tuple[int, str]] = field(default_factory=list)


def plan_import(agency, header: list[str], rows: list[list[str]], mapping: dict[str, str]) -> Plan:
    """Check every row as the ledger would take it; nothing is written."""
    plan = Plan()
    missing = [label for key, label, required, _a in TARGETS if required and not mapping.get(key)]
    if missing:
        raise DeskError("import.E020", f"请为以下字段选择列：{'、'.join(missing)}", f"map a column to: {', '.join(missing)}")
    index = {key: header.index(col) for key, col in mapping.items() if col in header}
    existing = set(Application.objects.filter(agency=agency).values_list("number", flat=True))
    seen: set[str] = set()
    for line, row in enumerate(rows, 2):
        def get(key: str, row: list[str] = row) -> str:
            i = index.get(key)
            return row[i].strip() if i is not None and i < len(row) else ""

        try:
            number = get("number")
            if not number:
                raise DeskError("import.E021", "缺少申请编号", "no application number")
            if number in existing or number in seen:
                raise DeskError("import.E022", f"申请编号「{number}」重复", f"duplicate number {number!r}")
            kind = get("applicant_type")
            applicant = kind if kind in lifecycle.APPLICANT_TYPES else _APPLICANT_BY_WORD.get(kind)
            if applicant is None:
                raise DeskError("import.E023", f"申请人类型「{kind}」无法识别（应为：{'、'.join(lifecycle.APPLICANT_WORDS[k] for k in lifecycle.APPLICANT_TYPES)}）",
                                f"unknown applicant type {kind!r}")
            channel = deadlines.parse_channel(get("channel") or "online")
            received = dt.date.fromisoformat(get("received").replace("/", "-")[:10])
            events = [ev.Event(ev.RECEIVED, received, {})]
            cat_text = get("category")
            if cat_text:
                category = _category_of(cat_text)
                if category is None:
                    raise DeskError("import.E024", f"办理结果「{cat_text}」不是表三的结果行", f"unknown outcome {cat_text!r}")
                closed_text = get("closed")
                if not closed_text:
                    raise DeskError("import.E025", "有办理结果但缺少办结日期", "an outcome without a closing date")
                closed = dt.date.fromisoformat(closed_text.replace("/", "-")[:10])
                if category == lifecycle.OVERDUE_CORRECTION:
                    events += [ev.Event(ev.CORRECTION_SENT, received, {}), ev.Event(ev.CORRECTION_EXPIRED, closed, {})]
                elif category == lifecycle.OVERDUE_FEE:
                    events += [ev.Event(ev.FEE_NOTICE, received, {"amount": 1}), ev.Event(ev.FEE_EXPIRED, closed, {})]
                elif category == lifecycle.WITHDRAWN_CATEGORY:
                    events.append(ev.Event(ev.WITHDRAWN, closed, {}))
                else:
                    if category == lifecycle.UNCLEAR_AFTER_CORRECTION:
                        events += [ev.Event(ev.CORRECTION_SENT, received, {}), ev.Event(ev.CORRECTION_ANSWERED, received, {})]
                    events.append(ev.Event(ev.DECIDED, closed, {"category": category, "basis": "（导入）"}))
            lifecycle.Application.from_events(number, applicant, events, channel)  # the ledger's own check
            fields = {"channel": channel, "applicant_type": applicant, "applicant_name": get("applicant_name")[:200]
                      or "（导入）", "content": get("content")[:5000] or "（导入）"}
        except DeskError as err:
            plan.bad.append((line, f"{err.zh} / {err.en}"))
            continue
        except LedgerError as err:
            plan.bad.append((line, f"{err.zh} / {err.en}"))
            continue
        except ValueError:
            plan.bad.append((line, "日期应为 YYYY-MM-DD / dates must be YYYY-MM-DD"))
            continue
        seen.add(number)
        plan.good.append((line, number, fields, events))
    return plan


def run_import(actor, agency, plan: Plan) -> int:
    """All rows of a clean plan in one transaction."""
    if not permissions.can(actor, "case.import", agency):
        raise PermissionDenied
    if plan.bad:
        raise DeskError("import.E030", f"有 {len(plan.bad)} 行不能导入，请先修改表格", f"{len(plan.bad)} rows cannot be taken")
    with transaction.atomic():
        for _line, number, fields, events in plan.good:
            _create(actor, agency, number, fields, events)
    return len(plan.good)
