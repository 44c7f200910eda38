"""Full-text search of the public catalogue, for Chinese without a word segmenter.

Text is indexed as overlapping CJK bigrams plus Latin/digit words (安全生产 → 安全 全生 生产);
a query is cut the same way and every token must match, which finds any substring of two or
more characters. On PostgreSQL the tokens are a `to_tsvector('simple', …)` behind a GIN index
(a stored tsvector column, migration 0003); on SQLite the same tokens are matched in the stored text with LIKE.
"""

from __future__ import annotations

import re
import time

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


class TokenShares:
    """How common each token is among the public items, from PostgreSQL's own statistics of the
    tsvector column (`pg_stats.most_common_elems`, kept by ANALYZE), read at most every
    `max_age` seconds. Used only to choose how to search, never what is found."""

    def __init__(self, max_age: float = 600.0) -> None:
        self.max_age = max_age
        self._read_at = -max_age
        self._shares: dict[str, float] = {}
        self._rare = 0.0  # a token not listed is rarer than every listed one

    def _refresh(self, connection) -> None:
        with connection.cursor() as cur:
            cur.execute("SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                        "WHERE tablename = 'publish_public' AND attname = 'search_tsv'")
            row = cur.fetchone()
        elems, freqs = (row or (None, None))
        elems, freqs = elems or [], freqs or []
        self._shares = dict(zip(elems, freqs[:len(elems)], strict=False))
        self._rare = min(self._shares.values(), default=0.0) / 2  # as the planner reckons (ts_selfuncs.c)
        self._read_at = time.monotonic()

    def estimate(self, q: str, connection) -> float | None:
        """The share of items expected to match `q` (None: no statistics yet). The bigrams of one
        word go together (its rarest bigram bounds it); different words are taken as independent."""
        if time.monotonic() - self._read_at > self.max_age:
            self._refresh(connection)
        if not self._shares:
            return None
        share = 1.0
        for word in (q or "")[:MAX_QUERY].split():
            toks = tokens(word)
            if toks:
                share *= min(self._shares.get(t, self._rare) for t in toks)
        return share


token_shares = TokenShares()
