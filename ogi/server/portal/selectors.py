"""Reads of the public site: only `publish.Public` rows (reviewed, published content) and the
agencies' published facts. Nothing here reads personal data."""

from __future__ import annotations

from ..orgs.models import Agency, Region
from ..publish.models import Category, Public, ReportPublication
from ..publish.search import filter_public

LIST_FIELDS = ("id", "item_id", "agency_id", "index_no", "title", "doc_number", "published", "topic", "genre",
               "validity", "art20")


def agencies():
    return Agency.objects.select_related("region").order_by("region__path", "-kind", "name")


def regions():
    return Region.objects.all()


def catalogue(agency=None, category=None, topic="", year=None, art20="", genre=""):
    qs = Public.objects.only(*LIST_FIELDS)
    if agency is not None:
        qs = qs.filter(agency=agency)
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


def search(q: str, agency=None):
    qs = Public.objects.only(*LIST_FIELDS).select_related("agency").only(*LIST_FIELDS, "agency__name")
    if agency is not None:
        qs = qs.filter(agency=agency)
    return filter_public(qs, q).order_by("-published", "-id")


def page_of(qs, page: int, size: int = 20):
    """One page without counting everything: (rows, has_next)."""
    rows = list(qs[(page - 1) * size:page * size + 1])
    return rows[:size], len(rows) > size


def reports(agency):
    return ReportPublication.objects.filter(agency=agency).only("id", "year", "published", "pdf_state")
