#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs the Debian packages the tests need (when
# missing), creates .venv, installs OGI with every extra and the test tools, then runs ruff and
# pytest (slow tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[all,test]'
.venv/bin/ruff check ogi tests benchmarks
exec .venv/bin/python -m pytest -n 2 -q "$@"
