"""The six sections: headings found in order, text between them, site chrome left out.

Headings are `一、…` to `六、…` whose words match the format's section keys (variants such as
一、工作开展情况 or 五、存在的问题及下一步工作 included); a report that numbers them otherwise
(（一）, 第一部分, 1.) has them found so, at the start of a line. A heading numbered lower than the one
before it after the fifth section means the page was scraped twice: the copy is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from ..formats import Format, cn_number, normalize_label
from ..formats.base import dice
from ..lazy_pattern import LazyPattern
from ..model import SectionText, Source
from ..read.chrome import SITE_CHROME, SITE_CHROME_WORDS
from .settings import DEFAULT, ExtractSettings

# A paragraph of the document as the sections see it: (text, line, page).
TextLine = tuple[str, int | None, int | None]
# A section heading found in the joined text: (offset, number, heading as printed).
Heading = tuple[int, int, str]

_HEADING = re.compile(r"([一二三四五六])\s*[、.．，,]")
# Other numberings some reports give the six headings (（一）总体情况, 第一部分 总体情况, 1.总体情况):
# looked for, at the start of a line only, when the official numbering finds fewer than three
# headings (a section's own sub-items are often （一）…（五）: never mixed with 一、…六、).
_OTHER_HEADINGS = (
    LazyPattern(r"[（(]([一二三四五六])[）)]\s*"),
    LazyPattern(r"第([一二三四五六])部分\s*[、：:，,.．]?\s*"),
    LazyPattern(r"(?<![\d.．])([1-6])\s*[、.．](?!\d)\s*"),
)
# Lines that are site chrome, not report text (footer, ICP/公网安备, login bars, browser hints).
CHROME = LazyPattern(
    SITE_CHROME + r"|联系电话|[Cc]opyright|建议您使用|浏览器|^\s*登录\s*\|?\s*注册|字体[:：]?\s*[大中小]|扫一扫|"
    r"^\s*点击数|^\s*来源[:：]|^\s*发布日期|^\s*发布时间",
    re.M,
)
# A Word bookmark some converters print ([bookmark: _GoBack]): no words of the report.
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
MAX_CHROME_LINE = 200  # a line of site chrome is short; a longer one is text with such a word in it
# Words every CHROME match contains (a quick test before the expression).
_CHROME_WORDS = SITE_CHROME_WORDS + ("联系电话", "opyright", "建议您使用", "浏览器", "注册", "字体", "扫一扫", "点击数",
                                     "来源", "发布日期", "发布时间")
_CHROME_WORD = re.compile("|".join(map(re.escape, _CHROME_WORDS)))  # any of them, in one pass


def find_sections(lines: list[TextLine], fmt: Format,
                  table_words: tuple[str, ...], settings: ExtractSettings = DEFAULT) -> dict[int, SectionText]:
    """`lines` are (text, line, page) of the document's paragraphs in order.

    `table_words` are normalised keys of table rows (一、本年新收… looks like a heading).
    The search runs once over the whole text; positions below are offsets into it.
    """
    return dict(Sections(lines, *_headings(lines, fmt, table_words, settings)))


class Sections(Mapping[int, SectionText]):
    """`find_sections`, each section's text made when first asked for (the first look at a
    document needs section 一 and where the headings stand, rarely the other texts)."""

    def __init__(self, lines: list[TextLine], joined: str, headings: list[Heading], stop: int) -> None:
        self._lines, self._joined, self._headings, self._stop = lines, joined, headings, stop
        self._index = {number: n for n, (_, number, _) in enumerate(headings)}
        self._made: dict[int, SectionText] = {}

    @classmethod
    def find(cls, lines: list[TextLine], fmt: Format, table_words: tuple[str, ...],
             settings: ExtractSettings = DEFAULT) -> Sections:
        return cls(lines, *_headings(lines, fmt, table_words, settings))

    def __getitem__(self, number: int) -> SectionText:
        made = self._made.get(number)
        if made is None:
            made = self._made[number] = _text(self._lines, self._joined, self._headings, self._index[number],
                                              self._stop)
        return made

    def __iter__(self) -> Iterator[int]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, number: object) -> bool:
        return number in self._index

    @property
    def text(self) -> str:
        """The document's lines, joined: what the headings were looked for in."""
        return self._joined

    def heading_lines(self) -> set[int | None]:
        """The lines the headings stand on (without making the sections' texts)."""
        out = {self._lines[self._joined.count("\n", 0, at)][1] for at, _, _ in self._headings}
        for at, _, heading in self._headings:
            if "\n" in heading:  # its numeral and words on two lines (`二、` / `主动公开…`): both
                first = self._joined.count("\n", 0, at)
                out.update(self._lines[k][1] for k in range(first, first + heading.count("\n") + 1))
        return out


def _headings(lines: list[TextLine], fmt: Format, table_words: tuple[str, ...],
              settings: ExtractSettings) -> tuple[str, list[Heading], int]:
    """The joined text, the headings found in it (offset, number, heading) and where the last
    section's text stops."""
    joined = "\n".join([t for t, _, _ in lines])
    headings, stop = _numbered(joined, _HEADING, fmt, table_words, settings)
    if len(headings) < 3:
        for pattern in _OTHER_HEADINGS:
            if pattern.search(joined):
                found, at = _numbered(joined, pattern.compiled, fmt, table_words, settings, line_start_only=True)
                if len(found) > len(headings):
                    headings, stop = found, at
    if 3 <= len(headings) < len(fmt.sections):
        headings = _garbled_headings(joined[:stop], headings, fmt)
    return joined, headings, stop


# A heading OCR garbled (`人人、 总体情况`, `、收到和处理…`, `一  主动公  \开政府信 互v\ 息情况`), looked
# for only where a section is missing between two found in order: a short line without figures
# whose words are the official title's (bigram Dice at least GARBLED_HEADING_DICE), after at most
# GARBLED_PREFIX characters (the numeral as OCR read it).
GARBLED_HEADING_DICE = 0.7
GARBLED_PREFIX = 3
_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]")


def _garbled_headings(joined: str, headings: list[Heading], fmt: Format) -> list[Heading]:
    found = {number: (at, number, text) for at, number, text in headings}
    for section in fmt.sections:
        if section.number in found:
            continue
        start = max((h[0] for n, h in found.items() if n < section.number), default=0)
        end = min((h[0] for n, h in found.items() if n > section.number), default=len(joined))
        title = _NOT_CJK.sub("", normalize_label(section.title))[1:]  # (一 总体情况 → 总体情况)
        best: tuple[float, int, str] | None = None
        newline = joined.find("\n", start)
        at = 0 if not start else newline + 1 if newline >= 0 else end  # the line after the heading before
        for line in joined[at:end].split("\n"):
            compact = "".join(line.split())  # (OCR spaces words out: 总 体情况)
            words_at = compact.find(title[:2])  # after the numeral as OCR read it, if anything
            if 0 <= words_at <= GARBLED_PREFIX and not any(ch.isdigit() for ch in compact[words_at:]):
                words = _NOT_CJK.sub("", compact[words_at:])
                score = dice(words, title) if len(words) <= len(title) + 4 else 0.0
                if score >= GARBLED_HEADING_DICE and (best is None or score > best[0]):
                    best = (score, at, line.strip())
            at += len(line) + 1
        if best is not None:
            found[section.number] = (best[1], section.number, best[2])
    return sorted(found.values())


def _numbered(joined: str, pattern: re.Pattern[str], fmt: Format, table_words: tuple[str, ...],
              settings: ExtractSettings, line_start_only: bool = False) -> tuple[list[Heading], int]:
    """The headings numbered as `pattern` numbers them (its group 1: the numeral), in order, and
    where the last section's text stops."""
    headings: list[Heading] = []  # (offset of the heading, number, heading)
    current = 0
    for m in pattern.finditer(joined):
        numeral = m.group(1)
        number = int(numeral) if numeral.isdigit() else cn_number(numeral)
        start = m.start()
        line_start = joined.rfind("\n", 0, start) + 1
        # At the start of a line, or (whole report on one line) right after a sentence, the last
        # value of a table, or the report's title (…工作年度报告一、总体情况, a crawler's 正文 field).
        # Elsewhere in a line only the next heading in order, by its full words (a table row
        # printed blank runs into it: …行政事业性收费三、收到和处理政府信息公开申请情况).
        inline = start > line_start and joined[line_start:start].strip() \
            and joined[start - 1] not in "。；;！!？?）)」 \u3000\xa0#*_>|｜" and not joined[start - 1].isdigit() \
            and not joined[:start].endswith("报告")
        if inline and line_start_only:
            continue
        line_end = joined.find("\n", m.end())
        rest_at = m.end()
        if line_end >= 0 and not inline and not joined[rest_at:line_end].strip():
            # The numeral alone on its line and the words on the next (OCR gives each its box:
            # `二、` / `主动公开政府信息情况`).
            rest_at = line_end + 1
            line_end = joined.find("\n", rest_at)
        rest = joined[rest_at:min(rest_at + settings.max_heading_length, line_end if line_end >= 0 else len(joined))]
        norm = normalize_label(rest)
        section = fmt.sections[number - 1]
        head = norm[:24]
        hit = next((k for k in section.keys if k in head), None)
        if not hit:
            continue
        head = norm[:16]
        if any(w in head for w in table_words):
            continue
        if inline and not (number == current + 1 and len(hit) >= 4 and norm.startswith(hit)):
            continue
        if number <= current:
            # 一、总体情况 again after the fifth section: the page was scraped twice.
            if current >= 5 and number == 1:
                return headings, start
            continue
        end = rest_at + normalize_label_end(rest, hit)
        headings.append((start, number, joined[start:end].strip().rstrip("*_").strip()))  # **一、…** in Markdown
        current = number
    return headings, len(joined)


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


# (A break followed by no space needs no replacing: `\n\s+` gives what `\n\s*` gives, with a
# replacement only where spaces or more breaks follow.)
_LINE_BREAKS = re.compile(r"\n\s+")
_LINE_END_SPACE = " \t\r\f\v\u3000\xa0"
_SPACE_BREAK = re.compile(f"[{_LINE_END_SPACE}]\n")  # a space right before a break


def _fold_line_breaks(body: str) -> str:
    """Spaces around line breaks folded into one break, in linear time (the single expression
    of spaces and a break took time growing with the square of a long run of spaces)."""
    if "\n" not in body:
        return body
    if not _SPACE_BREAK.search(body):
        return _LINE_BREAKS.sub("\n", body)  # no spaces before a break to take out
    lines = body.split("\n")
    ended = [line.rstrip(_LINE_END_SPACE) for line in lines[:-1]]  # spaces before a break only
    return _LINE_BREAKS.sub("\n", "\n".join([*ended, lines[-1]]))


def _text(lines: list[TextLine], joined: str, headings: list[Heading], n: int, stop: int) -> SectionText:
    """The nth heading's section: from the end of its heading to the next heading (or `stop`),
    lines stripped, chrome lines left out; in the last sections the page footer ends the text."""
    at, number, heading = headings[n]
    a = joined.find(heading, at) + len(heading)
    b = headings[n + 1][0] if n + 1 < len(headings) else stop
    body = joined[a:b].lstrip("*_")  # the closing ** of a Markdown heading
    if "[bookmark" in body:
        body = _BOOKMARK.sub("", body)
    # The regular expression is slow on long text; its words, looked for plainly, are not.
    if _CHROME_WORD.search(body) and CHROME.search(body):
        kept = []
        for piece in body.split("\n"):
            chrome = CHROME.search(piece)
            if chrome:
                if number >= 5:
                    # The page footer ends the last section (glued after its text when the
                    # crawler lost the line breaks: the text before it is kept).
                    if len(piece) > MAX_CHROME_LINE:
                        kept.append(piece[:chrome.start()])
                    break
                if len(piece) <= MAX_CHROME_LINE:
                    continue  # (a chrome word in a paragraph's run of text is the paragraph's)
            kept.append(piece)
        body = "\n".join(kept)
    _, line, page = lines[joined.count("\n", 0, at)]
    heading = heading.replace("\n", "")  # (its numeral and words on two lines: one heading)
    return SectionText(number, heading, _fold_line_breaks(body).strip(), Source(line=line, page=page, text=heading))


def mask_tables(lines: list[TextLine], spans: list[tuple[tuple[int, int], tuple[int, int]]],
                sections: Mapping[int, SectionText]) -> list[TextLine]:
    """The lines with the tables' text taken out, so that the sections hold the narrative alone.

    `spans` are ((line, col), (line, col)) from a table's first printed cell to the end of its
    last value read into a cell. Header lines just above a table (short, no sentence, not a
    section heading) go with it; a line only partly covered keeps the rest (the whole report on
    one line keeps its narrative)."""
    index = {line: i for i, (_, line, _) in enumerate(lines) if line is not None}
    if len(index) < len(lines) and len(index) < sum(1 for _, line, _ in lines if line is not None):
        # Paragraphs that share a line (a web page printed on one line of HTML): a cell's line
        # does not tell which paragraph it stands in, so nothing is taken out.
        return lines
    heading_lines = sections.heading_lines() if isinstance(sections, Sections) else {
        s.source.line for s in sections.values() if s.source}
    headings = {index[line] for line in heading_lines if line in index}
    out = list(lines)
    changed = False
    for (l0, c0), (l1, c1) in spans:
        if l0 not in index or l1 not in index:
            continue
        a, b = index[l0], index[l1]
        first = a
        if _table_header_line(lines[a][0][:c0]):
            c0 = 0  # the row's label (or the indentation) before its first value
        while a > 0 and a - 1 not in headings and c0 == 0 and _table_header_line(lines[a - 1][0]):
            a -= 1
        for i in range(a, b + 1):
            if i in headings:
                continue
            changed = True
            text, line, page = out[i]
            if i != first and i != b:
                if text:
                    out[i] = ("", line, page)  # a line inside the table: all of it goes
                continue
            start = c0 if i == first else 0
            end = c1 if i == b else len(text)
            if start or end < len(text):
                text = text[:start] + text[end:]
                if not text.strip(" |\t\u3000\xa0"):
                    text = ""  # what is left of a table row: its cell bars
            else:
                text = ""
            out[i] = (text, line, page)
    return out if changed else lines


def _table_header_line(text: str) -> bool:
    """A line that can be part of a table's header: no sentence in it (narrative ends in 。)."""
    t = text.strip()
    return len(t) <= 80 and "。" not in t and "；" not in t
