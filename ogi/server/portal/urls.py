"""URLs of the public column (under /gk/) and of the 政务公开办's complaints desk (/complaints/)."""

from django.urls import path

from . import views

public_urls = ([
    path("", views.index, name="index"),
    path("textsize/", views.textsize, name="textsize"),
    path("search/", views.search, name="search"),
    path("feed.atom", views.feed, name="feed"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("sitemap/<int:n>.xml", views.sitemap_part, name="sitemap_part"),
    path("agency/<int:agency_id>/", views.agency, name="agency"),
    path("agency/<int:agency_id>/guide/", views.guide, name="guide"),
    path("agency/<int:agency_id>/system/", views.system, name="system"),
    path("agency/<int:agency_id>/items/", views.catalogue, name="catalogue"),
    path("agency/<int:agency_id>/reports/", views.reports, name="reports"),
    path("agency/<int:agency_id>/reports/<int:year>/", views.report, name="report"),
    path("agency/<int:agency_id>/reports/<int:year>.<str:fmt>", views.report_file, name="report_file"),
    path("agency/<int:agency_id>/apply/", views.apply, name="apply"),
    path("agency/<int:agency_id>/complain/", views.complain, name="complain"),
    path("item/<int:pk>/", views.item, name="item"),
    path("item/<int:pk>/file/<int:aid>/", views.item_file, name="item_file"),
    path("item/<int:pk>/rate/", views.item_rate, name="item_rate"),
    path("query/", views.lookup, name="lookup"),
    path("query/<int:app_id>/notice/<int:nid>.<str:fmt>", views.lookup_notice, name="lookup_notice"),
    path("query/<int:app_id>/rate/", views.lookup_rate, name="lookup_rate"),
    path("complaint/", views.complaint_lookup, name="complaint_lookup"),
], "portal")

desk_urls = ([
    path("", views.complaints, name="list"),
    path("<int:pk>/", views.complaint, name="detail"),
], "complaints")
