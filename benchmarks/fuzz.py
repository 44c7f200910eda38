"""Mutation fuzzing of every reader and the OGI JSON contract, for N minutes.

    python benchmarks/fuzz.py --minutes 30 [--seed 1] [--crashes DIR]

Seeds in every form (text, Markdown, HTML, DOCX, PDF, PNG, OGI JSON: `ogi.fuzzing.seeds`) are
mutated (`ogi.fuzzing.mutate`) and each input runs through `ogi parse`'s path in a forked worker
under the document limits (`ogi.guard`, timeout 10 s). Printed: inputs tried (per form), crashes
(an exception other than a refusal: `internal.*`, or a worker that died), distinct crashes, slow
inputs (> 2 s), inputs over 10 s, the slowest input, peak memory of one worker (its resident
memory, from `wait4`). On a shared machine wall time counts the neighbours' load too, so each
worker's CPU time is given beside it (inputs over 10 s of CPU; the input that took the most), and
the load average. Crash inputs are saved to `--crashes` so that each becomes a regression test
(inputs that timed out too, as slow-*.bin). Exit status 1 when any crash was found.

Coverage-guided (optional): `--atheris` hands the same seeds to atheris (libFuzzer for Python;
`pip install atheris`), which mutates towards inputs that reach new lines of OGI's Python code.
Its feedback needs each input to run in this process, so there is no forked worker: libFuzzer's
own `-timeout` and `-rss_limit_mb` stop a hang or a memory bomb, and the run ends at the first
crash, time-out or memory blow-up, whose input it saves under `--crashes` (crash-*, timeout-*,
oom-*), with the Python traceback — the fuzzer's finding, never what a user sees. The inputs it
found interesting are kept in `--crashes`/atheris-corpus for the next run.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ogi.errors import OgiError  # noqa: E402
from ogi.fuzzing import mutate, run_one, seeds  # noqa: E402
from ogi.guard import Usage, isolated  # noqa: E402
from ogi.read import Limits, env_limits  # noqa: E402

SLOW_S = 2.0


def is_crash(code: str) -> bool:
    return code.startswith("internal.") or code == "read.crashed"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--crashes", type=Path, default=Path("fuzz-crashes"))
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--atheris", action="store_true", help="coverage-guided, in this process (see above)")
    args = ap.parse_args(argv)
    if args.atheris:
        return coverage_guided(args)
    limits = replace(env_limits(), timeout_s=args.timeout)
    rng = random.Random(args.seed)
    corpus = seeds()
    forms = sorted(corpus)
    pool = list(corpus.values())
    tried: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    crashes: dict[str, tuple[str, str, bytes]] = {}
    crash_count = slow = over = over_cpu = 0
    slowest = slowest_cpu = peak = 0.0
    slowest_form = slowest_cpu_form = ""
    load0 = os.getloadavg()[0]
    end = time.monotonic() + args.minutes * 60
    while time.monotonic() < end:
        form = forms[tried.total() % len(forms)]
        data = mutate(corpus[form], rng, pool)
        if rng.random() < 0.1:
            data = mutate(data, rng, pool)  # deeper
        usage = Usage()
        try:
            code = isolated(run_one, data, f"fuzz.{form}", limits, limits=limits, usage=usage)
        except OgiError as e:
            code = e.code
            detail = e.en
        else:
            detail = ""
        dt = usage.wall_s
        tried[form] += 1
        codes[code] += 1
        if dt > slowest:
            slowest, slowest_form = dt, form
        if usage.cpu_s > slowest_cpu:
            slowest_cpu, slowest_cpu_form = usage.cpu_s, form
        peak = max(peak, usage.peak_mb)
        slow += dt > SLOW_S
        over += code == "read.timeout" or dt > args.timeout
        over_cpu += usage.cpu_s > args.timeout
        if code == "read.timeout":
            args.crashes.mkdir(parents=True, exist_ok=True)
            (args.crashes / f"slow-{form}-{hashlib.sha1(data).hexdigest()[:12]}.bin").write_bytes(data)
        if is_crash(code):
            crash_count += 1
            key = f"{code}: {detail[:120]}"
            if key not in crashes:
                crashes[key] = (form, code, data)
                args.crashes.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha1(data).hexdigest()[:12]
                (args.crashes / f"{form}-{code}-{digest}.bin").write_bytes(data)
                print(f"crash {len(crashes)}: [{form}] {key}", flush=True)
    total = tried.total()
    print(f"minutes {args.minutes:g}, inputs tried {total} ({', '.join(f'{f} {tried[f]}' for f in forms)})")
    print(f"crashes (tracebacks) {crash_count} (distinct {len(crashes)}); slow inputs (> {SLOW_S:g} s) {slow}; "
          f"over {args.timeout:g} s {over} (over {args.timeout:g} s of CPU {over_cpu}); "
          f"slowest {slowest:.2f} s ({slowest_form}); most CPU {slowest_cpu:.2f} s ({slowest_cpu_form}); "
          f"peak memory of one worker {peak:.0f} MB")
    print(f"load average of the machine (2 cores) {load0:.1f} at the start, {os.getloadavg()[0]:.1f} at the end")
    print("outcomes: " + ", ".join(f"{c} {n}" for c, n in codes.most_common()))
    return 1 if crashes else 0


def coverage_guided(args: argparse.Namespace) -> int:
    """atheris over the seeds of every form; returns only when atheris cannot start (libFuzzer
    ends the process itself, exit status 0 when the time ran out with no finding)."""
    try:
        import atheris
    except ImportError:
        print("--atheris 需要 atheris：pip install atheris / --atheris needs atheris: pip install atheris",
              file=sys.stderr)
        return 2
    limits: Limits = replace(env_limits(), timeout_s=args.timeout)
    corpus_dir = args.crashes / "atheris-corpus"
    corpus_dir.mkdir(parents=True, exist_ok=True)
    for form, data in seeds().items():
        (corpus_dir / f"seed-{form}").write_bytes(data)
    # every reader loaded now, so that its code is instrumented for coverage
    import ogi.extract  # noqa: F401
    import ogi.read.docx  # noqa: F401
    import ogi.read.html  # noqa: F401
    import ogi.read.pdf  # noqa: F401
    import ogi.validate  # noqa: F401

    try:
        import ogi.read.scan  # noqa: F401
    except ImportError:
        pass
    atheris.instrument_all()

    def one(data: bytes) -> None:
        run_one(data, "fuzz", limits)  # a refusal returns its code; anything else is a finding

    atheris.Setup([sys.argv[0], str(corpus_dir), f"-max_total_time={max(1, int(args.minutes * 60))}",
                   f"-timeout={max(1, int(args.timeout))}", "-rss_limit_mb=1024", "-max_len=262144",
                   f"-artifact_prefix={args.crashes}/", "-print_final_stats=1"], one)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main())
