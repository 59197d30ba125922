#!/usr/bin/env bash
# Installs what the tests need from Debian when it is missing (`npx playwright install` cannot download
# browsers on these machines): Chromium's headless shell for the browser tests and the PDF report (package
# chromium-headless-shell: half the CPU of the desktop build; lib/export/chromium-path.ts), the sqlite3
# command-line tool, which the lock tests use as "another program" opening the database (db/locks.test.ts),
# and PostgreSQL (15 or newer) for the `*.pg.test.ts` tier, started per run by lib/testing/test-postgres.ts.
# Does nothing when all are there.
# With arguments (`chromium`, `sqlite3`, `postgresql`) it looks after those only.
set -euo pipefail
# CHROMIUM_PATH set: that browser is used and must exist; not set: the headless shell is installed when missing.
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium-headless-shell}"
wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(chromium sqlite3 postgresql)
has_postgresql() {
  local bin
  for bin in /usr/lib/postgresql/*/bin; do
    local major="${bin#/usr/lib/postgresql/}"; major="${major%/bin}"
    if [[ "$major" =~ ^[0-9]+$ ]] && [ "$major" -ge 15 ] && [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ]; then return 0; fi
  done
  return 1
}
packages=()
want_shell=false
for tool in "${wanted[@]}"; do
  case "$tool" in
    chromium)
      if [ -n "${CHROMIUM_PATH:-}" ] && [ ! -x "$CHROMIUM" ]; then
        echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable. Unset it to use Debian's chromium-headless-shell." >&2
        exit 1
      fi
      [ -x "$CHROMIUM" ] || want_shell=true ;;
    sqlite3) command -v sqlite3 >/dev/null 2>&1 || packages+=(sqlite3) ;;
    postgresql) has_postgresql || packages+=(postgresql) ;;
    *) echo "ensure-test-tools.sh: unknown tool $tool (chromium, sqlite3, postgresql)" >&2; exit 2 ;;
  esac
done
if [ ${#packages[@]} -eq 0 ] && ! $want_shell; then
  exit 0
fi
if $want_shell; then packages_shown=("${packages[@]}" chromium-headless-shell); else packages_shown=("${packages[@]}"); fi
echo "Installing Debian's ${packages_shown[*]} for the tests (about 40 s)..." >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "Cannot install ${packages_shown[*]}: not root and no sudo. Install with: apt-get install -y ${packages_shown[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
if [ ${#packages[@]} -gt 0 ]; then $SUDO apt-get install -y -qq "${packages[@]}" >/dev/null; fi
if $want_shell; then
  # The headless shell where the package exists; else Debian's desktop Chromium (slower, the same results).
  if $SUDO apt-get install -y -qq chromium-headless-shell >/dev/null; then
    "$CHROMIUM" --version >&2
  elif [ -x /usr/bin/chromium ]; then
    echo "chromium-headless-shell could not be installed: the browser tests use /usr/bin/chromium (about twice the CPU)." >&2
  else
    echo "chromium-headless-shell could not be installed: installing Debian's chromium instead." >&2
    $SUDO apt-get install -y -qq chromium >/dev/null
    /usr/bin/chromium --version >&2
  fi
fi
if [[ " ${packages[*]} " == *" postgresql "* ]]; then
  # Debian's package starts a cluster of its own on port 5432; the tests start their own servers, so stop it.
  $SUDO service postgresql stop >/dev/null 2>&1 || true
  has_postgresql || { echo "postgresql installed, but no PostgreSQL 15+ in /usr/lib/postgresql" >&2; exit 1; }
fi
