"""URLs of the publication desk (included by ogi/server/urls.py under /publish/)."""

from django.urls import path

from ..portal.urls import IdConverter  # noqa: F401  (registers <id:…>)
from . import views

app_name = "publish"
urlpatterns = [
    path("", views.desk, name="desk"),
    path("items/", views.items, name="items"),
    path("new/", views.create, name="create"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/edit/", views.edit, name="edit"),
    path("<id:pk>/act/", views.act, name="act"),
    path("<id:pk>/attach/", views.attach, name="attach"),
    path("<id:pk>/file/<id:aid>/", views.attachment, name="attachment"),
    path("<id:pk>/file/<id:aid>/remove/", views.attachment_remove, name="attachment_remove"),
    path("settings/<id:agency_id>/", views.agency_settings, name="settings"),
    path("tallies/<id:agency_id>/", views.tallies, name="tallies"),
    path("table2/<id:agency_id>/", views.table2, name="table2"),
    path("report/<id:agency_id>/<id:year>.<str:fmt>", views.report_file, name="report_file"),
]
