#!/usr/bin/env bash
# The main job on the embedded default: parse, show and check the sample report OGI ships.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/ogi ]; then
    "$PYTHON" -m venv .venv
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e '.[all]'
fi
.venv/bin/ogi parse --format table examples/sample_report.txt
.venv/bin/ogi check examples/sample_report.txt
