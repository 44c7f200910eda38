"""A corpus made by the converters the wild uses, and the scorer the real-world benchmark runs.

    from benchmarks.realworld import corpus_docs, make_case, score_report, run_ogi
    for path, gold in corpus_docs("pdftotext-layout", 20):   # built on first use, then cached
        ...

`cases` makes each report and its gold (with the deviations published reports carry), `sources`
renders what the agency publishes (DOCX, PDF, web page), `converters` runs the real tools,
`corpus` builds and caches the whole on disk, `score` compares a reading with the gold.
"""

from .cases import GENERATOR_VERSION, Case, broken_equations, make_case
from .converters import CONVERTERS, FAST, Converter
from .corpus import DEFAULT_DIR, build_outputs, corpus_docs
from .score import DocScore, run_ogi, score_report

__all__ = ["CONVERTERS", "DEFAULT_DIR", "FAST", "GENERATOR_VERSION", "Case", "Converter", "DocScore",
           "broken_equations", "build_outputs", "corpus_docs", "make_case", "run_ogi", "score_report"]
