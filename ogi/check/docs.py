"""Generate docs/rules.md from the registry: `python -m ogi.check.docs > docs/rules.md`.

tests/check/test_docs.py fails when a rule id in RULES is missing from docs/rules.md (or the
file is out of date), so the rule reference cannot drift from the code.
"""

from __future__ import annotations

from . import RULES
from .finding import SEVERITY_ZH

HEADER = """# Rules of `ogi check`

Generated from `ogi.check.RULES` by `python -m ogi.check.docs > docs/rules.md`; do not edit by hand.

Each finding carries a stable rule id (`<area>.<E|W|I><number>`, in the manner of Django's
system checks), a severity — error (错误: the report is wrong, `ogi check` exits 1), warning
(警告: probably wrong, or OGI could not be sure), info (提示: recorded, including agreements) —
a Chinese and an English message, the cells involved with their source location, and the
numbers that prove it (`evidence`).

Areas: `apply` table 3, `appeal` table 4, `table` any other equation, `values` cell values,
`format` the format and its rows, `section` the six sections, `parse` what OGI could not read,
`meta` the report's metadata, `time` publication deadline, `narrative` the text against the
tables, `cross` this year against the previous year's report.
"""


def render() -> str:
    lines = [HEADER, "| id | 严重程度 / severity | 规则 / rule | what it checks | 依据 / basis |",
             "|---|---|---|---|---|"]
    for rid in sorted(RULES, key=lambda r: (r.split(".")[0], r.split(".")[1])):
        r = RULES[rid]
        lines.append(f"| `{rid}` | {SEVERITY_ZH[r.severity]} {r.severity} | {r.zh} / {r.en} | {r.doc} | {r.basis} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    import sys

    sys.stdout.write(render())
