"""Regular expressions a document seldom needs, compiled at their first use.

CPython compiles a regular expression in Python code, and a class of Chinese characters is slow to
compile: `[\\u4e00-\\u9fa5]` marks each of its 20,902 code points one by one (about 1.5 ms), and
any class with one Chinese character builds a 65,536-entry map. A pattern at module level is
compiled by every `ogi` command at start, whether the document needs it or not. The ones few
documents reach (a fallback for a title without the agency, a date in Chinese numerals, another
numbering of the headings) are declared `LazyPattern(...)` instead: the same pattern, compiled
when it is first used. (`ogi parse` of one small file is timed against a 150 ms target:
benchmarks/parse_speed.py.)
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any


class LazyPattern:
    """`re.compile(source, flags)` on first use; the methods are `re.Pattern`'s."""

    __slots__ = ("source", "flags", "_compiled")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source, self.flags)
        return self._compiled

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled.findall(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count)

    def __repr__(self) -> str:
        return f"LazyPattern({self.source!r})"
