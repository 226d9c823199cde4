#!/usr/bin/env bash
# Installs the Debian tools the tests need when they are missing: Chromium for browser tests (never a
# downloaded browser), LibreOffice Writer (soffice: DOCX -> PDF) and poppler-utils (pdftotext) for
# checking exported documents. Runs `apt-get update` and installs only what is missing; does nothing
# when everything is there. Usage: ensure-tools.sh [chromium] [soffice] [pdftotext] (default: all).
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(chromium soffice pdftotext)

missing=()
for tool in "${wanted[@]}"; do
  case "$tool" in
    chromium) [ -x "$CHROMIUM" ] || missing+=(chromium) ;;
    soffice) command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui) ;;
    pdftotext) command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils) ;;
    *) echo "ensure-tools: unknown tool '$tool' (chromium, soffice, pdftotext)" >&2; exit 2 ;;
  esac
done
[ ${#missing[@]} -gt 0 ] || exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing missing Debian packages for the tests: ${missing[*]}" >&2
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2
  exit 0
fi
echo "The tests need these Debian packages: ${missing[*]} (sudo apt-get install -y ${missing[*]};" >&2
echo "Chromium may also be given with CHROMIUM_PATH)." >&2
exit 1
