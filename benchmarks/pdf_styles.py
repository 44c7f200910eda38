"""Text PDFs whose tables are drawn in the styles real reports use, with blank cells: cells right,
wrong without a flag, flagged and unread, per style.

    .venv/bin/python benchmarks/pdf_styles.py [--reports 12] [--blanks 6]

Each report is one of OGI's generated reports (`ogi.synth`, both formats in turn) with `--blanks`
cells of tables 2 and 3 printed blank, written as a text PDF by tests/read/generate.py in each
style: `grid` (every rule), `shaded` (grey rules, a thick box, shaded headers, a table running
over pages), `open` (a 三线表: rules above and below only, so no grid to find and the rows come
out as lines of text). Exit 1 on any wrong cell without a flag.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ogi import synth  # noqa: E402
from ogi.extract import extract  # noqa: E402
from ogi.read import read_bytes  # noqa: E402
from tests.read.generate import pdf_bytes, spec_of_report  # noqa: E402

STYLES = ("grid", "shaded", "open")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=12)
    ap.add_argument("--blanks", type=int, default=6, help="cells of tables 2 and 3 printed blank in each report")
    args = ap.parse_args()
    totals = {style: [0, 0, 0, 0, 0, 0] for style in STYLES}  # cells, right, wrong unflagged, flagged, unread, all right
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.reports):
            fmt = ("2019", "2021")[n % 2]
            truth = synth.random_report(fmt, n, busy=0.8)
            rng = random.Random(n)
            for c in rng.sample([c for c in truth.cells if c.startswith(("apply.", "active."))], args.blanks):
                truth.set(c, None)
            folder = Path(tmp) / str(n)
            folder.mkdir()
            spec, gold = spec_of_report(truth, folder)
            for style in STYLES:
                cells = extract(read_bytes(pdf_bytes(spec, style), "report.pdf")).cells
                t = totals[style]
                t[0] += len(gold["cells"])
                right = sum(1 for c, v in gold["cells"].items() if c in cells and cells[c].value == v)
                t[1] += right
                t[2] += sum(1 for c, v in gold["cells"].items()
                            if c in cells and cells[c].value != v and not cells[c].uncertain)
                t[3] += sum(1 for c, v in gold["cells"].items() if c in cells and cells[c].value != v and cells[c].uncertain)
                t[4] += sum(1 for c in gold["cells"] if c not in cells)
                t[5] += right == len(gold["cells"])
    print(f"{args.reports} reports, {args.blanks} blank cells each")
    print(f"{'style':8} {'cells right':>20} {'WRONG!':>7} {'flagged':>8} {'unread':>7} {'all right':>10}")
    for style, (cells, right, wrong, flagged, unread, whole) in totals.items():
        print(f"{style:8} {f'{right}/{cells} {100 * right / cells:.1f}%':>20} {wrong:>7} {flagged:>8} {unread:>7} "
              f"{f'{whole}/{args.reports}':>10}")
    return 1 if any(t[2] for t in totals.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
