"""Document → AnnualReport: the tables aligned to the format, metadata, the six sections.

    blocks ─tokenize→ tokens ─runs→ runs ─find_tables/anchor_rows→ anchors ─solve→ cells ─verify→ verified cells

`extract(document)` runs the chain; `steps(document)` returns every intermediate for
`ogi parse --debug` and for tests.
"""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TypeVar, overload

from .. import formats
from ..formats import APPLICATIONS, CellId, Format, normalize_label
from ..lazy_pattern import LazyPattern
from ..model import AnnualReport, Note, Number
from ..read.document import Block, Document, Paragraph, ReadError
from .meta import find_meta
from .sections import Sections, find_sections, mask_tables
from .settings import DEFAULT, ExtractSettings
from .stated import StatedValues
from .tables import Run, Segment, detect_format, find_tables, read_table, runs
from .tokens import Token, ocr_made, tokenize
from .verify import mark_unread, verify

# Words without which a document is not a disclosure annual report at all.
_REPORT_WORDS = ("政府信息公开", "政务公开", "信息公开", "依申请公开", "主动公开")
# Section headings a report whose tables may be unread pictures must print (of the six).
MIN_HEADINGS_PICTURED = 4


class ExtractError(ReadError):
    """The document was read but is not an annual report, or has none of its tables."""


@dataclass
class Steps:
    """The extraction with every intermediate step kept (what `ogi parse --debug` shows)."""

    tokens: list[Token]
    runs: list[Run]
    zones: dict[str, tuple[int, int]]
    format: Format
    segments: dict[str, list[Segment]]
    report: AnnualReport
    verified: dict[str, str]  # per table: which readings were tried and what was decided


def _table_words(fmt: Format) -> tuple[str, ...]:
    apply = fmt.by_role(APPLICATIONS)
    return tuple(k for r in apply.rows if r.group is None for k in r.keys) + tuple(
        k for g in apply.groups if g.id == apply.result_group for k in g.keys)


def drop_second_copy(blocks: list[Block]) -> list[Block]:
    """A page scraped twice (the report, site chrome, the report again): keep the first copy.

    The copy starts at a later line equal to one of the first substantive lines, followed by
    the same lines again."""
    paragraphs = [(i, b) for i, b in enumerate(blocks) if isinstance(b, Paragraph)]
    if len(paragraphs) < 20:
        return blocks
    firsts: dict[str, int] = {}  # the first ten substantive lines → their position
    for i, p in paragraphs:
        t = p.text.strip()
        if len(t) >= 4 and t not in firsts:
            firsts[t] = i
            if len(firsts) == 10:
                break
    for j, p in paragraphs:
        text = p.text
        if len(text) < 4:
            continue  # (shorter than any of the first lines)
        k = firsts.get(text.strip())
        if k is None or j - k < 10 or not _same_lines(blocks, k, j):
            continue
        # A narrative that repeats a few of its own paragraphs is not a second copy of the page:
        # the first copy must hold the report's tables.
        if not _holds_tables(blocks[:j]):
            continue
        return blocks[:j]
    return blocks


_TABLE_WORDS = ("申请人情况", "本年新收", "信息内容", "行政复议")


_TABLE_WORD = LazyPattern("|".join(map(re.escape, _TABLE_WORDS)))  # any of them


def _holds_tables(blocks: list[Block]) -> bool:
    """A table grid, or three lines with table words (counted up to the third)."""
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    if len(paragraphs) < len(blocks):
        return True
    n = 0
    for b in paragraphs:
        if _TABLE_WORD.search(b.text):
            n += 1
            if n == 3:
                return True
    return False


def _same_lines(blocks: list[Block], a: int, b: int, n: int = 5) -> bool:
    """The n substantive lines after block a are the n after block b."""
    def following(i: int) -> list[str]:
        out = []
        for blk in blocks[i + 1:]:
            if isinstance(blk, Paragraph) and blk.text.strip():
                out.append(blk.text.strip())
                if len(out) == n:
                    break
        return out
    return following(a) == following(b)


def last_year_cells(previous: AnnualReport | None, year: int | None) -> dict[CellId, Number]:
    """The cells of the previous year's report that OGI is sure of, when it is that year's report:
    they may settle glued digits (the 现行有效 identity), never change a value the table prints."""
    if previous is None or year is None or previous.meta.year != year - 1:
        return {}
    return {c.id: c.value for c in previous.cells.values() if not c.uncertain and c.value is not None}


def steps(document: Document, settings: ExtractSettings = DEFAULT, previous: AnnualReport | None = None) -> Steps:
    """The extraction with every intermediate kept; `previous` is the same agency's report of the
    year before, when the caller has it (it only settles glued digits the equations leave open)."""
    # The extraction makes thousands of small objects (tokens, runs, cells) that live until it
    # returns, in almost no reference cycles: a search's nested function that calls itself leaves
    # about 10 KB a report, freed at the collector's next run. CPython's cyclic collector, started
    # by the count of allocations, would free next to nothing and traverse them all, and the whole
    # heap with them in its full collections: about a tenth of the parse's time
    # (benchmarks/parse_speed.py). It is paused for the extraction, when it was running. (The
    # switch is the process's: OGI's commands extract each document in a worker process of its
    # own, `ogi.guard.isolated`; threads running beside an extraction in one process go without
    # the collector until it ends.)
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return _steps(document, settings, previous)
    finally:
        if paused:
            gc.enable()


def _steps(document: Document, settings: ExtractSettings, previous: AnnualReport | None) -> Steps:
    blocks = drop_second_copy(document.blocks)
    tokens = tokenize(blocks)
    rs = runs(tokens)
    probe = formats.all_formats()[-1]  # the zones' anchor words are the same in every format
    zones = find_tables(rs, probe)
    lines = [(b.text, b.line, b.page) for b in blocks if isinstance(b, Paragraph)]
    texts = [t for t, _, _ in lines]
    detected = detect_format(rs, zones, formats.all_formats())
    # Both formats have the same six sections; their headings do not depend on the format.
    # (Their texts are made when asked for: section 一 for the metadata, the others seldom.)
    table_words = _table_words(probe)
    sections = Sections.find(lines, detected or probe, table_words, settings)
    # Text another tool's OCR made (it reads zeros and rules as letters) prints figures and names
    # OGI cannot vouch for: told once (three quick scans of nearly every report's text). OGI's own
    # OCR of a scan knows how sure it is of each figure.
    ocr_text = functools.cache(lambda: ocr_made(sections.text))
    scanned = document.kind == "scan" or "scanned_pages" in document.hints
    meta = find_meta(texts, sections[1].text if 1 in sections else "", document.hints, ocr=scanned or ocr_text())
    fmt = detected or formats.for_year(meta.year or probe.first_year)
    meta.template = fmt.id
    meta.source = document.name
    report = AnnualReport(meta=meta)
    if fmt is not probe:
        zones = find_tables(rs, fmt)
    stated = StatedValues(sections, fmt)
    last_year = last_year_cells(previous, meta.year)
    by_line = _LineTexts(lines)
    segs: dict[str, list[Segment]] = {}
    for table in fmt.tables:
        if table.id in zones:
            segs[table.id] = read_table(rs, zones[table.id], table, fmt, report, settings, stated, by_line,
                                        last_year, ocr_text)
    # Pictures OGI could not read (no OCR installed, too many, out of time, only linked from a
    # page): a table not found may be printed in one of them.
    # (Only in a document that is an annual report by its title and headings: a news page with a
    # photograph is no report whose tables are pictures.)
    pictures_unread = int(document.hints.get("unread_pictures", "0")) if len(sections) >= MIN_HEADINGS_PICTURED \
        and "年度报告" in (meta.title or sections.text[:500]) else 0
    _refuse_if_not_a_report(report, rs, ocr_text, pictures_unread)
    verified = verify(fmt, report, segs, rs, zones, ocr_text)
    mark_unread(fmt, report, rs, zones, lines, ocr_text, pictures_unread > 0)
    if pictures_unread and any(t.id not in zones for t in fmt.tables):
        report.notes.append(Note(
            "extract.pictures_unread",
            f"文档中有{pictures_unread}张图片未能识别，未找到的统计表可能印在图片中，其单元格按未读出处理"
            "（图片随文件附带时，安装 ogi[ocr] 可识别）",
            f"{pictures_unread} pictures in the document were not read; the tables not found may be printed in "
            "them, their cells are unread (pictures the file carries are read with ogi[ocr] installed)",
            tuple(c for t in fmt.tables if t.id not in zones for c in t.cells)))
    if ocr_text():
        report.notes.append(Note(
            "extract.ocr_text",
            "文本像是 OCR 识别结果（表格中的0和表格线被读成字母），OGI 不以其中的数字、缺行或缺少的章节认定报告有误",
            "the text looks like an OCR's (a table's zeros and rules read as letters): OGI blames no error, "
            "missing row or missing section on the document from it"))
    # The first pass found the headings (and section 一 for the metadata); the sections a report
    # keeps are found again once the tables' text, now read into cells, is taken out.
    masked = mask_tables(lines, _table_spans(report), sections)
    kept = find_sections(masked, fmt, table_words, settings) if masked is not lines else None
    # Taking the tables out must never lose a heading (a section said missing, section.E401, that
    # the document prints): then the sections keep the tables' text.
    report.sections = kept if kept is not None and len(kept) >= len(sections) else dict(sections)
    if detected is None:
        report.notes.append(Note(
            "extract.format_guessed",
            f"表头未显示所用格式，按报告年度采用{fmt.id}年格式（{fmt.notice}）",
            f"the table headers do not show the format; the {fmt.id} format of the report year is assumed",
        ))
    missing = report.missing
    if missing and report.cells:
        report.notes.append(Note(
            "extract.missing_cells",
            f"有 {len(missing)} 个单元格未能读出",
            f"{len(missing)} cells could not be read",
            tuple(missing),
        ))
    return Steps(tokens, rs, zones, fmt, segs, report, verified)


_T = TypeVar("_T")


class _LineTexts(Mapping[int, str]):
    """Line number → text, as the layout checks of `read_table` ask for it; made at the first
    look (most documents never need it: only rows printing fewer figures than cells do)."""

    def __init__(self, lines: list[tuple[str, int | None, int | None]]) -> None:
        self._lines = lines

    @functools.cached_property
    def _by_line(self) -> dict[int, str]:
        return {line: text for text, line, _ in self._lines if line is not None}

    def __bool__(self) -> bool:
        return any(line is not None for _, line, _ in self._lines)

    def __getitem__(self, line: int) -> str:
        return self._by_line[line]

    @overload
    def get(self, line: int, /) -> str | None: ...
    @overload
    def get(self, line: int, default: str, /) -> str: ...
    @overload
    def get(self, line: int, default: _T, /) -> str | _T: ...
    def get(self, line: int, default: object = None, /) -> object:
        return self._by_line.get(line, default)

    def __contains__(self, line: object) -> bool:
        return line in self._by_line

    def __iter__(self) -> Iterator[int]:
        return iter(self._by_line)

    def __len__(self) -> int:
        return len(self._by_line)


def _table_spans(report: AnnualReport) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Where each table read from text lines stands: from its first value to the end of its last
    value that went into a cell (the labels and headers above are added by `mask_tables`)."""
    out = []
    fmt = report.format
    get = report.cells.get
    for table in fmt.tables:
        spots = [(s.line, s.col or 0, len(s.text)) for c in map(get, table.all_cells)
                 if c is not None and (s := c.source) is not None and s.line is not None and s.block is None]
        if spots:
            first, last = min(spots), max(spots)
            out.append(((first[0], first[1]), (last[0], last[1] + last[2])))
    return out


def _refuse_if_not_a_report(report: AnnualReport, rs: list[Run], ocr_text: Callable[[], bool],
                            pictures_unread: int = 0) -> None:
    """A report none of whose tables OGI found is refused, unless its text is an OCR's (there the
    tables are printed past reading) or it has pictures OGI could not read (the tables may be
    printed in them): then the report is given with its metadata and every cell unread (OGI's
    doubt, said so)."""
    if report.cells:
        return
    text = normalize_label("".join(r.text for r in rs if r.is_label))
    if not any(normalize_label(w) in text for w in _REPORT_WORDS):
        raise ExtractError(
            "extract.not_report",
            "不是政府信息公开工作年度报告：未见“政府信息公开”等字样，也没有年度报告的统计表",
            "not a government information disclosure annual report: none of its words or tables",
        )
    if pictures_unread or ocr_text():
        return
    raise ExtractError(
        "extract.no_tables",
        "未找到年度报告的统计表（主动公开、收到和处理申请、行政复议和行政诉讼）",
        "none of the report's tables (proactive disclosure, applications, review and litigation) found",
    )


def extract(document: Document, settings: ExtractSettings = DEFAULT,
            previous: AnnualReport | None = None) -> AnnualReport:
    return steps(document, settings, previous).report


__all__ = ["ExtractError", "ExtractSettings", "Steps", "extract", "steps"]
