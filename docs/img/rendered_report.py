"""Regenerate rendered_report.png: page 1 of a gold report rendered to PDF by `ogi render`.

    .venv/bin/python docs/img/rendered_report.py   (needs LibreOffice and pdftoppm)
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from ogi.model import AnnualReport  # noqa: E402
from ogi.render import render  # noqa: E402

GOLD = ROOT.parent / "shared" / "gold" / "002_2db193ee677bda1d.json"

report = AnnualReport.from_json(json.loads(GOLD.read_text(encoding="utf-8")))
with tempfile.TemporaryDirectory() as tmp:
    pdf = Path(tmp) / "report.pdf"
    pdf.write_bytes(render([report], "pdf"))
    subprocess.run(["pdftoppm", "-r", "110", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(HERE / "rendered_report")], check=True)
print(HERE / "rendered_report.png")
