"""The public column under concurrent load on loopback, on PostgreSQL: N published items across
M agencies; catalogue pages, full-text search and item pages; p50/p95 latency and requests/s,
split by cache hit and miss. Targets: p95 under 100 ms for cached pages, under 300 ms for search.

    .venv/bin/python benchmarks/portal_speed.py [--items 1000000] [--agencies 500] [--users 20]
        [--seconds 30] [--postgres URL] [--reuse] [--traffic readers|uniform]

The data are written straight into the tables with COPY (items and their public rows, the
search text cut by `ogi.server.publish.search`), the full-text GIN index built afterwards; the
server is `ogi serve` (waitress, its default processes and threads) in its own process group;
every user keeps a keep-alive HTTP/1.1 connection and sends one request at a time, the users being
coroutines of one thread over raw sockets (as in `server_speed.py`: a client of 20 Python threads
would add its own waits for the interpreter lock to the latencies it measures). Requests are bounded: each user stops at --seconds,
every request has a 30 s timeout; the first --warmup seconds fill the caches and are not counted. `--reuse` keeps a database already built with the same
numbers. The client shares the machine with the server.

`--traffic` says which pages are asked: `readers` (the default) as a site's readers ask, a few pages
most of the time (Zipf's law over agencies, items and searches; see `paths`); `uniform` every page
alike among a million items, so that nearly every request misses the cache (the worst case). Both
are worth printing: the first is the site in use, the second what a crawler costs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server_speed import _port, _tree_cpu, http_get  # noqa: E402

TARGETS_MS = {"cached": 100.0, "search": 300.0}
ROOT = Path(__file__).resolve().parent.parent
WORDS = ["安全生产", "应急管理", "危险化学品", "防汛抗旱", "森林防火", "财政预算", "政府采购", "行政许可", "行政处罚",
         "义务教育", "医疗保障", "养老服务", "就业创业", "生态环境", "大气污染", "城乡建设", "道路交通", "食品安全",
         "药品监管", "市场监管", "农村土地", "乡村振兴", "统计公报", "规划编制", "公务员招考", "社会救助", "住房保障"]
GENRES = ["通知", "意见", "方案", "公告", "规划", "办法", "报告", "批复"]
TOPICS = ["综合政务", "财政、金融、审计", "市场监管、安全生产监管", "城乡建设、环境保护", "科技、教育", "卫生、体育",
          "民政、扶贫、救灾", "农业、林业、水利"]


def prepare(n_items: int, n_agencies: int, reuse: bool) -> None:
    """Runs in a child process with OGI_* set: migrate, write the data with COPY, print facts."""
    import datetime as dt

    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = "ogi.server.settings"
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from ogi.server.orgs.models import Agency, Region
    from ogi.server.publish.models import Public
    from ogi.server.publish.search import search_text

    call_command("migrate", interactive=False, verbosity=0)
    if reuse and Public.objects.count() == n_items and Agency.objects.count() == n_agencies:
        with connection.cursor() as cur:
            cur.execute("ANALYZE publish_public")
        print(json.dumps({"built_s": 0, "reused": True, "agencies": list(Agency.objects.values_list("pk", flat=True)),
                          "max_item": n_items}))
        return
    rng = random.Random(2026)
    t0 = time.perf_counter()
    prov = Region.objects.create(name="东江省", level="province")
    counties = [Region.objects.create(name=f"第{i}县", level="county", parent=prov) for i in range(50)]
    agencies = Agency.objects.bulk_create([
        Agency(region=counties[i % 50], name=f"第{i % 50}县第{i}局", kind="department", doc_prefix=f"测{i}")
        for i in range(n_agencies)])
    item_cols = ("id", "agency_id", "index_no", "title", "doc_number", "publisher", "written", "topic", "genre", "art20",
                 "openness", "ground", "doc_kind", "validity", "body", "needs_interpretation", "state", "version",
                 "formed", "first_published", "published", "created", "updated")
    public_cols = ("item_id", "agency_id", "index_no", "title", "doc_number", "publisher", "written", "published",
                   "topic", "genre", "art20", "doc_kind", "validity", "body", "version", "attachments", "search")
    start = dt.date(2019, 1, 1)
    now = "2026-06-15 08:00:00+08"
    with connection.cursor() as cur:
        cur.execute("DROP INDEX IF EXISTS public_search_tsv")
        raw = cur.connection
        rows_item, rows_public = [], []

        def flush() -> None:  # one COPY at a time on the connection: the items, then their public rows
            for table, cols, rows in (("publish_item", item_cols, rows_item), ("publish_public", public_cols, rows_public)):
                with raw.cursor() as c2, c2.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                    for r in rows:
                        copy.write_row(r)
                rows.clear()

        for i in range(1, n_items + 1):
            a = agencies[i % n_agencies]
            w1, w2 = rng.sample(WORDS, 2)
            genre = rng.choice(GENRES)
            title = f"{a.name}关于{w1}和{w2}工作的{genre}（第{i}号）"
            docno = f"测{a.pk}发〔{2019 + i % 7}〕{i % 997}号"
            body = (f"各有关单位：为做好{w1}工作，根据有关规定，结合{w2}实际，现将有关事项{genre}如下。"
                    f"一、提高认识，加强{w1}领导。二、突出重点，抓好{w2}落实。三、强化督查，确保取得实效。")
            written = start + dt.timedelta(days=(i * 7919) % 2700)
            published = written + dt.timedelta(days=i % 15)
            index_no = f"{a.pk:06d}/{written.year}-00-{i:07d}"
            topic = rng.choice(TOPICS)
            art20 = str(rng.randint(1, 15))
            rows_item.append((i, a.pk, index_no, title, docno, a.name, written, topic, genre, art20, "active", "",
                              "other", "", body, False, "published", 1, written, published, published, now, now))
            rows_public.append((i, a.pk, index_no, title, docno, a.name, written, published, topic, genre, art20,
                                "other", "", body, 1, "[]", search_text(title, docno, index_no, body)))
            if len(rows_item) >= 20_000:
                flush()
        flush()
        cur.execute("SELECT setval(pg_get_serial_sequence('publish_item', 'id'), %s)", [n_items])
        loaded = time.perf_counter() - t0
        cur.execute("SET maintenance_work_mem = '512MB'")
        cur.execute("CREATE INDEX public_search_tsv ON publish_public USING gin (search_tsv)")
        cur.execute("ANALYZE publish_public")
        cur.execute("ANALYZE publish_item")
    print(json.dumps({"built_s": round(time.perf_counter() - t0, 1), "loaded_s": round(loaded, 1),
                      "agencies": [a.pk for a in agencies], "max_item": n_items}))


def _zipf(rng: random.Random, n: int) -> int:
    """A rank in 1..n with P(r) ∝ 1/r (Zipf's law, s = 1: r = n^u is its continuous inverse)."""
    return min(n, max(1, int((n + 1) ** rng.random())))


QUERIES = [*WORDS, *(f"{a} {b}" for a in WORDS for b in WORDS if a < b)]
random.Random(7).shuffle(QUERIES)  # which searches are the popular ones: fixed, arbitrary


def paths(rng: random.Random, info: dict, traffic: str = "readers") -> tuple[str, str]:
    """(kind, path) of one request: a catalogue page, a search or an item page.

    `uniform`: every request a page picked at random among all (items among a million, pages 1–3,
    any filter, any search): almost nothing is asked twice, the worst case for a cache.
    `readers`: as readers of a site ask, by Zipf's law (a few pages are most of the traffic):
    the agencies, the items and the searches each ranked, rank r asked in proportion to 1/r; the
    first page of a list more than the later ones, the plain list more than a filtered one."""
    kind = rng.choices(("catalogue", "search", "item"), weights=(4, 3, 3))[0]
    agencies = info["agencies"][:50]  # the readers' agencies: 50 of them get the traffic
    uniform = traffic == "uniform"
    a = rng.choice(agencies) if uniform else agencies[_zipf(rng, len(agencies)) - 1]
    if kind == "catalogue":
        extras = ["", f"topic={quote(rng.choice(TOPICS))}&", f"art20={rng.randint(1, 15)}&",
                  f"year={rng.randint(2019, 2026)}&"]
        extra = rng.choice(extras) if uniform else rng.choices(extras, weights=(7, 1, 1, 1))[0]
        page = rng.randint(1, 3) if uniform else rng.choices((1, 2, 3), weights=(7, 2, 1))[0]
        return kind, f"/gk/agency/{a}/items/?{extra}page={page}"
    if kind == "search":
        if uniform:
            q = rng.choice(WORDS) if rng.random() < 0.5 else " ".join(rng.sample(WORDS, 2))
        else:
            q = QUERIES[_zipf(rng, len(QUERIES)) - 1]
        scope = f"&agency={a}" if rng.random() < 0.5 else ""
        page = rng.randint(1, 2) if uniform else rng.choices((1, 2), weights=(4, 1))[0]
        return kind, f"/gk/search/?q={quote(q)}{scope}&page={page}"
    n = info["max_item"]
    item = rng.randint(1, n) if uniform else (_zipf(rng, n) * 7919) % n + 1  # popular items spread over the table
    return kind, f"/gk/item/{item}/"


def run(env: dict, args) -> dict:
    child = subprocess.run([sys.executable, __file__, "--prepare", "--items", str(args.items), "--agencies",
                            str(args.agencies)] + (["--reuse"] if args.reuse else []), env=env, capture_output=True,
                           text=True, cwd=ROOT)
    if child.returncode:
        raise SystemExit(f"preparing the data failed:\n{child.stderr[-3000:]}")
    info = json.loads(child.stdout.strip().splitlines()[-1])
    port = _port()
    shape = [opt for name in ("threads", "processes") if getattr(args, name) for opt in (f"--{name}", str(getattr(args, name)))]
    server = subprocess.Popen([sys.executable, "-m", "ogi", "serve", "--port", str(port), "--no-worker", *shape], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, start_new_session=True)
    results: dict[tuple[str, str], list[float]] = {}
    errors: list[str] = []
    try:
        import socket

        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        counted = time.perf_counter() + args.warmup  # requests before this fill the caches, not counted
        stop = counted + args.seconds
        every = [0]  # requests of the whole run, warm-up included (the server's CPU covers them all)

        async def fetch(reader, writer, path: str) -> tuple[int, str]:
            status, fields = await http_get(reader, writer, path)
            return status, fields.get("x-cache", "none")

        async def user(n: int) -> None:
            rng = random.Random(n)
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            try:
                while time.perf_counter() < stop:
                    kind, path = paths(rng, info, args.traffic)
                    t = time.perf_counter()
                    try:
                        status, cache = await asyncio.wait_for(fetch(reader, writer, path), 30)
                    except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as err:
                        errors.append(f"{path} {err!r}")
                        writer.close()
                        reader, writer = await asyncio.open_connection("127.0.0.1", port)
                        continue
                    ms = (time.perf_counter() - t) * 1000
                    every[0] += 1
                    if t < counted:
                        continue
                    if status not in (200, 404):  # an item id with no public row is a 404
                        errors.append(f"{path} {status}")
                    else:
                        results.setdefault((kind, cache), []).append(ms)
            finally:
                writer.close()

        async def users() -> None:
            await asyncio.gather(*(user(n) for n in range(args.users)))

        cpu0 = _tree_cpu(server.pid)
        t0 = time.perf_counter()
        asyncio.run(users())
        elapsed = time.perf_counter() - t0 - args.warmup
        cpu = _tree_cpu(server.pid) - cpu0
    finally:
        import signal

        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    return {"info": info, "results": results, "errors": errors, "elapsed": elapsed, "cpu": cpu, "every": every[0]}


def _p(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return round(xs[max(0, int(len(xs) * q) - 1)], 1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=1_000_000)
    ap.add_argument("--agencies", type=int, default=500)
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--warmup", type=float, default=15, help="seconds of requests before the measured ones")
    ap.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/ogi_bench_portal")
    ap.add_argument("--reuse", action="store_true", help="keep a database already built with the same numbers")
    ap.add_argument("--threads", type=int, help="threads per server process (default: ogi serve's)")
    ap.add_argument("--processes", type=int, help="server processes (default: ogi serve's)")
    ap.add_argument("--traffic", choices=("readers", "uniform"), default="readers",
                    help="which pages are asked (see `paths`): as readers ask (Zipf), or all alike")
    ap.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.prepare:
        prepare(args.items, args.agencies, args.reuse)
        return 0
    import psycopg

    head, _, name = args.postgres.rpartition("/")
    if not args.reuse:
        with psycopg.connect(f"{head}/postgres", autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    base = {k: v for k, v in os.environ.items() if not k.startswith(("OGI_", "DJANGO_"))}
    env = {**base, "OGI_SECRET_KEY": "bench", "OGI_DATA": tempfile.mkdtemp(prefix="ogi-portal-bench-"),
           "OGI_DATABASE_URL": args.postgres, "OGI_TIME_ZONE": "Asia/Shanghai"}
    r = run(env, args)
    info, res = r["info"], r["results"]
    total = sum(len(xs) for xs in res.values())
    print(f"{args.items:,} published items, {args.agencies} agencies, PostgreSQL; {args.users} concurrent users for "
          f"{r['elapsed']:.1f} s after {args.warmup:.0f} s of warm-up, {args.traffic} traffic; data built in {info['built_s']} s{' (reused)' if info.get('reused') else ''}")
    print(f"{total} requests = {total / r['elapsed']:.1f} req/s; errors {len(r['errors'])}"
          f"{' ' + str(r['errors'][:3]) if r['errors'] else ''}; server CPU {r['cpu'] * 1000 / max(r['every'], 1):.1f} ms "
          f"per request; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    ok = not r["errors"]
    hits = sum(len(xs) for (_, cache), xs in res.items() if cache == "hit")
    print(f"  served from the page cache: {hits} of {total} ({100 * hits / max(total, 1):.0f}%)")
    for kind in ("catalogue", "item", "search"):
        for cache in ("hit", "miss"):
            xs = res.get((kind, cache), [])
            if xs:
                print(f"  {kind:<10} {cache:<5} n={len(xs):<6} p50 {statistics.median(xs):.1f} ms  p95 {_p(xs, 0.95)} ms")
    cached = res.get(("catalogue", "hit"), []) + res.get(("item", "hit"), [])
    search = res.get(("search", "hit"), []) + res.get(("search", "miss"), [])
    search_miss = res.get(("search", "miss"), [])
    for label, xs, target in (("cached pages", cached, TARGETS_MS["cached"]), ("search (all)", search, TARGETS_MS["search"]),
                              ("search (uncached)", search_miss, TARGETS_MS["search"])):
        if xs:
            p95 = _p(xs, 0.95)
            met = p95 < target
            ok = ok and met
            print(f"  {label:<18} p95 {p95} ms (target < {target:.0f} ms: {'met' if met else 'NOT met'})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
