"""Agency names as one key per agency across a corpus: 区应急管理局, 赛罕区应急管理局 and
呼和浩特市赛罕区应急管理局.

Reports name their agency at different lengths: with the whole chain of administrative divisions
(呼和浩特市赛罕区应急管理局), with the innermost one (赛罕区应急管理局), or with only its level
(区应急管理局, when the text says which district elsewhere). The key of an agency is the innermost
named division plus the agency proper (赛罕区应急管理局); the divisions above it are kept apart as
`parents`. A name without a named division (区应急管理局) is linked across a corpus by suffix
(`resolve`), never guessed when two agencies would fit. How a name splits into its parts
(`parse_agency`) and whether two names are one agency (`same_agency`, which `ogi check` asks)
are the report model's (ogi.model): every layer may read them.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import parse_agency


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
