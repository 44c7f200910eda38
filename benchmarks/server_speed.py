"""The workbench under concurrent load on loopback: 100,000 applications across 200 agencies;
the worklist, a search and one application's page, 20 concurrent users; p50/p95 latency and
requests/s, on SQLite and (when reachable) PostgreSQL. Target: p95 under 200 ms.

    .venv/bin/python benchmarks/server_speed.py [--apps N] [--agencies N] [--users 20] [--seconds 30]
        [--postgres URL | --no-postgres]

Each backend gets a fresh data folder (and a fresh PostgreSQL database `ogi_bench`); the data
are built through `ogi.ledger` (every projection is the ledger's) and bulk-inserted; the server
is `ogi serve` (waitress, 8 threads) in its own process; the users are clerks of random agencies,
each with its own session, over keep-alive HTTP/1.1 connections. The client shares the machine.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

TARGET_P95_MS = 200.0
TODAY = "2026-06-15"
ROOT = Path(__file__).resolve().parent.parent


def prepare(n_apps: int, n_agencies: int, n_users: int) -> None:
    """Runs in a child process with OGI_* set: migrate, build the data, print the sessions."""
    import datetime as dt

    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = "ogi.server.settings"
    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import transaction

    from ogi.ledger import default_calendar, lifecycle, outcomes
    from ogi.ledger import events as ev
    from ogi.server.cases import services
    from ogi.server.cases.models import Application, Event
    from ogi.server.orgs.models import Agency, Membership, Region

    call_command("migrate", interactive=False, verbosity=0)
    rng = random.Random(2026)
    cal = default_calendar()
    today = dt.date.fromisoformat(TODAY)
    t0 = time.perf_counter()
    with transaction.atomic():
        prov = Region.objects.create(name="东江省", level="province")
        cities = [Region.objects.create(name=f"第{i}市", level="city", parent=prov) for i in range(4)]
        counties = [Region.objects.create(name=f"第{i}县", level="county", parent=cities[i % 4]) for i in range(20)]
        agencies = Agency.objects.bulk_create([
            Agency(region=counties[i % 20], name=f"第{i % 20}县第{i}局", kind="department", doc_prefix=f"测{i}")
            for i in range(n_agencies)])
        User = get_user_model()
        users = User.objects.bulk_create([User(username=f"clerk{i}", password="!") for i in range(n_agencies)])
        Membership.objects.bulk_create([Membership(user=u, role="clerk", agency=a) for u, a in zip(users, agencies, strict=True)])
        names = ["张伟", "王芳", "李娜", "刘洋", "青山建材有限公司", "明理律师事务所"]
        apps = []
        days = [today - dt.timedelta(days=d) for d in range(400)]
        days = [d for d in days if cal.is_working_day(d)]
        decidable = outcomes.DECIDABLE[:-1]
        for i in range(n_apps):
            agency = agencies[i % n_agencies]
            received = rng.choice(days)
            story = [ev.Event(ev.RECEIVED, received, {})]
            if (today - received).days > 40 or rng.random() < 0.5:
                decided = cal.add_working_days(received, rng.randint(3, 19))
                if decided <= today:
                    c = rng.choice(decidable) if rng.random() < 0.4 else "granted"
                    c = "granted" if c == "unable.unclear" else c
                    story.append(ev.Event(ev.DECIDED, decided, {"category": c, "basis": "依据"}))
            elif rng.random() < 0.2:
                story.append(ev.Event(ev.CORRECTION_SENT, received, {"items": "补正"}))
            app = Application(agency=agency, number=f"{received.year}-{i:06d}", channel="online",
                              applicant_type=rng.choice(lifecycle.APPLICANT_TYPES), applicant_name=rng.choice(names),
                              content=f"关于第{i}号文件的公开申请", submitted=received)
            services.project(app, services.ledger_application(app, story))
            apps.append((app, story))
        Application.objects.bulk_create([a for a, _ in apps], batch_size=2000)
        Event.objects.bulk_create([Event(application=a, seq=j, kind=e.kind, date=e.date, data=e.data)
                                   for a, story in apps for j, e in enumerate(story, 1)], batch_size=5000)
    built = time.perf_counter() - t0
    sessions = []
    picks = rng.sample(range(n_agencies), n_users)
    ids = {}
    for k in picks:
        s = SessionStore()
        u = users[k]
        s["_auth_user_id"] = str(u.pk)
        s["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        s["_auth_user_hash"] = u.get_session_auth_hash()
        s.create()
        app_ids = list(Application.objects.filter(agency=agencies[k]).values_list("pk", flat=True)[:50])
        sessions.append(s.session_key)
        ids[s.session_key] = app_ids
    print(json.dumps({"built_s": round(built, 1), "sessions": sessions, "apps": ids}))


def _tree_cpu(pid: int) -> float:
    """CPU seconds used so far by the server and its worker processes."""
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_backend(label: str, env: dict, args) -> dict:
    child = subprocess.run([sys.executable, __file__, "--prepare", "--apps", str(args.apps), "--agencies",
                            str(args.agencies), "--users", str(args.users)], env=env, capture_output=True,
                           text=True, cwd=ROOT)
    if child.returncode:
        raise SystemExit(f"{label}: preparing the data failed:\n{child.stderr[-2000:]}")
    info = json.loads(child.stdout.strip().splitlines()[-1])
    port = _port()
    server = subprocess.Popen([sys.executable, "-m", "ogi", "serve", "--port", str(port), "--no-worker",
                               "--threads", "8"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                              start_new_session=True)
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        results: dict[str, list[float]] = {"worklist": [], "search": [], "application": []}
        errors = []
        stop = time.perf_counter() + args.seconds
        lock = threading.Lock()

        def user(key: str) -> None:
            rng = random.Random(key)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            headers = {"Cookie": f"sessionid={key}"}
            app_ids = info["apps"][key]
            while time.perf_counter() < stop:
                kind = rng.choice(("worklist", "search", "application"))
                path = {"worklist": "/cases/", "search": "/cases/search/?q=" + "%E5%BC%A0",  # 张
                        "application": f"/cases/{rng.choice(app_ids)}/"}[kind]
                t = time.perf_counter()
                try:
                    conn.request("GET", path, headers=headers)
                    resp = conn.getresponse()
                    resp.read()
                except (OSError, http.client.HTTPException) as err:
                    errors.append(str(err))
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    continue
                ms = (time.perf_counter() - t) * 1000
                with lock:
                    if resp.status != 200:
                        errors.append(f"{path} {resp.status}")
                    else:
                        results[kind].append(ms)

        threads = [threading.Thread(target=user, args=(k,)) for k in info["sessions"]]
        cpu0 = _tree_cpu(server.pid)
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0
        server_cpu = _tree_cpu(server.pid) - cpu0
    finally:
        import signal

        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    out = {"backend": label, "built_s": info["built_s"], "errors": len(errors), "seconds": round(elapsed, 1)}
    total = 0
    for kind, xs in results.items():
        xs.sort()
        total += len(xs)
        out[kind] = {"n": len(xs), "p50": round(statistics.median(xs), 1) if xs else None,
                     "p95": round(xs[int(len(xs) * 0.95) - 1], 1) if xs else None}
    allx = sorted(x for xs in results.values() for x in xs)
    out["all"] = {"n": total, "p50": round(statistics.median(allx), 1), "p95": round(allx[int(len(allx) * 0.95) - 1], 1),
                  "rps": round(total / elapsed, 1), "cpu_ms": round(server_cpu * 1000 / max(total, 1), 1)}
    out["load"] = round(os.getloadavg()[0], 1)
    if errors:
        out["first_errors"] = errors[:3]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--apps", type=int, default=100_000)
    ap.add_argument("--agencies", type=int, default=200)
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/ogi_bench")
    ap.add_argument("--no-postgres", action="store_true")
    ap.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.prepare:
        prepare(args.apps, args.agencies, args.users)
        return 0
    base = {k: v for k, v in os.environ.items() if not k.startswith(("OGI_", "DJANGO_"))}
    base.update(OGI_SECRET_KEY="bench", OGI_TASKS="database", OGI_TIME_ZONE="Asia/Shanghai")
    runs = [("SQLite", {**base, "OGI_DATA": tempfile.mkdtemp(prefix="ogi-bench-")})]
    if not args.no_postgres:
        try:
            import psycopg

            head, _, name = args.postgres.rpartition("/")
            with psycopg.connect(f"{head}/postgres", autocommit=True, connect_timeout=3) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
                conn.execute(f'CREATE DATABASE "{name}"')
            runs.append(("PostgreSQL", {**base, "OGI_DATA": tempfile.mkdtemp(prefix="ogi-bench-"),
                                        "OGI_DATABASE_URL": args.postgres}))
        except Exception as err:  # noqa: BLE001 - any failure to reach it: say so and go on
            print(f"PostgreSQL 不可用，跳过 / PostgreSQL unreachable, skipped: {err}")
    print(f"{args.apps:,} applications, {args.agencies} agencies, {args.users} concurrent users, "
          f"{args.seconds:.0f} s per backend (today = {TODAY})")
    ok = True
    for label, env in runs:
        r = run_backend(label, env, args)
        a = r["all"]
        print(f"\n{label}: data built in {r['built_s']} s; {a['n']} requests in {r['seconds']} s = {a['rps']} req/s; "
              f"errors {r['errors']}{' ' + str(r.get('first_errors')) if r['errors'] else ''}; "
              f"server CPU {a['cpu_ms']} ms per request; load average {r['load']} on {os.cpu_count()} cores")
        for kind in ("worklist", "search", "application"):
            k = r[kind]
            print(f"  {kind:<12} n={k['n']:<6} p50 {k['p50']} ms  p95 {k['p95']} ms")
        print(f"  {'all':<12} p50 {a['p50']} ms  p95 {a['p95']} ms  (target p95 < {TARGET_P95_MS:.0f} ms: "
              f"{'met' if a['p95'] < TARGET_P95_MS else 'NOT met'})")
        ok = ok and a["p95"] < TARGET_P95_MS and not r["errors"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
