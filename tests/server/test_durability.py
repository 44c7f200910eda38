"""A killed server loses nothing it confirmed: every application answered with 201 is in the
database after `kill -9` (transactions; SQLite in WAL mode with synchronous=FULL)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import POSTGRES_URL

pytestmark = pytest.mark.slow

SETUP = r"""
import django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "ogi.server.settings"
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from django.contrib.auth import get_user_model
from ogi.server.orgs.models import Agency, Membership, Region
from ogi.server.orgs.services import token_create
r = Region.objects.create(name="青山县", level="county")
a = Agency.objects.create(region=r, name="青山县应急管理局", doc_prefix="青应急依申")
u = get_user_model().objects.create_user("clerk", "", "x" * 12)
Membership.objects.create(user=u, role="clerk", agency=a)
print(a.pk, token_create(u, "kill"))
"""
COUNT = r"""
import django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "ogi.server.settings"
django.setup()
from ogi.server.cases.models import Application
from django.db import connection
print(" ".join(Application.objects.values_list("applicant_name", flat=True)))
if connection.vendor == "sqlite":
    with connection.cursor() as c:
        c.execute("PRAGMA integrity_check"); print(c.fetchone()[0])
        c.execute("PRAGMA journal_mode"); print(c.fetchone()[0])
else:
    print("ok"); print("postgresql")
"""


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(data: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OGI_", "DJANGO_"))}
    env.update(OGI_DATA=str(data), OGI_SECRET_KEY="kill-test", OGI_TASKS="database")
    if POSTGRES_URL:
        import psycopg

        base, _, name = POSTGRES_URL.rpartition("/")
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}_kill"')
            conn.execute(f'CREATE DATABASE "{name}_kill"')
        env["OGI_DATABASE_URL"] = f"{base}/{name}_kill"
    return env


def test_kill_minus_nine_loses_nothing_confirmed(tmp_path):
    env = _env(tmp_path)
    agency, token = subprocess.run([sys.executable, "-c", SETUP], env=env, capture_output=True, text=True,
                                   check=True, timeout=120).stdout.split()
    port = _port()
    server = subprocess.Popen([sys.executable, "-m", "ogi", "serve", "--port", str(port), "--no-worker",
                               "--processes", "2"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2)
                break
            except OSError:
                time.sleep(0.25)
        confirmed: list[str] = []
        stop = threading.Event()

        def writer(w: int) -> None:
            i = 0
            while not stop.is_set():
                name = f"w{w}n{i}"
                body = json.dumps({"agency_id": int(agency), "channel": "online", "submitted": "2026-02-10",
                                   "applicant_type": "natural", "applicant_name": name, "content": "x"}).encode()
                req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/applications", body, method="POST",
                                             headers={"Authorization": f"Bearer {token}",
                                                      "Content-Type": "application/json"})
                try:
                    with urllib.request.urlopen(req, timeout=10) as resp:
                        if resp.status == 201:
                            confirmed.append(name)
                except (OSError, urllib.error.HTTPError):
                    return
                i += 1

        threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
        for t in threads:
            t.start()
        deadline = time.time() + 20
        while len(confirmed) < 40 and time.time() < deadline:
            time.sleep(0.05)
        os.killpg(server.pid, signal.SIGKILL)  # every server process, mid-flight: writers are still sending
        server.wait(timeout=10)
        stop.set()
        for t in threads:
            t.join(timeout=15)
    finally:
        try:
            os.killpg(server.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert len(confirmed) >= 40
    out = subprocess.run([sys.executable, "-c", COUNT], env=env, capture_output=True, text=True, check=True,
                         timeout=60).stdout.splitlines()
    stored = set(out[0].split())
    assert set(confirmed) <= stored, f"lost: {sorted(set(confirmed) - stored)[:5]}"
    assert out[1] == "ok" and out[2] in ("wal", "postgresql")
