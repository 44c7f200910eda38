"""The contract of OGI JSON (../shared/spec/CELLS.md), checked where the JSON enters.

One schema, written as small functions that each check one shape and say where it failed:
every refusal is an `OgiError` whose code starts with `json.` and whose `where` is the path of
the field (`[2].meta.published`, `cells["apply.new.natural"]`). What is accepted:

| field | shape |
|---|---|
| document | an object, or a list of at most `MAX_REPORTS` objects; JSON nested at most `MAX_DEPTH` deep |
| `meta` | object (or absent); `agency`, `region`, `title`, `source`: string or null; `year`: integer (not a boolean, not a string) in `YEARS` or null; `template`: a registered format id (`"2019"`, `"2021"`) or null; `published`: an ISO date `YYYY-MM-DD` that exists, year in `YEARS` (+1), or null; `kind`: `"government"`, `"department"` or null |
| `cells` | object: cell id of CELLS.md → number or null; numbers are integers or finite decimals with magnitude at most `MAX_VALUE` (never booleans or strings) |
| `uncertain`, `missing`, `unread` | lists of strings |
| `alternatives` | object: cell id → list of numbers or nulls |
| `reasons` | object: cell id → string |
| `sections` | object: `"1"`…`"6"` → object with `heading` and `text` strings and an optional `source` |
| `notes` | list of objects with `code`, `zh`, `en` strings, optional `cells` (strings) and `source` |
| `provenance` | object: cell id → source |
| source | object: `line`, `col`, `page`, `block`, `row`, `column` integers in 0…10⁹ or null; `bbox` four finite numbers; `text` string |

Keys the contract does not name are ignored (the JSON of `ogi check` carries more). NaN,
Infinity and numbers that overflow a float (`1e400`) are refused when the text is parsed, as are
integers of more than `MAX_DIGITS` digits.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

from . import formats
from .errors import OgiError
from .formats import CellId
from .model import AGENCY_KINDS, AnnualReport, Cell, Meta, Note, SectionText, Source

YEARS = range(2000, 2101)  # report years OGI accepts (the Regulation's reports began in 2008)
MAX_VALUE = 1e12  # largest magnitude of a cell (counts; amounts in 万元)
MAX_DIGITS = 20  # digits of an integer literal in the JSON text
MAX_DEPTH = 32  # nesting of arrays and objects (a report needs 4)
MAX_REPORTS = 10_000
MAX_STRING = 2_000_000  # characters of one string (a section's text)
MAX_POSITION = 10**9
META_STRINGS = ("agency", "region", "title", "source")
SOURCE_INTS = ("line", "col", "page", "block", "row", "column")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def refuse(code: str, zh: str, en: str, where: str) -> OgiError:
    return OgiError(code, zh, en, where)


def _cell_ids() -> frozenset[str]:
    ids: set[str] = set()
    for f in formats.all_formats():
        ids.update(f.cells)
        for t in f.tables:
            for g in t.groups:
                if g.collapsible:
                    ids.update(g.collapsed_cells)
    return frozenset(ids)


CELL_IDS = _cell_ids()


# -- the JSON text ----------------------------------------------------------------------------------

def nesting_depth(text: str) -> int:
    """Deepest nesting of arrays and objects, strings skipped (one linear pass, no recursion)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif ch in "]}":
            depth -= 1
    return deepest


def _constant(name: str) -> Any:
    raise OgiError("json.number", f"数字「{name}」不是有限数", f"the number {name} is not finite", "JSON")


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise OgiError("json.number", f"数字「{text[:40]}」超出范围", f"the number {text[:40]} is out of range", "JSON")
    return value


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise OgiError("json.number", f"整数过长（{len(text)} 位）", f"an integer with {len(text)} digits", "JSON")
    return int(text)


def loads(data: bytes | str) -> Any:
    """JSON text → Python values, refusing what OGI JSON never holds (see the module docstring)."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise OgiError("json.encoding", "JSON 不是 UTF-8 编码", f"the JSON is not UTF-8 ({e.reason})", "JSON") from None
    else:
        text = data
    if nesting_depth(text) > MAX_DEPTH:
        raise OgiError("json.too_deep", f"JSON 嵌套过深（超过 {MAX_DEPTH} 层）",
                       f"the JSON is nested too deeply (more than {MAX_DEPTH} levels)", "JSON")
    try:
        return json.loads(text, parse_constant=_constant, parse_float=_float, parse_int=_int)
    except json.JSONDecodeError as e:
        raise OgiError("json.syntax", f"不是有效的 JSON（第{e.lineno}行第{e.colno}列：{e.msg}）",
                       f"not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})", "JSON") from None
    except (ValueError, RecursionError) as e:
        raise OgiError("json.syntax", f"不是有效的 JSON：{e}", f"not valid JSON: {e}", "JSON") from None


# -- shapes -------------------------------------------------------------------------------------------

def _type_name(value: Any) -> str:
    return {bool: "布尔值 boolean", int: "整数 integer", float: "小数 number", str: "字符串 string",
            list: "列表 list", dict: "对象 object", type(None): "null"}.get(type(value), type(value).__name__)


def wrong_type(where: str, expected_zh: str, expected_en: str, value: Any) -> OgiError:
    shown = json.dumps(value, ensure_ascii=False)[:40] if isinstance(value, str | int | float | bool) else ""
    return refuse("json.type", f"应为{expected_zh}，实为{_type_name(value).split()[0]}{('「' + shown + '」') if shown else ''}",
                  f"expected {expected_en}, got {_type_name(value).split()[-1]}{(' ' + shown) if shown else ''}", where)


def obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise wrong_type(where, "对象", "an object", value)
    return value


def lst(value: Any, where: str, limit: int = 100_000) -> list[Any]:
    if not isinstance(value, list):
        raise wrong_type(where, "列表", "a list", value)
    if len(value) > limit:
        raise refuse("json.too_many", f"列表过长：{len(value)} 项，上限 {limit}", f"too many items: {len(value)}, limit {limit}",
                     where)
    return value


def string(value: Any, where: str, optional: bool = True, limit: int = MAX_STRING) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise wrong_type(where, "字符串", "a string", value)
    if len(value) > limit:
        raise refuse("json.too_long", f"字符串过长：{len(value)} 个字符，上限 {limit}",
                     f"string too long: {len(value)} characters, limit {limit}", where)
    return value


def integer(value: Any, where: str, low: int, high: int, optional: bool = True) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise wrong_type(where, "整数", "an integer", value)
    if not low <= value <= high:
        raise refuse("json.range", f"数值 {value} 超出范围 {low}–{high}", f"{value} is out of range {low}–{high}", where)
    return value


def number(value: Any, where: str) -> int | float | None:
    """A cell value: null, an integer or a finite decimal, magnitude at most MAX_VALUE."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise wrong_type(where, "数字或 null", "a number or null", value)
    if isinstance(value, float) and not math.isfinite(value) or abs(value) > MAX_VALUE:
        raise refuse("json.range", f"数值超出范围（绝对值上限 {MAX_VALUE:.0e}）",
                     f"the number is out of range (magnitude at most {MAX_VALUE:.0e})", where)
    return value


def iso_date(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise wrong_type(where, "日期字符串 YYYY-MM-DD", "a date string YYYY-MM-DD", value)
    if not _ISO_DATE.match(value):
        raise refuse("json.date", f"日期「{value[:40]}」应为 YYYY-MM-DD", f"date {value[:40]!r} must be YYYY-MM-DD", where)
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise refuse("json.date", f"日期「{value}」不存在", f"the date {value} does not exist", where) from None
    if not YEARS.start <= day.year <= YEARS.stop:
        raise refuse("json.date", f"日期「{value}」的年份超出范围", f"the year of {value} is out of range", where)
    return day


def cell_id(value: str, where: str) -> str:
    if value not in CELL_IDS:
        raise refuse("json.cell_id", f"未知的单元格编号「{value[:60]}」（见 CELLS.md）",
                     f"unknown cell id {value[:60]!r} (see CELLS.md)", where)
    return value


# -- the report -----------------------------------------------------------------------------------------

def meta(value: Any, where: str) -> Meta:
    if value is None:
        return Meta()
    m = obj(value, where)
    out = Meta()
    for key in META_STRINGS:
        setattr(out, key, string(m.get(key), f"{where}.{key}", limit=10_000))
    out.year = integer(m.get("year"), f"{where}.year", YEARS.start, YEARS.stop - 1)
    template = m.get("template")
    if template is not None:
        ids = [f.id for f in formats.all_formats()]
        if template not in ids:
            raise refuse("json.template", f"未知的报告格式「{str(template)[:20]}」（可用：{'、'.join(ids)}）",
                         f"unknown report format {template!r} (one of {', '.join(ids)})", f"{where}.template")
    out.template = template
    out.published = iso_date(m.get("published"), f"{where}.published")
    kind = m.get("kind")
    if kind is not None and kind not in AGENCY_KINDS:
        raise refuse("json.kind", "机关类别应为 government 或 department", "kind must be government or department",
                     f"{where}.kind")
    out.kind = kind
    return out


def source(value: Any, where: str) -> Source | None:
    if value is None:
        return None
    s = obj(value, where)
    out = Source()
    for key in SOURCE_INTS:
        setattr(out, key, integer(s.get(key), f"{where}.{key}", 0, MAX_POSITION))
    bbox = s.get("bbox")
    if bbox is not None:
        box = lst(bbox, f"{where}.bbox")
        if len(box) != 4:
            raise refuse("json.bbox", "bbox 应为四个数字", "bbox must be four numbers", f"{where}.bbox")
        out.bbox = tuple(_finite(v, f"{where}.bbox[{i}]") for i, v in enumerate(box))  # type: ignore[assignment]
    out.text = string(s.get("text"), f"{where}.text", limit=100_000) or ""
    return out


def _finite(value: Any, where: str) -> float:
    n = number(value, where)
    if n is None:
        raise wrong_type(where, "数字", "a number", value)
    return n


def _strings(value: Any, where: str) -> list[str]:
    return [string(v, f"{where}[{i}]", optional=False, limit=1000) for i, v in enumerate(lst(value or [], where))]  # type: ignore[misc]


def report(value: Any, where: str = "") -> AnnualReport:
    """One report: every field checked, then built (CELLS.md; see the module docstring)."""
    data = obj(value, where or "JSON")
    p = f"{where}." if where else ""
    out = AnnualReport(meta=meta(data.get("meta"), f"{p}meta"))
    uncertain = set(_strings(data.get("uncertain"), f"{p}uncertain"))
    provenance = obj(data.get("provenance") or {}, f"{p}provenance")
    alternatives = obj(data.get("alternatives") or {}, f"{p}alternatives")
    reasons = obj(data.get("reasons") or {}, f"{p}reasons")
    cells = obj(data.get("cells") if data.get("cells") is not None else {}, f"{p}cells")
    for key, v in cells.items():
        cid = CellId(key)
        at = f'{p}cells["{cid[:60]}"]'
        cell_id(cid, at)
        alts = alternatives.get(cid)
        alt_values = tuple(number(a, f'{p}alternatives["{cid}"][{i}]')
                           for i, a in enumerate(lst(alts, f'{p}alternatives["{cid}"]', 100))) if alts is not None else ()
        out.cells[cid] = Cell(cid, number(v, at), source(provenance.get(cid), f'{p}provenance["{cid}"]'),
                              cid in uncertain, alt_values,
                              string(reasons.get(cid), f'{p}reasons["{cid}"]', limit=10_000) or "")
    out.unread = [CellId(c) for c in _strings(data.get("unread"), f"{p}unread")]
    _strings(data.get("missing"), f"{p}missing")
    for key, sec in obj(data.get("sections") or {}, f"{p}sections").items():
        at = f"{p}sections.{key[:10]}"
        if key not in ("1", "2", "3", "4", "5", "6"):
            raise refuse("json.section", "章节编号应为 1 至 6", "a section number is 1 to 6", at)
        s = obj(sec, at)
        out.sections[int(key)] = SectionText(int(key), string(s.get("heading", ""), f"{at}.heading", False) or "",
                                             string(s.get("text", ""), f"{at}.text", False) or "",
                                             source(s.get("source"), f"{at}.source"))
    for i, note in enumerate(lst(data.get("notes") or [], f"{p}notes", 10_000)):
        at = f"{p}notes[{i}]"
        n = obj(note, at)
        for key in ("code", "zh", "en"):
            if key not in n:
                raise refuse("json.missing", f"缺少「{key}」", f"{key!r} is missing", at)
        out.notes.append(Note(string(n["code"], f"{at}.code", False, 200) or "",
                              string(n["zh"], f"{at}.zh", False, 10_000) or "",
                              string(n["en"], f"{at}.en", False, 10_000) or "",
                              tuple(CellId(c) for c in _strings(n.get("cells"), f"{at}.cells")), source(n.get("source"), f"{at}.source")))
    return out


def reports_from_json(value: Any) -> list[AnnualReport]:
    """One report (an object) or several (a list of objects), validated."""
    if isinstance(value, list):
        return [report(item, f"[{i}]") for i, item in enumerate(lst(value, "JSON", MAX_REPORTS))]
    return [report(value)]
