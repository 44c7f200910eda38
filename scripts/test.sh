#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs the Debian packages the tests need (when
# missing), creates .venv, installs OGI with every extra and the test tools, then runs ruff, mypy
# (strict on every library layer), the layer contracts (import-linter) and pytest (slow tests included): everything on SQLite, then the workbench's
# tests again on the PostgreSQL server at 127.0.0.1:5432 (started here when installed, not running).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[all,test,realworld]'
.venv/bin/ruff check ogi tests benchmarks
# The workbench's types (pyproject.toml [tool.mypy], django-stubs): the plugin imports the settings.
MYPY_DATA="$(mktemp -d)"
OGI_DATA="$MYPY_DATA" OGI_SECRET_KEY=mypy .venv/bin/mypy
rm -rf "$MYPY_DATA"
# The layers of DESIGN.md (pyproject.toml [tool.importlinter]).
.venv/bin/lint-imports --no-cache
.venv/bin/python -m pytest -n 2 -q "$@"

# The workbench on PostgreSQL (DESIGN.md: SQLite by default, PostgreSQL by OGI_DATABASE_URL).
PG_URL="${OGI_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ogi_test}"
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && command -v pg_ctlcluster >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
fi
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    OGI_TEST_DATABASE_URL="$PG_URL" .venv/bin/python -m pytest -n 2 -q tests/server
elif [ -n "${CI:-}" ]; then
    echo "PostgreSQL is not running on 127.0.0.1:5432: the workbench's PostgreSQL tests cannot run" >&2
    exit 1
else
    echo "PostgreSQL not running on 127.0.0.1:5432: the workbench's PostgreSQL run is skipped" >&2
fi
