"""The English catalog of the workbench (the source strings are Chinese: the UI is zh-hans first).

`python -m ogi.server.locale` rewrites `en/LC_MESSAGES/django.mo` from `django.po` (stdlib only,
no gettext tools needed); a test fails when a string of a template or of the server code has no
English entry, or when the .mo is older than the .po.
"""

from __future__ import annotations

import ast
import re
import struct
from pathlib import Path

HERE = Path(__file__).resolve().parent
SERVER = HERE.parent
PO = HERE / "en" / "LC_MESSAGES" / "django.po"
MO = HERE / "en" / "LC_MESSAGES" / "django.mo"

_TRANSLATE = re.compile(r"""{%\s*translate\s+(["'])(.*?)\1""")
_BLOCK = re.compile(r"{%\s*blocktranslate(?:\s+with\s+([^%]*))?\s*%}(.*?){%\s*endblocktranslate\s*%}", re.S)
_GETTEXT = {"_", "gettext", "gettext_lazy"}


def _block_id(body: str) -> str:
    return re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", body)


def template_msgids() -> set[str]:
    out: set[str] = set()
    for path in (SERVER / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        out.update(m.group(2) for m in _TRANSLATE.finditer(text))
        out.update(_block_id(m.group(2)) for m in _BLOCK.finditer(text))
    return out


def code_msgids() -> set[str]:
    out: set[str] = set()
    for path in SERVER.rglob("*.py"):
        if "migrations" in path.parts or path.parent == HERE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _GETTEXT
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                out.add(node.args[0].value)
    return out


def _unquote(s: str) -> str:
    return ast.literal_eval(s)


def read_po(path: Path = PO) -> dict[str, str]:
    entries: dict[str, str] = {}
    msgid = msgstr = None
    target = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("msgid "):
            if msgid is not None:
                entries[msgid] = msgstr or ""
            msgid, msgstr, target = _unquote(line[6:]), "", "id"
        elif line.startswith("msgstr "):
            msgstr, target = _unquote(line[7:]), "str"
        elif line.startswith('"') and target:
            if target == "id":
                msgid = (msgid or "") + _unquote(line)
            else:
                msgstr = (msgstr or "") + _unquote(line)
    if msgid is not None:
        entries[msgid] = msgstr or ""
    return entries


def write_mo(entries: dict[str, str], path: Path = MO) -> None:
    """The GNU .mo format (what msgfmt writes), for the entries with a translation."""
    items = sorted((k.encode(), v.encode()) for k, v in entries.items() if v or not k)
    n = len(items)
    ids = b"".join(k + b"\0" for k, _ in items)
    strs = b"".join(v + b"\0" for _, v in items)
    start = 7 * 4 + 16 * n
    table_ids, table_strs, off = [], [], 0
    for k, _ in items:
        table_ids += [len(k), start + off]
        off += len(k) + 1
    base = start + len(ids)
    off = 0
    for _, v in items:
        table_strs += [len(v), base + off]
        off += len(v) + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, n, 7 * 4, 7 * 4 + 8 * n, 0, 0)
    path.write_bytes(header + struct.pack(f"{2 * n}i", *table_ids) + struct.pack(f"{2 * n}i", *table_strs) + ids + strs)
