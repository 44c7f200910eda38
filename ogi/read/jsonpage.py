"""A site's JSON (what a portal's API answers, what a crawler saves) → Document, by its page.

Many portals load an article's page from an API (`{"data": {"title": …, "content": "<p>…"}}`),
and crawlers save those answers as they came. The report is in the string values: the fields
that hold markup are the page's body, a long plain text is read as lines, a short value named
like a title is the page's title. A value named as the site's publication time (`publishTime`,
`发布日期`) is put under the title as the site prints it (`发布日期：…`); no other field (a crawl
or collection time, an id, a click count) is ever read. The page is then read as HTML.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

from .document import Document, ReadError
from .encoding import decode
from .html import html_document
from .limits import Limits

_MARKUP = re.compile(r"<(?:p|table|div|span|br|td|tr|h[1-6]|section|article)\b", re.I)
_TITLE_KEY = re.compile(r"^(?:title|name|subject|headline|doc_?title|wjbt|bt|标题|题目|名称)$", re.I)
# The site's publication time, by its usual names (英文, 拼音 fbsj/fbrq, 中文).
_PUBLISHED_KEY = re.compile(r"^(?:publish|pub|release|issue)[_-]?(?:time|date|at|day)?$|^(?:fbsj|fbrq|发布日期|发布时间|"
                            r"成文日期|公开日期)$|^(?:publish|release)ed[_-]?(?:at|on|time|date)?$", re.I)
_DATE = re.compile(r"^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
MIN_TEXT = 200  # characters: a plain value shorter than this is a field, not the report's text
MAX_VALUES = 100_000  # string values looked at: a JSON with more is not one page's answer


def read_json_page(data: bytes, name: str = "-", *, limits: Limits | None = None) -> Document:
    text = decode(data, name)
    try:
        parsed = json.loads(text)
    except (ValueError, RecursionError):
        from .text import text_document

        return text_document(text, name)  # text that opens with a brace
    title, published, bodies = "", "", []
    records: set[tuple[int, ...]] = set()  # the records (objects in lists) the bodies come from
    for key, value, record in _strings(parsed):
        if _MARKUP.search(value) or len(value) >= MIN_TEXT:
            records.add(record)
            bodies.append(value if _MARKUP.search(value) else
                          "".join(f"<p>{html.escape(line)}</p>" for line in value.splitlines() if line.strip()))
        elif not title and _TITLE_KEY.match(key) and value.strip():
            title = value.strip()
        elif not published and _PUBLISHED_KEY.match(key) and (m := _DATE.match(value)):
            published = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    if len(records) > 1:
        # A list of articles (a column's API page, a crawler's batch): one report is one document.
        raise ReadError("read.json.several", f"JSON 中有{len(records)}篇文章的正文，一次只能读取一篇：请按篇拆分后分别读取",
                        f"the JSON holds the text of {len(records)} articles; OGI reads one report at a time: split it")
    if not bodies:
        raise ReadError("read.json", "JSON 中没有报告：既不是 OGI 的报告（缺少 meta/cells），也没有网页正文或长文本字段",
                        "no report in this JSON: not OGI's (no meta/cells), and no field holds a page or a long text")
    head = f"<p>{html.escape(title)}</p>" if title else ""
    if published:
        head += f"<p>发布日期：{published}</p>"
    page = f"<html><head><title>{html.escape(title)}</title></head><body>{head}{''.join(bodies)}</body></html>"
    doc = html_document(page, name, limits=limits)
    doc.kind = "json"
    return doc


def _strings(value: Any) -> Iterator[tuple[str, str, tuple[int, ...]]]:
    """(key, string, record) of every string value, in document order (bounded: MAX_VALUES); the
    record is where the object holding it stands among lists of objects (() outside any)."""
    stack: list[tuple[str, Any, tuple[int, ...]]] = [("", value, ())]
    seen = 0
    while stack and seen < MAX_VALUES:
        key, value, record = stack.pop()
        seen += 1
        if isinstance(value, str):
            yield key, value, record
        elif isinstance(value, dict):
            stack.extend(reversed([(str(k), v, record) for k, v in value.items()]))
        elif isinstance(value, list):
            stack.extend(reversed([(key, v, (*record, n) if isinstance(v, dict) else record)
                                   for n, v in enumerate(value)]))
