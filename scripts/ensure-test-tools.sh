#!/usr/bin/env bash
# Installs what the tests need from Debian when it is missing (`npx playwright install` cannot download
# browsers on these machines): Chromium for the browser tests, and the sqlite3 command-line tool, which
# the lock tests use as "another program" opening the database (db/locks.test.ts). Does nothing when both
# are there.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
packages=()
[ -x "$CHROMIUM" ] || packages+=(chromium)
command -v sqlite3 >/dev/null 2>&1 || packages+=(sqlite3)
if [ ${#packages[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing Debian's ${packages[*]} for the tests (about 40 s)..." >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "Cannot install ${packages[*]}: not root and no sudo. Install with: apt-get install -y ${packages[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${packages[@]}" >/dev/null
"$CHROMIUM" --version >&2
