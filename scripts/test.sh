#!/usr/bin/env bash
# The whole test suite on a fresh machine: creates .venv, installs OGI with every extra and the
# test tools, then runs pytest (slow tests included). Debian packages (LibreOffice, poppler,
# CJK fonts) are installed by .ci/run, or by hand as the README says.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[all,test]'
.venv/bin/ruff check ogi tests benchmarks
exec .venv/bin/python -m pytest -n 2 -q "$@"
