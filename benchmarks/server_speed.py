"""The workbench under concurrent load on loopback: 100,000 applications across 200 agencies;
the worklist, a search and one application's page, 20 concurrent users; p50/p95 latency and
requests/s, on SQLite and (when reachable) PostgreSQL. Target: p95 under 200 ms.

    .venv/bin/python benchmarks/server_speed.py [--apps N] [--agencies N] [--users 20] [--requests 4000]
        [--seconds 60] [--threads N] [--processes N] [--postgres URL | --no-postgres] [--keep DIR]

`--keep DIR` keeps each backend's data (DIR/sqlite, and the PostgreSQL database with its notes in
DIR/postgres) and reuses it on the next run with the same sizes: building 100,000 applications
through the ledger takes minutes.

Each backend gets a fresh data folder (and a fresh PostgreSQL database, `ogi_bench` unless
--postgres names another); the data are built through `ogi.ledger` (every projection is the
ledger's) and bulk-inserted; the server is `ogi serve` (waitress, its default processes and threads unless
given) in its own process group; the users are clerks of random agencies, each with its own
session and keep-alive HTTP/1.1 connection, run as asyncio coroutines over raw sockets in one
thread so that the client takes little of the CPU it measures (its CPU per request is printed).
Each user fetches each page once unmeasured, then `--requests` requests in all are measured
(bounded by `--seconds`). Printed per backend: p50/p95 latency and requests/s per page and in
all, the server's CPU per request (its processes only: PostgreSQL's own CPU is not counted), the
client's, and the load average (the machine may be shared: read the figures with it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
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


def _sizes(args) -> dict:
    return {"apps": args.apps, "agencies": args.agencies, "users": args.users, "today": TODAY}


def prepared(label: str, env: dict, args, notes: Path | None) -> dict:
    """The sessions and application ids of the data: built now, or read from a kept run."""
    if notes is not None and notes.exists():
        info = json.loads(notes.read_text())
        if info.get("sizes") == _sizes(args):
            info["built_s"] = "kept"
            return info
    child = subprocess.run([sys.executable, __file__, "--prepare", "--apps", str(args.apps), "--agencies",
                            str(args.agencies), "--users", str(args.users)], env=env, capture_output=True,
                           text=True, cwd=ROOT)
    if child.returncode:
        raise SystemExit(f"{label}: preparing the data failed:\n{child.stderr[-2000:]}")
    info = json.loads(child.stdout.strip().splitlines()[-1])
    if notes is not None:
        notes.write_text(json.dumps({**info, "sizes": _sizes(args)}))
    return info


def _p95(sorted_ms: list[float]) -> float:
    """The 95th percentile (nearest rank) of sorted values."""
    return sorted_ms[max(0, -(-len(sorted_ms) * 95 // 100) - 1)]


PATHS = ("worklist", "search", "application")


async def http_get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str,
                   headers: str = "") -> tuple[int, dict[str, str]]:
    """One GET over a keep-alive connection, the body read and dropped: (status, header fields,
    names in lower case). Raw sockets in one thread: the client's own cost stays out of what it
    measures (also used by portal_speed.py)."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    fields = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)}
    if "content-length" in fields:
        await reader.readexactly(int(fields["content-length"]))
    elif fields.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        raise ConnectionError("response without a length")
    return int(lines[0].split()[1]), fields


async def _load(port: int, info: dict, args, results: dict[str, list[float]], errors: list[str]) -> None:
    """The users, as coroutines of one thread over raw keep-alive sockets: the client costs
    little CPU of its own (the machine is shared with the server it measures).

    Each user first fetches each page once, unmeasured (connections, caches); then requests
    `--requests` pages in all are shared out among the users, bounded by `--seconds`."""
    stop = time.perf_counter() + args.seconds
    per_user = max(1, args.requests // len(info["sessions"]))

    async def fetch(reader, writer, path: str, cookie: str) -> int:
        status, _ = await http_get(reader, writer, path, f"Cookie: {cookie}\r\n")
        return status

    async def user(key: str) -> None:
        rng = random.Random(key)
        cookie = f"sessionid={key}"
        app_ids = info["apps"][key]

        def path_of(kind: str) -> str:
            return {"worklist": "/cases/", "search": "/cases/search/?q=" + "%E5%BC%A0",  # 张
                    "application": f"/cases/{rng.choice(app_ids)}/"}[kind]

        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for kind in PATHS:  # warm-up, not measured
                await fetch(reader, writer, path_of(kind), cookie)
            for _ in range(per_user):
                if time.perf_counter() >= stop:
                    break
                kind = rng.choice(PATHS)
                path = path_of(kind)
                t = time.perf_counter()
                try:
                    status = await fetch(reader, writer, path, cookie)
                except (OSError, asyncio.IncompleteReadError, ValueError) as err:
                    errors.append(f"{path} {err!r}")
                    writer.close()
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                    continue
                ms = (time.perf_counter() - t) * 1000
                if status != 200:
                    errors.append(f"{path} {status}")
                else:
                    results[kind].append(ms)
        finally:
            writer.close()

    await asyncio.gather(*(user(k) for k in info["sessions"]))


def run_backend(label: str, env: dict, args, notes: Path | None = None) -> dict:
    info = prepared(label, env, args, notes)
    port = _port()
    shape = [opt for name in ("threads", "processes") if getattr(args, name) for opt in (f"--{name}", str(getattr(args, name)))]
    server = subprocess.Popen([sys.executable, "-m", "ogi", "serve", "--port", str(port), "--no-worker", *shape], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, start_new_session=True)
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        results: dict[str, list[float]] = {"worklist": [], "search": [], "application": []}
        errors: list[str] = []
        client_cpu0 = time.process_time()
        cpu0 = _tree_cpu(server.pid)
        t0 = time.perf_counter()
        asyncio.run(_load(port, info, args, results, errors))
        elapsed = time.perf_counter() - t0
        server_cpu = _tree_cpu(server.pid) - cpu0
        client_cpu = time.process_time() - client_cpu0
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
                     "p95": round(_p95(xs), 1) if xs else None, "rps": round(len(xs) / elapsed, 1)}
    allx = sorted(x for xs in results.values() for x in xs)
    out["all"] = {"n": total, "p50": round(statistics.median(allx), 1), "p95": round(_p95(allx), 1),
                  "rps": round(total / elapsed, 1), "cpu_ms": round(server_cpu * 1000 / max(total, 1), 1),
                  "client_cpu_ms": round(client_cpu * 1000 / max(total, 1), 2)}
    out["load"] = round(os.getloadavg()[0], 1)
    if errors:
        out["first_errors"] = errors[:3]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--apps", type=int, default=100_000)
    ap.add_argument("--agencies", type=int, default=200)
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--requests", type=int, default=4000, help="measured requests in all (shared by the users)")
    ap.add_argument("--seconds", type=float, default=60, help="at most this long per backend")
    ap.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/ogi_bench")
    ap.add_argument("--no-postgres", action="store_true")
    ap.add_argument("--threads", type=int, help="threads per server process (default: ogi serve's)")
    ap.add_argument("--processes", type=int, help="server processes (default: ogi serve's)")
    ap.add_argument("--keep", metavar="DIR", help="keep the data here and reuse it on the next run")
    ap.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.prepare:
        prepare(args.apps, args.agencies, args.users)
        return 0
    base = {k: v for k, v in os.environ.items() if not k.startswith(("OGI_", "DJANGO_"))}
    base.update(OGI_SECRET_KEY="bench", OGI_TASKS="database", OGI_TIME_ZONE="Asia/Shanghai")
    keep = Path(args.keep).resolve() if args.keep else None

    def folder(name: str) -> tuple[str, Path | None]:
        if keep is None:
            return tempfile.mkdtemp(prefix="ogi-bench-"), None
        (keep / name).mkdir(parents=True, exist_ok=True)
        return str(keep / name), keep / name / "bench.json"

    sqlite_dir, sqlite_notes = folder("sqlite")
    if sqlite_notes is not None and not sqlite_notes.exists():
        for leftover in Path(sqlite_dir).glob("ogi.sqlite3*"):
            leftover.unlink()
    runs = [("SQLite", {**base, "OGI_DATA": sqlite_dir}, sqlite_notes)]
    if not args.no_postgres:
        try:
            import psycopg

            pg_dir, pg_notes = folder("postgres")
            reuse = pg_notes is not None and pg_notes.exists() and \
                json.loads(pg_notes.read_text()).get("sizes") == _sizes(args)
            head, _, name = args.postgres.rpartition("/")
            with psycopg.connect(f"{head}/postgres", autocommit=True, connect_timeout=3) as conn:
                exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
                if not (reuse and exists):
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
                    conn.execute(f'CREATE DATABASE "{name}"')
                    if pg_notes is not None and pg_notes.exists():
                        pg_notes.unlink()
            runs.append(("PostgreSQL", {**base, "OGI_DATA": pg_dir, "OGI_DATABASE_URL": args.postgres}, pg_notes))
        except Exception as err:  # noqa: BLE001 - any failure to reach it: say so and go on
            print(f"PostgreSQL 不可用，跳过 / PostgreSQL unreachable, skipped: {err}")
    print(f"{args.apps:,} applications, {args.agencies} agencies, {args.users} concurrent users, "
          f"{args.requests} measured requests (at most {args.seconds:.0f} s) per backend (today = {TODAY}); "
          f"ogi serve with {args.processes or 'its default'} processes × {args.threads or 'its default'} threads")
    ok = True
    for label, env, notes in runs:
        r = run_backend(label, env, args, notes)
        a = r["all"]
        print(f"\n{label}: data built in {r['built_s']} s; {a['n']} requests in {r['seconds']} s = {a['rps']} req/s; "
              f"errors {r['errors']}{' ' + str(r.get('first_errors')) if r['errors'] else ''}; "
              f"server CPU {a['cpu_ms']} ms per request, client {a['client_cpu_ms']} ms; "
              f"load average {r['load']} on {os.cpu_count()} cores")
        for kind in ("worklist", "search", "application"):
            k = r[kind]
            print(f"  {kind:<12} n={k['n']:<6} p50 {k['p50']} ms  p95 {k['p95']} ms  {k['rps']} req/s")
        print(f"  {'all':<12} p50 {a['p50']} ms  p95 {a['p95']} ms  (target p95 < {TARGET_P95_MS:.0f} ms: "
              f"{'met' if a['p95'] < TARGET_P95_MS else 'NOT met'})")
        ok = ok and a["p95"] < TARGET_P95_MS and not r["errors"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
