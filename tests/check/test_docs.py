"""docs/rules.md documents every rule id (datasette style: docs that cannot drift)."""

from pathlib import Path

from ogi.check import RULES
from ogi.check.docs import render

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_every_rule_id_is_documented():
    text = DOC.read_text(encoding="utf-8")
    missing = [rid for rid in RULES if f"`{rid}`" not in text]
    assert not missing, f"rule ids missing from docs/rules.md (run python -m ogi.check.docs > docs/rules.md): {missing}"


def test_rules_doc_is_up_to_date():
    assert DOC.read_text(encoding="utf-8") == render(), "regenerate: python -m ogi.check.docs > docs/rules.md"


def test_every_rule_cites_a_basis():
    for rule in RULES.values():
        assert rule.basis and rule.doc and rule.zh and rule.en, rule.id
