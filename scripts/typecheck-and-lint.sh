#!/usr/bin/env bash
# `npm run typecheck` and `npm run lint` side by side (each uses one core; `npm test` has two): fails when either fails.
set -uo pipefail
npm run --silent typecheck &
typecheck=$!
npm run --silent lint
lint=$?
wait "$typecheck"
typecheck_status=$?
[ "$typecheck_status" -eq 0 ] && [ "$lint" -eq 0 ]
