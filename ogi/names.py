"""Agency names as one key per agency: 区应急管理局, 赛罕区应急管理局 and 呼和浩特市赛罕区应急管理局.

Reports name their agency at different lengths: with the whole chain of administrative divisions
(呼和浩特市赛罕区应急管理局), with the innermost one (赛罕区应急管理局), or with only its level
(区应急管理局, when the text says which district elsewhere). The key of an agency is the innermost
named division plus the agency proper (赛罕区应急管理局); the divisions above it are kept apart as
`parents`. A name without a named division (区应急管理局) is linked across a corpus by suffix
(`resolve`), never guessed when two agencies would fit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Suffixes of administrative division names (GB/T 2260 levels, plus 镇/乡/街道 are left out on
# purpose: 城乡 in 住房和城乡建设局 would read as one). Longest first so 自治州 wins over 州.
_LEVELS = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "新区", "省", "市", "州", "盟", "区", "县", "旗")
# A division: two to eight characters of name, then a level; lazy so 奉化区市场监督管理局 is 奉化区 + 市场….
_DIVISION = re.compile(r"^([\u4e00-\u9fa5]{2,8}?(?:" + "|".join(_LEVELS) + r"))(.+)$")
_SPACE = re.compile(r"[\s\u3000\xa0]+")


@dataclass(frozen=True, slots=True)
class AgencyName:
    raw: str
    parents: tuple[str, ...]  # divisions above the innermost one: ("内蒙古自治区", "呼和浩特市")
    division: str | None  # the innermost named division: 赛罕区
    body: str  # the agency proper: 应急管理局 (or 区应急管理局 when only the level is printed)

    @property
    def key(self) -> str:
        return (self.division or "") + self.body

    @property
    def region(self) -> str | None:
        return self.division


def parse_agency(name: str | None) -> AgencyName | None:
    if not name:
        return None
    raw = _SPACE.sub("", name)
    divisions: list[str] = []
    rest = raw
    while True:
        m = _DIVISION.match(rest)
        if not m or len(m.group(2)) < 2:
            break
        divisions.append(m.group(1))
        rest = m.group(2)
    if not divisions:
        return AgencyName(raw, (), None, raw)
    return AgencyName(raw, tuple(divisions[:-1]), divisions[-1], rest)


def normalise_agency(name: str | None) -> str | None:
    """The agency key of a single name, without corpus context (呼和浩特市赛罕区应急管理局 → 赛罕区应急管理局)."""
    parsed = parse_agency(name)
    return parsed.key if parsed else None


def resolve(keys: Iterable[str | None], region_of: dict[str, str | None] | None = None) -> dict[str, str]:
    """Map every key without a named division onto the one named key that ends with it.

    区应急管理局 → 赛罕区应急管理局 when that is the only agency in the corpus whose key ends with
    区应急管理局 (and, given `region_of[key]` for the unnamed one, lies in that region). Keys that
    fit several agencies, or none, map to themselves.
    """
    present = {k for k in keys if k}
    named = [k for k in present if (p := parse_agency(k)) is not None and p.division]
    out = {k: k for k in present}
    for k in present:
        if k in named:
            continue
        candidates = [n for n in named if n.endswith(k) and n != k]
        region = (region_of or {}).get(k)
        if region:
            candidates = [n for n in candidates if (p := parse_agency(n)) is not None and p.division == region] \
                or candidates
        if len(candidates) == 1:
            out[k] = candidates[0]
    return out


def same_agency(a: str | None, b: str | None) -> bool | None:
    """Whether two printed names are the same agency; None when either is unknown.

    赛罕区应急管理局 and 呼和浩特市赛罕区应急管理局 are; 区应急管理局 and 赛罕区应急管理局 may be
    (the shorter name only prints the level), and are taken to be.
    """
    pa, pb = parse_agency(a), parse_agency(b)
    if pa is None or pb is None:
        return None
    if pa.key == pb.key:
        return True
    if pa.division and pb.division:
        return False
    return pa.key.endswith(pb.key) or pb.key.endswith(pa.key)
