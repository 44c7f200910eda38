"""The six sections: headings found in order, text between them, site chrome left out.

Headings are `一、…` to `六、…` whose words match the format's section keys (variants such as
一、工作开展情况 or 五、存在的问题及下一步工作 included). A heading numbered lower than the one
before it after the fifth section means the page was scraped twice: the copy is ignored.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from ..formats import Format, normalize_label
from ..model import SectionText, Source
from .settings import DEFAULT, ExtractSettings

NUMERALS = "一二三四五六七八九十"
_HEADING = re.compile(r"([一二三四五六])\s*[、.．，,]")
# Lines that are site chrome, not report text (footer, ICP/公网安备, login bars, browser hints).
CHROME = re.compile(
    r"ICP备|公网安备|网站标识码|主办单位|承办单位|技术支持|联系电话|版权所有|Copyright|建议您使用|浏览器|"
    r"^\s*登录\s*\|?\s*注册|打印本页|关闭窗口|字体[:：]?\s*[大中小]|分享到|扫一扫|网站地图|^\s*点击数|"
    r"^\s*来源[:：]|^\s*发布日期|^\s*发布时间|^\s*\[bookmark",
    re.I,
)


def find_sections(lines: list[tuple[str, int | None, int | None]], fmt: Format,
                  table_words: tuple[str, ...], settings: ExtractSettings = DEFAULT) -> dict[int, SectionText]:
    """`lines` are (text, line, page) of the document's paragraphs in order.

    `table_words` are normalised keys of table rows (一、本年新收… looks like a heading).
    """
    headings: list[tuple[int, int, int, str]] = []  # (line index, char offset, number, heading)
    current = 0
    # Only lines holding a numbered heading mark are looked at (one scan of the whole text).
    texts = [t for t, _, _ in lines]
    joined = "\n".join(texts)
    starts = [0, *accumulate(len(t) + 1 for t in texts)]
    candidates = sorted({bisect_right(starts, m.start()) - 1 for m in _HEADING.finditer(joined)})
    for i in candidates:
        text = lines[i][0]
        for m in _HEADING.finditer(text):
            number = NUMERALS.index(m.group(1)) + 1
            start = m.start()
            # At the start of a line, or (whole report on one line) right after a sentence or
            # the last value of a table.
            if start > 0 and text[:start].strip() and text[start - 1] not in "。；;！!？?）)」 \u3000#" \
                    and not text[start - 1].isdigit():
                continue
            rest = text[m.end():m.end() + settings.max_heading_length]
            norm = normalize_label(rest)
            section = fmt.sections[number - 1]
            hit = next((k for k in section.keys if k in norm[:24]), None)
            if not hit or any(w in norm[:16] for w in table_words):
                continue
            if number <= current:
                # 一、总体情况 again after the fifth section: the page was scraped twice.
                if current >= 5 and number == 1:
                    return _texts(lines, headings, (i, m.start()), joined, starts)
                continue
            end = m.end() + normalize_label_end(rest, hit)
            headings.append((i, start, number, text[start:end].strip()))
            current = number
    return _texts(lines, headings, None, joined, starts)


def normalize_label_end(rest: str, key: str) -> int:
    """Characters of `rest` that belong to the heading: up to the end of its line-like part."""
    cut = len(rest)
    for stop in "。，,；;":
        j = rest.find(stop)
        if 0 <= j < cut:
            cut = j
    # A heading line is short; on one long line, stop after the heading's own words.
    if cut > 24:
        j = rest.find(key[-2:]) if len(key) >= 2 else -1
        cut = j + 2 if j >= 0 else min(cut, 24)
    # Keep trailing 情况/事项 words that complete the heading.
    for tail in ("情况", "事项", "工作"):
        if rest[cut:cut + len(tail)] == tail:
            cut += len(tail)
    return cut


def _texts(lines, headings, stop, joined: str, starts: list[int]) -> dict[int, SectionText]:
    """Each section's text: from the end of its heading to the next heading, chrome lines left
    out; in the last sections the page footer ends the text."""
    out: dict[int, SectionText] = {}
    end_of_all = (stop[0], stop[1]) if stop else (len(lines), 0)
    for n, (li, off, number, heading) in enumerate(headings):
        nli, noff = (headings[n + 1][0], headings[n + 1][1]) if n + 1 < len(headings) else end_of_all
        a = starts[li] + off + len(heading)
        b = min(starts[nli] + noff, len(joined)) if nli < len(lines) else len(joined)
        body = joined[a:b]
        if CHROME.search(body):
            kept = []
            for piece in body.split("\n"):
                if CHROME.search(piece):
                    if number >= 5:
                        break  # the page footer ends the last section
                    continue
                kept.append(piece)
            body = "\n".join(kept)
        text = "\n".join(p.strip() for p in body.split("\n") if p.strip())
        _, line, page = lines[li]
        out[number] = SectionText(number, heading, text, Source(line=line, page=page, text=heading))
    return out
