"""One error shape for every refusal OGI makes where an input enters.

`OgiError(code, zh, en, where)`: a stable code (`read.too_large`, `json.type`, `input.E002`, …),
the message in Chinese and in English, and where the problem is (file, record, field). The
command line prints it as one line, Chinese first, and exits with 2; the web application shows
`zh` or `en` next to the field `where` names. `ReadError` (documents) and `LedgerError` (ledgers,
events, calendars) are subclasses and keep their codes. Every code is listed in docs/errors.md
(a test keeps that list complete).
"""

from __future__ import annotations

import re

# A message is one line of at most this many characters per language (a library's error text,
# e.g. an XML parser's, may hold newlines, NUL bytes or a whole line of the input).
MAX_MESSAGE = 300
_ADDRESS = re.compile(r"<[^<>]{0,80}? at 0x[0-9a-fA-F]+>")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def one_line(text: object, limit: int = MAX_MESSAGE) -> str:
    """`text` as one printable line: control characters folded to a space, Python object
    addresses (`<_io.BytesIO object at 0x7f…>`) dropped, cut at `limit` characters."""
    s = _ADDRESS.sub("…", str(text))
    s = _CONTROL.sub(" ", s).strip()
    return s if len(s) <= limit else s[: limit - 1] + "…"


class OgiError(Exception):
    """A refusal: stable `code`, Chinese `zh`, English `en`, and `where` (file, record, field)."""

    def __init__(self, code: str, zh: str, en: str, where: str | None = None) -> None:
        self.code = code
        self.zh = one_line(zh)
        self.en = one_line(en)
        self.where = one_line(where) if where else where
        super().__init__(f"{self.zh} / {self.en}")

    def __reduce__(self) -> tuple[type[OgiError], tuple[str, str, str, str | None]]:  # picklable across processes (the worker of `ogi.guard`, batch pools)
        return (type(self), (self.code, self.zh, self.en, self.where))

    def message(self, name: str | None = None) -> str:
        """One line: `name（where）: 中文 / English [code]`."""
        where = f"（{self.where}）" if self.where else ""
        head = f"{one_line(name)}{where}: " if name else (f"{self.where}: " if self.where else "")
        return f"{head}{self.zh} / {self.en} [{self.code}]"

    def to_json(self) -> dict[str, str | None]:
        return {"code": self.code, "zh": self.zh, "en": self.en, "where": self.where}


def internal(exc: BaseException, where: str | None = None) -> OgiError:
    """An exception no check foresaw, as one refusal line (never a traceback)."""
    name = type(exc).__name__
    if isinstance(exc, MemoryError):
        return OgiError("internal.memory", "内存不足，已放弃处理", "out of memory: gave up", where)
    if isinstance(exc, RecursionError):
        return OgiError("internal.too_deep", "输入嵌套过深，无法处理", "the input is nested too deeply to process", where)
    return OgiError("internal.error", f"内部错误（{name}：{exc}），请报告此问题",
                    f"internal error ({name}: {exc}); please report it", where)
