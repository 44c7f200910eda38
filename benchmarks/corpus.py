"""A corpus of generated text reports (ogi.synth): both formats, every text layout, varied values.

    python benchmarks/corpus.py OUT_DIR [N]

Shared by the benchmarks; files are named NNNNNN_<format>_<layout>.txt and written once.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ogi.synth import LAYOUTS, random_report, render_text  # noqa: E402


def make_corpus(out: Path, n: int) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    layouts = sorted(LAYOUTS)
    paths = []
    for i in range(n):
        fmt = "2019" if i % 3 == 0 else "2021"
        layout = layouts[i % len(layouts)]
        path = out / f"{i:06d}_{fmt}_{layout}.txt"
        if not path.exists():
            report = random_report(fmt, seed=i, busy=0.2 + (i % 5) / 10)
            path.write_text(render_text(report, layout, seed=i), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    target = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    print(f"{len(make_corpus(target, count))} reports in {target}")
