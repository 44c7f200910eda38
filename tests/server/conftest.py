"""The workbench under test, on SQLite (default) or PostgreSQL.

Select PostgreSQL with `OGI_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ogi_test`: the
test database is created beside it (pytest-django, one per xdist worker) and every server test
is then also marked `postgres`. Today's date is fixed by monkeypatching the views' `today`.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile

import pytest

os.environ["OGI_DATA"] = tempfile.mkdtemp(prefix="ogi-test-")
os.environ["OGI_SECRET_KEY"] = "test-secret-key-not-for-production"
os.environ["OGI_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
os.environ["OGI_LOCKOUT_ATTEMPTS"] = "5"
os.environ["OGI_MAX_UPLOAD_BYTES"] = str(200_000)
POSTGRES_URL = os.environ.get("OGI_TEST_DATABASE_URL", "")
if POSTGRES_URL:
    os.environ["OGI_DATABASE_URL"] = POSTGRES_URL
else:
    os.environ.pop("OGI_DATABASE_URL", None)
os.environ["DJANGO_SETTINGS_MODULE"] = "ogi.server.settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast fixtures; tests only

from django.contrib.auth import get_user_model  # noqa: E402

from ogi.server.orgs.models import Agency, Membership, Region  # noqa: E402
from ogi.server.orgs.services import token_create  # noqa: E402

TODAY = dt.date(2026, 3, 11)
PASSWORD = "correct-horse-42"
ROLES = ("clerk", "approver", "secrecy", "admin", "office", "sysadmin", "other", "far")


def pytest_collection_modifyitems(config, items):
    if POSTGRES_URL:
        for item in items:
            if "tests/server" in str(item.fspath):
                item.add_marker(pytest.mark.postgres)


@pytest.fixture(autouse=True)
def _fresh_portal_cache():
    """The public pages' cache lives in the process; each test's database starts again."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def today(monkeypatch):
    from ogi.server.api import views as api_views
    from ogi.server.cases import views
    from ogi.server.portal import views as portal_views
    from ogi.server.publish import views as publish_views

    monkeypatch.setattr(views, "today", lambda: TODAY)
    monkeypatch.setattr(api_views, "_today", lambda: TODAY)
    monkeypatch.setattr(publish_views, "today", lambda: TODAY)
    monkeypatch.setattr(portal_views, "today", lambda: TODAY)
    return TODAY


def build_world():
    """Two counties; agencies A and B in the first, C in the second; a user for every role."""
    prov = Region.objects.create(name="东江省", level=Region.PROVINCE)
    city = Region.objects.create(name="临川市", level=Region.CITY, parent=prov)
    county = Region.objects.create(name="青山县", level=Region.COUNTY, parent=city)
    far_county = Region.objects.create(name="远山县", level=Region.COUNTY, parent=city)
    a = Agency.objects.create(region=county, name="青山县应急管理局", doc_prefix="青应急依申", office_name="办公室")
    b = Agency.objects.create(region=county, name="青山县教育局", doc_prefix="青教依申")
    c = Agency.objects.create(region=far_county, name="远山县教育局", doc_prefix="远教依申")
    User = get_user_model()
    users = {}
    spec = {"clerk": (Membership.CLERK, a, None), "approver": (Membership.APPROVER, a, None),
            "secrecy": (Membership.SECRECY, a, None), "admin": (Membership.AGENCY_ADMIN, a, None),
            "office": (Membership.REGION_OFFICE, None, county), "sysadmin": (Membership.SYSADMIN, None, None),
            "other": (Membership.CLERK, b, None), "far": (Membership.REGION_OFFICE, None, far_county)}
    for name, (role, agency, region) in spec.items():
        u = User.objects.create_user(name, f"{name}@example.invalid", PASSWORD, first_name=f"{name}姓名")
        Membership.objects.create(user=u, role=role, agency=agency, region=region)
        users[name] = u
    return {"a": a, "b": b, "c": c, "county": county, "users": users}


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def tokens(world):
    return {name: token_create(u, "test") for name, u in world["users"].items()}


def register(user, agency, today=TODAY, **over):
    from ogi.server.cases import services

    data = {"channel": "online", "submitted": dt.date(2026, 2, 10), "applicant_type": "natural",
            "applicant_name": "张三", "applicant_email": "zhangsan@example.invalid", "content": "某文件",
            "form": "either", "delivery": "email"}
    data.update(over)
    return services.application_register(user, agency, data, today)
