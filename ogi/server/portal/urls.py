"""URLs of the public column (under /gk/) and of the 政务公开办's complaints desk (/complaints/)."""

from django.urls import path, register_converter

from . import views


class IdConverter:
    """A database id: at most 18 digits (a longer number is a 404, never an integer overflow)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "id")

public_urls = ([
    path("", views.index, name="index"),
    path("textsize/", views.textsize, name="textsize"),
    path("language/", views.language, name="language"),
    path("search/", views.search, name="search"),
    path("feed.atom", views.feed, name="feed"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("sitemap/<id:n>.xml", views.sitemap_part, name="sitemap_part"),
    path("region/<id:region_id>/", views.region, name="region"),
    path("agency/<id:agency_id>/", views.agency, name="agency"),
    path("agency/<id:agency_id>/guide/", views.guide, name="guide"),
    path("agency/<id:agency_id>/system/", views.system, name="system"),
    path("agency/<id:agency_id>/items/", views.catalogue, name="catalogue"),
    path("agency/<id:agency_id>/reports/", views.reports, name="reports"),
    path("agency/<id:agency_id>/reports/<id:year>/", views.report, name="report"),
    path("agency/<id:agency_id>/reports/<id:year>.<str:fmt>", views.report_file, name="report_file"),
    path("agency/<id:agency_id>/apply/", views.apply, name="apply"),
    path("agency/<id:agency_id>/complain/", views.complain, name="complain"),
    path("item/<id:pk>/", views.item, name="item"),
    path("item/<id:pk>/file/<id:aid>/", views.item_file, name="item_file"),
    path("item/<id:pk>/rate/", views.item_rate, name="item_rate"),
    path("query/", views.lookup, name="lookup"),
    path("query/<id:app_id>/notice/<id:nid>.<str:fmt>", views.lookup_notice, name="lookup_notice"),
    path("query/<id:app_id>/rate/", views.lookup_rate, name="lookup_rate"),
    path("complaint/", views.complaint_lookup, name="complaint_lookup"),
], "portal")

desk_urls = ([
    path("", views.complaints, name="list"),
    path("period/", views.complaint_period, name="period"),
    path("<id:pk>/", views.complaint, name="detail"),
], "complaints")
