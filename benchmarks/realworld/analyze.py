"""Where the failures are, from the benchmark's --details file.

    .venv/bin/python -m benchmarks.realworld.analyze DETAILS.jsonl [--converter NAME] [--examples 3]

Per converter: wrong-unflagged / flagged / missing cells by table and row, by deviation of the
document (blank cells, （六） as one row, planted error, tables across pages…), the undeserved
findings by rule, the other errors, the extractor notes, and the metadata misread (with
examples), so that a failure family can be found and then looked at in the converter's output.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path


def _row(cell: str) -> str:
    parts = cell.split(".")
    if parts[0] in ("review", "suit_direct", "suit_after_review"):
        return "appeal"
    return ".".join(parts[:-1])


def analyze(rows: list[dict], examples: int = 3) -> str:
    out = []
    by_conv: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_conv[r["converter"]].append(r)
    for conv, docs in by_conv.items():
        out.append(f"== {conv}: {len(docs)} docs, {sum(d['all_right'] for d in docs)} all right, "
                   f"{sum(1 for d in docs if d['error'])} failed")
        errs = Counter((d["error"] or "")[:90] for d in docs if d["error"])
        for e, n in errs.most_common(3):
            out.append(f"   error x{n}: {e}")
        wrong_rows = Counter()
        flagged_rows = Counter()
        missing_rows = Counter()
        for d in docs:
            for w in d["wrong"]:
                (flagged_rows if w["uncertain"] else wrong_rows)[_row(w["cell"])] += 1
            for c in d["missing_cells"]:
                missing_rows[_row(c)] += 1
        for title, counter in (("wrong unflagged", wrong_rows), ("wrong flagged", flagged_rows),
                               ("missing", missing_rows)):
            if counter:
                out.append(f"   {title} by row: " + ", ".join(f"{k} {v}" for k, v in counter.most_common(8)))
        dev = defaultdict(lambda: [0, 0, 0])
        for d in docs:
            tags = set(d["deviations"]) or {"none"}
            across = {f"{t}_across_pages(pdf)" for t in d.get("across_pages", ())}
            for t in tags | across:
                dev[t][0] += 1
                dev[t][1] += d["all_right"]
                dev[t][2] += d["wrong_unflagged"]
        out.append("   by deviation (docs, all right, wrong unflagged): " +
                   ", ".join(f"{k} {v[0]}/{v[1]}/{v[2]}" for k, v in sorted(dev.items())))
        und = Counter(u.get("equation") or u["rule"] for d in docs for u in d["undeserved"])
        if und:
            out.append("   undeserved: " + ", ".join(f"{k} {v}" for k, v in und.most_common(8)))
        other = Counter(o["rule"] for d in docs for o in d["other_errors"])
        if other:
            out.append("   other errors: " + ", ".join(f"{k} {v}" for k, v in other.most_common(8)))
        notes = Counter(n for d in docs for n in set(d["notes"]))
        if notes:
            out.append("   notes (docs): " + ", ".join(f"{k} {v}" for k, v in notes.most_common(8)))
        planted = [d for d in docs if d["planted"]]
        if planted:
            out.append(f"   planted found {sum(d['planted_found'] for d in planted)}/{len(planted)}")
        for key in ("agency", "published", "template"):
            bad = [d for d in docs if not d["error"] and d["meta"] and d["meta"][key][0] != d["meta"][key][1]]
            if bad:
                ex = "; ".join(f"{d['doc']} {d['meta'][key][0]!r}→{d['meta'][key][1]!r}" for d in bad[:examples])
                out.append(f"   {key} wrong in {len(bad)}: {ex}")
        worst = sorted((d for d in docs if d["wrong"]), key=lambda d: -d["wrong_unflagged"])[:examples]
        for d in worst:
            ws = ", ".join(f"{w['cell']} {w['gold']}→{w['read']}{'?' if w['uncertain'] else ''}" for w in d["wrong"][:5])
            out.append(f"   e.g. {d['doc']} ({d['wrong_unflagged']} wrong): {ws}")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("details", type=Path)
    ap.add_argument("--converter", default="")
    ap.add_argument("--examples", type=int, default=3)
    a = ap.parse_args()
    rows = [json.loads(line) for line in a.details.read_text(encoding="utf-8").splitlines()]
    if a.converter:
        rows = [r for r in rows if r["converter"] in a.converter.split(",")]
    print(analyze(rows, a.examples))


if __name__ == "__main__":
    main()
