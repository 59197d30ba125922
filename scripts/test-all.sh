#!/usr/bin/env bash
# `npm test` (and so `.ci/run`): the type check, lint, the unit tests on SQLite and on PostgreSQL, the slow tier,
# the browser tests on SQLite and on PostgreSQL, and every benchmark once at a small size. The machine has two
# cores: steps that each keep one busy run side by side (the type check beside the lint, the production build
# beside the PostgreSQL and slow unit tiers); the output of the one in the background follows its partner's.
set -euo pipefail

# Runs `first` in the background and `second` here; prints `first`'s output after; fails when either fails.
side_by_side() {
  local log status_first status_second
  log=$(mktemp)
  bash -c "$1" > "$log" 2>&1 &
  local first=$!
  set +e
  bash -c "$2"
  status_second=$?
  wait "$first"
  status_first=$?
  set -e
  cat "$log"
  rm -f "$log"
  if [ "$status_first" -ne 0 ]; then echo "failed: $1" >&2; fi
  if [ "$status_second" -ne 0 ]; then echo "failed: $2" >&2; fi
  [ "$status_first" -eq 0 ] && [ "$status_second" -eq 0 ]
}

bash scripts/ensure-test-tools.sh
side_by_side "npm run --silent typecheck" "npm run --silent lint"
npm run test:unit
side_by_side "npx next build" "npm run test:pg && npm run test:slow"
npx playwright test
npm run test:e2e:pg
npm run bench:smoke
