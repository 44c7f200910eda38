"""Every URL of the workbench. The permission matrix test walks this list: a URL it does not
know fails the test."""

from django.urls import include, path
from django.views.generic import RedirectView

from .api.views import api
from .audit import views as audit
from .cases import transfer_views as transfer
from .cases import views as cases
from .orgs import views as orgs
from .portal.urls import desk_urls as complaints_urls
from .portal.urls import public_urls as portal_urls

cases_urls = ([
    path("", cases.worklist, name="worklist"),
    path("search/", cases.search, name="search"),
    path("new/", cases.register, name="register"),
    path("<int:pk>/", cases.detail, name="detail"),
    path("<int:pk>/step/<str:kind>/", cases.step, name="step"),
    path("<int:pk>/notice/<int:nid>.<str:fmt>", cases.notice_file, name="notice"),
    path("<int:pk>/notice/<int:nid>/email/", cases.notice_email, name="notice_email"),
    path("<int:pk>/appeal/", cases.appeal_add, name="appeal_add"),
    path("<int:pk>/appeal/<int:aid>/conclude/", cases.appeal_conclude, name="appeal_conclude"),
    path("export.<str:fmt>", transfer.export, name="export"),
    path("ledger/<int:agency_id>.json", transfer.ledger_json, name="ledger_json"),
    path("table3/<int:agency_id>/", transfer.table3, name="table3"),
    path("calendar/", transfer.holiday_notices, name="holidays"),
    path("import/ledger/", transfer.ledger_import, name="import_ledger"),
    path("import/sheet/", transfer.sheet_import, name="import_sheet"),
], "cases")

orgs_urls = ([
    path("", orgs.agencies, name="agencies"),
    path("<int:pk>/", orgs.agency, name="agency"),
    path("<int:pk>/edit/", orgs.agency_edit, name="agency_edit"),
    path("<int:pk>/delete/", orgs.agency_delete, name="agency_delete"),
    path("people/", orgs.people, name="people"),
    path("people/<int:uid>/password/", orgs.password_reset, name="password_reset"),
    path("tokens/", orgs.tokens, name="tokens"),
    path("setup/", orgs.setup, name="setup"),
], "orgs")

audit_urls = ([
    path("", audit.entries, name="entries"),
    path("export.csv", audit.export, name="export"),
], "audit")

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="cases:worklist"), name="home"),
    path("login/", orgs.login_view, name="login"),
    path("logout/", orgs.logout_view, name="logout"),
    path("account/password/", orgs.password_change, name="password_change"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("cases/", include(cases_urls)),
    path("agencies/", include(orgs_urls)),
    path("audit/", include(audit_urls)),
    path("publish/", include("ogi.server.publish.urls")),
    path("complaints/", include(complaints_urls)),
    path("gk/", include(portal_urls)),
    path("api/v1/", api.urls),
]

handler400 = "ogi.server.errors.bad_request"
handler403 = "ogi.server.errors.forbidden"
handler404 = "ogi.server.errors.not_found"
handler500 = "ogi.server.errors.server_error"
