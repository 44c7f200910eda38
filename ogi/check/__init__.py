"""`ogi check`: every rule a careful auditor applies to an annual report, with evidence.

    from ogi.check import check, quality_profile, RULES
    findings = check(report, previous=last_years_report)
    profile = quality_profile(report, findings)

Layer rule: this package reads `ogi.formats` and `ogi.model` only.
"""

from __future__ import annotations

from ..model import AnnualReport
from . import rules as _rules  # noqa: F401  (declares the built-in rules)
from .context import Context, plan
from .finding import ERROR, INFO, SEVERITIES, SEVERITY_RANK, WARNING, Finding
from .profile import quality_profile
from .registry import CHECKS, RULES, Rule


def check(report: AnnualReport, previous: AnnualReport | None = None) -> list[Finding]:
    """All findings for `report` (and, given the previous year's report, the cross-year ones).

    Ordered errors first, then warnings, then info; within a severity, in rule order.
    """
    ctx = Context.of(report, previous)
    out: list[Finding] = []
    for fn, _ids in CHECKS:
        out.extend(fn(ctx))
    out = _fold_notes(out)
    out.sort(key=lambda f: SEVERITY_RANK[f.severity])
    return out


def _fold_notes(findings: list[Finding]) -> list[Finding]:
    """An extractor note that restates a rule's finding (same cells) is folded into that finding:
    its code goes to the finding's evidence (`notes`) instead of standing as a second finding."""
    notes = [f for f in findings if f.rule == "parse.W503" and f.cells]
    if not notes:
        return findings
    others = [f for f in findings if f.rule != "parse.W503" and f.severity != INFO and f.cells]
    drop = set()
    for note in notes:
        cells = set(note.cells)
        for f in others:
            if cells <= set(f.cells):
                f.evidence.setdefault("notes", []).append(note.evidence["code"])
                drop.add(id(note))
                break
    return [f for f in findings if id(f) not in drop]


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)


__all__ = ["CHECKS", "ERROR", "INFO", "RULES", "SEVERITIES", "WARNING", "Context", "Finding", "Rule", "check",
           "has_errors", "plan", "quality_profile"]
