"""Every tunable of the extractor in one place (the way pdfplumber's TableSettings is)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExtractSettings:
    """The extractor's tunable thresholds (the defaults are the tested ones)."""

    # A key written as `exact` in a format (规章, 其他, 总计) only matches a label for one of the
    # next `exact_lookahead` rows: such short words also occur in headers.
    exact_lookahead: int = 2
    # A label matching no key still names a row when it resembles one of the next rows' labels
    # this much (character-bigram Dice coefficient); catches OCR slips and unseen typos.
    fuzzy_threshold: float = 0.6
    fuzzy_lookahead: int = 3
    # Glued digits (the cells of a row printed without separators) are split by the format's
    # equations; the search stops after this many solutions (the cell is then uncertain anyway).
    max_split_solutions: int = 24
    # A value printed glued is never longer than this many digits.
    max_digits: int = 9
    # Lines of running text longer than this are narrative, not table labels, when looking for
    # section headings.
    max_heading_length: int = 40


DEFAULT = ExtractSettings()
