"""The project itself: migrations match the models, Django's checks pass."""

from __future__ import annotations

import io

from django.core.management import call_command


def test_migrations_match_the_models(db):
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)  # exits non-zero when a change is missing
    assert "No changes detected" in out.getvalue()


def test_django_system_checks():
    call_command("check", fail_level="WARNING")
