"""URLs of the publication desk (included by ogi/server/urls.py under /publish/)."""

from django.urls import path

from . import views

app_name = "publish"
urlpatterns = [
    path("", views.desk, name="desk"),
    path("items/", views.items, name="items"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/act/", views.act, name="act"),
    path("<int:pk>/attach/", views.attach, name="attach"),
    path("<int:pk>/file/<int:aid>/", views.attachment, name="attachment"),
    path("<int:pk>/file/<int:aid>/remove/", views.attachment_remove, name="attachment_remove"),
    path("settings/<int:agency_id>/", views.agency_settings, name="settings"),
    path("tallies/<int:agency_id>/", views.tallies, name="tallies"),
    path("table2/<int:agency_id>/", views.table2, name="table2"),
    path("report/<int:agency_id>/<int:year>.<str:fmt>", views.report_file, name="report_file"),
]
