"""Every refusal code in the source is listed in docs/errors.md (and nothing listed is stale)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FAMILIES = r"(?:read|json|input|calendar|ledger|deadline|fees|records|batch|internal|usage|render|server)"
CODE = re.compile(r'"(' + FAMILIES + r'\.(?:E\d{3}|[a-z_]+(?:\.[a-z_]+)?))"')
# Strings of the same form that are file names, not codes; extract's refusals (its notes are
# documented with the rules).
NOT_CODES = {"input.docx", "ledger.json",
             "calendar.manage", "calendar.notice"}  # a workbench permission and its audit action
EXTRACT_REFUSALS = {"extract.no_tables", "extract.not_report"}


def source_codes() -> set[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "ogi").rglob("*.py"))
    return (set(CODE.findall(text)) - NOT_CODES) | EXTRACT_REFUSALS


def documented() -> set[str]:
    return set(re.findall(r"^\| `([^`]+)` \|", (ROOT / "docs" / "errors.md").read_text(encoding="utf-8"), re.M))


def test_every_refusal_code_is_documented():
    missing = source_codes() - documented()
    assert not missing, f"add to docs/errors.md: {sorted(missing)}"


def test_no_documented_code_is_stale():
    stale = documented() - source_codes()
    assert not stale, f"no longer in the source: {sorted(stale)}"
