#!/usr/bin/env bash
# Debian packages OGI's test suite and demo need, installed only when missing (idempotent):
# LibreOffice (DOC/WPS → DOCX, DOCX → PDF), poppler (PDF → PNG, pdftotext), CJK fonts (rendering,
# generated PDFs and scans), pandoc and Tesseract with its Chinese data (the real-world converter
# corpus), Chromium (browser tests).
set -euo pipefail
PACKAGES=(python3-venv libreoffice-writer-nogui poppler-utils fonts-noto-cjk fonts-noto-core pandoc chromium
          tesseract-ocr tesseract-ocr-chi-sim)
command -v dpkg-query >/dev/null 2>&1 || { echo "system-packages: not a Debian system; install ${PACKAGES[*]} by hand" >&2; exit 0; }
missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "system-packages: missing ${missing[*]}; run as root" >&2; exit 1; }
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
