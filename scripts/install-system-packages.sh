#!/usr/bin/env bash
# Debian packages the full test suite needs: Tesseract with Russian and orientation data (OCR of scanned
# copies), poppler-utils (PDF pages to images), Chromium (browser tests), DejaVu fonts
# (Cyrillic in generated PDFs), Redis (the ingest queue for workers on several machines), the PostgreSQL
# client (pg_dump and pg_restore for `nok backup` / `nok restore` on PostgreSQL). Run as root; skips what is already installed.
set -euo pipefail
packages=(tesseract-ocr tesseract-ocr-rus tesseract-ocr-eng tesseract-ocr-osd poppler-utils chromium fonts-dejavu-core redis-server postgresql-client)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
