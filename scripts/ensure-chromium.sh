#!/usr/bin/env bash
# Browser tests use Debian's Chromium (never a downloaded browser). Installs it when missing and we can.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Chromium not found at $CHROMIUM: installing Debian's chromium package" >&2
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >&2
  exit 0
fi
echo "Browser tests need Chromium at $CHROMIUM (Debian: sudo apt-get install -y chromium, or set CHROMIUM_PATH)." >&2
exit 1
