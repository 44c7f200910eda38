"""Full-text search of the public catalogue, for Chinese without a word segmenter.

Text is indexed as overlapping CJK bigrams plus Latin/digit words (安全生产 → 安全 全生 生产);
a query is cut the same way and every token must match, which finds any substring of two or
more characters. On PostgreSQL the tokens are a `to_tsvector('simple', …)` behind a GIN index
(a stored tsvector column, migration 0003); on SQLite the same tokens are matched in the stored text with LIKE.
"""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[0-9a-z]+")
MAX_QUERY = 100  # characters of a query that are searched


def tokens(text: str) -> list[str]:
    text = (text or "").lower()
    out: list[str] = []
    for run in _CJK.findall(text):
        out.extend(run[i:i + 2] for i in range(len(run) - 1)) if len(run) > 1 else out.append(run)
    out.extend(_WORD.findall(_CJK.sub(" ", text)))
    return out


def search_text(*parts: str) -> str:
    """The indexed text of an item (duplicates kept once, order irrelevant to the index)."""
    seen: dict[str, None] = {}
    for part in parts:
        for t in tokens(part):
            seen.setdefault(t)
    return " ".join(seen)


def query_tokens(q: str) -> list[str]:
    seen: dict[str, None] = {}
    for t in tokens((q or "")[:MAX_QUERY]):
        seen.setdefault(t)
    return list(seen)[:30]


def filter_public(qs, q: str):
    """`qs` (of `Public`) limited to the rows matching every token of `q`."""
    from django.db import connection
    from django.db.models import Q

    toks = query_tokens(q)
    if not toks:
        return qs.none() if (q or "").strip() else qs
    if connection.vendor == "postgresql":
        # search_tsv: the generated tsvector column of migration 0003, behind its GIN index
        return qs.extra(where=["publish_public.search_tsv @@ plainto_tsquery('simple', %s)"], params=[" ".join(toks)])
    cond = Q()
    for t in toks:
        cond &= Q(search__contains=f" {t} ") | Q(search__startswith=f"{t} ") | Q(search__endswith=f" {t}") | \
            Q(search=t)
    return qs.filter(cond)
