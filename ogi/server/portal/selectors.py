"""Reads of the public site: only `publish.Public` rows (reviewed, published content) and the
agencies' published facts. Nothing here reads personal data."""

from __future__ import annotations

from django.db import connection

from ..orgs.models import Agency, Region
from ..publish.models import Category, Public, ReportPublication
from ..publish.search import filter_public, query_tokens, token_shares

LIST_FIELDS = ("id", "item_id", "agency_id", "index_no", "title", "doc_number", "published", "topic", "genre",
               "validity", "art20")


def agencies():
    return Agency.objects.select_related("region").order_by("region__path", "-kind", "name")


def regions():
    return Region.objects.all()


def region_ids(region) -> list[int]:
    """The agencies of a region and of every region under it (its materialised path is a prefix)."""
    return list(Agency.objects.filter(region__path__startswith=region.path).values_list("pk", flat=True))


def region_agencies(region):
    """The agencies directly in a region (those of its sub-regions are on their own pages)."""
    return Agency.objects.filter(region=region).order_by("-kind", "name")


def ancestors(region) -> list:
    """From the top region down to `region`'s parent (a path holds at most four levels)."""
    ids = region.path_ids()[:-1]
    by_id = Region.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def region_reports(region):
    """The annual reports published by the region's agencies, newest year first (no file bodies)."""
    return (ReportPublication.objects.filter(agency__region__path__startswith=region.path)
            .select_related("agency").only("id", "year", "published", "agency__name", "agency__region_id")
            .order_by("-year", "agency__name"))


def _scoped(qs, agency=None, region=None):
    if agency is not None:
        qs = qs.filter(agency=agency)
    if region is not None:
        qs = qs.filter(agency_id__in=region_ids(region))
    return qs


def catalogue(agency=None, category=None, topic="", year=None, art20="", genre="", region=None):
    qs = _scoped(Public.objects.only(*LIST_FIELDS), agency, region)
    if category is not None:
        ids = [category.pk] + [c.pk for c in Category.objects.filter(parent=category)]
        qs = qs.filter(category_id__in=ids)
    if topic:
        qs = qs.filter(topic=topic)
    if art20:
        qs = qs.filter(art20=art20)
    if genre:
        qs = qs.filter(genre=genre)
    if year:
        import datetime as dt

        qs = qs.filter(published__gte=dt.date(year, 1, 1), published__lte=dt.date(year, 12, 31))
    return qs.order_by("-published", "-id")


def search(q: str, agency=None, region=None):
    qs = Public.objects.only(*LIST_FIELDS).select_related("agency").only(*LIST_FIELDS, "agency__name")
    return filter_public(_scoped(qs, agency, region), q).order_by("-published", "-id")


# A common term matches tens of thousands of items, and the GIN index hands them all over to be
# sorted by date (most of a second at a million items); yet the newest few thousand items already
# hold a page of its matches. So PostgreSQL first searches the newest NEWEST_WINDOW items (walking
# the date index): when they hold the whole page asked for, it is the right page, since every item
# outside the window is older than every item in it. Otherwise the term is rare among recent
# items and the index answers (few matches to sort). The window grows with the page number, up to
# WINDOW_CAP rows; deeper pages take the index. A query of several words is often rare even when each
# word is common: the statistics send it to the index without the walk.
NEWEST_WINDOW = 5_000
WINDOW_PER_ROW = 50  # window rows per result row wanted: terms in 1 of 50 items or more stay in the window
# PostgreSQL's statistics of the bigrams (`search.token_shares`) estimate how many of the window's
# items match; when fewer than the page (with this margin) are expected, the index is asked at once.
WINDOW_MARGIN = 1.5
WINDOW_CAP = 200_000


def search_page(q: str, agency=None, page: int = 1, size: int = 20, region=None):
    """One page of search results, newest first: (rows, has_next)."""
    if connection.vendor == "postgresql":
        found = _newest_first(q, agency, page, size, region)
        if found is not None:
            return found
    return page_of(search(q, agency, region), page, size)


def _newest_first(q: str, agency, page: int, size: int, region=None):
    toks = query_tokens(q)
    want = page * size + 1  # one more than the page shows: is there a next page?
    window = max(NEWEST_WINDOW, want * WINDOW_PER_ROW)
    if not toks or window > WINDOW_CAP:
        return None
    share = token_shares.estimate(q, connection)
    if share is not None and share * window < want * WINDOW_MARGIN:
        return None  # the statistics say the window would not hold the page: skip the walk
    scope, params = "", []
    if agency is not None:
        scope, params = "WHERE agency_id = %s", [agency.pk]
    elif region is not None:
        scope, params = "WHERE agency_id = ANY(%s)", [region_ids(region)]
    sql = ("SELECT w.id FROM (SELECT id, published, search_tsv FROM publish_public " + scope +
           " ORDER BY published DESC, id DESC LIMIT %s) w WHERE w.search_tsv @@ plainto_tsquery('simple', %s) "
           "ORDER BY w.published DESC, w.id DESC LIMIT %s")
    with connection.cursor() as cur:
        cur.execute(sql, [*params, window, " ".join(toks), want])
        ids = [r[0] for r in cur.fetchall()]
    if len(ids) < want:
        return None  # the window does not hold the page: the index decides
    ids = ids[(page - 1) * size:]
    by_id = {p.pk: p for p in search(q, agency).filter(pk__in=ids)}  # ids already scoped
    rows = [by_id[i] for i in ids if i in by_id]
    return rows[:size], len(rows) > size


def page_of(qs, page: int, size: int = 20):
    """One page without counting everything: (rows, has_next)."""
    rows = list(qs[(page - 1) * size:page * size + 1])
    return rows[:size], len(rows) > size


def reports(agency):
    return ReportPublication.objects.filter(agency=agency).only("id", "year", "published", "pdf_state")
