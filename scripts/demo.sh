#!/usr/bin/env bash
# The main job on a fresh Debian machine: install OGI and start the workbench (依申请公开 desk) on
# SQLite with a demo region — a county government and its departments, a user for every role and a
# year of applications in every state and outcome. Prints the address and the demo logins.
# (The parse/check demo of earlier versions is now in the README: `ogi parse`, `ogi check`.)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
# PDFs of the notices need LibreOffice and CJK fonts (Debian packages); installed when we are root.
if ! command -v soffice >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq libreoffice-writer-nogui fonts-noto-cjk >/dev/null
fi
if [ ! -x .venv/bin/ogi ] || ! .venv/bin/python -c 'import django, waitress' 2>/dev/null; then
    "$PYTHON" -m venv .venv
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e '.[all]'
fi
exec .venv/bin/ogi serve --demo --data "${OGI_DATA:-.ogi-demo}" --host "${OGI_HOST:-127.0.0.1}" --port "${OGI_PORT:-8000}"
