"""Fast paths of the extraction against the plain computation they stand for, on random inputs:
a fast path that gives another answer changes what OGI reads, silently."""

from __future__ import annotations

import gc
import random

import pytest

from ogi import synth
from ogi.extract import ExtractError, extract, tokens
from ogi.extract.columns import _centres, display_width
from ogi.extract.tables import _blank_shapes
from ogi.extract.tokens import LABEL, NUM, Token, _line_shape, tokenize
from ogi.read import text_document
from ogi.read.document import Paragraph

_PIECES = ("0", "12", "1024", "３", "②", "-", "—", "/", "无", "", " ", "  ", "\u3000", "\xa0", "\t", "|", "| ",
           " |", "||", "---", ":--", "行政许可", "1.属于国家秘密", "2、重复申请", "（一）予以公开", "第4页", "— 4 —",
           "5万元", "-3", "1.5", "数据1", "width:57px", "22（其中修订16件）", "2021年", "第二十条第（一）项", "abc",
           "1", "9.", "10.其他", "1. 属于", "1．其他", "3、", " 2.x", "〇", "O", "o", "零", "暂无", "N/A")


def _random_line(rng: random.Random) -> str:
    return "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 9)))


def _tokens(tokens: list[Token]) -> list[tuple]:
    return [(t.kind, t.text, t.line, t.col, t.page, t.plain, t.sign, t.unit) for t in tokens]


def test_kept_line_shapes_give_each_line_its_own_tokens(monkeypatch):
    # `tokenize` keeps the shape of a simple line (`_line_shape`) and makes its tokens anew for
    # every line that prints it: each token must carry its own line and page, and a document read
    # with the shapes kept from earlier documents must give what the computation itself gives.
    rng = random.Random(20261130)
    lines = [_random_line(rng) for _ in range(60)]
    documents = []
    for _ in range(40):
        texts = [rng.choice(lines) for _ in range(rng.randint(5, 80))]  # lines repeat, in and across documents
        documents.append([Paragraph(t, line=i + 1, page=1 + i // 40) for i, t in enumerate(texts)])
    _line_shape.cache_clear()
    kept = [_tokens(tokenize(blocks)) for blocks in documents]
    assert _line_shape.cache_info().hits > 1_000
    with monkeypatch.context() as m:
        m.setattr(tokens, "_line_shape", _line_shape.__wrapped__)  # every shape worked out anew
        assert [_tokens(tokenize(blocks)) for blocks in documents] == kept
    assert sum(map(len, kept)) > 1_000


def test_simple_line_shapes_give_what_line_tokens_gives(monkeypatch):
    """The shortcut for simple lines (`_line_shape`) must give the very tokens `line_tokens` gives,
    inside an html2text table and out of one. Where they differed, a value glued before a row's
    enumerator (`01.属于国家秘密`: 0, then row 1) was taken as part of the label, and a tab in an
    html2text table, which is a blank cell, was dropped."""
    rng = random.Random(20261130)
    lines = ["01.属于国家秘密", "12、重复申请", "\t---", " |---", "\t无| ", "\t0"]
    lines += ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 7))) for _ in range(20_000)]
    for prefix in ([], ["规章| 1024", "---|---"]):  # out of a table, then in a table without outer pipes
        documents = [[Paragraph(t, line=i + 1, page=1) for i, t in enumerate([*prefix, line])] for line in lines]
        _line_shape.cache_clear()
        fast = [_tokens(tokenize(blocks)) for blocks in documents]
        with monkeypatch.context() as m:
            m.setattr(tokens, "_line_shape", lambda text, bare=False: None)  # every line through line_tokens
            slow = [_tokens(tokenize(blocks)) for blocks in documents]
        assert [(line, f) for line, f, s in zip(lines, fast, slow, strict=True) if f != s] == [], prefix
    assert _tokens(tokenize([Paragraph("01.属于国家秘密", line=1)]))[0][:2] == (NUM, "0")


def test_centres_measure_as_from_the_line_start():
    rng = random.Random(7)
    for _ in range(2_000):
        text = "".join(rng.choice(("行政许可", "0", "12", " ", "\u3000", "ａ", "|", "处罚", "1024")) for _ in range(30))
        tokens = []
        for _ in range(rng.randint(1, 8)):
            col = rng.randrange(len(text))
            tokens.append(Token(NUM if rng.random() < 0.8 else LABEL, rng.choice(("0", "12", "1024")), 1, col))
        if rng.random() < 0.7:
            tokens.sort(key=lambda t: t.col or 0)
        plain = [display_width(text[:t.col]) + display_width(t.raw) / 2 for t in tokens]
        assert _centres(tokens, text) == plain


def test_blank_shapes_are_the_equations_without_the_blank():
    rng = random.Random(3)
    for _ in range(500):
        width = rng.randint(2, 9)
        eqs = tuple((tuple(sorted(rng.sample(range(width), rng.randint(1, width - 1)))), (rng.randrange(width),))
                    for _ in range(rng.randint(1, 3)))
        signed = tuple(rng.random() < 0.2 for _ in range(width))
        shapes = _blank_shapes(eqs, signed)
        assert [s[0] for s in shapes] == list(range(width))
        for blank, reduced, rest, is_total in shapes:
            expect = tuple((tuple(i - (i > blank) for i in left if i != blank),
                            tuple(i - (i > blank) for i in right if i != blank)) for left, right in eqs)
            assert reduced == expect
            assert rest == signed[:blank] + signed[blank + 1:]
            assert is_total == (not any(rest) and any(not (left and right) for left, right in expect))


def test_kept_anchors_are_the_anchors_worked_out(seeds):
    # `match_run` keeps the rows each label run anchored, per table: read again, from memory, every
    # seed and every layout of the text corpus must anchor the rows that working them out anchors,
    # and a run anchored from memory gets anchors of its own (the caller sets their run).
    from ogi import formats
    from ogi.extract import steps
    from ogi.extract.settings import DEFAULT
    from ogi.extract.tables import _MATCHED, _match_run, match_run
    from ogi.read import read_path, read_text
    from ogi.synth import LAYOUTS, random_report, render_text

    documents = [read_path(path) for path, _ in seeds]
    documents += [read_text(render_text(random_report(fmt, seed=n), layout, seed=n).encode(), name=f"{layout}.txt")
                  for n, layout in enumerate(sorted(LAYOUTS)) for fmt in ("2019", "2021")]
    _MATCHED.clear()
    asked = 0
    for document in documents * 2:  # the second time from memory
        st = steps(document)
        for table in st.format.tables:
            for cursor in (0, 3):
                for n, run in enumerate(st.runs):
                    if not run.is_label:
                        continue
                    followed = n + 1 < len(st.runs) and not st.runs[n + 1].is_label
                    got = match_run(run, table, cursor, DEFAULT, followed)
                    again = match_run(run, table, cursor, DEFAULT, followed)
                    assert got is not again and all(a is not b for a, b in zip(got, again, strict=True))
                    want = _match_run(run.norm, run.last_norm, table, cursor, DEFAULT, followed)
                    assert [(a.row, a.run, a.soft, a.group, a.fuzzy) for a in got] == \
                        [(a.row, a.run, a.soft, a.group, a.fuzzy) for a in want]
                    asked += 1
    assert asked > 1_000 and sum(len(k[1]) for k in _MATCHED.values()) > 100
    assert {id(t) for f in formats.all_formats() for t in f.tables} >= set(_MATCHED)


def test_rare_patterns_are_compiled_only_for_a_document_that_needs_them():
    # The costly patterns few documents need (CJK character classes: 1–2 ms each to compile) are
    # LazyPatterns: a plain report leaves them uncompiled, and a report that reaches one (its
    # agency only in the opening sentence, its signature date in Chinese numerals) gets it compiled
    # and read as before.
    import subprocess
    import sys

    script = (
        "import ogi.extract.meta as m, ogi.model as model\n"
        "from ogi.lazy_pattern import LazyPattern\n"
        "lazy = [v for mod in (m, model) for v in vars(mod).values() if isinstance(v, LazyPattern)]\n"
        "assert len(lazy) >= 8, lazy\n"
        "print(sum(p._compiled is not None for p in lazy))\n"
        "text = '某某报告\\n一、总体情况\\n2023年，云州区应急管理局认真贯彻条例。\\n二〇二四年一月十五日\\n'\n"
        "meta = m.find_meta(text.splitlines(), '2023年，云州区应急管理局认真贯彻条例。', {})\n"
        "print(meta.agency, meta.published)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "0"
    assert out[1] == "云州区应急管理局 2024-01-15"


def test_the_extraction_gives_the_collector_back_as_it_found_it():
    # `steps` pauses the cyclic collector while it runs (a tenth of the parse's time): running
    # when the extraction is done or refused, and left off by it when the caller had it off.
    report = synth.render_text(synth.random_report("2021", 0), "lines", 0)
    gc.enable()
    extract(text_document(report))
    assert gc.isenabled()
    with pytest.raises(ExtractError):
        extract(text_document("这不是年度报告。"))
    assert gc.isenabled()
    gc.disable()
    try:
        extract(text_document(report))
        assert not gc.isenabled()
    finally:
        gc.enable()
