"""No layer names a table, row or cell of a format: they ask the format (issue 11).

The ids of every registered format — table ids (`apply`), cell ids (`apply.new.natural`,
`review.total`) and dotted row ids (`denied.state_secret`) — must not appear as string literals
in a .py file outside `ogi/formats`. How an id is told from an ordinary word:

- the library layers (all of `ogi` but `ogi/formats` and the workbench) are scanned for table
  ids, cell ids and dotted row ids, as whole literals, and for f-strings that build a cell id by
  hand (a literal part starting with `<table id>.`);
- the workbench (`ogi/server`) is scanned for cell ids and dotted row ids, and for a table id
  given to `Format.table(...)`; other `apply` and `active` literals there are its URL names,
  view names, rate-limit keys and a stored 公开方式, none a table;
- one-word row ids (`new`, `total`, `rules`) are ordinary words and are not looked for; the
  literal they would be is a column or record name that the format maps (`Column.measure`,
  `Row.counts`);
- docstrings are prose, not code, and are skipped.

A literal that is an id's spelling but means something else goes in ALLOWED with the reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ogi import formats

ROOT = Path(__file__).resolve().parents[1] / "ogi"

# (file relative to ogi/, literal) → why it is not a format's id.
ALLOWED: dict[tuple[str, str], str] = {
    ("ledger/publication.py", "active"): "公开方式 主动公开 of a record, stored by the workbench; not table 2's id",
}


def _ids() -> tuple[set[str], set[str]]:
    """(table ids, cell ids and dotted row ids) of every registered format."""
    tables: set[str] = set()
    dotted: set[str] = set()
    for fmt in formats.all_formats():
        for t in fmt.tables:
            tables.add(t.id)
            dotted.update(t.all_cells)
            dotted.update(r.id for r in t.rows if "." in r.id)
    return tables, dotted


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def literals(path: Path, tables: set[str], dotted: set[str], server: bool) -> list[tuple[int, str]]:
    """(line, literal) of each id spelled out in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    found = []
    in_fstring: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = [v for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
            in_fstring.update(id(p) for p in parts)
            first = node.values[0] if node.values else None
            if (not server and isinstance(first, ast.Constant) and isinstance(first.value, str)
                    and any(first.value.startswith(t + ".") for t in tables) and len(node.values) > 1):
                found.append((node.lineno, first.value + "{…}"))
    for node in ast.walk(tree):
        if (server and isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "table"
                and node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value in tables):
            found.append((node.lineno, f"table({node.args[0].value!r})"))
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in skip:
            continue
        v = node.value
        if v in dotted or (not server and v in tables and id(node) not in in_fstring):
            found.append((node.lineno, v))
    return found


def offending(root: Path = ROOT) -> list[str]:
    tables, dotted = _ids()
    out = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith("formats/") or "/migrations/" in rel:
            continue
        for line, lit in literals(path, tables, dotted, server=rel.startswith("server/")):
            if (rel, lit) not in ALLOWED:
                out.append(f"ogi/{rel}:{line}: {lit!r}")
    return out


def test_no_format_id_literal_outside_formats():
    assert offending() == []


def test_allowed_entries_are_still_needed():
    """An allow-list entry whose literal is gone is stale: it would let the id come back unseen."""
    tables, dotted = _ids()
    for (rel, lit), why in ALLOWED.items():
        found = {v for _, v in literals(ROOT / rel, tables, dotted, server=rel.startswith("server/"))}
        assert lit in found, (rel, lit, why)


@pytest.mark.parametrize("source, expected", [
    ('x = report.value("apply.new.total")\n', ["apply.new.total"]),
    ('t = fmt.table("appeal")\n', ["appeal"]),
    ('c = f"apply.{row}.{col}"\n', ["apply.{…}"]),
    ('r = "denied.state_secret"\n', ["denied.state_secret"]),
    ('"""Docstring naming apply.new.total."""\nx = 1\n', []),
    ('kind = "total"\n', []),
])
def test_the_scan_finds_what_it_should(tmp_path, source, expected):
    """The scan itself can fail: each kind of literal it must catch, and what it must pass."""
    f = tmp_path / "layer.py"
    f.write_text(source, encoding="utf-8")
    tables, dotted = _ids()
    assert [lit for _, lit in literals(f, tables, dotted, server=False)] == expected


@pytest.mark.parametrize("source, expected", [
    ('t = fmt.table("apply")\n', ["table('apply')"]),
    ('path("agency/<id>/apply/", views.apply, name="apply")\n', []),
    ('c = report.value("apply.new.total")\n', ["apply.new.total"]),
])
def test_the_workbench_scan(tmp_path, source, expected):
    f = tmp_path / "view.py"
    f.write_text(source, encoding="utf-8")
    tables, dotted = _ids()
    assert [lit for _, lit in literals(f, tables, dotted, server=True)] == expected
