"""The rule registry: every rule id the checker can emit, declared once.

`RULES` maps a stable id (`"apply.E101"`) to its `Rule`: severity, a Chinese and an English
title, what it checks, and the legal source it rests on. `docs/rules.md` is generated from it
(`python -m ogi.check.docs`), and a test fails when an id is missing there.

Checks are plain functions registered with `@check_fn(*rule_ids)`; one function may emit
several rule ids (the equation check emits one id per kind of equation).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..formats import CellId
from ..model import Source
from .finding import ERROR, INFO, SEVERITIES, WARNING, Finding

if TYPE_CHECKING:
    from .context import Context

_LETTER = {"E": ERROR, "W": WARNING, "I": INFO}


@dataclass(frozen=True)
class Rule:
    id: str
    zh: str  # short title, Chinese
    en: str  # short title, English
    doc: str  # what the rule checks, in English (for docs/rules.md)
    basis: str  # the article or notice it rests on

    @property
    def severity(self) -> str:
        return _LETTER[self.id.split(".")[-1][0]]

    def finding(self, zh: str, en: str, cells: tuple[CellId, ...] = (), evidence: dict[str, Any] | None = None,
                location: Source | None = None, sources: dict[str, Source] | None = None) -> Finding:
        return Finding(self.id, self.severity, zh, en, cells, evidence or {}, location, sources or {})


RULES: dict[str, Rule] = {}

Check = Callable[["Context"], Iterable[Finding]]
CHECKS: list[tuple[Check, tuple[str, ...]]] = []


def rule(rule_id: str, zh: str, en: str, doc: str, basis: str) -> Rule:
    area, code = rule_id.rsplit(".", 1)
    if not area or code[:1] not in _LETTER or not code[1:].isdigit():
        raise ValueError(f"bad rule id {rule_id!r}: want <area>.<E|W|I><digits>")
    if rule_id in RULES:
        raise ValueError(f"rule {rule_id} declared twice")
    r = Rule(rule_id, zh, en, doc, basis)
    RULES[rule_id] = r
    return r


def check_fn(*rule_ids: str) -> Callable[[Check], Check]:
    """Register a check function that emits findings of `rule_ids`."""
    for rid in rule_ids:
        if rid not in RULES:
            raise KeyError(f"undeclared rule {rid}")

    def deco(fn: Check) -> Check:
        CHECKS.append((fn, rule_ids))
        return fn

    return deco


assert set(_LETTER.values()) == set(SEVERITIES)
