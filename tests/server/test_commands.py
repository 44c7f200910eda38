"""The commands around the workbench: the first administrator, the worker, the daily mail."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ogi.cli import main


def _env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OGI_", "DJANGO_"))}
    env.update(OGI_DATA=str(tmp_path), OGI_SECRET_KEY="cmd-test", ADMIN_PW="a-long-password-1")
    return env


@pytest.mark.slow
def test_add_admin_then_log_in(tmp_path):
    env = _env(tmp_path)
    run = subprocess.run([sys.executable, "-m", "ogi", "add-admin", "root", "--name", "管理员", "--password-env",
                          "ADMIN_PW", "--data", str(tmp_path)], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and "root" in run.stdout, run.stderr
    weak = subprocess.run([sys.executable, "-m", "ogi", "add-admin", "x", "--password-env", "NOPE", "--data",
                           str(tmp_path)], env=env, capture_output=True, text=True, timeout=120)
    assert weak.returncode == 2 and "Traceback" not in weak.stderr
    check = subprocess.run([sys.executable, "-c", (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='ogi.server.settings'; django.setup();"
        "from django.contrib.auth import authenticate; from ogi.server import permissions;"
        "u = authenticate(username='root', password='a-long-password-1');"
        "print(bool(u), permissions.can(u, 'region.manage'))")], env=env, capture_output=True, text=True, timeout=120)
    assert check.stdout.split() == ["True", "True"], check.stderr


def test_due_mail_refuses_a_bad_date(capsys):
    assert main(["due-mail", "--date", "2026-13-40"]) == 2
    assert "无效" in capsys.readouterr().err


@pytest.mark.slow
def test_worker_runs_the_pdf_task(transactional_db, django_capture_on_commit_callbacks):
    """A notice's PDF is a task on the database queue; `ogi worker` (db_worker) runs it."""
    import shutil

    if not shutil.which("soffice"):
        pytest.fail("LibreOffice is needed: apt-get install libreoffice-writer-nogui fonts-noto-cjk")
    from django.core.management import call_command

    from ogi.server.cases.models import Notice

    from .conftest import build_world, register

    world = build_world()
    with django_capture_on_commit_callbacks(execute=True):
        app = register(world["users"]["clerk"], world["a"])
    notice = Notice.objects.get(application=app)
    assert notice.pdf_state == "pending"
    call_command("db_worker", "--batch", "--queue-name", "*", "--no-reload", "--no-startup-delay")
    notice.refresh_from_db()
    assert notice.pdf_state == "done" and bytes(notice.pdf)[:5] == b"%PDF-"
