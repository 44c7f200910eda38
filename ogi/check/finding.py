"""One shape for everything the checker says: `Finding`, with a stable rule id.

In the manner of Django's system checks (`"sites.E101"`): the id names the area and the
severity letter, the messages come in Chinese first and English, and the finding carries the
cells or text spans involved, where they came from, and the numbers that prove it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..formats import CellId
from ..model import Source

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)
SEVERITY_ZH = {ERROR: "错误", WARNING: "警告", INFO: "提示"}
SEVERITY_RANK = {ERROR: 0, WARNING: 1, INFO: 2}


@dataclass
class Finding:
    """What one rule saw in one report.

    - `cells`: the cell ids involved, in the order the rule reads them.
    - `evidence`: JSON-ready facts: the values of the cells, the two sides of an equation,
      the dates compared, the sentence quoted. Never prose.
    - `location`: where to look first (the total of a broken equation, the sentence quoted).
    - `sources`: where each cell of `cells` (or each quoted span) came from, for display.
    """

    rule: str
    severity: str
    zh: str
    en: str
    cells: tuple[CellId, ...] = ()
    evidence: dict[str, Any] = field(default_factory=dict)
    location: Source | None = None
    sources: dict[str, Source] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """An info finding that records agreement (the rule looked and found it right)."""
        return self.severity == INFO and bool(self.evidence.get("agrees"))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "zh": self.zh,
            "en": self.en,
            "cells": list(self.cells),
            "evidence": self.evidence,
            "location": self.location.to_json() if self.location else None,
        }
        if self.sources:
            out["sources"] = {k: s.to_json() for k, s in self.sources.items()}
        return out
